"""The real server: gunicorn started with gunicorn.conf.py, as `make run` and the image
start it, against a real PostgreSQL. Marked `slow` (each test starts gunicorn, some wait for
seconds on purpose): `make test PYTEST_ARGS="-m slow"` runs them alone."""

import os
import socket
import threading
import time

import pytest

from tests.servers import Server

pytestmark = pytest.mark.slow


@pytest.fixture
def server():
    server = Server(os.environ["DATABASE_URL"])
    server.wait_until_healthy()
    yield server
    server.stop()


class SlowClient:
    """Sends a request's headers one line at a time, a few seconds apart, and never ends them."""

    def __init__(self, port, interval):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        self.interval = interval
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        number = 0
        while not self.stopped.wait(self.interval):
            number += 1
            try:
                self.sock.sendall(f"X-Slow-{number}: {'x' * 10}\r\n".encode())
            except OSError:
                return

    def close(self):
        self.stopped.set()
        self.sock.close()


def test_slow_clients_do_not_stall_the_site(server):
    """Finding 3: three clients trickling headers held all three sync workers for 32 s."""
    slow = [SlowClient(server.port, interval=2) for _ in range(10)]
    try:
        time.sleep(3)  # every slow client has sent a first line and a header or two
        timings = []
        for _ in range(10):  # new connections, spread over the workers by the kernel
            status, seconds, _headers = server.get("/healthz", timeout=5)
            timings.append((status, round(seconds, 3)))
        print(f"\nten slow clients: /healthz in at most {max(s for _, s in timings):.3f} s")
        assert all(status == 200 for status, _ in timings), timings
        assert max(seconds for _, seconds in timings) < 1, timings
    finally:
        for client in slow:
            client.close()


def test_the_server_does_not_name_itself_and_answers_head_on_healthz(server):
    status, _seconds, headers = server.get("/healthz", method="HEAD")
    assert status == 200
    assert "Server" not in headers
