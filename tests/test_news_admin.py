"""The staff's side: Django admin for news, events and categories."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from news.factories import ArticleFactory, CategoryFactory, EventFactory
from news.models import Article, Event
from tests.helpers import external_resources

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="pw"))
    return client


def test_article_changelist_has_the_columns_filters_search_and_dates(admin_client):
    category = CategoryFactory(name_uk="Вибори")
    ArticleFactory(title_uk="Підсумки виборів", categories=[category])
    ArticleFactory(title_uk="Заплановано", publish_at=datetime(2099, 1, 1, tzinfo=KYIV))
    html = admin_client.get("/admin/news/article/").content.decode()
    for column in [
        "column-thumbnail",
        "column-title",
        "column-publication_state",
        "column-publish_at",
        "column-category_list",
    ]:
        assert column in html
    assert "Підсумки виборів" in html
    assert "заплановано" in html  # the status of a scheduled article
    assert 'id="changelist-filter"' in html
    assert '<nav class="toplinks">' in html  # the date hierarchy
    found = admin_client.get("/admin/news/article/?q=виборів").content.decode()
    assert "Підсумки виборів" in found and "Заплановано" not in found


def test_publish_and_unpublish_actions(admin_client):
    drafts = ArticleFactory.create_batch(2, status=Article.Status.DRAFT, publish_at=None)
    scheduled = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=datetime(2099, 1, 1, tzinfo=KYIV)
    )
    with time_machine.travel(datetime(2024, 5, 2, 10, 0, tzinfo=KYIV), tick=False):
        response = admin_client.post(
            "/admin/news/article/",
            {"action": "publish", "_selected_action": [a.pk for a in [*drafts, scheduled]]},
            follow=True,
        )
    assert "Опубліковано 3 матеріали." in response.content.decode()
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED
        assert draft.publish_at == datetime(2024, 5, 2, 10, 0, tzinfo=KYIV)
    scheduled.refresh_from_db()
    assert scheduled.publish_at == datetime(2099, 1, 1, tzinfo=KYIV)  # kept: still scheduled
    # Still that day: going back to the real date would be hours without a request, after
    # which the staff session has ended (STAFF_SESSION_IDLE_MINUTES).
    with time_machine.travel(datetime(2024, 5, 2, 10, 5, tzinfo=KYIV), tick=False):
        response = admin_client.post(
            "/admin/news/article/",
            {"action": "unpublish", "_selected_action": [drafts[0].pk]},
            follow=True,
        )
    assert "1 матеріал повернуто в чернетки." in response.content.decode()
    assert not Article.objects.published().filter(pk=drafts[0].pk).exists()


def test_add_form_has_translation_tabs_and_the_editor_and_no_cdn(admin_client):
    for url in ["/admin/news/article/add/", "/admin/news/event/add/", "/admin/news/category/add/"]:
        html = admin_client.get(url).content.decode()
        assert 'name="title_uk"' in html or 'name="name_uk"' in html
        assert 'name="title_en"' in html or 'name="name_en"' in html
        assert "tabbed_translation_fields.js" in html
        assert "/static/vendor/jquery-ui/jquery-ui-tabs.js" in html
        assert "data-slug-url=" in html
        assert external_resources(html) == [], url
    article_form = admin_client.get("/admin/news/article/add/").content.decode()
    assert "django_prose_editor" in article_form or "prose-editor" in article_form


def test_the_slug_view_gives_the_official_transliteration_to_staff_only(admin_client, client):
    ArticleFactory(title_uk="Харківщина")
    response = admin_client.get("/admin/news/article/slug/", {"title": "Харківщина"})
    assert response.json() == {"slug": "kharkivshchyna-2"}
    existing = Article.objects.get()
    response = admin_client.get(
        "/admin/news/article/slug/", {"title": "Харківщина", "pk": existing.pk}
    )
    assert response.json() == {"slug": "kharkivshchyna"}
    assert admin_client.get("/admin/news/event/slug/", {"title": "Згурівка"}).json() == {
        "slug": "zghurivka"
    }
    admin_client.logout()
    assert client.get("/admin/news/article/slug/", {"title": "Згурівка"}).status_code == 302


def test_saving_with_a_blank_slug_fills_it_and_a_published_slug_is_read_only(admin_client):
    response = admin_client.post(
        "/admin/news/article/add/",
        {"title_uk": "Згурівська громада", "slug": "", "status": "published", "body_uk": ""},
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.slug == "zghurivska-hromada"
    html = admin_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert 'name="slug"' not in html  # shown, but no longer editable
    assert "zghurivska-hromada" in html


def test_view_on_site_shows_a_draft_to_staff(admin_client, client):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    content_type = ContentType.objects.get_for_model(Article)
    response = admin_client.get(f"/admin/r/{content_type.pk}/{draft.pk}/", follow=True)
    assert response.status_code == 200
    assert "Це чернетка" in response.content.decode()


def test_event_admin_checks_dates(admin_client):
    response = admin_client.post(
        "/admin/news/event/add/",
        {
            "title_uk": "Семінар",
            "status": "draft",
            "starts_at_0": "15.07.2030",
            "starts_at_1": "10:00",
            "ends_at_0": "15.07.2030",
            "ends_at_1": "09:00",
        },
    )
    assert "Подія не може завершитися раніше, ніж почнеться." in response.content.decode()
    assert not Event.objects.exists()
    response = admin_client.post(
        "/admin/news/event/add/",
        {
            "title_uk": "Семінар",
            "status": "published",
            "starts_at_0": "15.07.2030",
            "starts_at_1": "10:00",
            "ends_at_0": "15.07.2030",
            "ends_at_1": "13:00",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == datetime(2030, 7, 15, 10, 0, tzinfo=KYIV)  # entered in Kyiv time
    assert event in Event.objects.upcoming()
    EventFactory()  # the changelist lists events with their start
    assert "column-starts_at" in admin_client.get("/admin/news/event/").content.decode()


def test_the_admin_scripts_speak_ukrainian_too(admin_client):
    """Django's Ukrainian leaves the category and council selectors half English, and the
    text editor's link dialog ships no Ukrainian: the project's djangojs catalogue adds them."""
    script = admin_client.get("/admin/jsi18n/").content.decode()
    start = script.index("const newcatalog = ") + len("const newcatalog = ")
    catalog, _end = json.JSONDecoder().raw_decode(script, start)
    assert catalog["Choose all %s"] == "Вибрати всі: %s"
    assert catalog["Remove all %s"] == "Прибрати всі: %s"
    assert catalog["Edit Link"] == "Посилання"
    assert catalog["URL"] == "Адреса (URL)"
    assert len(catalog["%s selected option not visible"]) == 4  # Ukrainian plural forms
    assert catalog["Cancel"] == "Відмінити"  # Django's own translations are still there
    english = admin_client.get("/en/admin/jsi18n/").content.decode()
    assert "Вибрати всі" not in english


def test_the_admin_script_catalogue_is_complete():
    catalogue = polib.pofile(str(ROOT / "locale" / "uk" / "LC_MESSAGES" / "djangojs.po"))
    assert catalogue.percent_translated() == 100
    assert catalogue.fuzzy_entries() == []
