"""The knowledge base and the desk from both sides: an official in a browser asks, a consultant
answers in admin and turns the answer into a draft consultation."""

import re

import pytest
from django.core import mail

from legalhelp.factories import ConsultationFactory, LegalActFactory, TopicFactory
from legalhelp.models import Consultation, ConsultationRequest
from pages.models import Page
from programs.factories import pdf_bytes
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = (
    "Наша сільська рада хоче укласти договір про співробітництво з двома сусідніми громадами "
    "щодо спільного вивезення відходів. З чого почати і які рішення мають ухвалити ради?"
)


@pytest.fixture
def knowledge(settings):
    settings.LEGALHELP_REQUEST_MIN_SECONDS = 0  # the browser types faster than a person
    Page.objects.create(slug="privacy", title_uk="Обробка персональних даних")
    councils = make_hromadas(3)
    topic = TopicFactory(name_uk="Співробітництво громад", name_en="Intermunicipal cooperation")
    law = LegalActFactory(
        title_uk="Про співробітництво територіальних громад",
        title_en="On Cooperation of Territorial Communities",
        number="1508-VII",
        official_url="https://zakon.rada.gov.ua/laws/show/1508-18",
    )
    consultation = ConsultationFactory(
        topics=[topic],
        acts=[law],
        title_uk="З чого почати співробітництво кількох громад (демонстраційний приклад)?",
        title_en="Where does cooperation of several hromadas begin (demonstration example)?",
    )
    ConsultationFactory(topics=[topic], acts=[law])
    return councils, topic, law, consultation


def no_sideways_scroll(page, path):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways at 320 px"


def test_the_help_pages_are_accessible_and_fit_a_phone(page, knowledge, assert_accessible):
    _councils, topic, law, consultation = knowledge
    law.amended_on = consultation.valid_as_of.replace(year=consultation.valid_as_of.year + 1)
    law.save()
    paths = [
        "/help/",
        topic.get_absolute_url(),
        consultation.get_absolute_url(),
        law.get_absolute_url(),
        "/help/ask/",
    ]
    page.set_viewport_size({"width": 320, "height": 640})
    for path in [*paths, *("/en" + path for path in paths)]:
        page.goto(page.base_url + path)
        assert_accessible(page)
        no_sideways_scroll(page, path)
    page.goto(page.base_url + consultation.get_absolute_url())
    assert "Законодавство змінилося" in page.locator("main").inner_text()
    assert page.requests_elsewhere == []


def test_an_official_asks_and_a_consultant_answers_and_publishes(
    page, browser, knowledge, assert_accessible, django_user_model, tmp_path
):
    councils, _topic, _law, _consultation = knowledge
    # The official looks in the knowledge base first, by the act's number.
    page.goto(page.base_url + "/help/")
    page.get_by_label("Пошук у відповідях").fill("1508-VІІ")
    page.get_by_role("button", name="Пошук").click()
    page.wait_for_url("**/search/?**")
    assert page.locator(".search-result").count() == 2

    page.goto(page.base_url + "/help/ask/")
    page.get_by_label("Ваші прізвище, ім’я та по батькові").fill("Олена Петренко")
    page.get_by_role("button", name="Надіслати запитання").click()
    summary = page.locator("#error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert "Напишіть своє запитання." in summary.inner_text()
    assert page.title().startswith("Помилка: ")
    assert_accessible(page)

    page.get_by_label("Посада").fill("секретар сільської ради")
    page.get_by_label("Електронна пошта").fill("olena@example.org")
    page.get_by_label("Ваша рада з реєстру").select_option(label=councils[0].name)
    page.get_by_label("Тема").select_option(label="Співробітництво громад")
    page.get_by_label("Ваше запитання").fill(QUESTION)
    document = tmp_path / "proekt-dohovoru.pdf"
    document.write_bytes(pdf_bytes())
    page.get_by_label("Додані файли").set_input_files([str(document)])
    page.get_by_label("Я погоджуюся на обробку персональних даних").check()
    page.get_by_role("button", name="Надіслати запитання").click()
    page.wait_for_url("**/help/ask/status/?ref=*")
    request = ConsultationRequest.objects.get()
    assert page.get_by_role("heading", name="Ваше запитання отримано").is_visible()
    assert request.number in page.locator("main").inner_text()
    assert request.attachments.count() == 1
    assert_accessible(page)

    # The link from the e-mail, opened in another browser without an account.
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    stranger = browser.new_context(locale="uk-UA").new_page()
    stranger.goto(page.base_url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    assert "новий" in stranger.locator("main").inner_text()

    # The consultant works the request in admin.
    django_user_model.objects.create_superuser("lawyer", password="a-long-password-1")
    page.goto(page.base_url + "/admin/login/?next=/admin/legalhelp/consultationrequest/")
    page.fill("#id_username", "lawyer")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/legalhelp/consultationrequest/")
    page.locator("#result_list input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "take_into_work")
    page.click("button[name=index]")
    assert "1 запит взято в роботу." in page.locator(".messagelist").inner_text()
    page.locator("#result_list a", has_text=request.number).click()
    page.fill("#id_internal_note", "Звірити з практикою інших громад")
    page.fill(
        "#id_answer",
        "Пані Олено, спершу ради ухвалюють рішення про ініціювання співробітництва; "
        "подробиці — у Законі № 1508-VII. Телефон для уточнень не потрібен.",
    )
    page.click("input[name=_send_answer]")
    assert "Відповідь на запит" in page.locator(".messagelist").inner_text()
    request.refresh_from_db()
    assert request.status == ConsultationRequest.Status.ANSWER_SENT
    assert "Звірити" not in mail.outbox[-1].body

    stranger.reload()
    assert "Пані Олено, спершу ради" in stranger.locator("main").inner_text()
    assert "Звірити" not in stranger.locator("main").inner_text()

    page.click("input[name=_draft_consultation]")
    page.wait_for_url("**/admin/legalhelp/consultation/*/change/")
    assert "Чернетку консультації створено" in page.locator(".messagelist").inner_text()
    draft = Consultation.objects.get(source_request=request)
    assert draft.status == "draft"
    assert "Олен" not in draft.body and councils[0].name not in draft.body
    assert page.requests_elsewhere == []
