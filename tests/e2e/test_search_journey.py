import pytest

from tests.search_corpus import index_corpus

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_searches_in_any_word_form_and_filters_by_kind(page, assert_accessible):
    index_corpus()
    page.goto(page.base_url + "/")
    header_search = page.get_by_role("searchbox", name="Пошук по сайту").first
    header_search.fill("гранти громаді Харкова")
    header_search.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("h1").inner_text() == "Пошук по сайту"
    first = page.locator(".search-result__title").first
    assert first.inner_text() == "Громада Харкова отримала грант на відновлення шкіл"
    assert first.locator("mark").all_inner_texts() == ["Громада", "Харкова", "грант"]
    assert_accessible(page)

    page.get_by_role("searchbox", name="Пошук по сайту").first.fill("бюджет")
    page.get_by_role("button", name="Знайти").first.click()
    page.wait_for_url("**/search/?q=*")
    filters = page.get_by_role("navigation", name="Фільтр результатів за видом")
    filters.get_by_role("link", name="Події (1)").click()
    page.wait_for_url("**kind=event")
    assert page.locator(".search-result__title").all_inner_texts() == [
        "Семінар «Бюджет громади: планування на 2025 рік»"
    ]
    assert filters.get_by_role("link", name="Події (1)").get_attribute("aria-current") == "page"
    assert_accessible(page)

    page.get_by_role("searchbox", name="Пошук по сайту").first.fill("Балаклійська мерія")
    page.get_by_role("searchbox", name="Пошук по сайту").first.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "Нічого не знайдено" in page.locator("h2").first.inner_text()
    page.get_by_role("link", name="Балаклійська міська рада").wait_for()
    assert_accessible(page)
    assert page.requests_elsewhere == []


def test_results_fit_a_phone(page, assert_accessible):
    index_corpus()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + "/search/?q=" + "громада")
    assert_accessible(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.requests_elsewhere == []
