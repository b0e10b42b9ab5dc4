import pytest
from django.core import mail

from pages.factories import PageFactory
from programs.factories import (
    MentorFactory,
    OrganisationFactory,
    ProgramFactory,
    SelectionStageFactory,
)
from programs.models import Application
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db(transaction=True)

MOTIVATION = (
    "Наші громади мають спільну річку, дороги та школи. Ми хочемо разом спланувати розвиток "
    "території, щоб мешканці отримували соціальні послуги ближче до дому, а бізнес бачив "
    "зрозумілі правила. Досвід програми допоможе нам підготувати спільні проєкти та залучити "
    "мешканців до планування. Ми вже домовилися про спільну робочу групу."
)


@pytest.fixture
def open_program(settings):
    settings.PROGRAM_APPLICATION_MIN_SECONDS = 0  # the browser types faster than a person
    PageFactory(slug="privacy", title_uk="Обробка персональних даних")
    councils = make_hromadas(4)
    program = ProgramFactory(
        title_uk="Школа співробітництва громад",
        accepting=True,
        min_group_size=2,
        max_group_size=3,
    )
    SelectionStageFactory(program=program, name_uk="Розгляд заявок")
    return program, councils


def test_an_official_finds_a_program_and_applies(page, open_program, assert_accessible):
    program, councils = open_program
    page.goto(page.base_url + "/programs/")
    assert_accessible(page)
    page.get_by_role("link", name="Школа співробітництва громад").click()
    page.wait_for_url(f"**/programs/{program.slug}/")
    assert page.get_by_role("heading", name="Основні факти").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Подати заявку").first.click()
    page.wait_for_url(f"**/programs/{program.slug}/apply/")
    assert_accessible(page)

    # Sent half-filled: the errors are listed at the top, and the summary gets the focus.
    page.get_by_label("Прізвище, ім’я та по батькові контактної особи").fill("Олена Петренко")
    page.get_by_label("Телефон").fill("12")
    page.get_by_role("button", name="Надіслати заявку").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.evaluate("element => element === document.activeElement")
    assert "Введіть український номер телефону" in summary.inner_text()
    assert page.title().startswith("Помилка: ")
    assert page.get_by_label("Прізвище, ім’я та по батькові контактної особи").input_value() == (
        "Олена Петренко"
    )
    assert_accessible(page)
    summary.get_by_role("link", name="Оберіть громаду, яка подає заявку.").click()
    assert page.evaluate("document.activeElement.id") == "id_lead_council"
    assert Application.objects.count() == 0

    page.get_by_label("Громада-лідер").select_option(label=councils[0].name)
    page.get_by_label(councils[1].name).check()
    page.get_by_label("Посада").fill("Заступниця голови громади")
    page.get_by_label("Електронна пошта").fill("olena@example.org")
    page.get_by_label("Телефон").fill("050 123 45 67")
    page.get_by_label("Чому ви хочете взяти участь?").fill(MOTIVATION)
    page.get_by_label("Я погоджуюся на обробку персональних даних").check()
    page.get_by_role("button", name="Надіслати заявку").click()

    page.wait_for_url(f"**/programs/{program.slug}/apply/done/?ref=*")
    assert page.get_by_role("heading", name="Заявку отримано").is_visible()
    assert "Розгляд заявок" in page.locator("main").inner_text()
    assert_accessible(page)
    application = Application.objects.get()
    assert application.contact_phone == "+380501234567"
    assert list(application.partner_councils.all()) == [councils[1]]
    assert [message.to for message in mail.outbox] == [
        ["olena@example.org"],
        ["centre@example.org"],
    ]
    assert page.requests_elsewhere == []


def test_the_program_pages_fit_a_phone(page, open_program, assert_accessible):
    program, _councils = open_program
    # A mentors table wider than a phone, with no link in it: it scrolls, so it takes the focus.
    organisation = OrganisationFactory(name_uk="Центр інформаційно-методичної допомоги")
    for country in ["Україна", "Швейцарія"]:
        MentorFactory(
            program=program,
            name_uk="",
            role_uk="Міжнародна команда менторів та експертів",
            organisation=organisation,
            country_uk=country,
        )
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/programs/", program.get_absolute_url(), program.get_absolute_url() + "apply/"]:
        page.goto(page.base_url + path)
        assert_accessible(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at 320 px"
    assert page.requests_elsewhere == []
