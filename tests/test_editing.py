"""Staff editing that staff can trust (core/history.py, core/admin_history.py, core/pending.py):
history with restore in both languages, the trash with files, pending changes of live items,
and the refusal of an edit made from an outdated copy."""

import io
import json
from datetime import timedelta

import lxml.html
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core import roles
from core.models import Deletion, PendingChange
from media.factories import ImageFactory
from members.factories import CouncilFactory
from news.factories import ArticleFactory, CategoryFactory
from news.models import Article
from programs.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def form_values(html):
    """What the browser would send back from the admin's change form, unchanged."""
    form = lxml.html.fromstring(html).get_element_by_id(
        next(
            f.get("id")
            for f in lxml.html.fromstring(html).forms
            if (f.get("id") or "").endswith("_form")
        )
    )
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def save(client, article, **changes):
    response = client.get(change_url(article))
    assert response.status_code == 200
    data = {**form_values(response.content.decode()), **changes}
    return client.post(change_url(article), data)


def cover_file():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), "#0a3a7a").save(buffer, "JPEG")
    return SimpleUploadedFile("cover.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_earlier_version_is_restored_in_both_languages(boss):
    client = login(boss)
    article = ArticleFactory(english=True, status=Article.Status.DRAFT, publish_at=None)
    assert save(client, article, title_uk="Перша назва", title_en="First title").status_code == 302
    assert save(client, article, title_uk="Друга назва", title_en="Second title").status_code == 302

    history = client.get(reverse("admin:news_article_history", args=[article.pk]))
    html = history.content.decode()
    # the two saves and, first, the item as it was before (made outside the admin)
    assert [a["revision"].user for a in history.context["action_list"]] == [boss, boss, None]
    assert history.status_code == 200 and html.count('name="version_id2"') == 2
    versions = lxml.html.fromstring(html).xpath('//input[@name="version_id1"]/@value')
    compare = client.get(
        reverse("admin:news_article_compare", args=[article.pk]),
        {
            "version_id1": versions[0],
            "version_id2": history.context["action_list"][0]["version"].pk,
        },
    )
    diff = compare.content.decode()
    assert compare.status_code == 200
    assert "заголовок [uk]" in diff and "заголовок [en]" in diff  # each language, Ukrainian labels
    assert "Перша назва" in diff and "Second title" in diff

    # Open the first version in the form and save it: both languages come back.
    first = history.context["action_list"][1]["url"]
    restored = client.post(first, form_values(client.get(first).content.decode()))
    assert restored.status_code == 302
    article.refresh_from_db()
    assert (article.title_uk, article.title_en) == ("Перша назва", "First title")


def test_a_deleted_item_is_recovered_from_the_trash_with_its_file_then_purged(
    boss, settings, django_capture_on_commit_callbacks
):
    client = login(boss)
    category = CategoryFactory()
    article = ArticleFactory(
        english=True, cover=ImageFactory(file=cover_file()), categories=[category]
    )
    image = article.cover
    cover = settings.MEDIA_ROOT / image.file.name
    title_en, pk = article.title_en, article.pk
    with django_capture_on_commit_callbacks(execute=True):  # the removal of files
        response = client.post(
            reverse("admin:news_article_delete", args=[pk]), {"post": "yes"}, follow=True
        )
    assert "кошика" in response.content.decode()  # the message says where it went
    assert not Article.objects.filter(pk=pk).exists()
    assert cover.exists()  # the library image stays
    with pytest.raises(ProtectedError):  # and cannot be deleted while the trash holds a use
        image.delete()

    trash = client.get(reverse("admin:core_deletion_changelist"))
    assert trash.status_code == 200
    assert trash.context["title"] == "Кошик"
    assert [row.object_repr for row in trash.context["cl"].result_list] == [article.title_uk]
    deletion = Deletion.objects.get()
    client.post(
        reverse("admin:core_deletion_changelist"),
        {"action": "recover_selected", "_selected_action": [deletion.pk]},
    )
    article = Article.objects.get(pk=pk)
    assert article.title_en == title_en
    assert list(article.categories.all()) == [category]
    assert article.cover == image
    assert Article.objects.published().filter(pk=pk).exists()
    assert not Deletion.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:news_article_delete", args=[pk]), {"post": "yes"})
        call_command("empty_trash", stdout=io.StringIO())
    assert cover.exists()
    later = timezone.now() + timedelta(days=settings.TRASH_DAYS + 1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("empty_trash", stdout=out)
    assert "1 items deleted" in out.getvalue()
    assert cover.exists()  # the library's image outlives the article
    assert image.usages() == []
    assert not Deletion.objects.exists()


def test_a_change_of_a_live_item_stays_pending_until_published(boss, client):
    editor = login(boss)
    article = ArticleFactory(english=True, lead_uk="Опублікований вступ")
    public_url = article.get_absolute_url()

    response = save(editor, article, lead_uk="Чернетка змін")
    assert response.status_code == 302
    assert PendingChange.objects.count() == 1
    article.refresh_from_db()
    assert article.lead_uk == "Опублікований вступ"
    page = client.get(public_url).content.decode()
    assert "Опублікований вступ" in page and "Чернетка змін" not in page
    form = editor.get(change_url(article)).content.decode()
    assert "Чернетка змін" in form  # staff see the pending state in the form

    response = save(editor, article, _publish_changes="1")
    assert response.status_code == 302
    page = client.get(public_url).content.decode()
    assert "Чернетка змін" in page
    history = editor.get(reverse("admin:news_article_history", args=[article.pk]))
    assert "Опубліковано зміни, збережені boss" in history.content.decode()
    assert not PendingChange.objects.exists()


def test_a_save_from_an_outdated_copy_is_refused_and_keeps_the_typed_text(boss, django_user_model):
    other = django_user_model.objects.create_superuser("olena", "olena@example.org", "pw")
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title_uk="Стара")
    mine, theirs = login(boss), login(other)
    my_form = form_values(mine.get(change_url(article)).content.decode())

    assert save(theirs, article, title_uk="Їхня назва").status_code == 302
    response = mine.post(change_url(article), {**my_form, "title_uk": "Моя назва"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "olena" in html and "змінив" in html.lower()
    assert 'value="Моя назва"' in html  # the typed text is kept
    conflict = lxml.html.fromstring(html).find_class("edit-conflict")[0].text_content()
    assert "Стара" in conflict and "Їхня назва" in conflict  # what they changed
    article.refresh_from_db()
    assert article.title_uk == "Їхня назва"

    # Saving again from the refreshed form keeps mine, on purpose.
    again = form_values(html)
    assert mine.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.title_uk == "Моя назва"


def role_user(django_user_model, role):
    user = django_user_model.objects.create_user(role.key, password="pw", is_staff=True)
    user.groups.add(roles.role_group(role))
    return user


def dashboard(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    panels = lxml.html.fromstring(response.content.decode()).find_class("staff-panels")
    return panels[0].text_content() if panels else ""


def test_an_editor_submits_for_review_and_a_publisher_returns_then_publishes(
    django_user_model, client
):
    editor = login(role_user(django_user_model, roles.EDITOR))
    publisher = login(role_user(django_user_model, roles.PUBLISHER))
    article = ArticleFactory(english=True, lead_uk="Опублікований вступ")
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(days=3))

    form = editor.get(change_url(article)).content.decode()
    assert 'name="_submit_review"' in form and 'name="_publish_changes"' not in form
    assert (
        save(editor, article, lead_uk="Пропозиція редактора", _submit_review="1").status_code == 302
    )
    assert "Опублікований вступ" in client.get(article.get_absolute_url()).content.decode()

    panels = dashboard(publisher)
    assert "Чекають на перевірку" in panels and article.title_uk in panels
    assert scheduled.title_uk in panels  # scheduled items, with their time
    assert article.title_uk in dashboard(editor)  # the author sees it too

    # The publisher returns it with a comment; the editor finds it on the dashboard.
    response = publisher.post(
        change_url(article),
        {"_return_review": "1", "_review_comment": "Додайте дату заходу"},
    )
    assert response.status_code == 302
    assert "Додайте дату заходу" in dashboard(editor)
    change = PendingChange.objects.get()
    assert change.submitted_at is None and change.data["lead_uk"] == "Пропозиція редактора"

    # Submitted again, then published by the publisher.
    assert save(editor, article, _submit_review="1").status_code == 302
    assert save(publisher, article, _publish_changes="1").status_code == 302
    assert "Пропозиція редактора" in client.get(article.get_absolute_url()).content.decode()
    assert not PendingChange.objects.exists()


def test_the_form_is_previewed_unsaved_in_both_languages(boss, client):
    staff = login(boss)
    article = ArticleFactory(english=True, title_uk="Назва на сайті", title_en="Live title")
    html = staff.get(change_url(article)).content.decode()
    preview_url = reverse("admin:news_article_preview", args=[article.pk])
    assert f'formaction="{preview_url}"' in html and 'formtarget="_blank"' in html
    data = {**form_values(html), "title_uk": "Нова назва", "title_en": "New title"}
    for language, expected in (("uk", "Нова назва"), ("en", "New title")):
        response = staff.post(preview_url, {**data, "_preview": language})
        page = response.content.decode()
        assert response.status_code == 200
        assert f'lang="{language}"' in page and expected in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
    article.refresh_from_db()
    assert article.title_uk == "Назва на сайті"  # nothing saved
    assert not PendingChange.objects.exists()
    assert client.post(preview_url, data).status_code == 302  # to the admin's login
    assert staff.get(preview_url).status_code == 405


def test_explicit_publishing_buttons_and_bulk_actions_that_say_what_they_skipped(boss):
    staff = login(boss)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert save(staff, draft, _publish_now="1").status_code == 302
    draft.refresh_from_db()
    assert draft.is_public

    # Scheduling needs a date ahead; with one, the item waits for it.
    other = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    refused = save(staff, other, _schedule="1")
    assert refused.status_code == 200
    assert "publish_at" in refused.context["adminform"].form.errors
    ahead = (timezone.localtime() + timedelta(days=2)).replace(microsecond=0)
    response = save(
        staff,
        other,
        _schedule="1",
        publish_at_0=ahead.strftime("%d.%m.%Y"),
        publish_at_1=ahead.strftime("%H:%M:%S"),
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.is_scheduled and other.publish_at == ahead

    assert save(staff, draft, _unpublish_now="1").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT

    live = ArticleFactory()
    response = staff.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, live.pk]},
        follow=True,
    )
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert shown[-2:] == [
        ("success", "Опубліковано 1 матеріал."),
        ("warning", "Пропущено 1 матеріал: він уже був на сайті."),
    ]


def test_english_older_than_the_ukrainian_is_found_and_failed_mail_is_on_the_dashboard(boss):
    staff = login(boss)
    article = ArticleFactory(english=True)
    fresh = ArticleFactory(english=True)
    publish = {"_publish_changes": "1"}
    assert (
        save(staff, article, title_uk="Нова назва", title_en="New title", **publish).status_code
        == 302
    )
    assert save(staff, fresh, title_uk="Свіжа", title_en="Fresh", **publish).status_code == 302
    assert save(staff, article, lead_uk="Лише український вступ", **publish).status_code == 302

    listed = staff.get(reverse("admin:news_article_changelist"), {"english": "outdated"})
    assert [item.pk for item in listed.context["cl"].result_list] == [article.pk]
    panels = dashboard(staff)
    assert "англійська старіша за українську" in panels.lower()

    ApplicationFactory(lead_council=CouncilFactory(), email_status="failed")
    assert "листів не доставлено" in dashboard(staff)


def test_the_editor_tooltips_are_translated(boss):
    staff = login(boss)
    form = staff.get(reverse("admin:news_article_add")).content.decode()
    assert 'src="/static/core/admin/prose-editor-labels.js"' in form
    script = staff.get("/admin/jsi18n/").content.decode()
    start = script.index("const newcatalog = ") + len("const newcatalog = ")
    catalog, _end = json.JSONDecoder().raw_decode(script, start)
    assert catalog["bold"] == "Жирний"
    assert catalog["insert link"] == "Вставити посилання"


def test_an_application_changed_meanwhile_is_not_overwritten(boss, django_user_model):
    """Applications keep no versions (personal data): the admin's history entry tells."""
    other = django_user_model.objects.create_superuser("olena", "olena@example.org", "pw")
    application = ApplicationFactory(lead_council=CouncilFactory())
    url = reverse("admin:programs_application_change", args=[application.pk])
    mine, theirs = login(boss), login(other)
    my_form = form_values(mine.get(url).content.decode())
    their_form = form_values(theirs.get(url).content.decode())
    assert theirs.post(url, their_form).status_code == 302
    response = mine.post(url, my_form)
    assert response.status_code == 200
    assert "olena" in str(response.context["adminform"].form.non_field_errors())


def test_the_delete_action_puts_each_item_in_the_trash(boss, settings):
    staff = login(boss)
    articles = ArticleFactory.create_batch(2, english=True)
    response = staff.post(
        reverse("admin:news_article_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )
    assert response.status_code == 200
    assert not Article.objects.filter(pk__in=[a.pk for a in articles]).exists()
    assert sorted(Deletion.objects.values_list("object_repr", flat=True)) == sorted(
        a.title_uk for a in articles
    )
    for deletion in Deletion.objects.all():
        assert [v.object_id for v in deletion.revision.version_set.all()] == [deletion.object_id]
    staff.post(
        reverse("admin:core_deletion_changelist"),
        {
            "action": "recover_selected",
            "_selected_action": list(Deletion.objects.values_list("pk", flat=True)),
        },
    )
    assert Article.objects.filter(pk__in=[a.pk for a in articles]).count() == 2


def test_an_editor_with_nothing_to_do_is_told_so(django_user_model):
    editor = login(role_user(django_user_model, roles.EDITOR))
    assert "ніщо не потребує вашої уваги" in dashboard(editor)
    ArticleFactory(publish_at=timezone.now() + timedelta(days=1), title_uk="Завтрашня новина")
    panels = dashboard(editor)
    assert "Завтрашня новина" in panels and "ніщо не потребує" not in panels
