"""Decisions on applications: recorded with the staff member who made them, shown in the
application's history and change page, and e-mailed to the applicant in their language."""

import io
import smtplib

import pytest
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from core.roles import PROGRAM_MANAGER
from programs.emails import send_decision_email
from programs.factories import ApplicationFactory, ProgramFactory
from programs.models import Application, ApplicationDecision
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/programs/application/"
Status = Application.Status
EmailStatus = Application.EmailStatus


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def manager_user(django_user_model):
    user = django_user_model.objects.create_user("manager", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER.name))
    return user


@pytest.fixture
def manager(manager_user):
    client = Client()
    client.force_login(manager_user)
    return client


@pytest.fixture
def program():
    return ProgramFactory(title_uk="Школа громад", title_en="School of hromadas")


@pytest.fixture
def applications(program):
    councils = make_hromadas(3)
    return [
        ApplicationFactory(
            program=program,
            lead_council=councils[0],
            contact_email="olena@example.org",
            contact_name="Олена Петренко",
            motivation="Наша громада дуже хоче <b>навчатися</b>.",
            language="uk",
        ),
        ApplicationFactory(
            program=program,
            lead_council=councils[1],
            contact_email="john@example.org",
            language="en",
        ),
        ApplicationFactory(program=program, lead_council=councils[2], status=Status.SELECTED),
    ]


def act(client, action, *applications):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in applications]},
        follow=True,
    )


def shown(response):
    """The messages the page shows, as (level, text)."""
    return [(m.level, str(m)) for m in response.context["messages"]]


def test_a_bulk_decision_is_recorded_per_application_with_the_acting_user(
    manager, manager_user, applications
):
    ukrainian, english, selected = applications
    response = act(manager, "pass_stage", *applications)

    decisions = ApplicationDecision.objects.order_by("application__pk")
    assert [(d.application, d.from_status, d.to_status) for d in decisions] == [
        (ukrainian, Status.RECEIVED, Status.PASSED_STAGE_1),
        (english, Status.RECEIVED, Status.PASSED_STAGE_1),
    ]
    assert {d.decided_by for d in decisions} == {manager_user}
    assert all(d.email_status == EmailStatus.SENT and d.email_sent_at for d in decisions)
    assert shown(response) == [
        (messages.SUCCESS, "2 заявки переведено далі."),
        (
            messages.WARNING,
            "Пропущено 1 заявку: вона вже має остаточне рішення (відібрано або відхилено).",
        ),
    ]

    # The admin's history of each decided application names the decision and who made it.
    for application in (ukrainian, english):
        entry = LogEntry.objects.get(object_id=str(application.pk))
        assert entry.user == manager_user
        history = manager.get(f"{CHANGELIST}{application.pk}/history/").content.decode()
        assert "Рішення: отримано → пройшла 1 етап." in history
        assert "manager" in history
    assert not LogEntry.objects.filter(object_id=str(selected.pk)).exists()


def test_each_applicant_is_told_in_their_language_and_nothing_typed_is_in_it(manager, applications):
    ukrainian, english, _selected = applications
    act(manager, "pass_stage", ukrainian, english)
    act(manager, "decline", ukrainian, english)  # at stage 2 now

    letters = {}
    for message in mail.outbox:
        letters.setdefault(message.to[0], []).append((message.subject, message.body))
    (uk_subject, uk_passed), (_subject, uk_declined) = letters["olena@example.org"]
    assert uk_subject == f"Рішення щодо заявки {ukrainian.pk}"
    assert f"Заявка {ukrainian.pk} на програму «Школа громад» пройшла перший етап" in uk_passed
    assert f"Заявку {ukrainian.pk} на програму «Школа громад» не відібрано" in uk_declined
    (en_subject, en_passed), (_subject, en_declined) = letters["john@example.org"]
    assert en_subject == f"Decision on application {english.pk}"
    assert "to the program “School of hromadas” has passed the first stage" in en_passed
    assert "has not been selected at the second stage" in en_declined
    for message in mail.outbox:
        # Only the number, the program and the decision: nothing the applicant typed.
        assert "Олена" not in message.body
        assert "навчатися" not in message.body
        assert "<b>" not in message.body


def test_a_status_set_on_the_change_form_is_a_decision_too(
    manager, manager_user, applications, django_capture_on_commit_callbacks
):
    application = applications[0]
    url = f"{CHANGELIST}{application.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(
            url,
            {
                "status": Status.DECLINED_STAGE_1,
                "staff_note": "Не відповідає умовам.",
                "decisions-TOTAL_FORMS": "0",
                "decisions-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()
    decision = ApplicationDecision.objects.get()
    assert (decision.from_status, decision.to_status) == (Status.RECEIVED, Status.DECLINED_STAGE_1)
    assert decision.decided_by == manager_user
    assert decision.email_status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["olena@example.org"]]
    assert "не пройшла перший етап відбору" in mail.outbox[0].body
    assert "Не відповідає умовам" not in mail.outbox[0].body  # staff notes stay in the office

    history = manager.get(f"{CHANGELIST}{application.pk}/history/").content.decode()
    assert "Рішення: отримано → відхилено на 1 етапі." in history
    # The change page lists the decision: when, what, who, and the e-mail.
    page = manager.get(url).content.decode()
    assert "Рішення" in page
    assert "відхилено на 1 етапі" in page
    assert ">manager<" in page

    # Saving the note alone decides nothing and writes nothing to the applicant.
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(
            url,
            {
                "status": Status.DECLINED_STAGE_1,
                "staff_note": "Ще одна нотатка.",
                "decisions-TOTAL_FORMS": "1",
                "decisions-INITIAL_FORMS": "1",
                "decisions-0-id": str(decision.pk),
                "decisions-0-application": str(application.pk),
            },
        )
    assert ApplicationDecision.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nothing_changed_is_a_warning_that_says_why(manager, applications):
    selected = applications[2]
    response = act(manager, "pass_stage", selected)
    assert shown(response) == [
        (
            messages.WARNING,
            "Нічого не змінено: 1 вибрана заявка вже має остаточне рішення "
            "(відібрано або відхилено).",
        )
    ]
    assert "0 заяв" not in response.content.decode()
    assert not ApplicationDecision.objects.exists()
    assert not mail.outbox


def test_with_the_console_backend_the_decision_says_not_sent(manager, applications, settings):
    settings.EMAIL_BACKEND = "core.mail.ConsoleBackend"
    response = act(manager, "decline", applications[0])
    decision = ApplicationDecision.objects.get()
    assert decision.email_status == EmailStatus.CONSOLE
    assert decision.email_sent_at is None
    assert (
        messages.WARNING,
        "Жодного листа не надіслано: без EMAIL_URL сайт лише записує листи до свого журналу.",
    ) in shown(response)


def test_a_failed_decision_email_is_recorded_and_retried(manager, applications, settings):
    application = applications[0]
    Application.objects.update(  # only the decision's e-mail is left to send
        confirmation_sent_at=F("submitted_at"), staff_notified_at=F("submitted_at")
    )
    settings.EMAIL_BACKEND = "tests.test_programs_decisions.FailingBackend"
    response = act(manager, "pass_stage", application)
    decision = ApplicationDecision.objects.get()
    assert decision.email_status == EmailStatus.FAILED
    assert "SMTPServerDisconnected" in decision.email_error
    assert decision.email_attempts == 1
    assert [level for level, _text in shown(response)] == [messages.SUCCESS, messages.ERROR]
    application.refresh_from_db()
    assert application.status == Status.PASSED_STAGE_1  # the decision stands

    # The admin action tries again (still down), then the daily command once the server is up.
    act(manager, "send_emails", application)
    decision.refresh_from_db()
    assert decision.email_attempts == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = io.StringIO()
    call_command("send_application_emails", stdout=output)
    assert "Applications: e-mails complete for 1, still failing for 0." in output.getvalue()
    decision.refresh_from_db()
    assert (decision.email_status, decision.email_error) == (EmailStatus.SENT, "")
    assert [m.to for m in mail.outbox] == [["olena@example.org"]]
    call_command("send_application_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # told once


def test_anonymising_an_application_forgets_its_decisions_errors(applications, settings):
    application = applications[0]
    settings.EMAIL_BACKEND = "tests.test_programs_decisions.FailingBackend"
    decision = application.decide("pass")
    send_decision_email(decision)
    decision.refresh_from_db()
    assert "SMTPServerDisconnected" in decision.email_error
    Application.objects.filter(pk=application.pk).anonymise()
    decision.refresh_from_db()
    assert decision.email_error == ""
    assert not ApplicationDecision.objects.awaiting_email().exists()
    assert decision.to_status == Status.PASSED_STAGE_1  # the decision itself is kept


def test_the_narrower_list_still_sorts_by_hromada_program_and_day(manager, applications):
    for column in range(2, 7):  # lead hromada, status, program, submitted, e-mails
        for order in (str(column), f"-{column}"):
            response = manager.get(CHANGELIST, {"o": order})
            assert response.status_code == 200, order
            assert "Школа громад" in response.content.decode()
