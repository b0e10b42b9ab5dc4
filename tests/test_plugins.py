"""A content type plugs in from its AppConfig alone: the tiny app tests/plugin_app appears in
search, the sitemap, the menu, the home page and the dashboard, with no edit of portal/ or
core/. And every change of publication state, bulk actions included, keeps the search index,
the sitemaps and the cached responses right."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import plugins
from news.factories import ArticleFactory
from news.models import Article
from pages.factories import PageFactory
from search.models import SearchDocument
from tests.plugin_app.models import Bulletin

ROOT = Path(__file__).resolve().parent.parent


def test_the_centre_never_names_the_plugged_in_app():
    for package in ("core", "portal"):
        for path in (ROOT / package).rglob("*.py"):
            assert "plugin_app" not in path.read_text(encoding="utf-8"), path


@pytest.mark.django_db
def test_the_apps_contribute_the_menus_and_the_plugin_is_among_them():
    PageFactory(slug="about", menu="both")
    PageFactory(slug="privacy", menu="footer")
    footer = [item.url for item in plugins.menu_items("footer")]
    header = [item.url for item in plugins.menu_items("header")]
    assert header == [
        *("/news/", "/events/", "/programs/", "/members/", "/help/", "/documents/", "/about/"),
    ]
    assert footer == [
        *("/news/", "/events/", "/programs/", "/members/association/", "/members/"),
        *("/help/", "/help/ask/", "/documents/", "/about/", "/subscribe/", "/privacy/"),
        "/bulletins/",
    ]


@pytest.mark.django_db
def test_a_published_bulletin_is_in_search_sitemap_menu_and_home(client):
    bulletin = Bulletin.objects.create(
        title="Бюлетень про бюджетування громади", body="Про місцеві бюджети.", status="published"
    )
    assert bulletin.slug == "biuleten-pro-biudzhetuvannia-hromady"  # the official translit

    found = client.get("/search/", {"q": "бюджетування"}).content.decode()
    assert bulletin.get_absolute_url() in found
    assert "Bulletins (1)" in found  # the kind's filter, from the app's registration

    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-bulletins.xml" in index
    section = client.get("/sitemap-bulletins.xml").content.decode()
    assert f"http://testserver/bulletins/{bulletin.slug}/" in section

    home = client.get("/").content.decode()
    assert 'href="/bulletins/">Bulletins</a>' in home  # the footer menu
    assert bulletin.title in home  # the home section

    page = client.get(bulletin.get_absolute_url())
    assert page.status_code == 200
    assert "X-Robots-Tag" not in page


@pytest.mark.django_db
def test_a_draft_bulletin_is_nowhere_public_and_staff_preview_it(client, admin_client):
    draft = Bulletin.objects.create(title="Чернетка бюлетеня про дороги")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.get_absolute_url() not in client.get("/search/", {"q": "дороги"}).content.decode()
    assert draft.slug not in client.get("/sitemap-bulletins.xml").content.decode()

    preview = admin_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in preview["Cache-Control"]
    assert "лише працівники" in preview.content.decode() or "only staff" in preview.content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_the_plugged_in_panel(admin_client):
    Bulletin.objects.create(title="Чернетка")
    html = admin_client.get("/admin/").content.decode()
    assert "1 bulletin drafts" in html


def indexed(model_instance):
    key = f"{model_instance._meta.label_lower}:{model_instance.pk}"
    return SearchDocument.objects.filter(key=key).visible().exists()


def bulk(admin_client, model, action, items):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return admin_client.post(
        url, {"action": action, "_selected_action": [item.pk for item in items]}, follow=True
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Article, Bulletin])
def test_bulk_publish_and_unpublish_keep_search_and_sitemap_right(admin_client, client, model):
    if model is Article:
        items = [ArticleFactory(status="draft", title_uk=f"Новина про мости {n}") for n in (1, 2)]
        section = "/sitemap-news.xml"
    else:
        items = [Bulletin.objects.create(title=f"Бюлетень про мости {n}") for n in (1, 2)]
        section = "/sitemap-bulletins.xml"
    assert not any(indexed(item) for item in items)
    client.get(section)  # cached before the change: the change must still show

    response = bulk(admin_client, model, "publish", items)
    assert "2" in response.content.decode()
    for item in items:
        item.refresh_from_db()
        assert item.is_public and indexed(item)
    sitemap = client.get(section).content.decode()
    assert all(item.slug in sitemap for item in items)
    found = client.get("/search/", {"q": "мости"}).content.decode()
    assert all(item.get_absolute_url() in found for item in items)

    bulk(admin_client, model, "unpublish", items[:1])
    items[0].refresh_from_db()
    assert items[0].status == "draft"
    assert not indexed(items[0]) and indexed(items[1])
    sitemap = client.get(section).content.decode()
    assert items[0].slug not in sitemap and items[1].slug in sitemap
    assert client.get(items[0].get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_bulk_publish_of_a_scheduled_item_publishes_it_now(admin_client):
    scheduled = ArticleFactory(status="published", publish_at=timezone.now() + timedelta(days=3))
    assert scheduled.is_scheduled and not indexed(scheduled)
    response = bulk(admin_client, Article, "publish", [scheduled])
    scheduled.refresh_from_db()
    assert scheduled.is_public and indexed(scheduled)
    assert "1" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_item_leaves_the_site_search_and_sitemap_without_anyone_acting(client):
    article = ArticleFactory(
        status="published",
        title_uk="Оголошення про конкурс проєктів",
        publish_at=timezone.now() - timedelta(days=2),
        unpublish_at=timezone.now() + timedelta(hours=1),
    )
    assert client.get(article.get_absolute_url()).status_code == 200
    assert indexed(article)
    assert article.slug in client.get("/sitemap-news.xml").content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert article.is_expired
        assert client.get(article.get_absolute_url()).status_code == 404
        assert not indexed(article)
        found = client.get("/search/", {"q": "конкурс"}).content.decode()
        assert article.get_absolute_url() not in found
        # The cached sitemap is keyed by content changes, not time: it expires by its timeout.
        assert Article.objects.published().filter(pk=article.pk).count() == 0


@pytest.mark.django_db
def test_staff_without_the_view_permission_get_no_preview(client, django_user_model):
    draft = Bulletin.objects.create(title="Чернетка для перегляду")
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    user.user_permissions.add(Permission.objects.get(codename="view_bulletin"))
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_published_slug_is_frozen_and_the_admin_shows_it_read_only(admin_client):
    bulletin = Bulletin.objects.create(title="Перший заголовок", status="published")
    bulletin.slug = "new-address"
    with pytest.raises(ValidationError, match="адресу"):
        bulletin.full_clean()
    url = reverse("admin:plugin_app_bulletin_change", args=[bulletin.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="slug"' not in html
