"""The site's e-mails through a real SMTP server (aiosmtpd), checked as raw messages."""

import re
import time
from datetime import timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from news.factories import ArticleFactory, EventFactory
from programs.emails import confirmation_message
from programs.factories import ApplicationFactory
from registrations.forms import RegistrationForm
from registrations.models import Registrant, RegistrationSettings
from submissions import tokens
from subscriptions.models import Digest, Subscriber
from subscriptions.sending import create_digest, send_pending
from tests.mailserver import smtp_server  # noqa: F401 (a fixture)
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db


def test_a_registration_confirmation_round_trip(smtp_server, settings):  # noqa: F811
    settings.DEFAULT_FROM_EMAIL = "Центр <noreply@example.org>"
    settings.REPLY_TO_EMAIL = "centre@example.org"
    event = EventFactory(title_uk="Семінар «Бюджет громади»")
    RegistrationSettings.objects.create(event=event, capacity=5)
    client = Client()
    session = client.session
    token = tokens.issue(session, RegistrationForm.submission_name, time.time() - 60)
    session.save()
    response = client.post(
        f"/registration/{event.slug}/",
        {
            "name": "Олена Петренко",
            "council": "other",
            "organisation": "ГО «Діалог»",
            "email": "olena@example.org",
            "consent": "on",
            "form_token": token,
            "website": "",
        },
    )
    assert response.status_code == 302
    ((recipients, raw),) = smtp_server.messages
    assert recipients == ["olena@example.org"]
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are 7-bit on the wire
    assert re.search(r"^Subject:\s+=\?utf-8\?", head, re.M | re.I), "the subject is encoded"
    (message,) = smtp_server.parsed()
    assert message["Subject"].strip() == "Ви зареєструвалися: «Семінар «Бюджет громади»»"
    assert message["From"] == "Центр <noreply@example.org>"
    assert message["Reply-To"] == "centre@example.org"
    text = message.get_body(preferencelist=("plain",))
    assert "Вітаємо, Олена Петренко!" in text.get_content()
    cancel = re.search(r"http://\S+/registration/cancel/\S+/", text.get_content()).group(0)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == f"{event.slug}.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Семінар «Бюджет громади»"
    assert vevent["dtstart"].dt == event.local_start.replace(microsecond=0)
    # the link in the e-mail cancels
    path = cancel.removeprefix(settings.SITE_URL.rstrip("/"))
    Client().post(path)
    assert Registrant.objects.get().status == "cancelled"


def test_a_digest_round_trip_with_one_click_unsubscribe(smtp_server, settings):  # noqa: F811
    ArticleFactory(title_uk="Громади Харківщини", publish_at=timezone.now() - timedelta(hours=1))
    subscriber = Subscriber.objects.create(
        email="reader@example.org", language="uk", status="active", topics=["news"]
    )
    create_digest(Digest.Kind.WEEKLY)
    assert send_pending()["sent"] == 1
    (message,) = smtp_server.parsed()
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Громади Харківщини" in plain and "Громади Харківщини" in html
    assert message["Subject"].strip().startswith("Дайджест Центру")
    assert message["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"\s*<(http://\S+)>", str(message["List-Unsubscribe"])).group(1)
    assert url in plain and url in html.replace("&amp;", "&")
    # what a mail provider's "Unsubscribe" button sends (RFC 8058): no cookie, no CSRF token
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix(settings.SITE_URL.rstrip("/")),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_an_application_confirmation_has_a_plain_text_part_and_reply_to(smtp_server, settings):  # noqa: F811
    settings.REPLY_TO_EMAIL = "programs@example.org"
    application = ApplicationFactory(lead_council=make_hromadas(1)[0])
    confirmation_message(application).send()
    (message,) = smtp_server.parsed()
    assert message["Reply-To"] == "programs@example.org"
    assert message.get_body(preferencelist=("plain",)) is not None
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
