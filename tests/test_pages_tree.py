"""The page tree: pages at any depth in both languages, moves that leave 301s behind, menus
and breadcrumbs from the tree, the admin's tree, and a constant number of queries."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import plugins
from documents.factories import DocumentFactory
from media.factories import ImageFactory
from pages.factories import ContactCardFactory, PageFactory, RichTextFactory
from pages.models import CallToAction, DocumentsBlock, ImageBlock, Page, PageRedirect
from tests.helpers import read_site_parts, site_queries

pytestmark = pytest.mark.django_db


def test_staff_grow_pages_at_any_depth_with_addresses_from_the_ukrainian_titles(client):
    about = PageFactory(title_uk="Про Центр", title_en="About the Centre")
    team = PageFactory(title_uk="Команда", title_en="Team", parent=about)
    office = PageFactory(title_uk="Харківський офіс", title_en="Kharkiv office", parent=team)
    assert (about.path, team.path, office.path) == (
        "/pro-tsentr/",
        "/pro-tsentr/komanda/",
        "/pro-tsentr/komanda/kharkivskyi-ofis/",
    )
    html = client.get(office.get_absolute_url()).content.decode()
    assert "<h1>Харківський офіс</h1>" in html
    html_en = client.get("/en" + office.get_absolute_url()).content.decode()
    assert "<h1>Kharkiv office</h1>" in html_en


def test_a_second_contacts_page_no_longer_fails_on_uniqueness():
    first = PageFactory(title_uk="Контакти")
    second = PageFactory(title_uk="Контакти", parent=first)
    assert (first.slug, second.slug) == ("kontakty", "kontakty-2")


def test_a_draft_and_everything_under_it_is_hidden_from_the_public(client, admin_client):
    section = PageFactory(title_uk="Звіти", status=Page.Status.DRAFT)
    child = PageFactory(title_uk="Звіт 2024", parent=section)
    assert client.get(section.get_absolute_url()).status_code == 404
    assert client.get(child.get_absolute_url()).status_code == 404
    preview = admin_client.get(section.get_absolute_url())
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_moving_a_page_leaves_a_301_at_its_old_addresses_and_those_of_its_children(client):
    about = PageFactory(title_uk="Про Центр")
    reports = PageFactory(title_uk="Звіти", parent=about)
    year = PageFactory(title_uk="2024", parent=reports)
    public = PageFactory(title_uk="Публічна інформація")
    old_reports, old_year = reports.path, year.path

    reports.parent = public
    reports.save()
    year.refresh_from_db()
    assert year.path == "/publichna-informatsiia/zvity/2024/"

    response = client.get(old_reports)
    assert response.status_code == 301
    assert response["Location"] == "/publichna-informatsiia/zvity/"
    assert client.get(old_year)["Location"] == "/publichna-informatsiia/zvity/2024/"
    assert client.get("/en" + old_year)["Location"] == "/en/publichna-informatsiia/zvity/2024/"
    assert set(PageRedirect.objects.values_list("old_path", flat=True)) == {old_reports, old_year}

    # Moved back, the page answers at its first address itself: no redirect loop.
    reports.parent = about
    reports.save()
    assert client.get(old_reports).status_code == 200
    assert client.get("/publichna-informatsiia/zvity/").status_code == 301


def test_a_published_slug_is_frozen():
    page = PageFactory(title_uk="Контакти")
    page.slug = "contacts"
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert list(caught.value.message_dict) == ["slug"]


def test_the_about_and_privacy_addresses_keep_working(client):
    PageFactory(slug="about", title_uk="Про Центр")
    PageFactory(slug="privacy", title_uk="Обробка даних", kind=Page.Kind.PRIVACY)
    assert client.get("/about/").status_code == 200
    html = client.get("/privacy/").content.decode()
    assert 'id="retention"' in html  # the privacy kind states the retention periods


def test_menu_placement_header_footer_both_or_neither(client):
    PageFactory(title_uk="У шапці", title_en="In the header", menu=Page.Menu.HEADER)
    PageFactory(title_uk="Внизу", title_en="In the footer", menu=Page.Menu.FOOTER)
    PageFactory(title_uk="Усюди", title_en="Everywhere", menu=Page.Menu.BOTH)
    PageFactory(title_uk="Ніде", title_en="Nowhere")
    PageFactory(title_uk="Тільки українською", title_en="", lead_en="", menu=Page.Menu.BOTH)

    def labels(place):
        return [entry["label"] for entry in plugins.menu(place) if entry["url"].count("/") == 2]

    assert [label for label in labels("header") if label in {"У шапці", "Усюди"}] == [
        "У шапці",
        "Усюди",
    ]
    assert "Внизу" in labels("footer") and "У шапці" not in labels("footer")
    assert "Ніде" not in labels("header") + labels("footer")
    html = client.get("/en/").content.decode()
    assert "In the header" in html and "Everywhere" in html
    assert "Тільки українською" not in html  # an English menu never shows Ukrainian


def test_the_current_section_is_marked_in_the_menu(client):
    about = PageFactory(slug="about", title_uk="Про Центр", menu=Page.Menu.HEADER)
    team = PageFactory(title_uk="Команда", parent=about)
    html = client.get(team.get_absolute_url()).content.decode()
    assert re.search(r'href="/about/" aria-current="page">Про Центр<', html)


def test_breadcrumbs_and_the_section_menu_come_from_the_tree(client):
    about = PageFactory(slug="about", title_uk="Про Центр")
    team = PageFactory(title_uk="Команда", parent=about)
    PageFactory(title_uk="Контакти", parent=about)
    office = PageFactory(title_uk="Офіс", parent=team)
    html = client.get(office.get_absolute_url()).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r"<a href=\"([^\"]+)\">", crumbs) == ["/", "/about/", "/about/komanda/"]
    section = re.search(r'<nav class="section-menu".*?</nav>', html, re.S).group(0)
    assert "Контакти" in section
    assert re.search(r'aria-current="page"[^>]*>Офіс<', section)


def test_a_page_shows_each_kind_of_block_in_order(client):
    page = PageFactory(title_uk="Публічна інформація")
    image = ImageFactory(alt_uk="Будівля Держпрому", caption_uk="Держпром", credit_uk="Автор")
    document = DocumentFactory(title_uk="Статут Центру")
    RichTextFactory(parent=page, ordering=10, text_uk="<p>Вступний текст.</p>")
    ImageBlock.objects.create(parent=page, region="main", ordering=20, image=image)
    block = DocumentsBlock.objects.create(parent=page, region="main", ordering=30)
    block.documents.set([document])
    ContactCardFactory(parent=page, ordering=40, name_uk="Приймальня")
    CallToAction.objects.create(
        parent=page,
        region="main",
        ordering=50,
        text_uk="Надішліть запит.",
        link_label_uk="Написати",
        url_uk="/about/",
    )
    html = client.get(page.get_absolute_url()).content.decode()
    order = [
        html.index("Вступний текст."),
        html.index('alt="Будівля Держпрому"'),
        html.index("Статут Центру"),
        html.index("Приймальня"),
        html.index("Надішліть запит."),
    ]
    assert order == sorted(order)
    assert "Автор" in html and "DOCX," in html


def test_a_call_to_action_refuses_a_scripted_link():
    block = CallToAction(text_uk="Так", link_label_uk="Так", url_uk="javascript:alert(1)")
    with pytest.raises(ValidationError) as caught:
        block.clean()
    assert "https://" in caught.value.message_dict["url"][0]


def test_a_page_costs_the_same_queries_however_many_blocks_and_pages(client):
    about = PageFactory(slug="about", menu=Page.Menu.BOTH)
    page = PageFactory(parent=about)

    def count():
        read_site_parts(client, page.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.get_absolute_url()).status_code == 200
        return len(site_queries(captured))

    RichTextFactory(parent=page)
    few = count()
    for number in range(4):
        PageFactory(parent=about, menu=Page.Menu.FOOTER)
        RichTextFactory(parent=page)
        image = ImageFactory()
        ImageBlock.objects.create(parent=page, region="main", ordering=100 + number, image=image)
        block = DocumentsBlock.objects.create(parent=page, region="main", ordering=200 + number)
        block.documents.set([DocumentFactory(), DocumentFactory()])
        ContactCardFactory(parent=page)
    many = count()
    assert few <= many == count() <= 10


def test_unknown_and_hostile_paths_are_404s(client):
    for path in ["/no/such/page/", "/" + "a/" * 600, "/%00/", "/pro%20tsentr/"]:
        assert client.get(path).status_code == 404, path


def test_the_admin_shows_the_tree_and_moves_a_page(admin_client):
    about = PageFactory(title_uk="Про Центр")
    team = PageFactory(title_uk="Команда")
    html = admin_client.get("/admin/pages/page/").content.decode()
    assert "Команда" in html and "collapse-toggle" in html
    assert admin_client.get(f"/admin/pages/page/{team.pk}/move/").status_code == 200
    response = admin_client.post(
        f"/admin/pages/page/{team.pk}/move/", {"new_location": f"{about.pk}:first"}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.parent_id, team.path) == (about.pk, "/pro-tsentr/komanda/")
    assert PageRedirect.objects.get(old_path="/komanda/").page == team


def test_the_sitemap_lists_public_pages_and_english_only_where_translated(client):
    both = PageFactory(title_uk="Звіти", title_en="Reports")
    PageFactory(title_uk="Лише українською", title_en="", lead_en="")
    draft = PageFactory(title_uk="Чернетка", status=Page.Status.DRAFT)
    PageFactory(title_uk="Під чернеткою", parent=draft)
    xml = client.get("/sitemap-pages.xml").content.decode()
    locations = re.findall(r"<loc>http://testserver([^<]+)</loc>", xml)
    assert sorted(locations) == sorted(["/zvity/", "/en/zvity/", "/lyshe-ukrainskoiu/"]), locations
    assert both.get_absolute_url() in locations
