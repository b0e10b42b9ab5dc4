"""The project-private PostgreSQL helper (portal/devdb.py), without starting a server."""

import pytest

from core import postgres
from portal import devdb


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
