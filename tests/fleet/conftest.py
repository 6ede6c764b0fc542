"""Fixtures for the fleet tests: a real RabbitMQ broker and generated archives."""

import os

import pytest

from pagealloc.tests.fleet.archives import make_archives
from pagealloc.tests.fleet.rabbitmq import RabbitMQBroker, find_rabbitmq_server

REQUIRE_SERVICES = os.environ.get("PAGEALLOC_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def rabbitmq(tmp_path_factory):
    """A private broker for the whole session (restart it with ``.restart()``)."""
    server = find_rabbitmq_server()
    if server is None:
        message = "rabbitmq-server is not installed (Debian: apt-get install rabbitmq-server)"
        if REQUIRE_SERVICES:
            pytest.fail(message + " and PAGEALLOC_REQUIRE_SERVICES=1")
        pytest.skip(message)
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
