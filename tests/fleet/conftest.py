"""Fixtures for the fleet tests: a real RabbitMQ broker and generated archives."""

import pytest

from tests.fleet.archives import make_archives
from tests.fleet.rabbitmq import RabbitMQBroker, rabbitmq_server_or_skip


@pytest.fixture(scope="session")
def rabbitmq(tmp_path_factory):
    """A private broker for the whole session (restart it with ``.restart()``)."""
    server = rabbitmq_server_or_skip()
    broker = RabbitMQBroker(str(tmp_path_factory.mktemp("rabbitmq")), server)
    broker.start()
    yield broker
    broker.close()


@pytest.fixture(scope="session")
def fleet_archives(tmp_path_factory):
    """50 small sosreport .tar.gz archives with distinct host names."""
    folder = tmp_path_factory.mktemp("archives")
    return make_archives(str(folder), 50)


@pytest.fixture
def queue_prefix(request):
    """Queues of their own for each test (the broker is shared by the session)."""
    return "pagealloc-test-" + request.node.name.replace("[", "-").replace("]", "")


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL server for the whole session (one database per test: ``new_database()``)."""
    from tests.fleet.postgres import PostgresServer, postgres_or_skip

    server = PostgresServer(postgres_or_skip())
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """A fresh history store of each backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite")
    return request.getfixturevalue("postgres_server").new_database()
