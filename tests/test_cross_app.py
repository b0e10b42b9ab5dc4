"""Pages that bring the apps together: a council's page and the home page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.factories import CouncilFactory
from members.models import TerritorialUnit
from news.factories import ArticleFactory, EventFactory
from programs.factories import ProgramFactory
from programs.models import ProgramParticipation
from search.query import search
from tests.helpers import site_queries

pytestmark = pytest.mark.django_db


def link_content(council, count):
    for i in range(count):
        program = ProgramFactory(completed=True, title_uk=f"Програма для громади {i}")
        ProgramParticipation.objects.create(program=program, council=council, role="participant")
        ArticleFactory(title_uk=f"Новина про громаду {i}", councils=[council])
        EventFactory(title_uk=f"Подія в громаді {i}", councils=[council])


def test_council_page_lists_its_programs_news_and_events(client):
    council = CouncilFactory()
    link_content(council, 1)
    hidden = ProgramFactory(completed=True, title_uk="Чернетка програми", status="draft")
    ProgramParticipation.objects.create(program=hidden, council=council)
    ArticleFactory(
        title_uk="Запланована новина",
        councils=[council],
        publish_at=timezone.now() + timedelta(days=1),
    )
    EventFactory(
        title_uk="Минула подія",
        councils=[council],
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    html = client.get(council.get_absolute_url()).content.decode()
    assert "Програма для громади 0" in html
    assert "учасник" in html.lower()
    assert "Новина про громаду 0" in html
    assert "Подія в громаді 0" in html
    for invisible in ("Чернетка програми", "Запланована новина", "Минула подія"):
        assert invisible not in html


def test_council_page_query_count_does_not_grow_with_its_links(client):
    council = CouncilFactory()
    link_content(council, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(council.get_absolute_url()).status_code == 200
    link_content(council, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(council.get_absolute_url()).status_code == 200
    assert len(few) == len(many) <= 10


def test_home_page_with_every_section_full_stays_within_ten_queries(client):
    council = CouncilFactory()
    link_content(council, 6)
    ProgramFactory(accepting=True, title_uk="Програма, що приймає заявки")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert "Програма, що приймає заявки" in html
    assert "Новина про громаду 5" in html
    assert "Подія в громаді" in html
    queries = site_queries(captured)
    assert len(queries) <= 10, [query["sql"][:200] for query in queries]


def found_urls(query, language="uk"):
    results = search(query, language=language)
    return [hit.url for hit in results.page.object_list] if results.page else []


def test_published_content_of_every_app_is_found_in_its_word_forms():
    council = CouncilFactory(name_uk="Золочівська селищна рада", name_en="Zolochiv council")
    article = ArticleFactory(title_uk="Громади Харківщини планують разом", councils=[council])
    event = EventFactory(title_uk="Семінар для громад про планування")
    program = ProgramFactory(completed=True, title_uk="Програма просторового планування")
    assert article.get_absolute_url() in found_urls("громадою")
    assert event.get_absolute_url() in found_urls("семінари")
    assert program.get_absolute_url() in found_urls("програмою")
    assert council.get_absolute_url() in found_urls("Золочівської")
    assert "/en" + council.get_absolute_url() in found_urls("council", "en")


def test_drafts_scheduled_news_and_non_members_stay_out_of_search():
    ArticleFactory(title_uk="Чернетка про громади", status="draft")
    ArticleFactory(
        title_uk="Запланована новина про громади",
        publish_at=timezone.now() + timedelta(days=1),
    )
    ProgramFactory(title_uk="Неопублікована програма про громади", status="draft")
    CouncilFactory(name_uk="Громадська рада, що вийшла", status="former")
    assert found_urls("громади") == []


def test_unpublishing_removes_an_article_from_search():
    article = ArticleFactory(title_uk="Новина про вибори")
    assert article.get_absolute_url() in found_urls("вибори")
    article.status = "draft"
    article.save()
    assert found_urls("вибори") == []


def test_paragraphs_stay_apart_in_search_snippets():
    ArticleFactory(
        title_uk="Допомога", body_uk="<p>Надаємо допомогу.</p><p>Центр працює щодня.</p>"
    )
    results = search("допомога", language="uk")
    snippet = results.page.object_list[0].snippet_html
    assert "допомогу.Центр" not in snippet
    assert "Центр" in snippet


def test_a_council_is_found_by_the_name_of_its_town():
    council = CouncilFactory(name_uk="Балаклійська міська рада")
    TerritorialUnit.objects.create(
        code="UA63999999999999991", category="M", name_uk="Балаклія", parent=council.unit
    )
    council.save()  # re-index: the settlements are part of the council's document
    assert council.get_absolute_url() in found_urls("Балаклії")
