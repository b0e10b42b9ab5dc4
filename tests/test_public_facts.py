"""Facts shown to the public agree: live figures, one association name, demo marks, page
titles and machine-readable times."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from demomarks.models import DemoFact
from members.factories import CouncilFactory
from members.models import Association, Council
from news.factories import ArticleFactory
from programs.factories import OrganisationFactory, ProgramFactory, SelectionStageFactory
from tests.members_helpers import build_oblast

pytestmark = pytest.mark.django_db

KYIV = ZoneInfo("Europe/Kyiv")
DEMO = "Демонстраційний приклад"


def figure_numbers(html):
    """The numbers of the membership figures block, in order."""
    block = re.search(r'<ul class="figures members-figures">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<span class="figure__number">([^<]+)</span>', block)


def test_the_association_page_shows_the_registrys_live_figures(client):
    oblast = build_oblast(raions=2, hromadas_per_raion=3, not_members=1)
    Association.objects.create(name_uk="Асоціація", lead_uk="Про Асоціацію.")
    before = figure_numbers(client.get("/members/association/").content.decode())
    assert before == figure_numbers(client.get("/members/").content.decode())
    assert before == ["8", "5", "2", "1", "89 %"]  # 8 of the 9 councils

    leaving = oblast["hromada_councils"][0]
    leaving.status = Council.Status.FORMER
    leaving.save()

    after = figure_numbers(client.get("/members/association/").content.decode())
    assert after == figure_numbers(client.get("/members/").content.decode())
    assert after == ["7", "4", "2", "1", "78 %"]


def association_names(client, prefix=""):
    """The association's name as its page, the passport and the footer give it."""
    page = client.get(f"{prefix}/members/association/").content.decode()
    passport = client.get(f"{prefix}/members/open-data/").content.decode()
    home = client.get(f"{prefix}/").content.decode()
    title_row = re.search(r"<th scope=\"row\">[^<]+</th><td>([^<]+): [^<]+</td>", passport)
    names = {
        "page": re.search(r"<h1>([^<]+)</h1>", page).group(1),
        "passport": title_row.group(1),
        "footer": re.search(
            r'<footer.*?<a href="[^"]*/members/association/">([^<]+)</a>', home, re.S
        ).group(1),
    }
    return {place: unescape(name) for place, name in names.items()}


def test_the_association_has_one_name_on_its_page_the_passport_and_the_footer(client):
    assert set(association_names(client).values()) == {"Асоціація місцевих рад Харківщини"}
    assert set(association_names(client, "/en").values()) == {
        "Association of local councils of Kharkiv oblast"
    }

    Association.objects.create(name_uk="Асоціація громад", name_en="Hromadas' Association")
    assert set(association_names(client).values()) == {"Асоціація громад"}
    assert set(association_names(client, "/en").values()) == {"Hromadas' Association"}


def test_an_article_with_a_marked_date_says_so_in_lists_and_on_its_page(client):
    council = CouncilFactory()
    marked = ArticleFactory(title_uk="Новина з умовною датою", councils=[council], english=True)
    ArticleFactory(title_uk="Справжня новина")
    DemoFact.objects.mark(marked, "publish_at")

    listing = client.get("/news/").content.decode()
    assert listing.count(DEMO) == 1
    card = re.search(
        r'<article class="card[^"]*">(?:(?!</article>).)*Новина з умовною датою.*?</article>',
        listing,
        re.S,
    )
    assert DEMO in card.group(0)
    assert DEMO in client.get(marked.get_absolute_url()).content.decode()
    assert DEMO in client.get(council.get_absolute_url()).content.decode()
    assert DEMO not in client.get("/en/news/").content.decode()
    assert "Demo example" in client.get("/en/news/").content.decode()


def test_a_council_chosen_as_a_non_member_by_the_demo_says_so_and_the_map_legend_too(client):
    oblast = build_oblast(not_members=2)
    chosen, real = oblast["hromada_councils"][-1], oblast["hromada_councils"][-2]
    assert DEMO not in client.get("/members/").content.decode()
    DemoFact.objects.mark(chosen, "status")

    assert DEMO in client.get(chosen.get_absolute_url()).content.decode()
    assert DEMO not in client.get(real.get_absolute_url()).content.decode()
    legend = re.search(
        r'<ul class="members-map__legend">.*?</ul>', client.get("/members/").content.decode(), re.S
    ).group(0)
    assert re.search(r"не є членом\s*<span class=\"tag tag--demo\">" + DEMO, legend)


def test_a_programs_deadlines_and_partner_from_a_public_call_are_marked(client):
    program = ProgramFactory(
        completed=True, how_to_apply_uk="<p>Заявки приймали до 24 травня 2020 року.</p>"
    )
    program.partners.add(OrganisationFactory(name_uk="Фонд-партнер"))
    stage = SelectionStageFactory(program=program, ends_on=timezone.localdate())
    html = client.get(program.get_absolute_url()).content.decode()
    assert DEMO not in html

    for fact in ("application_deadline", "partners", "how_to_apply"):
        DemoFact.objects.mark(program, fact)
    DemoFact.objects.mark(stage, "dates")
    html = client.get(program.get_absolute_url()).content.decode()
    assert html.count(DEMO) == 4
    assert re.search(r"Фонд-партнер.*?</ul><span class=\"tag tag--demo\">", html, re.S)


def test_page_titles_name_the_centre(client):
    ArticleFactory()
    pages = {
        "/": "<title>Головна — Центр розвитку громад</title>",
        "/news/": "<title>Новини — Центр розвитку громад</title>",
        "/en/news/": "<title>News — Centre for community development</title>",
        "/no-such-page/": "<title>Сторінку не знайдено — Центр розвитку громад</title>",
    }
    for url, title in pages.items():
        assert title in client.get(url).content.decode()


def test_no_time_element_carries_a_fraction_of_a_second(client):
    with_microseconds = datetime(2024, 5, 6, 10, 15, 30, 123456, tzinfo=KYIV)
    council = CouncilFactory()
    article = ArticleFactory(publish_at=with_microseconds, councils=[council])
    Council.objects.filter(pk=council.pk).update(updated_at=with_microseconds)
    pages = [
        "/news/",
        article.get_absolute_url(),
        council.get_absolute_url(),
        "/members/open-data/",
    ]
    seen = []
    for url in pages:
        html = client.get(url).content.decode()
        values = re.findall(r'<time datetime="([^"]+)"', html)
        assert values, url
        seen += values
    assert all("." not in value for value in seen), seen
    assert "2024-05-06T10:15:30+03:00" in seen
