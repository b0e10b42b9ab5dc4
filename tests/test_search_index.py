"""Indexing: lemmas, the registry's signals, rebuild_search_index and bench_search."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save

from pages.models import Page
from search import registry
from search.index import plain_text
from search.models import SearchDocument, SearchTerm
from search.morphology import analyse, lemmas
from search.query import clean_query, parse, search


def test_ambiguous_words_stand_for_every_normal_form():
    assert {"харків", "харко"} <= set(lemmas("Харкові"))
    assert {"рада", "рад"} <= set(lemmas("ради"))
    assert lemmas("громадою") == lemmas("громад") == ("громада",)


def test_apostrophes_case_and_stress_marks_do_not_matter():
    forms = ["об’єднання", "об'єднання", "обʼєднання", "об`єднання", "ОБ‘ЄДНАННЯ", "обєднання"]
    assert {lemmas(form) for form in forms} == {("обєднання",)}
    assert lemmas("грома́да") == ("громада",)


def test_function_words_are_not_indexed():
    assert [lemmas(word) for word in ["на", "і", "та", "що", "для", "у"]] == [()] * 6
    assert [word.written for word in parse("громади на Харківщині", "uk")] == [
        "громади",
        "Харківщині",
    ]


def test_the_tsvector_has_title_a_text_b_and_alternatives_at_one_position():
    literal, title_literal, vocabulary = analyse("Рада громади", "У Харкові", "uk")
    assert literal == "'рад':1A 'рада':1A 'радий':1A 'громада':2A 'харко':4B 'харків':4B"
    assert title_literal == "'рад':1A 'рада':1A 'радий':1A 'громада':2A"
    assert ("громади", "громада") in vocabulary
    assert ("харкові", "харків") in vocabulary


@pytest.mark.django_db
def test_a_literal_built_from_any_text_is_a_valid_tsvector():
    text = "It's «Ком'юніті» 'quoted' \\ back\\slash: a&b|c!d*(e) -- 5% ÷ ½ ʼʼ"
    literal, _title, _vocabulary = analyse(text, text, "uk")
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector", [literal])
        assert cursor.fetchone()[0]


def test_html_is_indexed_as_text():
    assert plain_text("<p>Громада</p><ul><li>один</li><li>два &amp; три</li></ul>") == (
        "Громада один два & три"
    )
    assert plain_text("рядок\x00\x07 далі") == "рядок далі"


def test_queries_are_cut_between_words_and_lose_control_characters():
    assert clean_query("  громада\x00\tрада  ") == "громада рада"
    assert clean_query("слово " * 50) == ("слово " * 33).strip()
    assert clean_query("я" * 300) == "я" * 200


@pytest.fixture
def pages_indexed():
    def documents(page):
        if page.slug == "privacy" and not page.lead:
            return {}  # not "public" in this test: nothing to index
        return {
            "uk": {"title": page.title_uk, "text": page.lead_uk, "url": page.get_absolute_url()},
            "en": {
                "title": page.title_en or page.title_uk,
                "text": page.lead_en or "",
                "url": "/en" + page.get_absolute_url(),
            },
        }

    registry.register(Page, kind="news", documents=documents)
    yield
    registry.unregister(Page)


@pytest.mark.django_db
def test_registered_models_are_indexed_on_save_and_removed_on_delete(pages_indexed):
    page = Page.objects.create(
        slug="about", title_uk="Про Центр", lead_uk="<p>Підтримка громад Харківщини</p>"
    )
    assert search("громадам", language="uk").total == 1
    assert SearchDocument.objects.get(key=f"pages.page:{page.pk}", language="uk").text == (
        "Підтримка громад Харківщини"
    )
    page.lead_uk = "<p>Правова допомога</p>"
    page.save()
    assert search("громада", language="uk").total == 0
    assert search("правовою допомогою", language="uk").total == 1
    page.delete()
    assert not SearchDocument.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_object_that_is_not_public_leaves_the_index(pages_indexed):
    page = Page.objects.create(slug="privacy", title_uk="Конфіденційність", lead_uk="Текст")
    assert SearchDocument.objects.filter(key=registry.object_key(page)).count() == 2
    page.lead_uk = ""
    page.save()
    assert not SearchDocument.objects.filter(key=registry.object_key(page)).exists()


@pytest.mark.django_db
def test_raw_saves_of_fixtures_are_left_to_the_rebuild(pages_indexed):
    page = Page(pk=7, slug="about", title_uk="Про Центр")
    post_save.send(Page, instance=page, raw=True, created=True, using="default")
    assert not SearchDocument.objects.exists()
    assert not User.objects.exists()
    post_save.send(Page, instance=page, raw=False, created=True, using="default")
    assert SearchDocument.objects.filter(key="pages.page:7").count() == 2


@pytest.fixture
def users_indexed():
    def documents(user):
        groups = " ".join(group.name for group in user.groups.all())
        return {"uk": {"title": user.username, "text": groups, "url": f"/u/{user.pk}/"}}

    registry.register(User, kind="council", documents=documents, m2m=["groups"])
    yield
    registry.unregister(User)


@pytest.mark.django_db
def test_many_to_many_changes_reindex_from_either_side(users_indexed):
    user = User.objects.create(username="kharkiv")
    hromadas = Group.objects.create(name="Громади")
    user.groups.add(hromadas)
    assert search("громада", language="uk").total == 1
    user.groups.remove(hromadas)
    assert search("громада", language="uk").total == 0
    hromadas.user_set.add(user)
    assert search("громада", language="uk").total == 1
    hromadas.user_set.clear()
    assert search("громада", language="uk").total == 0
    user.groups.add(hromadas)
    user.groups.clear()
    assert search("громада", language="uk").total == 0


@pytest.mark.django_db
def test_rebuild_recreates_the_index_and_vocabulary_from_the_registry(pages_indexed):
    Page.objects.create(slug="about", title_uk="Про Центр", lead_uk="Громади Харківщини")
    Page.objects.create(slug="privacy", title_uk="Обробка даних", lead_uk="Персональні дані")
    registry.index_documents(
        "event", [("stale:1", {"uk": {"title": "Застаріле", "url": "/stale/"}})]
    )
    SearchDocument.objects.filter(key__startswith="pages.page").delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "pages.Page: 2 objects" in out.getvalue()
    assert SearchDocument.objects.filter(key__startswith="pages.page").count() == 4
    assert not SearchDocument.objects.filter(key="stale:1").exists()
    assert not SearchTerm.objects.filter(form="застаріле").exists()
    assert SearchTerm.objects.filter(language="uk", form="громади", term="громада").exists()
    assert search("громадою", language="uk").total == 1


@pytest.mark.django_db
def test_the_benchmark_runs_and_leaves_nothing_behind():
    out = StringIO()
    call_command("bench_search", documents=40, rounds=1, stdout=out)
    report = out.getvalue()
    assert "rebuilt the whole index with 40 documents" in report
    assert "search(): 31 runs, p50" in report
    assert "SQL queries per search: at most" in report
    assert not SearchDocument.objects.exists()
    assert not User.objects.exists()


def test_snippets_show_the_window_with_the_most_matches_escaped():
    from search.query import highlight

    text = "Вступ <b>. " + "слово " * 50 + "Громади Харківщини & громада. " + "кінець " * 50
    snippet = highlight(text, {"громада"})
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Громади</mark> Харківщини &amp; <mark>громада</mark>" in snippet
    assert highlight("Громада <Харкова>.", {"громада"}) == "<mark>Громада</mark> &lt;Харкова&gt;."
    assert highlight("Громада", set(), whole=True) == "Громада"
