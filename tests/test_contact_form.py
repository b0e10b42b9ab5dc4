"""The contacts page: the organisation's data (JSON-LD), a map link without third-party
requests, and the contact form: stored first, e-mailed to staff, stored when mail fails."""

import json
import re
import time

import pytest
from django.core import mail

from pages.factories import ContactCardFactory, PageFactory
from pages.forms import ContactForm
from pages.models import ContactMessage, Page
from submissions import tokens
from tests.helpers import external_resources

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts():
    page = PageFactory(title_uk="Контакти", title_en="Contacts", kind=Page.Kind.CONTACTS)
    ContactCardFactory(parent=page)
    return page


def form_data(client, **changes):
    session = client.session
    token = tokens.issue(session, ContactForm.submission_name, time.time() - 60)
    session.save()
    return {
        "form_token": token,
        "name": "Олена Петренко",
        "email": "olena@example.org",
        "subject": "Питання про програму",
        "message": "Коли почнеться наступний набір до програми?",
        **changes,
    }


def test_the_page_shows_the_address_a_map_link_and_organisation_data(client, contacts):
    html = client.get(contacts.get_absolute_url()).content.decode()
    assert "майдан Свободи, 5, Держпром, 6 під’їзд" in html
    assert "https://www.openstreetmap.org/search?query=" in html
    assert external_resources(html) == []  # a link, no tiles or scripts
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "GovernmentOrganization"
    assert data["address"]["streetAddress"].startswith("майдан Свободи, 5")


def test_a_message_is_stored_then_emailed_to_staff(client, contacts, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["staff@example.org"]
    response = client.post(contacts.get_absolute_url(), form_data(client))
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.subject == "Питання про програму"
    assert message.email_status == ContactMessage.EmailStatus.SENT
    assert [sent.to for sent in mail.outbox] == [["staff@example.org"]]
    assert mail.outbox[0].reply_to == ["olena@example.org"]
    assert "Коли почнеться" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "ваше повідомлення отримано" in page


def test_the_message_is_kept_when_the_mail_server_is_down(client, contacts, settings):
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = client.post(contacts.get_absolute_url(), form_data(client))
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.email_status == ContactMessage.EmailStatus.FAILED
    assert "ConnectionRefusedError" in message.email_error


def test_the_same_message_sent_twice_is_stored_once(client, contacts):
    data = form_data(client)
    client.post(contacts.get_absolute_url(), data)
    client.post(contacts.get_absolute_url(), data)
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "changes",
    [{"email": "not-an-address"}, {"message": "Так"}, {"website": "http://spam.example"}],
)
def test_bad_input_is_refused_and_what_was_typed_is_kept(client, contacts, changes):
    response = client.post(contacts.get_absolute_url(), form_data(client, **changes))
    assert response.status_code == 200
    assert "Питання про програму" in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_the_errors_are_summed_up_under_the_form_heading_with_links(client, contacts):
    response = client.post(contacts.get_absolute_url(), form_data(client, email="not-an-address"))
    html = response.content.decode()
    # under the section's h2 «Напишіть нам», so one level below it
    assert '<h3 class="error-summary__title" id="error-summary-title">' in html
    assert '<a href="#id_email">' in html
    assert "Введіть адресу електронної пошти у правильному форматі" in html
    assert 'autocomplete="email"' in html


def test_a_form_sent_at_once_is_refused_as_a_bot(client, contacts):
    session = client.session
    token = tokens.issue(session, ContactForm.submission_name)
    session.save()
    response = client.post(contacts.get_absolute_url(), form_data(client, form_token=token))
    assert "надіслано надто швидко" in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_too_many_messages_from_one_address_are_refused(client, contacts, settings):
    settings.CONTACT_FORM_RATE = "1/h"
    first = client.post(contacts.get_absolute_url(), form_data(client), REMOTE_ADDR="198.51.100.9")
    assert first.status_code == 302
    second = client.post(
        contacts.get_absolute_url(),
        form_data(client, subject="Інше питання"),
        REMOTE_ADDR="198.51.100.9",
    )
    assert second.status_code == 429


def test_other_pages_take_no_posts(client):
    page = PageFactory()
    assert client.post(page.get_absolute_url(), {}).status_code == 405


def test_messages_appear_on_the_staff_dashboard(admin_client, client, contacts):
    client.post(contacts.get_absolute_url(), form_data(client))
    html = admin_client.get("/admin/").content.decode()
    assert "Питання про програму" in html
