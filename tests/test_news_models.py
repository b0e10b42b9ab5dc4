"""News and events: publishing rules, slugs, event times, sanitized rich text."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.slugs import slugify_uk, unique_slug
from members.models import Council, TerritorialUnit
from news.factories import ArticleFactory, CategoryFactory, EventFactory
from news.models import Article, Category, Event, card_categories
from tests.hostile import XSS_PAYLOADS, dangers

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def kyiv(*args):
    return datetime(*args, tzinfo=KYIV)


# --- slugs: the official transliteration (CMU resolution No. 55 of 27.01.2010) ---


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Харківщина", "kharkivshchyna"),
        ("Згурівка", "zghurivka"),
        ("Знам’янка", "znamianka"),
        ("Знам'янка", "znamianka"),
        ("Єнакієве", "yenakiieve"),
        ("Їжакевич", "yizhakevych"),
        ("Йосипівка", "yosypivka"),
        ("Юрій", "yurii"),
        ("Ґалаґан", "galagan"),
        ("Розгін", "rozghin"),
        ("Щастя Ярошенко", "shchastia-yaroshenko"),
        ("Місцеві вибори 25.10.2020: підсумки!", "mistsevi-vybory-25102020-pidsumky"),
        ("62 ради — 97% рад Харківщини", "62-rady-97-rad-kharkivshchyny"),
    ],
)
def test_slugs_follow_the_official_transliteration(title, slug):
    assert slugify_uk(title) == slug


def test_a_long_title_is_cut_at_a_word_boundary():
    slug = slugify_uk("Освітня програма " * 20)
    assert len(slug) <= 80
    assert slug.endswith("prohrama")


def test_unique_slug_numbers_a_second_item_with_the_same_title():
    first = ArticleFactory(title_uk="Новини Харківщини")
    second = ArticleFactory(title_uk="Новини Харківщини")
    third = ArticleFactory(title_uk="Новини Харківщини")
    assert [first.slug, second.slug, third.slug] == [
        "novyny-kharkivshchyny",
        "novyny-kharkivshchyny-2",
        "novyny-kharkivshchyny-3",
    ]
    assert unique_slug(Article, "Новини Харківщини", exclude_pk=first.pk) == "novyny-kharkivshchyny"


def test_slug_comes_from_the_ukrainian_title_whatever_the_active_language():
    with translation.override("en"):
        article = Article.objects.create(title_uk="Згурівка", title_en="Zghurivka news")
    assert article.slug == "zghurivka"
    category = Category.objects.create(name_uk="Асоціація", name_en="Association")
    assert category.slug == "asotsiatsiia"


def test_slug_stays_when_the_title_of_a_published_article_changes(client):
    article = ArticleFactory(title_uk="Перша назва")
    url = article.get_absolute_url()
    article.title_uk = "Зовсім інша назва"
    article.save()
    article.refresh_from_db()
    assert article.slug == "persha-nazva"
    assert client.get(url).status_code == 200


# --- publishing and scheduling, decided when the query runs ---


def test_published_excludes_drafts_and_scheduled_items():
    visible = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(publish_at=timezone.now() + timedelta(hours=2))
    assert list(Article.objects.published()) == [visible]


def test_a_scheduled_article_appears_at_its_moment_without_anyone_acting(client):
    with time_machine.travel(kyiv(2024, 3, 1, 9, 0), tick=False):
        article = ArticleFactory(title_uk="Заплановано", publish_at=kyiv(2024, 3, 1, 12, 0))
        assert not Article.objects.published().exists()
        assert article.is_scheduled
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Заплановано" not in client.get("/news/").content.decode()
    with time_machine.travel(kyiv(2024, 3, 1, 12, 0, 1), tick=False):
        assert list(Article.objects.published()) == [article]
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Заплановано" in client.get("/news/").content.decode()


def test_publishing_without_a_date_publishes_now():
    with time_machine.travel(kyiv(2024, 5, 2, 10, 30), tick=False):
        article = Article.objects.create(title_uk="Новина", status=Article.Status.PUBLISHED)
        assert article.publish_at == kyiv(2024, 5, 2, 10, 30)
        draft = Article.objects.create(title_uk="Чернетка")
        assert draft.publish_at is None


def test_visible_to_lets_staff_with_the_permission_see_drafts(django_user_model):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_article"))
    assert draft not in Article.objects.visible_to(clerk)
    assert draft in Article.objects.visible_to(editor)


# --- events: upcoming and past, in Kyiv time ---


def test_upcoming_is_soonest_first_and_past_is_latest_first():
    with time_machine.travel(kyiv(2024, 6, 10, 12, 0), tick=False):
        later = EventFactory(starts_at=kyiv(2024, 7, 1, 10, 0))
        sooner = EventFactory(starts_at=kyiv(2024, 6, 20, 10, 0))
        running = EventFactory(starts_at=kyiv(2024, 6, 10, 11, 0), ends_at=kyiv(2024, 6, 10, 13, 0))
        old = EventFactory(starts_at=kyiv(2024, 1, 5, 10, 0))
        older = EventFactory(starts_at=kyiv(2023, 1, 5, 10, 0))
        EventFactory(starts_at=kyiv(2024, 6, 30, 10, 0), status=Event.Status.DRAFT)
        assert list(Event.objects.upcoming()) == [running, sooner, later]
        assert list(Event.objects.past()) == [old, older]


def test_an_all_day_event_is_upcoming_until_midnight_in_kyiv():
    event = EventFactory(
        starts_at=kyiv(2024, 10, 25, 0, 0),
        ends_at=None,
        all_day=True,
        publish_at=kyiv(2024, 1, 1, 0, 0),
    )
    assert event.finishes_at == kyiv(2024, 10, 26, 0, 0)
    with time_machine.travel(kyiv(2024, 10, 25, 23, 59), tick=False):
        assert list(Event.objects.upcoming()) == [event]
    with time_machine.travel(kyiv(2024, 10, 26, 0, 0, 1), tick=False):
        assert list(Event.objects.past()) == [event]


def test_a_multi_day_all_day_event_lasts_until_its_last_day():
    event = EventFactory(
        starts_at=kyiv(2024, 3, 30, 9, 0), ends_at=kyiv(2024, 4, 1, 9, 0), all_day=True
    )
    assert event.is_multi_day
    # 31 March 2024 is the switch to summer time: the end is still local midnight.
    assert event.finishes_at == kyiv(2024, 4, 2, 0, 0)
    assert event.finishes_at.utcoffset() == timedelta(hours=3)


def test_an_event_without_an_end_is_over_when_it_starts():
    event = EventFactory(starts_at=kyiv(2024, 2, 1, 10, 0), ends_at=None)
    assert event.finishes_at == kyiv(2024, 2, 1, 10, 0)


def test_local_times_follow_a_start_or_end_set_later():
    """They are kept per object (a list reads them many times), not past a change."""
    event = EventFactory.build(starts_at=kyiv(2024, 3, 30, 9, 0), ends_at=None)
    assert not event.is_multi_day
    event.ends_at = kyiv(2024, 4, 1, 9, 0)
    assert event.is_multi_day
    assert event.local_last_day.isoformat() == "2024-04-01"
    event.starts_at = kyiv(2024, 4, 1, 8, 0)
    assert event.local_start == kyiv(2024, 4, 1, 8, 0)
    assert event.month.isoformat() == "2024-04-01"
    assert not event.is_multi_day
    event.all_day = True
    event.save()
    assert event.finishes_at == kyiv(2024, 4, 2, 0, 0)


@pytest.mark.parametrize(("model", "factory"), [(Event, EventFactory), (Article, ArticleFactory)])
def test_sorted_categories_are_alphabetical_prefetched_or_not(
    django_assert_num_queries, model, factory
):
    history = CategoryFactory(name_uk="Історія", slug="istoriia")
    budget = CategoryFactory(name_uk="Бюджет", slug="biudzhet")
    item = factory(categories=[history, budget])
    assert model.objects.get(pk=item.pk).sorted_categories == [budget, history]
    (prefetched,) = model.objects.filter(pk=item.pk).prefetch_related(card_categories())
    with django_assert_num_queries(0):
        assert prefetched.sorted_categories == [budget, history]


def test_event_dates_are_checked():
    event = EventFactory.build(
        title_uk="Подія",
        starts_at=kyiv(2024, 2, 1, 10, 0),
        ends_at=kyiv(2024, 2, 1, 9, 0),
        registration_deadline=kyiv(2024, 2, 3, 9, 0),
    )
    with translation.override("uk"), pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["ends_at"] == [
        "Подія не може завершитися раніше, ніж почнеться."
    ]
    assert "registration_deadline" in error.value.message_dict


def test_raion_filter_goes_through_the_linked_councils():
    raion = TerritorialUnit.objects.create(
        code="UA63020000000066931", category="P", name="Богодухівський"
    )
    other = TerritorialUnit.objects.create(
        code="UA63040000000023521", category="P", name="Ізюмський"
    )
    hromada = TerritorialUnit.objects.create(
        code="UA63020010000079018", category="H", name="Богодухівська", parent=raion
    )
    council = Council.objects.create(
        unit=hromada, kind="hromada", name="Богодухівська міська рада", slug="bohodukhivska"
    )
    raion_council = Council.objects.create(
        unit=raion, kind="raion", name="Богодухівська районна рада", slug="bohodukhivska-raionna"
    )
    in_hromada = EventFactory(councils=[council])
    in_raion = EventFactory(councils=[raion_council])
    both = EventFactory(councils=[council, raion_council])
    EventFactory()
    assert set(Event.objects.in_raion(raion)) == {in_hromada, in_raion, both}
    assert not Event.objects.in_raion(other).exists()
    # The reverse relations other apps rely on (shared contract).
    assert set(council.events.all()) == {in_hromada, both}
    assert list(council.articles.all()) == []


def test_categories_are_translated_with_a_ukrainian_fallback():
    category = CategoryFactory(name_uk="Вибори", name_en="")
    with translation.override("en"):
        assert Category.objects.get(pk=category.pk).name == "Вибори"
    category.name_en = "Elections"
    category.save()
    with translation.override("en"):
        assert Category.objects.get(pk=category.pk).name == "Elections"


# --- rich text: the XSS corpus (tests/hostile.py), inert once saved; on every page that shows
# it, in every app: tests/test_hostile_input.py ---


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_inert_after_saving(payload):
    article = ArticleFactory(body_uk=f"<p>До</p>{payload}<p>Після</p>", body_en=payload)
    article.refresh_from_db()
    assert dangers(article.body_uk) == []
    assert dangers(article.body_en or "") == []
    assert "<p>Після</p>" in article.body_uk
