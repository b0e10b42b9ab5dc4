import pytest

from members.factories import CouncilFactory, HromadaFactory, RaionFactory, TerritorialUnitFactory
from members.models import Council

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registry():
    """Two raions; Bohodukhiv raion with real KATOTTG codes, so the map links its hromadas."""
    oblast = TerritorialUnitFactory(category="O", code="UA63000000000041885", name="Харківська")
    CouncilFactory(unit=oblast, kind="oblast", hromada_type="", name="Харківська обласна рада")
    bohodukhiv = RaionFactory(parent=oblast, code="UA63020000000066931", name="Богодухівський")
    CouncilFactory(
        unit=bohodukhiv, kind="raion", hromada_type="", name="Богодухівська районна рада"
    )
    council = CouncilFactory(
        unit=HromadaFactory(parent=bohodukhiv, code="UA63020010000079018", name="Богодухівська"),
        hromada_type="city",
        name="Богодухівська міська рада",
        slug="bohodukhivska-city-council",
        email="rada@example.org",
    )
    CouncilFactory(
        unit=HromadaFactory(parent=bohodukhiv, code="UA63020030000094096", name="Валківська"),
        hromada_type="city",
        name="Валківська міська рада",
        status=Council.Status.NOT_MEMBER,
    )
    izium = RaionFactory(parent=oblast, code="UA63040000000023521", name="Ізюмський")
    CouncilFactory(
        unit=HromadaFactory(parent=izium, name="Балаклійська"), name="Балаклійська міська рада"
    )
    return council


def no_sideways_scroll(page):
    return (
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )


@pytest.mark.parametrize("width", [1280, 320])
def test_a_resident_finds_a_council_by_raion(page, registry, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base_url + "/members/")
    assert page.locator("h1").inner_text() == "Члени Асоціації"
    assert page.get_by_role("group", name="Членство рад громад Харківщини в Асоціації").is_visible()
    assert page.locator(".members-list > li").count() == 4
    assert no_sideways_scroll(page)
    assert_accessible(page)

    page.get_by_label("Район", exact=True).select_option(label="Богодухівський район")
    page.get_by_role("button", name="Показати").click()
    page.wait_for_url("**/members/?*raion=UA63020000000066931*")
    cards = page.locator(".members-list > li")
    assert cards.count() == 2  # the raion council and its one member hromada council
    assert page.get_by_role("status").inner_text() == "Знайдено 2 ради — члени Асоціації."
    assert_accessible(page)

    page.get_by_role("link", name="Богодухівська міська рада").first.click()
    page.wait_for_url("**/members/bohodukhivska-city-council/")
    assert page.locator("h1").inner_text() == "Богодухівська міська рада"
    assert page.get_by_text("UA63020010000079018").is_visible()
    assert page.get_by_role("img", name="Де це").is_visible()
    assert no_sideways_scroll(page)
    assert_accessible(page)
    assert page.requests_elsewhere == []


def test_the_map_links_a_member_hromada_to_its_council(page, registry):
    page.goto(page.base_url + "/members/")
    area = page.locator('.members-map__areas a[href="/members/bohodukhivska-city-council/"]')
    area.click()
    page.wait_for_url("**/members/bohodukhivska-city-council/")
    assert page.locator("h1").inner_text() == "Богодухівська міська рада"
    assert page.requests_elsewhere == []


@pytest.mark.parametrize("width", [1280, 320])
def test_the_association_and_open_data_pages_are_accessible(
    page, registry, assert_accessible, width
):
    page.set_viewport_size({"width": width, "height": 800})
    for path in ["/members/association/", "/members/open-data/", "/en/members/"]:
        page.goto(page.base_url + path)
        assert_accessible(page)  # at 320 px the passport's tables scroll and take the focus
        assert no_sideways_scroll(page)
    assert page.requests_elsewhere == []
