"""gunicorn started as `make run` and the image start it (gunicorn.conf.py), for the
tests that need the real server: tests/test_server.py, tests/test_outage.py."""

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"


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
            # gunicorn's and the app's log lines, JSON on stdout (gunicorn.conf.py, portal/logs.py)
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log = []
        self.port = self._read_port()
        threading.Thread(target=self._drain, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}"

    def _read_port(self):
        deadline = time.monotonic() + 30
        for line in self.process.stdout:
            self.log.append(line)
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
            if found:
                return int(found.group(1))
            if time.monotonic() > deadline:
                break
        self.stop()
        pytest.fail("gunicorn did not start:\n" + "".join(self.log))

    def _drain(self):
        for line in self.process.stdout:
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
