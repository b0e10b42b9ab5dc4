"""The project-private PostgreSQL helper (portal/devdb.py) and the lock of `make run`, without
starting a server."""

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import postgres
from portal import devdb

ROOT = Path(__file__).resolve().parent.parent
PIPES = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}


def test_missing_server_binaries_stop_with_one_line_saying_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    with pytest.raises(SystemExit) as stop:
        devdb.find_bindir()
    assert stop.value.code == 1
    message = capsys.readouterr().err.strip()
    assert len(message.splitlines()) == 1
    assert "apt-get install postgresql" in message


def test_as_root_the_cluster_lives_where_the_postgres_user_can_reach_it(monkeypatch):
    monkeypatch.setattr(devdb.os, "geteuid", lambda: 0)
    folder = devdb.base_dir("run")
    assert str(folder).startswith("/tmp/")
    assert len(str(folder / ".s.PGSQL.5432")) < devdb.SOCKET_PATH_LIMIT


def test_a_long_project_path_moves_the_socket_to_a_short_folder(monkeypatch):
    monkeypatch.setattr(devdb.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(devdb, "PROJECT_DIR", devdb.Path("/home/someone/" + "x" * 120))
    folder = devdb.base_dir("run")
    assert len(str(folder / ".s.PGSQL.5432")) < devdb.SOCKET_PATH_LIMIT


def test_a_short_project_path_keeps_the_cluster_inside_the_project(monkeypatch):
    monkeypatch.setattr(devdb.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(devdb, "PROJECT_DIR", devdb.Path("/home/someone/portal"))
    assert devdb.base_dir("run") == devdb.Path("/home/someone/portal/.local/pg-run")


def test_the_url_carries_the_socket_folder_percent_encoded():
    url = devdb.database_url(devdb.Path("/tmp/portal-x"))
    assert url == "postgres://portal@%2Ftmp%2Fportal-x/portal"


def test_the_lock_outlives_the_command_that_takes_it(tmp_path):
    """`make run` locks the file its shell opened; the server it then becomes keeps the lock."""
    path = tmp_path / "run.lock"
    take = f"exec 9<>{path}; {sys.executable} -m portal.devdb lock 9"
    first = subprocess.Popen(["bash", "-c", f"{take} && echo locked && exec sleep 30"], **PIPES)
    try:
        assert first.stdout.readline().strip() == "locked"
        second = subprocess.run(["bash", "-c", take], **PIPES, check=False)
        assert second.returncode == 1
        assert f"(process {first.pid})" in second.stderr
        assert "another `make run`" in second.stderr
    finally:
        first.kill()
        first.wait()
    assert subprocess.run(["bash", "-c", take], **PIPES, check=False).returncode == 0


def test_a_second_make_run_in_the_same_checkout_stops_and_says_why():
    """Finding 11 of issue 16: two runs migrated the same database at once."""
    path = ROOT / ".local" / "run.lock"
    path.parent.mkdir(exist_ok=True)
    with open(path, "a+") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pytest.skip("a make run is serving from this checkout")
        held.truncate(0)
        held.write("4242\n")
        held.flush()
        # A database nobody can reach: were the lock not checked first, migrate would fail.
        env = {**os.environ, "DATABASE_URL": "postgres://nobody@%2Fnonexistent/none"}
        result = subprocess.run(
            ["make", "-s", "run", "PORT=8799"], cwd=ROOT, env=env, **PIPES, timeout=120
        )
    assert result.returncode != 0
    assert "another `make run`, `make dev` or `make demo` is running" in result.stderr
    assert "(process 4242)" in result.stderr
