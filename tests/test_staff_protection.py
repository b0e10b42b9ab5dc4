"""Staff protection (issue 11): idle sessions end, the admin's address comes from the
environment, and passwords go through Django's validators, in Ukrainian."""

import importlib
import io
import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone, translation

import portal.urls

pytestmark = pytest.mark.django_db


def test_a_staff_session_ends_after_the_idle_period_and_each_request_extends_it(staff_client):
    idle = timedelta(minutes=settings.STAFF_SESSION_IDLE_MINUTES)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert staff_client.get("/admin/").status_code == 200
        assert staff_client.session.get_expiry_age() == idle.total_seconds()
    # Working: a request just before the end starts the period again.
    with time_machine.travel(start + idle - timedelta(minutes=1), tick=False):
        assert staff_client.get("/admin/").status_code == 200
    with time_machine.travel(start + 2 * idle - timedelta(minutes=2), tick=False):
        assert staff_client.get("/admin/").status_code == 200
    # Away from the computer for longer than the period: signed out.
    with time_machine.travel(start + 3 * idle, tick=False):
        response = staff_client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_a_visitors_session_keeps_its_own_lifetime_and_is_not_rewritten(client):
    session = client.session
    session["submissions.binding"] = "a-token-binding"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    response = client.get("/")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # not written again
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.fixture
def admin_path():
    """Rebuild the URLconf with another ADMIN_PATH, and back afterwards."""

    def use(path):
        override = override_settings(ADMIN_PATH=path)
        override.enable()
        overrides.append(override)
        importlib.reload(portal.urls)
        clear_url_caches()

    overrides = []
    yield use
    for override in overrides:
        override.disable()
    importlib.reload(portal.urls)
    clear_url_caches()


def test_the_admin_answers_at_the_path_from_the_environment_only(client, admin_path):
    admin_path("office-7f3k/")

    assert reverse("admin:index") == "/office-7f3k/"
    assert client.get("/office-7f3k/").status_code == 302  # to its own login page
    assert client.get("/office-7f3k/login/").status_code == 200
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "office-7f3k" not in robots
    assert "admin" not in robots


def test_the_default_admin_path_is_admin_and_robots_txt_does_not_name_it(client):
    assert reverse("admin:index") == "/admin/"
    assert "admin" not in client.get("/robots.txt").content.decode()


@pytest.mark.parametrize("value", ["", "/", "../x/", "a b/", "admin/<x>/"])
def test_a_bad_admin_path_stops_the_site_from_starting_with_a_clear_error(value):
    environment = {**os.environ, "ADMIN_PATH": value, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ADMIN_PATH must be a relative path" in result.stderr


def test_password_validators_refuse_weak_passwords_in_ukrainian(django_user_model):
    user = django_user_model(username="olena", email="olena@example.org")
    with translation.override("uk"), pytest.raises(ValidationError) as refused:
        validate_password("12345678", user)
    messages = " ".join(refused.value.messages)
    assert "Пароль занадто поширений." in messages
    assert "Цей пароль повністю складається із цифр." in messages
    with translation.override("uk"), pytest.raises(ValidationError) as refused:
        validate_password("olena", user)
    assert "Пароль занадто короткий" in " ".join(refused.value.messages)


def test_the_demo_administrators_generated_password_passes_the_validators(
    settings, tmp_path, django_user_model, client
):
    settings.BASE_DIR = tmp_path
    call_command("ensure_demo_admin", stdout=io.StringIO())

    note = (tmp_path / ".local" / "demo-admin.txt").read_text()
    password = note.split("password: ")[1].strip()
    admin = django_user_model.objects.get(username="admin")
    validate_password(password, admin)  # raises if any validator refuses it
    signed_in = client.post("/admin/login/", {"username": "admin", "password": password})
    assert signed_in.status_code == 302
