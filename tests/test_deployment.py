"""Deployment: production-safe settings (checked in fresh processes, as a deployment starts
them), the container's health probe, and what the image leaves out."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal import healthcheck

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = "postgres://portal@localhost/portal"  # never connected to by these commands
# What a deployment sets; the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no part of one either.
SETTINGS_VARIABLES = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "DATABASE_URL"} | {
    "DJANGO_ALLOW_ASYNC_UNSAFE"
}
# settings.py reads a .env beside manage.py for whatever the environment leaves out
without_dotenv = pytest.mark.skipif((ROOT / ".env").exists(), reason="a local .env is read")


def manage(*args, **env):
    """Run manage.py in a fresh process with only the given settings variables."""
    base = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | {"DATABASE_URL": DATABASE_URL} | env,
        capture_output=True,
        text=True,
        check=False,
    )


@without_dotenv
def test_debug_is_off_unless_asked_for():
    shell = "from django.conf import settings; print(settings.DEBUG)"
    result = manage("shell", "-v0", "-c", shell, SECRET_KEY="x", ALLOWED_HOSTS="example.org")
    assert result.stdout.strip() == "False", result.stderr


@without_dotenv
def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@without_dotenv
def test_allowed_hosts_are_required_when_debug_is_off():
    result = manage("check", SECRET_KEY="x")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@without_dotenv
def test_deployment_checks_pass_behind_tls():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hromady.example.org",
        HTTPS="on",
    )
    output = result.stdout + result.stderr
    assert "System check identified" in output, output  # the checks ran
    issues = [line for line in output.splitlines() if line.startswith("?: (")]
    # HSTS preloading is a separate, hard-to-undo decision for the site's owners.
    assert [line for line in issues if "security.W021" not in line] == []


def test_the_image_leaves_out_everything_git_ignores():
    """`COPY . .` must not bake .env, .local/secret_key or the demo password into the image."""
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()}
    docker_ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {line for line in ignored if line and not line.startswith("#")} <= docker_ignored


@pytest.mark.parametrize(
    ("allowed_hosts", "host"),
    [
        ("hromady.example.org,www.hromady.example.org", "hromady.example.org"),
        (".example.org", "example.org"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_health_probe_names_an_allowed_host(allowed_hosts, host):
    assert healthcheck.probe_host(allowed_hosts) == host


@pytest.mark.django_db(transaction=True)
def test_health_probe_passes_the_host_check_of_a_real_deployment(live_server, settings):
    settings.ALLOWED_HOSTS = ["hromady.example.org"]
    url = live_server.url + "/healthz"
    # A bare request to the container's own address is refused: Bad Request.
    assert healthcheck.main(url, environ={"ALLOWED_HOSTS": "localhost"}) == 1
    assert healthcheck.main(url, environ={"ALLOWED_HOSTS": "hromady.example.org"}) == 0
    allowed = {"ALLOWED_HOSTS": "hromady.example.org"}
    assert healthcheck.main(live_server.url + "/no-such-page/", environ=allowed) == 1


def test_make_manage_runs_a_command_on_the_chosen_database():
    """What `make run` tells the demo administrator to use to change the password."""
    env = {key: value for key, value in os.environ.items() if key not in {"ALLOWED_HOSTS", "DEBUG"}}
    result = subprocess.run(
        ["make", "-s", "manage", "CMD=check --database default"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
