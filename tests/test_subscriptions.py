"""E-mail subscriptions: double opt-in, no enumeration, one-click unsubscribe, digests."""

import io
import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from legalhelp.factories import ConsultationFactory
from news.factories import ArticleFactory, EventFactory
from programs.factories import ProgramFactory
from submissions import tokens
from subscriptions.forms import SubscribeForm
from subscriptions.models import Delivery, Digest, Subscriber
from subscriptions.sending import create_digest, send_pending
from tests.mailserver import smtp_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def subscribe(email, client=None, prefix="", **changes):
    client = client or Client()
    session = client.session
    token = tokens.issue(session, SubscribeForm.submission_name, time.time() - 60)
    session.save()
    data = {
        "email": email,
        "topics": ["news", "events"],
        "language": "uk",
        "consent": "on",
        "form_token": token,
        "website": "",
    }
    data.update(changes)
    return client.post(f"{prefix}/subscribe/", data)


def link(message, kind):
    return re.search(rf"http://[^\s]+/subscribe/{kind}/[^\s/]+/", message.body).group(0)


def test_double_opt_in(client):
    response = subscribe("olena@example.org")
    assert response.status_code == 302 and response["Location"] == "/subscribe/sent/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.topics == ["news", "events"]
    (message,) = mail.outbox
    assert message.to == ["olena@example.org"]
    confirm = link(message, "confirm").removeprefix("http://127.0.0.1:8000")
    page = client.get(confirm)
    assert page.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "pending", "opening the link (a mail scanner) confirms nothing"
    client.post(confirm)
    subscriber.refresh_from_db()
    assert subscriber.status == "active" and subscriber.confirmed_at


def test_the_confirmation_link_expires(client, settings):
    settings.SUBSCRIPTION_CONFIRM_HOURS = 48
    subscribe("olena@example.org")
    confirm = link(mail.outbox[0], "confirm").removeprefix("http://127.0.0.1:8000")
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        response = client.post(confirm)
    assert response.status_code == 400
    assert "Термін дії посилання минув" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize("token", ["abc", "W1wib2xlbmFAZXhhbXBsZS5vcmciXQ:1x:bad", "' OR 1=1"])
def test_a_tampered_link_is_refused(client, token):
    subscribe("olena@example.org")
    for kind in ["confirm", "preferences", "unsubscribe"]:
        response = client.post(f"/subscribe/{kind}/{token}/")
        assert response.status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_the_form_answers_the_same_whether_or_not_the_address_is_known():
    Subscriber.objects.create(email="known@example.org", language="uk", status="active")
    Subscriber.objects.create(email="waiting@example.org", language="uk", status="pending")
    answers = []
    for address in ["new@example.org", "KNOWN@example.org", "waiting@example.org"]:
        client = Client()
        response = subscribe(address, client=client)
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], page.content))
    assert answers[0] == answers[1] == answers[2]
    # the owner of the known address learns of it by e-mail, and nothing was changed
    known = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert "вже підписані" in known[0].subject
    assert Subscriber.objects.get(email="known@example.org").topics == []
    assert Subscriber.objects.count() == 3


def test_bad_input_is_refused_with_messages():
    response = subscribe("not-an-address", topics=["news", "gossip"], consent="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "правильному форматі" in html and "Оберіть теми зі списку" in html
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_the_rate_limit_applies(settings):
    settings.SUBSCRIPTION_RATE = "2/h"
    subscribe("a@example.org")
    subscribe("b@example.org")
    response = subscribe("c@example.org")
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="c@example.org").exists()


@pytest.fixture
def active():
    return Subscriber.objects.create(
        email="olena@example.org",
        language="uk",
        status="active",
        topics=["news", "events", "programs"],
    )


def test_one_click_unsubscribe_by_post_without_cookies(active):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        active.get_unsubscribe_url(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    active.refresh_from_db()
    assert active.status == "unsubscribed" and active.unsubscribed_at


def test_the_unsubscribe_link_opened_asks_first(active):
    response = Client().get(active.get_unsubscribe_url())
    assert response.status_code == 200
    active.refresh_from_db()
    assert active.status == "active"


def test_the_preferences_page_changes_topics_and_language(active):
    client = Client()
    url = active.get_preferences_url()
    assert client.get(url).status_code == 200
    response = client.post(url, {"topics": ["programs"], "language": "en"})
    assert "Збережено" in response.content.decode()
    active.refresh_from_db()
    assert active.topics == ["programs"] and active.language == "en"
    bad = client.post(url, {"topics": [], "language": "xx"})
    assert bad.status_code == 200
    active.refresh_from_db()
    assert active.topics == ["programs"]


def make_content(since):
    with time_machine.travel(since + timedelta(hours=1)):
        ArticleFactory(
            title_uk="Новина лише українською",
            title_en="",
            lead_en="",
            body_en="",
            publish_at=timezone.now(),
        )
        ArticleFactory(
            title_uk="Новина двома мовами",
            title_en="News in two languages",
            lead_uk="Вступ",
            lead_en="Lead",
            body_uk="<p>Текст</p>",
            body_en="<p>Text</p>",
            publish_at=timezone.now(),
        )
        EventFactory(
            title_uk="Семінар",
            title_en="Seminar",
            lead_uk="",
            body_uk="",
            publish_at=timezone.now(),
            starts_at=timezone.now() + timedelta(days=20),
        )
        ProgramFactory(title_uk="Програма", publish_at=timezone.now())
    old = ArticleFactory(title_uk="Стара новина", publish_at=since - timedelta(days=1))
    return old


def test_the_digest_follows_language_and_topics():
    since = timezone.now() - timedelta(days=7)
    make_content(since)
    Subscriber.objects.create(
        email="uk@example.org", language="uk", status="active", topics=["news"]
    )
    Subscriber.objects.create(
        email="en@example.org", language="en", status="active", topics=["news", "events"]
    )
    Subscriber.objects.create(
        email="programs@example.org", language="uk", status="active", topics=["programs"]
    )
    Subscriber.objects.create(
        email="off@example.org", language="uk", status="unsubscribed", topics=["news"]
    )
    Subscriber.objects.create(
        email="new@example.org", language="uk", status="pending", topics=["news"]
    )
    last = Digest.objects.create(
        kind="weekly", period_start=since - timedelta(days=7), period_end=since
    )  # the last one ended a week ago: this one starts there
    Digest.objects.filter(pk=last.pk).update(created_at=since, finished_at=since)
    call_command("send_digest", "--weekly", stdout=io.StringIO())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"uk@example.org", "en@example.org", "programs@example.org"}
    ukrainian = by_address["uk@example.org"]
    assert "Новина лише українською" in ukrainian.body and "Новина двома мовами" in ukrainian.body
    assert "Семінар" not in ukrainian.body, "not a chosen topic"
    assert "Стара новина" not in ukrainian.body, "published before the period"
    english = by_address["en@example.org"]
    assert "News in two languages" in english.body and "Seminar" in english.body
    assert "лише українською" not in english.body, "only what is complete in English"
    assert "/en/news/" in english.body
    html = english.alternatives[0][0]
    assert '<html lang="en">' in html and "News in two languages" in html
    assert "<img" not in html, "no tracking pixels"
    assert "Програма" in by_address["programs@example.org"].body
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(
            r"<http://[^>]+/subscribe/unsubscribe/[^>]+/>",
            message.extra_headers["List-Unsubscribe"],
        )
    # weekly: not again within the week
    call_command("send_digest", "--weekly", stdout=io.StringIO())
    assert Digest.objects.count() == 2


def test_a_subscriber_with_nothing_new_gets_no_mail():
    Subscriber.objects.create(
        email="a@example.org", language="uk", status="active", topics=["programs"]
    )
    create_digest(Digest.Kind.ON_DEMAND)
    counts = send_pending()
    assert counts["skipped"] == 1 and mail.outbox == []


def test_a_resumed_batch_does_not_send_twice():
    ArticleFactory(title_uk="Новина", publish_at=timezone.now() - timedelta(hours=1))
    for index in range(6):
        Subscriber.objects.create(
            email=f"s{index}@example.org", language="uk", status="active", topics=["news"]
        )
    digest = create_digest(Digest.Kind.WEEKLY)
    assert send_pending(batch_size=2)["sent"] == 2
    # a run that crashed after claiming a delivery and perhaps sending it
    crashed = digest.deliveries.filter(status="pending").first()
    Delivery.objects.filter(pk=crashed.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    counts = send_pending()
    assert counts["interrupted"] == 1 and counts["sent"] == 3
    send_pending()
    call_command("send_digest", stdout=io.StringIO())
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 5
    assert crashed.subscriber.email not in recipients
    statuses = sorted(digest.deliveries.values_list("status", flat=True))
    assert statuses == ["sent"] * 5 + ["unknown"]
    digest.refresh_from_db()
    assert digest.finished_at is not None


def test_failures_are_recorded_retried_and_a_failing_address_paused(smtp_server, settings):  # noqa: F811
    settings.SUBSCRIPTION_PAUSE_AFTER = 2
    ArticleFactory(title_uk="Новина", publish_at=timezone.now() - timedelta(hours=1))
    good = Subscriber.objects.create(
        email="good@example.org", language="uk", status="active", topics=["news"]
    )
    bad = Subscriber.objects.create(
        email="bounce@example.org", language="uk", status="active", topics=["news"]
    )
    digest = create_digest(Digest.Kind.WEEKLY)
    smtp_server.down = True
    assert send_pending()["failed"] == 2
    smtp_server.down = False
    counts = send_pending()
    assert counts["sent"] == 1 and counts["failed"] == 1
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.failures == 0 and good.status == "active"
    assert bad.status == "paused" and bad.failures == 2
    delivery = digest.deliveries.get(subscriber=bad)
    assert delivery.status == "failed" and "550" in delivery.error and delivery.attempts == 2
    assert len(smtp_server.to("good@example.org")) == 1
    # the next digest leaves the paused address out
    later = create_digest(Digest.Kind.ON_DEMAND)
    assert list(later.deliveries.values_list("subscriber__email", flat=True)) == [
        "good@example.org"
    ]


def test_staff_send_a_digest_on_demand(admin_client, django_capture_on_commit_callbacks):
    ArticleFactory(title_uk="Новина", publish_at=timezone.now() - timedelta(hours=1))
    Subscriber.objects.create(
        email="a@example.org", language="uk", status="active", topics=["news"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/subscriptions/digest/add/",
            {
                "period_start_0": (timezone.localdate() - timedelta(days=3)).strftime("%d.%m.%Y"),
                "period_start_1": "00:00",
            },
            follow=True,
        )
    assert response.status_code == 200
    digest = Digest.objects.get()
    assert digest.kind == "on_demand" and digest.created_by.is_superuser
    assert digest.finished_at is not None
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


def test_retention_deletes_unsubscribed_addresses(settings, active):
    active.unsubscribe()
    with time_machine.travel(
        timezone.now() + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    ):
        call_command("purge_personal_data", stdout=io.StringIO())
    assert not Subscriber.objects.exists()


def test_the_confirm_link_is_printed_when_mail_goes_to_the_console(settings, caplog):
    settings.EMAIL_BACKEND = "core.mail.ConsoleBackend"
    subscribe("olena@example.org")
    assert "/subscribe/confirm/" in caplog.text and "olena@example.org" not in caplog.text


def test_legal_answers_are_a_digest_topic_of_their_own():
    since = timezone.now() - timedelta(days=7)
    ConsultationFactory(title_uk="Чи може рада утворити старостинський округ?")
    ConsultationFactory(
        title_uk="Стара відповідь", publish_at=since - timedelta(days=1)
    )  # before the period
    ArticleFactory(title_uk="Новина тижня", publish_at=timezone.now() - timedelta(days=1))
    Subscriber.objects.create(
        email="lawyer@example.org", language="uk", status="active", topics=["consultations"]
    )
    last = Digest.objects.create(
        kind="weekly", period_start=since - timedelta(days=7), period_end=since
    )
    Digest.objects.filter(pk=last.pk).update(created_at=since, finished_at=since)
    call_command("send_digest", "--weekly", stdout=io.StringIO())
    [message] = mail.outbox
    assert "Чи може рада утворити старостинський округ?" in message.body
    assert "/help/" in message.body
    assert "Стара відповідь" not in message.body
    assert "Новина тижня" not in message.body, "not a chosen topic"
