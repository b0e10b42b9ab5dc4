"""The real server: gunicorn started with portal/gunicorn_conf.py, as `make run` and the image
start it, against a real PostgreSQL. Marked `slow` (each test starts gunicorn, some wait for
seconds on purpose): `make test PYTEST_ARGS="-m slow"` runs them alone."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "portal" / "gunicorn_conf.py"

pytestmark = pytest.mark.slow


class Server:
    """gunicorn on a free port of 127.0.0.1, with the project's settings and config."""

    def __init__(self, database_url, **environ):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "server-test",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "false",
            **environ,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "portal.wsgi",
                "--config",
                str(CONFIG),
                "--bind",
                "127.0.0.1:0",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log = []
        self.port = self._read_port()
        threading.Thread(target=self._drain, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}"

    def _read_port(self):
        deadline = time.monotonic() + 30
        for line in self.process.stderr:
            self.log.append(line)
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
            if found:
                return int(found.group(1))
            if time.monotonic() > deadline:
                break
        self.stop()
        pytest.fail("gunicorn did not start:\n" + "".join(self.log))

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line)

    def get(self, path, method="GET", timeout=10):
        """(status, seconds, headers) of one request on a new connection."""
        request = urllib.request.Request(self.url + path, method=method)  # noqa: S310
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                response.read()
                return response.status, time.monotonic() - start, response.headers
        except urllib.error.HTTPError as error:
            return error.code, time.monotonic() - start, error.headers
        except OSError:
            return None, time.monotonic() - start, {}

    def wait_until_healthy(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.get("/healthz", timeout=5)[0] == 200:
                return
            time.sleep(0.2)
        pytest.fail("gunicorn never became healthy:\n" + "".join(self.log))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


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
        assert all(status == 200 for status, _ in timings), timings
        assert max(seconds for _, seconds in timings) < 1, timings
    finally:
        for client in slow:
            client.close()


def test_the_server_does_not_name_itself_and_answers_head_on_healthz(server):
    status, _seconds, headers = server.get("/healthz", method="HEAD")
    assert status == 200
    assert "Server" not in headers
