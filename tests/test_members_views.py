"""The registry, council, association and open-data pages: content, filters, bad input, queries."""

import html as html_module
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from documents.factories import AttachmentFactory, DocumentFactory, pdf_text_bytes
from members.factories import CouncilFactory, HromadaFactory, TerritorialUnitFactory
from members.models import Association, BoardPost, Council
from tests.helpers import breadcrumbs, external_resources, sitemap_xml
from tests.members_helpers import build_oblast

pytestmark = pytest.mark.django_db


def listed_codes(html):
    """The KATOTTG codes of the councils the registry lists, in order."""
    return re.findall(r'data-katottg="(UA\d+)"', html)


def text(html):
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def oblast():
    return build_oblast()


def test_the_registry_lists_the_member_councils_in_ukrainian_order(client, oblast):
    html = client.get("/members/").content.decode()
    members = Council.objects.members().by_name()
    assert listed_codes(html) == [council.unit.code for council in members]
    assert len(listed_codes(html)) == 8  # 1 oblast + 2 raion + 5 of the 6 hromada councils
    not_member = oblast["hromada_councils"][-1]
    assert not_member.unit.code not in listed_codes(html)
    assert "Знайдено 8 рад — членів Асоціації." in text(html)


def test_the_registry_filters_by_raion_kind_and_name(client, oblast):
    raion = oblast["raions"][0]
    html = client.get("/members/", {"raion": raion.code}).content.decode()
    expected = {oblast["raion_councils"][0].unit.code} | {
        council.unit.code for council in oblast["hromada_councils"][:3]
    }
    assert set(listed_codes(html)) == expected
    assert f'<option value="{raion.code}" selected>' in html

    html = client.get("/members/", {"kind": "raion"}).content.decode()
    assert set(listed_codes(html)) == {c.unit.code for c in oblast["raion_councils"]}

    html = client.get("/members/", {"q": "громада01"}).content.decode()
    assert listed_codes(html) == [oblast["hromada_councils"][1].unit.code]

    # a settlement's name finds its hromada's council (and not the raion's or the oblast's)
    html = client.get("/members/", {"q": "село11"}).content.decode()
    assert listed_codes(html) == [oblast["hromada_councils"][4].unit.code]


def test_the_search_accepts_any_apostrophe(client):
    council = CouncilFactory(
        unit=HromadaFactory(name="Мереф’янська"), name="Мереф’янська міська рада"
    )
    CouncilFactory(name="Інша рада")
    for query in ["Мереф'ян", "мерефʼян", "Мереф’ян"]:
        html = client.get("/members/", {"q": query}).content.decode()
        assert listed_codes(html) == [council.unit.code], query


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"raion": "UA63999999999999999"}, "Район: немає району «UA63999999999999999»"),
        ({"raion": "'; drop table"}, "Район: немає району «'; drop table»"),
        ({"kind": "village"}, "Вид ради: немає виду ради «village»"),
        ({"q": "х" * 101}, "Назва ради, громади чи населеного пункту:"),
        ({"q": "а\x00б"}, "Назва ради, громади чи населеного пункту:"),
    ],
)
def test_a_bad_filter_is_explained_and_left_out(client, oblast, query, message):
    response = client.get("/members/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in text(html)
    assert len(listed_codes(html)) == 8  # the other filters (none here) still apply


def test_a_bad_filter_does_not_spoil_a_good_one(client, oblast):
    html = client.get("/members/", {"kind": "raion", "raion": "nonsense"}).content.decode()
    assert set(listed_codes(html)) == {c.unit.code for c in oblast["raion_councils"]}


def test_a_hromada_code_is_not_a_raion(client, oblast):
    hromada = oblast["hromada_councils"][0].unit
    response = client.get("/members/", {"raion": hromada.code})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "2", "-1", "9" * 30])
def test_a_bad_page_is_a_404(client, oblast, page):
    assert client.get("/members/", {"page": page}).status_code == 404


def test_the_first_page_by_number_is_the_registry(client, oblast):
    assert client.get("/members/", {"page": "1"}).status_code == 200
    assert client.get("/members/", {"page": "last"}).status_code == 200


def test_nothing_found_says_so(client, oblast):
    html = client.get("/members/", {"q": "нічого такого"}).content.decode()
    assert "Жодна рада — член Асоціації не відповідає цим фільтрам." in html


def test_the_registry_shows_the_figures_the_map_and_the_table_per_raion(client, oblast):
    html = client.get("/members/").content.decode()
    flat = text(html)
    assert "8 місцевих рад — членів Асоціації" in flat
    assert "89 % від 9 рад Харківщини" in flat
    # The map: an accessible SVG drawn on the server, with the OpenStreetMap credit.
    assert re.search(r'<svg class="members-map__svg"[^>]*role="img"', html)  # no links: an image
    assert 'aria-labelledby="registry-map-title registry-map-desc"' in html
    assert '<title id="registry-map-title">' in html
    assert '<desc id="registry-map-desc">' in html
    assert (
        '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>' in html
    )
    # The table beside it: one row per raion and a total.
    assert '<caption id="raions-caption">Ради — члени Асоціації за районами</caption>' in html
    # It scrolls sideways on a phone, so it is a named region that takes the focus.
    assert (
        '<div class="table-wrap" role="region" aria-labelledby="raions-caption" tabindex="0">'
        in html
    )
    assert "Район0ський район" in flat and "Район1ський район" in flat
    not_member = oblast["hromada_councils"][-1]
    assert f'<a href="{not_member.get_absolute_url()}">{not_member.name}</a>' in html
    assert "членів: 2 з 2" in flat


def test_the_map_colours_each_hromada_by_membership_and_links_its_council(client):
    """With the real boundaries and units: the shapes are joined by KATOTTG code."""
    raion = TerritorialUnitFactory(category="P", code="UA63020000000066931", name="Богодухівський")
    bohodukhiv = CouncilFactory(
        unit=HromadaFactory(code="UA63020010000079018", parent=raion, name="Богодухівська"),
        name="Богодухівська міська рада",
        slug="bohodukhiv",
    )
    valky = CouncilFactory(
        unit=HromadaFactory(code="UA63020030000094096", parent=raion, name="Валківська"),
        name="Валківська міська рада",
        slug="valky",
        status=Council.Status.NOT_MEMBER,
    )
    html = client.get("/members/").content.decode()
    # A map of links is a named group of real links (a role="img" may hold no links).
    assert (
        'role="group" aria-labelledby="registry-map-title" aria-describedby="registry-map-desc"'
    ) in html
    assert '<a class="members-map__skip" href="#registry-map-end">' in html
    # Real links, named by their <title>; members hatched, the others plain.
    assert (
        '<a href="/members/bohodukhiv/"><title>Богодухівська міська рада: член Асоціації</title>'
        '<path class="members-map__area members-map__area--member" '
        'fill="url(#registry-map-hatch)"'
    ) in html
    assert (
        '<a href="/members/valky/"><title>Валківська міська рада: не член</title>'
        '<path class="members-map__area members-map__area--not-member" d="'
    ) in html
    # 56 hromadas drawn, 54 of them without a council on this test's data
    assert html.count("members-map__area--unknown") == 54
    assert bohodukhiv.unit.code in listed_codes(html) and valky.unit.code not in listed_codes(html)


def test_the_english_registry_uses_english_names(client):
    CouncilFactory(name_uk="Богодухівська міська рада", name_en="Bohodukhivska City Council")
    html = client.get("/en/members/").content.decode()
    assert "Bohodukhivska City Council" in html
    assert "1 member council found." in text(html)


def test_the_registry_shows_the_note_staff_write(client, oblast):
    Association.objects.create(name_uk="Асоціація", registry_note_uk="Перелік ілюстративний.")
    html = client.get("/members/").content.decode()
    assert '<div class="members-note" role="note"><p>Перелік ілюстративний.</p></div>' in html


def test_a_council_page_shows_its_facts_head_contacts_and_map(client, oblast):
    council = oblast["hromada_councils"][0]
    council.head_name_uk = "Тестовий Голова"
    council.head_title_uk = "сільський голова"
    council.head_elected_on = "2020-10-25"
    council.address_uk = "вул. Центральна, 1"
    council.phone = "+380 57 700 0000"
    council.email = "rada@example.org"
    council.population = 12345
    council.figures_year = 2022
    council.save()
    html = client.get(council.get_absolute_url()).content.decode()
    flat = text(html)
    assert f"<h1>{council.name}</h1>" in html
    assert "Член Асоціації" in flat
    assert council.unit.code in html
    raion_council = oblast["raion_councils"][0]
    assert f'<a href="{raion_council.get_absolute_url()}">Район0ський район</a>' in html
    assert "Сільський голова: Тестовий Голова" in flat
    assert "обрано 25 жовтня 2020" in flat
    assert '<a href="tel:+380-57-700-0000">+380 57 700 0000</a>' in html
    assert '<a href="mailto:rada@example.org">' in html
    assert "12345 (2022)" in flat
    assert "1 населений пункт громади" in flat and "Село00" in flat
    assert 'aria-labelledby="locator-map-title locator-map-desc"' in html


def test_the_registry_pages_lead_back_to_the_registry(client, oblast):
    council = oblast["hromada_councils"][0]
    registry = ("/members/", "Члени Асоціації")
    home = ("/", "Головна")
    for path, current in [
        (council.get_absolute_url(), council.name),
        ("/members/association/", "Про Асоціацію"),
        ("/members/open-data/", "Відкриті дані"),
    ]:
        assert breadcrumbs(client.get(path).content.decode()) == [home, registry, (None, current)]
    assert breadcrumbs(client.get("/members/").content.decode()) == [
        home,
        (None, "Члени Асоціації"),
    ]


def test_a_non_member_council_page_says_so(client, oblast):
    council = oblast["hromada_councils"][-1]
    html = client.get(council.get_absolute_url()).content.decode()
    assert "Не член Асоціації" in text(html)


def test_the_raion_and_oblast_council_pages_list_their_units(client, oblast):
    raion_council = oblast["raion_councils"][0]
    html = client.get(raion_council.get_absolute_url()).content.decode()
    assert "3 громади району" in text(html)
    for council in oblast["hromada_councils"][:3]:
        assert f'<a href="{council.get_absolute_url()}">{council.name}</a>' in html
    html = client.get(oblast["oblast_council"].get_absolute_url()).content.decode()
    assert "2 райони області" in text(html)
    assert "locator-map" not in html


def test_an_unknown_council_is_a_404(client):
    assert client.get("/members/no-such-council/").status_code == 404


def test_the_exports_answer_head_requests(client, oblast):
    for url in ["/members/export.csv", "/members/export.json", "/members/open-data/"]:
        assert client.head(url).status_code == 200, url
    assert client.post("/members/export.csv").status_code == 405


def test_the_association_page_lists_documents_and_the_board(client, oblast, tmp_path):
    association = Association.objects.create(
        name_uk="Асоціація місцевих рад", lead_uk="Об’єднує ради.", body_uk="<p>Діяльність</p>"
    )
    statute = DocumentFactory(
        title_uk="Статут",
        kind="statute",
        file=SimpleUploadedFile("statute.pdf", pdf_text_bytes()),
        issued_on=date(2021, 2, 1),
    )
    AttachmentFactory(content_object=association, document=statute)
    council = oblast["raion_councils"][1]
    BoardPost.objects.create(post_uk="Голова правління", council=council)
    html = client.get("/members/association/").content.decode()
    flat = text(html)
    assert "<h1>Асоціація місцевих рад</h1>" in html
    assert f'<a href="{statute.get_absolute_url()}">Статут</a>' in html
    assert f'<a href="{statute.file.url}" download>' in html
    assert "Статут від 1 лютого 2021" in flat
    with translation.override("uk"):
        size = filesizeformat(statute.file_size).replace("\xa0", " ")
    assert f"(PDF, {size})" in flat
    assert f'<a href="{council.get_absolute_url()}">{council.name}</a>' in html
    assert "Голова правління" in flat


def test_the_association_page_works_before_staff_fill_it(client):
    html = client.get("/members/association/").content.decode()
    assert "Документи ще не оприлюднено на сайті." in html
    assert "Склад правління ще не оприлюднено на сайті." in html


PAGES = [
    "/members/",
    "/members/?raion={raion}&kind=hromada&q=громада",
    "/en/members/",
    "{hromada}",
    "{raion_council}",
    "/members/association/",
    "/members/open-data/",
    "/members/export.csv",
    "/members/export.json",
    "/members/structure.csv",
    "/",
]


def query_counts(client, data):
    Association.objects.create(name_uk="Асоціація")
    for council in Council.objects.all()[:3]:
        BoardPost.objects.create(post_uk="Член правління", council=council)
    counts = {}
    for page in PAGES:
        url = page.format(
            raion=data["raions"][0].code,
            hromada=data["hromada_councils"][0].get_absolute_url(),
            raion_council=data["raion_councils"][0].get_absolute_url(),
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[page] = len(queries)
    return counts


@pytest.mark.django_db
def test_every_page_runs_a_few_queries_whatever_the_number_of_councils(client):
    few = query_counts(client, build_oblast(raions=1, hromadas_per_raion=1, not_members=0))
    BoardPost.objects.all().delete()
    Association.objects.all().delete()
    Council.objects.all().delete()
    many = query_counts(client, build_oblast(raions=7, hromadas_per_raion=10, not_members=5))
    print("queries per page:", many)
    assert few == many
    assert max(many.values()) <= 10, many


def test_the_pages_load_nothing_from_another_host(client, oblast):
    for url in [
        "/members/",
        oblast["hromada_councils"][0].get_absolute_url(),
        "/members/association/",
        "/members/open-data/",
    ]:
        assert external_resources(client.get(url).content.decode()) == [], url


def test_the_sitemap_lists_the_registry_pages_and_every_council(client, oblast):
    xml = sitemap_xml(client)
    for path in ["/members/", "/members/association/", "/members/open-data/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml
    for council in Council.objects.all():
        assert f"<loc>http://testserver{council.get_absolute_url()}</loc>" in xml
        assert f"<loc>http://testserver/en{council.get_absolute_url()}</loc>" in xml
    assert "<lastmod>" in xml


def test_the_main_menu_marks_the_registry_as_active(client, oblast):
    html = client.get(oblast["hromada_councils"][0].get_absolute_url()).content.decode()
    assert re.search(r'href="/members/" aria-current="page">Члени Асоціації<', html)


def test_a_council_page_shows_its_emblem_from_stored_renditions(
    client, oblast, django_assert_max_num_queries
):
    png = io.BytesIO()
    Image.new("RGB", (120, 120), (10, 58, 122)).save(png, "PNG")

    council = oblast["hromada_councils"][0]
    council.emblem = SimpleUploadedFile("emblem.png", png.getvalue())
    council.save()
    # Made on save, by the shared pipeline: the page only links the stored files.
    assert council.emblem_renditions["source"] == council.emblem.name
    assert (council.emblem_width, council.emblem_height) == (120, 120)
    with django_assert_max_num_queries(10):
        html = client.get(council.get_absolute_url()).content.decode()
    assert re.search(
        r'<img src="/media/cache/[^"]+\.webp" srcset="[^"]+ 120w"[^>]* width="120" height="120"',
        html,
    )
    assert 'class="members-council__emblem"' in html
    assert f'alt="Герб: {council.name}"' in html
    assert external_resources(html) == []


def test_the_registry_works_before_anything_is_imported(client):
    response = client.get("/members/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Знайдено 0 рад — членів Асоціації." in text(html)
    assert 'role="img"' in html  # the map of the shipped boundaries, with no links yet
