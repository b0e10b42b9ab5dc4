"""The demo content of news and events: from the seed, in both languages, idempotent."""

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from members.models import Council, TerritorialUnit
from news import demo
from news.models import Article, Category, Event
from programs.models import Program

pytestmark = pytest.mark.django_db


class Command:
    """What load_demo hands to each app's demo: somewhere to write."""

    def __init__(self):
        self.stdout = io.StringIO()


def snapshot():
    return (
        sorted(Article.objects.values_list("slug", "title_uk", "title_en", "publish_at", "cover")),
        sorted(Event.objects.values_list("slug", "starts_at", "ends_at", "program_id")),
        sorted(Category.objects.values_list("slug", "name_uk", "name_en")),
        sorted(Event.councils.through.objects.values_list("event_id", "council_id")),
    )


@pytest.fixture
def registry():
    """A raion, two hromadas with councils and the SPACES program, as the other apps load them."""
    raion = TerritorialUnit.objects.create(
        code="UA63020000000066931", category="P", name="Богодухівський"
    )
    other_raion = TerritorialUnit.objects.create(
        code="UA63040000000023521", category="P", name="Ізюмський"
    )
    for code, name, parent in [
        ("UA63020010000079018", "Богодухівська", raion),
        ("UA63040010000027587", "Балаклійська", other_raion),
    ]:
        unit = TerritorialUnit.objects.create(code=code, category="H", name=name, parent=parent)
        Council.objects.create(
            unit=unit, kind="hromada", name=f"{name} міська рада", slug=code.lower()
        )
    return Program.objects.create(title=demo.SPACES_TITLE_UK, slug="spaces")


def test_demo_tells_the_seed_in_both_languages_and_runs_twice_unchanged(registry, client):
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first

    titles = list(Article.objects.published().values_list("title_uk", flat=True))
    assert any("SPACES" in title for title in titles)
    assert any("25 жовтня 2020" in title for title in titles)
    membership = Article.objects.get(title_uk__startswith="62 місцеві ради")
    assert "54 сільські, селищні, міські ради, 7 районних рад та обласна рада" in membership.body_uk
    assert "97%" in membership.body_en
    for article in Article.objects.all():
        assert article.title_en and article.lead_en and article.body_en, article.slug
    elections = Event.objects.get(title_uk="Місцеві вибори 2020")
    assert elections.all_day and elections.local_start.date().isoformat() == "2020-10-25"

    upcoming = list(Event.objects.upcoming())
    examples = [e for e in upcoming if "демонстраційний приклад" in e.title_uk]
    assert len(examples) >= 2
    for event in examples:
        assert "(demo example)" in event.title_en
        assert "демонстраційний приклад" in event.body_uk
        assert event.starts_at - timezone.now() < timedelta(days=60)
    assert any(event.program_id == registry.pk for event in examples)
    assert Event.councils.through.objects.exists()

    # The covers were drawn here and have their renditions; the pages show them.
    covered = Article.objects.exclude(cover=None).select_related("cover")
    assert covered.count() >= 3
    assert all(article.cover.file_renditions["formats"]["WEBP"] for article in covered)
    assert all(article.cover.alt_uk and article.cover.alt_en for article in covered)
    html = client.get("/news/").content.decode()
    assert "srcset=" in html
    with translation.override("en"):
        english = client.get("/en/events/").content.decode()
    assert "(demo example)" in english


def test_demo_works_without_councils_or_programs():
    demo.load(Command())
    assert Event.objects.upcoming().count() >= 2
    assert not Event.councils.through.objects.exists()
    assert not Event.objects.exclude(program=None).exists()


def test_demo_examples_move_forward_once_they_are_over():
    command = Command()
    demo.load(command)
    example = Event.objects.filter(title_uk__contains="демонстраційний приклад").first()
    Event.objects.filter(pk=example.pk).update(
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40),
        finishes_at=timezone.now() - timedelta(days=40),
    )
    demo.load(command)
    example.refresh_from_db()
    assert not example.is_past
    assert "moved to" in command.stdout.getvalue()


def test_scale_adds_generated_articles_in_bulk_once():
    command = Command()
    started = time.monotonic()
    demo.generate_articles(command, 500, demo.categories_by_key(command))
    assert time.monotonic() - started < 10
    generated = Article.objects.filter(slug__startswith="demo-generated-")
    assert generated.count() == 500
    assert Article.categories.through.objects.filter(article__in=generated).count() == 500
    assert generated.published().count() == 500
    demo.generate_articles(command, 500, demo.categories_by_key(command))
    assert generated.count() == 500
    assert "<script" not in "".join(generated.values_list("body_uk", flat=True)[:50])
