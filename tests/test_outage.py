"""Finding 4 of issue 16: while the database is down pages answer 503 at once, and the first
request after it is back is served (portal/db/)."""

import hashlib
import os
import threading
import time

import pytest
from django.db import connection

from portal import devdb
from tests.servers import Server


@pytest.fixture
def unreachable_database():
    """Point the connection at a socket folder where no server listens; `back()` undoes it."""
    connection.close()
    if connection.pool is not None:
        connection.close_pool()
    saved = connection.settings_dict["HOST"]
    connection.settings_dict["HOST"] = "/nonexistent-socket-dir"

    def back():
        connection.settings_dict["HOST"] = saved

    yield back
    connection.close()
    back()


@pytest.mark.django_db(transaction=True)
def test_after_a_failure_pages_fail_at_once_then_the_next_try_succeeds(
    client, settings, unreachable_database
):
    settings.DATABASE_CIRCUIT_SECONDS = 1
    start = time.monotonic()
    assert client.get("/healthz").status_code == 503  # tried, and failed
    assert time.monotonic() - start < 1

    unreachable_database()  # the server is back, but the circuit is open: nobody tries
    start = time.monotonic()
    assert client.get("/healthz").status_code == 503
    response = client.get("/about/")
    assert response.status_code == 503
    assert "Сайт тимчасово недоступний" in response.content.decode()
    assert time.monotonic() - start < 0.3  # both together, sooner than the pool's 0.5 s wait

    time.sleep(1)  # the circuit's time is up: the next request tries and closes it
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz").status_code == 200


class Load:
    """Threads that ask for /healthz again and again, recording (start, end, status)."""

    def __init__(self, server, threads=4):
        self.server = server
        self.results = []
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]
        for thread in self.threads:
            thread.start()

    def _run(self):
        while not self.stopped.is_set():
            start = time.monotonic()
            status, seconds, _headers = self.server.get("/healthz", timeout=15)
            self.results.append((start, start + seconds, status))
            time.sleep(0.05)

    def stop(self):
        self.stopped.set()
        for thread in self.threads:
            thread.join()


@pytest.mark.slow
def test_a_database_outage_holds_no_request_and_ends_as_soon_as_the_database_is_back():
    """A real PostgreSQL of its own, stopped for 8 s under a steady load of requests.

    Before: each request waited 5 s for the pool during the outage, and requests kept
    failing for up to 41 s after the database was back (the pool's retry delays)."""
    digest = hashlib.sha256(f"outage{os.getpid()}".encode()).hexdigest()[:8]
    cluster = devdb.Cluster("test", path=devdb.base_dir(f"test-{digest}"), throwaway=True)
    cluster.start()
    server = None
    try:
        server = Server(cluster.url)
        server.wait_until_healthy()
        load = Load(server)
        time.sleep(2)
        cluster.stop()
        down = time.monotonic()
        time.sleep(8)
        cluster.start()
        back = time.monotonic()
        time.sleep(4)
        load.stop()
    finally:
        if server is not None:
            server.stop()
        cluster.stop()
        devdb.shutil.rmtree(cluster.dir, ignore_errors=True)

    during = [(end - start, status) for start, end, status in load.results if down < start < back]
    longest = max(seconds for seconds, _ in during)
    failures = [end for _, end, status in load.results if status != 200]
    last_failure = max(failures) - back
    print(
        f"\n{len(load.results)} requests, {len(during)} during the outage, the longest "
        f"{longest:.3f} s; the last failure {last_failure:.3f} s after the database was back"
    )
    assert longest < 1
    # the friendly 503, never a hang-up or a 500
    assert {status for _, status in during} <= {200, 503}
    assert 503 in {status for _, status in during}
    assert last_failure < 2


@pytest.mark.django_db(transaction=True)
def test_the_first_request_after_a_restart_is_served_at_once(client):
    """Every idle pooled connection is broken after a restart; the pool's own check waited a
    growing delay after each (one request took 4.9 s). They are discarded together."""
    import psycopg

    assert client.get("/healthz").status_code == 200
    connection.close()
    pool = connection.pool
    idle = [pool.getconn() for _ in range(4)]
    for pooled in idle:
        pool.putconn(pooled)
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(key, None)
    with psycopg.connect(**params, autocommit=True) as admin:  # what a restart does to them
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    start = time.monotonic()
    assert client.get("/healthz").status_code == 200
    assert time.monotonic() - start < 0.5
