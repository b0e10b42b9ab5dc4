"""The admin login locks after repeated failures (issue 16, finding 9; django-axes)."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-right-password"


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def sign_in(client, username="admin", password=PASSWORD, path="/admin/login/", **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def signed_in(client):
    return client.get("/admin/").status_code == 200


def test_twenty_wrong_passwords_lock_the_login_until_the_cool_off_is_over(client, admin_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        statuses = [sign_in(client, password=f"guess-{n}").status_code for n in range(20)]
        assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * 4  # the form again
        assert set(statuses[settings.AXES_FAILURE_LIMIT :]) == {429}

        refused = sign_in(client)
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "Забагато невдалих спроб входу" in html
        assert "на 15 хвилин" in html
        assert not signed_in(client)

    # Every failure during the lockout restarts the cool-off: it counts from the last one.
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert sign_in(client).status_code == 429
    with time_machine.travel(start + timedelta(minutes=14 + 15, seconds=1), tick=False):
        assert sign_in(client).status_code == 302
        assert signed_in(client)


def test_the_lockout_message_is_in_english_under_en(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong", path="/en/admin/login/")
    response = sign_in(client, path="/en/admin/login/")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "for 15 minutes after the last attempt" in html


def test_a_username_is_locked_whatever_the_address(client, admin_user):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong", REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert sign_in(Client(), REMOTE_ADDR="203.0.113.9").status_code == 429


def test_an_address_trying_many_usernames_is_locked(client, admin_user):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username=f"user{n}", password="wrong", REMOTE_ADDR="198.51.100.1")
    assert sign_in(Client(), REMOTE_ADDR="198.51.100.1").status_code == 429
    other = Client()
    assert sign_in(other, REMOTE_ADDR="203.0.113.9").status_code == 302
    assert signed_in(other)


def test_behind_a_proxy_the_address_is_the_proxys_header(client, admin_user, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username=f"user{n}", password="wrong", HTTP_X_REAL_IP="198.51.100.1")
    # Everyone comes from the proxy's address; only the one that guessed is locked.
    assert sign_in(Client(), HTTP_X_REAL_IP="203.0.113.9").status_code == 302
    assert sign_in(Client(), HTTP_X_REAL_IP="198.51.100.1").status_code == 429


def test_failures_are_counted_in_the_database_shared_by_every_app_server(client, admin_user):
    for _ in range(3):
        sign_in(client, password="wrong")
    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == 3
    # Another server (another client, another process) sees them: two more lock the login.
    for _ in range(2):
        sign_in(Client(), password="wrong")
    assert sign_in(Client()).status_code == 429


def test_a_successful_login_clears_earlier_failures(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 302
    assert sign_in(Client(), password="wrong").status_code == 200  # counting starts again


def test_force_login_still_works(admin_client):
    assert admin_client.get("/admin/").status_code == 200
