"""Feeds and calendars, read by real parsers: feedparser for RSS/Atom, icalendar for .ics."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import time_machine

from news.factories import ArticleFactory, CategoryFactory, EventFactory
from news.models import Article, Event

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def kyiv(*args):
    return datetime(*args, tzinfo=KYIV)


@pytest.fixture
def articles():
    category = CategoryFactory(name_uk="Вибори", name_en="Elections")
    return [
        ArticleFactory(
            title_uk="Підсумки виборів",
            title_en="Election results",
            lead_uk="Обрано 56 голів.",
            lead_en="56 heads were elected.",
            body_en="<p>The results.</p>",
            categories=[category],
            publish_at=kyiv(2020, 11, 16, 10, 0),
        ),
        ArticleFactory(
            title_uk="Програма SPACES",
            title_en="",
            publish_at=kyiv(2020, 2, 3, 11, 0),
        ),
        ArticleFactory(title_uk="Чернетка", status=Article.Status.DRAFT),
        ArticleFactory(title_uk="Заплановано", publish_at=kyiv(2099, 1, 1)),
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_news_feeds_in_ukrainian(client, articles, kind):
    response = client.get(f"/news/feed/{kind}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/rss+xml" if kind == "rss" else "application/atom+xml"
    )
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.language == "uk"
    assert feed.feed.title == "Новини Центру розвитку громад, Харків"
    assert [entry.title for entry in feed.entries] == ["Підсумки виборів", "Програма SPACES"]
    first = feed.entries[0]
    assert first.link == f"http://testserver/news/{articles[0].slug}/"
    assert "Обрано 56 голів." in first.summary
    assert [tag.term for tag in first.tags] == ["Вибори"]
    assert first.published_parsed[:5] == (2020, 11, 16, 8, 0)  # 10:00 in Kyiv is 08:00 UTC


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_news_feeds_in_english_leave_out_items_without_english(client, articles, kind):
    feed = feedparser.parse(client.get(f"/en/news/feed/{kind}/").content)
    assert not feed.bozo
    assert feed.feed.language == "en"
    assert feed.feed.title == "News of the Centre for community development, Kharkiv"
    # "Програма SPACES" has no English: not in the English feed (decision 0014).
    assert [entry.title for entry in feed.entries] == ["Election results"]
    assert feed.entries[0].link == f"http://testserver/en/news/{articles[0].slug}/"
    assert [tag.term for tag in feed.entries[0].tags] == ["Elections"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_links_in_the_text_are_absolute_in_the_feeds(client, kind):
    """A feed reader cannot resolve "/programs/…": the feed gives the full address."""
    article = ArticleFactory(
        body_uk='<p>Див. <a href="/programs/spaces/?from=news&amp;x=1">програму</a>, '
        '<a href="../../events/">події</a>, <a href="#details">подробиці</a> '
        'і <a href="mailto:centre@example.org">пошту</a>.</p>'
    )
    response = client.get(f"/news/feed/{kind}/")
    # As a reader that does not resolve links itself sees them.
    feed = feedparser.parse(response.content, resolve_relative_uris=False)
    assert not feed.bozo, feed.bozo_exception
    assert re.findall(r'href="([^"]+)"', feed.entries[0].summary) == [
        "http://testserver/programs/spaces/?from=news&amp;x=1",
        "http://testserver/events/",
        f"http://testserver/news/{article.slug}/#details",
        "mailto:centre@example.org",
    ]


def test_a_scheduled_article_enters_the_feed_at_its_moment(client):
    with time_machine.travel(kyiv(2024, 3, 1, 9, 0), tick=False):
        ArticleFactory(title_uk="Ранкова", publish_at=kyiv(2024, 3, 1, 8, 0))
        ArticleFactory(title_uk="Опівдні", publish_at=kyiv(2024, 3, 1, 12, 0))
        before = client.get("/news/feed/rss/")
        titles = [entry.title for entry in feedparser.parse(before.content).entries]
        assert titles == ["Ранкова"]
    with time_machine.travel(kyiv(2024, 3, 1, 12, 5), tick=False):
        # The reader's cached copy is no longer current: the ETag has changed.
        after = client.get("/news/feed/rss/", headers={"if-none-match": before["ETag"]})
        assert after.status_code == 200
        titles = [entry.title for entry in feedparser.parse(after.content).entries]
        assert titles == ["Опівдні", "Ранкова"]


@pytest.mark.parametrize("url", ["/news/feed/rss/", "/news/feed/atom/", "/events/calendar.ics"])
def test_feeds_answer_conditional_requests(client, url):
    article = ArticleFactory(publish_at=kyiv(2020, 11, 16))
    event = EventFactory()
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    # Any change to what the feed shows gives a new ETag.
    article.title_uk = "Змінений заголовок"
    article.save()
    event.title_uk = "Змінена подія"
    event.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    # An item taken off the feed (unpublished) changes it too, although nothing got newer.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    assert client.get(url, headers={"if-none-match": changed["ETag"]}).status_code == 200


def test_the_english_feed_has_its_own_etag(client, articles):
    assert client.get("/news/feed/rss/")["ETag"] != client.get("/en/news/feed/rss/")["ETag"]


# --- iCalendar ---


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_has_the_right_times_in_kyiv(client):
    summer = EventFactory(
        title_uk="Консультація",
        starts_at=kyiv(2030, 7, 15, 10, 0),
        ends_at=kyiv(2030, 7, 15, 13, 0),
        venue_uk="Держпром, 6 під’їзд",
        address_uk="майдан Свободи, 5, Харків",
        registration_url="https://example.org/register",
    )
    winter = EventFactory(starts_at=kyiv(2030, 1, 15, 10, 0), ends_at=None)
    response = client.get(f"/events/{summer.slug}/calendar.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{summer.slug}.ics"'
    calendar = parse_calendar(response)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Kyiv"]
    (vevent,) = calendar.events
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert start == kyiv(2030, 7, 15, 10, 0)
    assert start.tzinfo.key == "Europe/Kyiv"
    assert start.utcoffset().total_seconds() == 3 * 3600  # summer time
    assert end == kyiv(2030, 7, 15, 13, 0)
    assert str(vevent["summary"]) == "Консультація"
    assert str(vevent["location"]) == "Держпром, 6 під’їзд, майдан Свободи, 5, Харків"
    assert str(vevent["url"]) == f"http://testserver/events/{summer.slug}/"
    assert "Реєстрація: https://example.org/register" in str(vevent["description"])
    assert str(vevent["uid"]) == f"event-{summer.pk}@testserver"
    assert b"DTSTART;TZID=Europe/Kyiv:20300715T100000" in response.content

    (winter_event,) = parse_calendar(client.get(winter.get_ics_url())).events
    start = winter_event.decoded("dtstart")
    assert start.utcoffset().total_seconds() == 2 * 3600  # winter time
    assert start.astimezone(ZoneInfo("UTC")).hour == 8
    assert "dtend" not in winter_event


def test_all_day_events_are_dates_in_the_calendar(client):
    event = EventFactory(
        starts_at=kyiv(2030, 10, 25, 0, 0), ends_at=kyiv(2030, 10, 26, 0, 0), all_day=True
    )
    response = client.get(event.get_ics_url())
    (vevent,) = parse_calendar(response).events
    assert vevent.decoded("dtstart") == date(2030, 10, 25)
    assert vevent.decoded("dtend") == date(2030, 10, 27)  # the day after the last day
    assert b"DTSTART;VALUE=DATE:20301025" in response.content


def test_the_calendar_feed_lists_published_events_in_the_visitors_language(client):
    with time_machine.travel(kyiv(2030, 6, 1, 12, 0), tick=False):
        published = kyiv(2030, 1, 1)
        EventFactory(
            title_uk="Найближча",
            title_en="Next",
            english=True,
            starts_at=kyiv(2030, 6, 5, 10),
            publish_at=published,
        )
        EventFactory(title_uk="Минула", starts_at=kyiv(2030, 3, 5, 10), publish_at=published)
        EventFactory(title_uk="Давно минула", starts_at=kyiv(2027, 3, 5, 10), publish_at=published)
        EventFactory(title_uk="Чернетка", status=Event.Status.DRAFT)
        EventFactory(title_uk="Заплановано", publish_at=kyiv(2030, 7, 1))
        calendar = parse_calendar(client.get("/events/calendar.ics"))
        assert [str(e["summary"]) for e in calendar.events] == ["Минула", "Найближча"]
        assert str(calendar["x-wr-calname"]) == "Події Центру розвитку громад"
        english = parse_calendar(client.get("/en/events/calendar.ics"))
        # "Минула" has no English: left out of the English calendar (decision 0014).
        assert [str(e["summary"]) for e in english.events] == ["Next"]
        assert str(english["x-wr-calname"]) == "Events of the Centre for community development"


def test_a_draft_events_ics_is_404_for_the_public(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(draft.get_ics_url()).status_code == 404
    assert client.get("/events/no-such-event/calendar.ics").status_code == 404
