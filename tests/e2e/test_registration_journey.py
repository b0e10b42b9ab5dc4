import re

import pytest
from django.core import mail

from news.factories import EventFactory
from pages.models import Page
from registrations.models import Registrant, RegistrationSettings
from subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_event(settings):
    settings.REGISTRATION_MIN_SECONDS = 0  # the browser types faster than a person
    settings.SUBSCRIPTION_MIN_SECONDS = 0
    Page.objects.create(slug="privacy", title_uk="Обробка персональних даних")
    event = EventFactory(title_uk="Семінар про місцеві бюджети")
    RegistrationSettings.objects.create(event=event, capacity=1)
    return event


def test_a_resident_registers_then_cancels_from_the_email(page, open_event, assert_accessible):
    event = open_event
    page.goto(page.base_url + event.get_absolute_url())
    assert "Залишилося 1 місце." in page.locator(".registration-box").inner_text()
    assert_accessible(page)
    page.locator(".registration-box").get_by_role("link", name="Зареєструватися").click()
    page.wait_for_url(f"**/registration/{event.slug}/")
    assert_accessible(page)

    page.get_by_role("button", name="Зареєструватися").click()  # empty: the errors first
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Ім’я та прізвище").fill("Олена Петренко")
    page.get_by_label("Рада", exact=True).select_option(label="Інша організація")
    page.get_by_label("Організація").fill("ГО «Діалог»")
    page.get_by_label("Електронна пошта").fill("olena@example.org")
    page.get_by_label("Я погоджуюся на обробку моїх персональних даних").check()
    page.get_by_role("button", name="Зареєструватися").click()
    page.wait_for_url(f"**/registration/{event.slug}/done/?ref=*")
    assert page.get_by_role("heading", name="Ви зареєструвалися").is_visible()
    assert_accessible(page)

    # the event is full now: the page offers the waiting list
    page.goto(page.base_url + event.get_absolute_url())
    assert "Приєднатися до списку очікування" in page.locator(".registration-box").inner_text()

    (message,) = mail.outbox
    cancel = re.search(r"http://\S+/registration/cancel/\S+/", message.body).group(0)
    path = "/" + cancel.split("/", 3)[3]
    page.goto(page.base_url + path)
    assert_accessible(page)
    page.get_by_role("button", name="Скасувати мою реєстрацію").click()
    assert "Вашу реєстрацію скасовано" in page.locator("main").inner_text()
    assert Registrant.objects.get().status == "cancelled"
    assert page.requests_elsewhere == []


def test_a_resident_subscribes_and_confirms(page, open_event, assert_accessible):
    page.goto(page.base_url + "/")
    page.locator("footer").get_by_role("link", name="Підписатися на розсилку").click()
    page.wait_for_url("**/subscribe/")
    assert_accessible(page)
    page.get_by_label("Електронна пошта").fill("reader@example.org")
    page.get_by_label("Освітні програми").uncheck()
    page.get_by_label("Я погоджуюся, що Центр зберігає мою адресу").check()
    page.get_by_role("button", name="Підписатися").click()
    page.wait_for_url("**/subscribe/sent/")
    assert_accessible(page)
    (message,) = mail.outbox
    confirm = re.search(r"http://\S+/subscribe/confirm/\S+/", message.body).group(0)
    page.goto(page.base_url + "/" + confirm.split("/", 3)[3])
    assert_accessible(page)
    page.get_by_role("button", name="Підтвердити підписку").click()
    assert page.get_by_role("heading", name="Ви підписані").is_visible()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "active" and "programs" not in subscriber.topics
    page.get_by_role("link", name="Змінити теми або мову").click()
    assert_accessible(page)
    page.get_by_role("button", name="Відписатися").click()
    assert page.get_by_role("heading", name="Ви відписалися").is_visible()
    assert_accessible(page)
