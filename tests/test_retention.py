"""Personal data kept no longer than the privacy notice says: purge_personal_data anonymises
applications after PERSONAL_DATA_RETENTION_DAYS, and the notice states that same period."""

import io
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone, translation

from core import retention
from core.plugins import RetentionRule
from pages import demo
from programs.factories import ApplicationFactory, ProgramFactory
from programs.models import Application
from tests.plugin_app.models import Bulletin
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

KYIV = ZoneInfo("Europe/Kyiv")
START = datetime(2021, 3, 1, 12, tzinfo=KYIV)
PERSONAL = ("contact_name", "contact_position", "contact_email", "contact_phone", "motivation")


def at(moment):
    return time_machine.travel(moment, tick=False)


def purge(*args):
    output = io.StringIO()
    call_command("purge_personal_data", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def council():
    return make_hromadas(1)[0]


def application_sent_at(moment, council, **program):
    with at(moment):
        return ApplicationFactory(
            program=ProgramFactory(accepting=True, **program),
            lead_council=council,
            staff_note="Дзвонила 5 березня, просила перенести співбесіду.",
        )


def test_an_application_is_anonymised_the_day_after_its_period_ends_and_keeps_its_facts(
    council, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 3 * 365
    application = application_sent_at(START, council)
    application.decide("pass")
    ends_on = application.program.ends_on
    partner = make_hromadas(1)[0]
    application.partner_councils.add(partner)

    last_day = datetime.combine(ends_on + timedelta(days=3 * 365), datetime.min.time(), KYIV)
    with at(last_day + timedelta(hours=23)):
        assert "applications to programs: 0 purged" in purge()
    application.refresh_from_db()
    assert application.contact_email and application.motivation

    with at(last_day + timedelta(days=1, hours=1)):
        assert "applications to programs: 1 purged" in purge()
    application.refresh_from_db()
    for field in (*PERSONAL, "staff_note", "email_error"):
        assert getattr(application, field) == "", field
    # What the Centre reports on stays: which hromadas applied where, and the decision.
    assert application.lead_council == council
    assert list(application.partner_councils.all()) == [partner]
    assert application.status == Application.Status.PASSED_STAGE_1
    assert str(application) == f"{council} — {application.program}"

    with at(last_day + timedelta(days=2)):
        assert "applications to programs: 0 purged" in purge()  # safe to run daily


def test_without_an_end_date_the_period_runs_from_the_application(council, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    application = application_sent_at(START, council, starts_on=None, ends_on=None)
    with at(START + timedelta(days=364)):
        purge()
    assert Application.objects.get(pk=application.pk).contact_email
    with at(START + timedelta(days=365, minutes=1)):
        purge()
    assert Application.objects.get(pk=application.pk).contact_email == ""


def test_running_programs_keep_their_applications_whatever_their_age(council, settings):
    """A long program: its applications are older than the period, but it has not ended."""
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    application = application_sent_at(
        timezone.now() - timedelta(days=400),
        council,
        starts_on=timezone.localdate() - timedelta(days=300),
        ends_on=timezone.localdate() + timedelta(days=10),
    )
    purge()
    assert Application.objects.get(pk=application.pk).contact_email == application.contact_email


def test_the_period_is_the_setting(council, settings):
    application = application_sent_at(START, council)
    moment = datetime.combine(
        application.program.ends_on + timedelta(days=100), datetime.min.time(), KYIV
    )
    settings.PERSONAL_DATA_RETENTION_DAYS = 120
    with at(moment):
        purge()
    assert Application.objects.get(pk=application.pk).contact_email
    settings.PERSONAL_DATA_RETENTION_DAYS = 90
    with at(moment):
        purge()
    assert Application.objects.get(pk=application.pk).contact_email == ""


def test_a_dry_run_counts_and_changes_nothing(council, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    application = application_sent_at(START, council)
    output = purge("--dry-run")
    assert "Retention period: 30 days" in output
    assert "applications to programs: 1 would be purged" in output
    assert Application.objects.get(pk=application.pk).contact_email == application.contact_email


def test_anonymised_applications_are_not_e_mailed(council, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    application = application_sent_at(START, council)
    assert list(Application.objects.awaiting_email()) == [application]
    purge()
    assert not Application.objects.awaiting_email().exists()


def test_an_app_plugs_in_its_own_rule_and_its_sentence(monkeypatch, settings):
    """A later form (contacts, consultations, registrations) adds a rule from its AppConfig:
    the command applies it and the privacy notice says it, with the same period."""
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    with at(START):
        old = Bulletin.objects.create(title="Старе звернення", slug="old")
    new = Bulletin.objects.create(title="Нове звернення", slug="new")
    rule = RetentionRule(
        "bulletins",
        lambda cutoff: Bulletin.objects.filter(created_at__lt=cutoff),
        lambda expired: expired.delete()[0],
        "Bulletins: %(period)s after they are sent, then deleted.",
    )
    monkeypatch.setattr(apps.get_app_config("plugin_app"), "retention_rules", lambda: [rule])
    assert "bulletins: 1 purged" in purge()
    assert list(Bulletin.objects.all()) == [new]
    assert not Bulletin.objects.filter(pk=old.pk).exists()
    with translation.override("en"):
        assert "Bulletins: 30 days after they are sent, then deleted." in retention.notice()


@pytest.mark.parametrize(
    ("days", "ukrainian", "english"),
    [
        (3 * 365, "3 роки", "3 years"),
        (730, "2 роки", "2 years"),
        (365, "1 рік", "1 year"),
        (5 * 365, "5 років", "5 years"),
        (45, "45 днів", "45 days"),
        (400, "400 днів", "400 days"),
        (21, "21 день", "21 days"),
    ],
)
def test_the_privacy_notice_states_the_period_that_is_applied(
    client, settings, days, ukrainian, english
):
    settings.PERSONAL_DATA_RETENTION_DAYS = days
    demo.page(SimpleNamespace(stdout=io.StringIO()), "privacy", demo.PRIVACY, kind="privacy")

    html = client.get("/privacy/").content.decode()
    assert html.count("Скільки зберігаємо") == 1  # the page's own section, none typed in
    assert f"та ще {ukrainian} після її завершення" in html
    assert f"— {ukrainian} після подання заявки" in html
    assert "трьох років" not in html

    html = client.get("/en/privacy/").content.decode()
    assert html.count("How long we keep them") == 1
    assert f"for {english} after it ends" in html
    assert f"{english} after the application is sent" in html
    assert "three years" not in html


def test_a_retention_period_that_is_not_positive_stops_the_start():
    root = Path(__file__).resolve().parent.parent
    env = os.environ | {
        "PERSONAL_DATA_RETENTION_DAYS": "0",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "localhost",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "PERSONAL_DATA_RETENTION_DAYS must be a positive number of days" in result.stderr
