"""Fixtures for the fleet tests: a real RabbitMQ broker and generated archives."""

import pytest

from pagealloc.tests.fleet.archives import make_archives
from pagealloc.tests.fleet.rabbitmq import RabbitMQBroker, rabbitmq_server_or_skip


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
