"""The database tests' server: one real PostgreSQL with PostGIS for the session (no mock),
started in a temporary folder on a Unix socket and stopped at the end, even after failures."""

import pytest


@pytest.fixture(scope="session")
def postgis():
    """The running PostgisServer (tests/postgis_server.py)."""
    from postgis_server import remove_server, start_server

    server = start_server()
    try:
        yield server
    finally:
        remove_server(server)


@pytest.fixture
def stopped_server(postgis):
    """The session's server taken down for one test, and up again after it."""
    postgis.stop()
    try:
        yield postgis
    finally:
        postgis.start()
