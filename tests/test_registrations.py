"""Event registration: places, the waiting list, cancelling, refusals, reminders, staff tools."""

import csv
import io
import re
import threading
import time
from datetime import timedelta

import icalendar
import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.factories import EventFactory
from registrations.emails import confirmation_message
from registrations.forms import RegistrationForm
from registrations.models import Refused, Registrant, RegistrationSettings, register
from submissions import tokens
from tests.helpers import site_queries
from tests.mailserver import smtp_server  # noqa: F401 (a fixture)
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event():
    event = EventFactory(english=True, title_uk="Семінар про бюджет", title_en="Budget seminar")
    RegistrationSettings.objects.create(event=event, capacity=2)
    return event


def form_data(client, **changes):
    session = client.session
    token = tokens.issue(session, RegistrationForm.submission_name, time.time() - 60)
    session.save()
    data = {
        "name": "Олена Петренко",
        "council": "other",
        "organisation": "Громадська організація «Діалог»",
        "position": "Координаторка",
        "email": "olena@example.org",
        "accessibility": "",
        "consent": "on",
        "form_token": token,
        "website": "",
    }
    data.update(changes)
    return data


def sign_up(event, email, client=None, **changes):
    client = client or Client()
    return client.post(f"/registration/{event.slug}/", form_data(client, email=email, **changes))


def test_a_registration_is_stored_confirmed_and_mailed_with_the_calendar(event):
    response = sign_up(event, "olena@example.org")
    assert response.status_code == 302
    registrant = Registrant.objects.get()
    assert registrant.status == Registrant.Status.CONFIRMED
    assert registrant.language == "uk"
    done = Client().get(response["Location"])
    assert "Ви зареєструвалися" in done.content.decode()
    (message,) = mail.outbox
    assert message.to == ["olena@example.org"]
    assert "Семінар про бюджет" in message.subject
    assert registrant.get_cancel_url() in message.body
    (_name, content, kind) = message.attachments[0]
    assert kind == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Семінар про бюджет"


def test_an_english_registrant_gets_english_mail(event):
    client = Client()
    session = client.session
    token = tokens.issue(session, RegistrationForm.submission_name, time.time() - 60)
    session.save()
    data = form_data(client, form_token=token)
    response = client.post(f"/en/registration/{event.slug}/", data)
    assert response.status_code == 302
    assert Registrant.objects.get().language == "en"
    assert "You are registered" in mail.outbox[0].subject


def test_an_event_without_english_has_no_english_form(event):
    event.title_en = ""
    event.save()
    client = Client()
    page = client.get(f"/en/registration/{event.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Only in Ukrainian" in html
    assert f'href="/registration/{event.slug}/"' in html
    assert "Семінар про бюджет" in html  # named only as the link to the Ukrainian page
    assert 'name="email"' not in html
    assert client.post(f"/en/registration/{event.slug}/", form_data(client)).status_code == 200
    assert not Registrant.objects.exists()


def test_an_english_registrant_gets_ukrainian_mail_once_the_english_is_gone(event):
    client = Client()
    session = client.session
    token = tokens.issue(session, RegistrationForm.submission_name, time.time() - 60)
    session.save()
    client.post(f"/en/registration/{event.slug}/", form_data(client, form_token=token))
    registrant = Registrant.objects.get(language="en")
    event.title_en = ""
    event.save()
    message = confirmation_message(registrant)
    assert "Семінар про бюджет" in message.subject
    assert "You are registered" not in message.subject
    assert "/registration/cancel/" in message.body and "/en/" not in message.body
    (_name, content, _kind) = message.attachments[0]
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["summary"]) == "Семінар про бюджет"


def test_capacity_then_the_waiting_list_then_promotion_on_cancel(event):
    for address in ["a@example.org", "b@example.org", "c@example.org", "d@example.org"]:
        assert sign_up(event, address).status_code == 302
    statuses = dict(Registrant.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "confirmed",
        "b@example.org": "confirmed",
        "c@example.org": "waiting",
        "d@example.org": "waiting",
    }
    page = Client().get(event.get_absolute_url()).content.decode()
    assert "Приєднатися до списку очікування" in page
    mail.outbox.clear()
    first = Registrant.objects.get(email="a@example.org")
    client = Client()
    assert client.get(first.get_cancel_url()).status_code == 200
    first.refresh_from_db()
    assert first.status == "confirmed", "opening the link cancels nothing"
    response = client.post(first.get_cancel_url())
    assert "Ваше місце отримала перша людина зі списку очікування" in response.content.decode()
    statuses = dict(Registrant.objects.values_list("email", "status"))
    assert statuses["a@example.org"] == "cancelled"
    assert statuses["c@example.org"] == "confirmed", "the first waiting gets the place"
    assert statuses["d@example.org"] == "waiting"
    (message,) = mail.outbox
    assert message.to == ["c@example.org"]
    assert message.attachments, "the place offered comes with the calendar"
    promoted = Registrant.objects.get(email="c@example.org")
    assert promoted.promoted_at and promoted.promotion_sent_at
    # cancelling twice changes nothing more
    client.post(first.get_cancel_url())
    assert Registrant.objects.filter(status="confirmed").count() == 2


def test_without_a_waiting_list_a_full_event_refuses(event):
    RegistrationSettings.objects.filter(event=event).update(capacity=1, waiting_list=False)
    assert sign_up(event, "a@example.org").status_code == 302
    response = sign_up(event, "b@example.org")
    assert response.status_code == 409
    assert "Усі місця зайнято" in response.content.decode()
    assert Registrant.objects.count() == 1


def test_raising_the_capacity_in_admin_promotes_the_waiting(event, admin_client):
    for address in ["a@example.org", "b@example.org", "c@example.org"]:
        sign_up(event, address)
    setup = RegistrationSettings.objects.get()
    url = f"/admin/registrations/registrationsettings/{setup.pk}/change/"
    data = {
        "event": event.pk,
        "is_open": "on",
        "capacity": 3,
        "attendance": "in_person",
        "waiting_list": "on",
        "ask_organisation": "on",
        "ask_position": "on",
        "ask_accessibility": "on",
    }
    assert admin_client.post(url, data).status_code == 302
    assert Registrant.objects.get(email="c@example.org").status == "confirmed"


def test_the_same_address_twice_is_refused_without_showing_anyones_data(event):
    sign_up(event, "olena@example.org")
    response = sign_up(event, "OLENA@example.org", name="Хтось Інший", position="Шпигун")
    html = response.content.decode()
    assert response.status_code == 409
    assert "вже зареєстровано" in html
    assert "Олена Петренко" not in html and "Координаторка" not in html
    assert Registrant.objects.count() == 1
    assert len(mail.outbox) == 1


def test_after_cancelling_the_same_address_can_register_again(event):
    sign_up(event, "olena@example.org")
    first = Registrant.objects.get()
    first.cancel()
    assert sign_up(event, "olena@example.org").status_code == 302
    assert Registrant.objects.filter(status="confirmed").count() == 1


def test_a_form_sent_after_the_deadline_is_refused_and_nothing_stored(event):
    setup = RegistrationSettings.objects.get()
    setup.closes_at = timezone.now() + timedelta(hours=1)
    setup.save()
    client = Client()
    data = form_data(client)
    with time_machine.travel(setup.closes_at + timedelta(seconds=1)):
        response = client.post(f"/registration/{event.slug}/", data)
        page = Client().get(event.get_absolute_url()).content.decode()
    assert response.status_code == 409
    assert "Термін реєстрації минув" in response.content.decode()
    assert Registrant.objects.count() == 0
    assert mail.outbox == []
    assert "Реєстрацію завершено" in page


@pytest.mark.parametrize("change", ["past", "cancelled"])
def test_a_past_or_cancelled_event_refuses_clearly(change):
    if change == "past":
        event = EventFactory(
            starts_at=timezone.now() - timedelta(days=2),
            ends_at=timezone.now() - timedelta(days=2, hours=-2),
        )
    else:
        event = EventFactory(cancelled=True)
    RegistrationSettings.objects.create(event=event, capacity=5)
    form = Client().get(f"/registration/{event.slug}/").content.decode()
    assert '<form class="application-form"' not in form
    response = sign_up(event, "olena@example.org")
    assert response.status_code == 409
    expected = "завершилася" if change == "past" else "скасовано"
    assert expected in response.content.decode()
    assert Registrant.objects.count() == 0


def test_an_event_without_registration_settings_has_no_form():
    event = EventFactory()
    assert Client().get(f"/registration/{event.slug}/").status_code == 404
    assert "registration-box" not in Client().get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("token", ["1:abc:def", "", "x" * 300, "MQ:1tampered:Zm9v", "' OR 1=1--"])
def test_a_tampered_cancel_token_is_refused_and_changes_nothing(event, token):
    sign_up(event, "olena@example.org")
    registrant = Registrant.objects.get()
    if not token:
        token = registrant.cancel_token[:-2] + "xx"
    response = Client().post(f"/registration/cancel/{token}/")
    assert response.status_code == 400
    assert "Посилання недійсне" in response.content.decode()
    registrant.refresh_from_db()
    assert registrant.status == "confirmed"


def test_another_registrants_token_cannot_be_made_from_one(event):
    sign_up(event, "a@example.org")
    sign_up(event, "b@example.org")
    first, second = Registrant.objects.order_by("pk")
    forged = first.cancel_token.replace(
        first.cancel_token.split(":")[0], second.cancel_token.split(":")[0], 1
    )
    assert Client().post(f"/registration/cancel/{forged}/").status_code == 400
    assert Registrant.objects.filter(status="confirmed").count() == 2


def test_each_bad_field_gets_a_message_and_nothing_is_stored(event):
    response = sign_up(event, "not-an-address", name="", council="", phone="123")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Вкажіть ім’я та прізвище" in html
    assert "правильному форматі" in html
    assert "Оберіть свою раду" in html
    assert Registrant.objects.count() == 0


def test_a_council_from_the_registry_can_be_chosen(event):
    councils = make_hromadas(2)
    assert (
        sign_up(event, "a@example.org", council=str(councils[0].pk), organisation="").status_code
        == 302
    )
    registrant = Registrant.objects.get()
    assert registrant.council == councils[0]
    assert registrant.organisation_name == councils[0].name


def test_the_questions_follow_the_settings(event):
    RegistrationSettings.objects.filter(event=event).update(
        ask_organisation=False, ask_position=False, ask_phone=True, ask_accessibility=False
    )
    html = Client().get(f"/registration/{event.slug}/").content.decode()
    assert 'name="phone"' in html
    assert 'name="council"' not in html and 'name="position"' not in html
    assert 'name="accessibility"' not in html
    response = sign_up(event, "a@example.org", phone="050 123 45 67")
    assert response.status_code == 302
    assert Registrant.objects.get().phone == "+380501234567"


def test_the_honeypot_and_the_rate_limit_apply(event, settings):
    response = sign_up(event, "a@example.org", website="http://spam.example")
    assert response.status_code == 200 and Registrant.objects.count() == 0
    settings.REGISTRATION_RATE = "2/h"
    sign_up(event, "b@example.org")
    sign_up(event, "c@example.org")
    response = sign_up(event, "d@example.org")
    assert response.status_code == 429
    assert not Registrant.objects.filter(email="d@example.org").exists()


def test_the_event_page_shows_places_left_with_few_queries(event, django_assert_max_num_queries):
    sign_up(event, "a@example.org")
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(event.get_absolute_url()).content.decode()
    assert len(site_queries(captured.captured_queries)) <= 10
    assert "Залишилося місць: 1" in html or "1 місце" in html
    assert f'href="/registration/{event.slug}/"' in html


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_place_do_not_both_get_it():
    """Two real transactions on two connections: the first holds the event's row while it
    registers; the second must wait for it and then find the place taken."""
    event = EventFactory()
    RegistrationSettings.objects.create(event=event, capacity=1)
    first_inside = threading.Event()
    release_first = threading.Event()
    results = {}

    def create(name, status):
        registrant = Registrant.objects.create(
            event=event,
            name=name,
            email=f"{name}@example.org",
            language="uk",
            status=status,
            consent_given_at=timezone.now(),
        )
        if name == "first":
            first_inside.set()
            release_first.wait(10)  # hold the transaction open: the second one races now
        return registrant

    def attempt(name):
        try:
            registrant = register(
                event, email=f"{name}@example.org", create=lambda status: create(name, status)
            )
            results[name] = (registrant.status, time.monotonic())
        finally:
            connection.close()

    first = threading.Thread(target=attempt, args=("first",))
    second = threading.Thread(target=attempt, args=("second",))
    first.start()
    assert first_inside.wait(10)
    second.start()
    time.sleep(1)  # the second transaction is running by now, against the open first one
    assert "second" not in results, "the second registration must wait for the first"
    released_at = time.monotonic()
    release_first.set()
    first.join(10)
    second.join(10)
    assert results["first"][0] == "confirmed"
    assert results["second"][0] == "waiting"
    assert results["second"][1] >= released_at
    assert Registrant.objects.filter(status="confirmed").count() == 1


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_registrations_never_exceed_the_capacity():
    event = EventFactory()
    RegistrationSettings.objects.create(event=event, capacity=3)
    barrier = threading.Barrier(8)

    def attempt(index):
        try:
            barrier.wait(10)
            register(
                event,
                email=f"p{index}@example.org",
                create=lambda status: Registrant.objects.create(
                    event=event,
                    name=f"p{index}",
                    email=f"p{index}@example.org",
                    language="uk",
                    status=status,
                    consent_given_at=timezone.now(),
                ),
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert Registrant.objects.filter(status="confirmed").count() == 3
    assert Registrant.objects.filter(status="waiting").count() == 5


def test_refused_is_raised_for_a_closed_registration(event):
    RegistrationSettings.objects.filter(event=event).update(is_open=False)
    with pytest.raises(Refused) as refusal:
        register(event, email="a@example.org", create=lambda status: None)
    assert refusal.value.code == "off"


def test_reminders_go_once_the_day_before(event):
    event.starts_at = timezone.now() + timedelta(hours=20)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    later = EventFactory(starts_at=timezone.now() + timedelta(days=5))
    RegistrationSettings.objects.create(event=later, capacity=5)
    for address in ["a@example.org", "b@example.org", "c@example.org"]:  # c waits
        assert sign_up(event, address).status_code == 302, address
    assert sign_up(later, "d@example.org").status_code == 302
    Registrant.objects.get(email="b@example.org").cancel()  # c gets the place
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "c@example.org"]
    assert all("Нагадування" in message.subject for message in mail.outbox)
    call_command("send_event_reminders", stdout=io.StringIO())
    call_command("send_event_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2, "never a second reminder"


def test_a_failed_reminder_is_tried_again_and_then_sent_once(event, smtp_server):  # noqa: F811
    event.starts_at = timezone.now() + timedelta(hours=20)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    sign_up(event, "a@example.org")
    smtp_server.down = True
    call_command("send_event_reminders", stdout=io.StringIO(), stderr=io.StringIO())
    registrant = Registrant.objects.get()
    assert registrant.reminded_at is None and "reminder" in registrant.email_error
    smtp_server.down = False
    before = len(smtp_server.messages)
    call_command("send_event_reminders", stdout=io.StringIO())
    call_command("send_event_reminders", stdout=io.StringIO())
    assert len(smtp_server.messages) == before + 1


def test_a_failed_confirmation_is_recorded_and_retried_by_the_command(event, smtp_server):  # noqa: F811
    smtp_server.down = True
    response = sign_up(event, "a@example.org")
    assert response.status_code == 302
    registrant = Registrant.objects.get()
    assert registrant.email_status == "failed" and registrant.confirmation_sent_at is None
    done = Client().get(response["Location"]).content.decode()
    assert "не вдалося надіслати" in done
    smtp_server.down = False
    call_command("send_registration_emails", stdout=io.StringIO())
    call_command("send_registration_emails", stdout=io.StringIO())
    registrant.refresh_from_db()
    assert registrant.email_status == "sent" and registrant.confirmation_sent_at
    assert len(smtp_server.to("a@example.org")) == 1


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="registrations",
            codename__in=[
                "view_registrant",
                "change_registrant",
                "export_registrant",
                "add_eventmessage",
                "view_eventmessage",
            ],
        )
    )
    client = Client()
    client.force_login(user)
    return client


def test_staff_list_filters_and_marks_attendance(event, editor, staff_client):
    sign_up(event, "a@example.org")
    sign_up(event, "b@example.org", name="Петро Іваненко")
    url = "/admin/registrations/registrant/"
    assert staff_client.get(url).status_code == 403
    html = editor.get(url + f"?event__id__exact={event.pk}&status__exact=confirmed").content
    assert "Петро Іваненко" in html.decode()
    pks = list(Registrant.objects.values_list("pk", flat=True))
    response = editor.post(url, {"action": "mark_attended", "_selected_action": pks})
    assert response.status_code == 302
    assert set(Registrant.objects.values_list("attended", flat=True)) == {True}


def test_the_csv_export_has_a_bom_and_defuses_formulas(event, editor, staff_client):
    sign_up(event, "a@example.org", name='=HYPERLINK("http://evil")', organisation="+1")
    pks = list(Registrant.objects.values_list("pk", flat=True))
    url = "/admin/registrations/registrant/"
    response = editor.post(url, {"action": "export_csv", "_selected_action": pks})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "подія"
    assert rows[1][2].startswith("'=") and rows[1][3] == "'+1"


def test_a_message_to_all_registrants_is_sent_and_recorded(
    event, editor, django_capture_on_commit_callbacks
):
    sign_up(event, "a@example.org")
    sign_up(event, "b@example.org")
    sign_up(event, "c@example.org")  # waiting
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            "/admin/registrations/eventmessage/add/",
            {"event": event.pk, "subject": "Зміна аудиторії", "body": "Зустрічаємося в залі 2."},
        )
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    assert "Зустрічаємося в залі 2." in mail.outbox[0].body
    from registrations.models import EventMessage

    recorded = EventMessage.objects.get()
    assert (recorded.recipients, recorded.sent, recorded.failed) == (2, 2, 0)
    assert recorded.sent_by.username == "editor"


def test_the_dashboard_counts_registrations(event, editor):
    sign_up(event, "a@example.org")
    html = editor.get("/admin/").content.decode()
    assert "зайнято 1 з 2 місць" in html


def test_retention_anonymises_registrations_of_old_events(event, settings):
    sign_up(event, "a@example.org")
    with time_machine.travel(
        event.finishes_at + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    ):
        call_command("purge_personal_data", stdout=io.StringIO())
    registrant = Registrant.objects.get()
    assert registrant.email == "" and registrant.name == ""


def test_the_cancel_link_is_printed_when_mail_goes_to_the_console(event, settings, caplog):
    settings.EMAIL_BACKEND = "core.mail.ConsoleBackend"
    sign_up(event, "a@example.org")
    registrant = Registrant.objects.get()
    assert registrant.get_cancel_url() in caplog.text
    assert "a@example.org" not in caplog.text
    assert re.search(r"Registration \d+ \(confirmation_sent_at\)", caplog.text)
