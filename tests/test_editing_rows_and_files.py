"""Staff editing, the parts that reach beyond one row (core/pending.py, core/history.py,
core/files.py, core/admin_history.py): pending changes of items edited with inline rows
(a program's stages, a page's blocks), preview of the add form and of newly chosen files,
replaced images kept for the versions that name them, and the trash for every deletion."""

import io
from datetime import timedelta

import lxml.html
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import history
from core.models import Deletion, PendingChange
from media.factories import ImageFactory
from news.factories import ArticleFactory
from news.models import Article
from pages.factories import PageFactory, RichTextFactory
from programs.factories import ProgramFactory, SelectionStageFactory
from programs.models import Program, SelectionStage
from tests.test_editing import cover_file, form_values, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def admin_url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def row_key(data, suffix, value):
    """The posted name of an inline row's field that holds `value`."""
    return next(
        key for key, posted in data.items() if key.endswith(suffix) and value in str(posted)
    )


def edit_row(client, obj, suffix, old, new, **extra):
    data = form_values(client.get(admin_url(obj)).content.decode())
    data[row_key(data, suffix, old)] = new
    return client.post(admin_url(obj), {**data, **extra})


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_live_programs_stage_stays_pending_until_published(boss, client):
    staff = login(boss)
    program = ProgramFactory(english=True)
    stage = SelectionStageFactory(program=program, name_uk="Відбір заявок")
    public_url = program.get_absolute_url()
    assert "Відбір заявок" in client.get(public_url).content.decode()

    response = edit_row(staff, program, "-name_uk", "Відбір заявок", "Співбесіда з громадами")
    assert response.status_code == 302
    assert PendingChange.objects.count() == 1
    stage.refresh_from_db()
    assert stage.name_uk == "Відбір заявок"  # not saved live
    page = client.get(public_url).content.decode()
    assert "Відбір заявок" in page and "Співбесіда з громадами" not in page

    # Staff see the pending rows in the form and in its preview.
    form_html = staff.get(admin_url(program)).content.decode()
    assert "Співбесіда з громадами" in form_html and "Відбір заявок" not in form_html
    data = form_values(form_html)
    preview = staff.post(admin_url(program, "preview"), {**data, "_preview": "uk"})
    assert preview.status_code == 200 and "Співбесіда з громадами" in preview.content.decode()
    assert SelectionStage.objects.get().name_uk == "Відбір заявок"  # the preview saved nothing

    assert staff.post(admin_url(program), {**data, "_publish_changes": "1"}).status_code == 302
    page = client.get(public_url).content.decode()
    assert "Співбесіда з громадами" in page and "Відбір заявок" not in page
    assert not PendingChange.objects.exists()
    assert SelectionStage.objects.count() == 1


def test_a_live_pages_block_stays_pending_until_published(boss, client):
    staff = login(boss)
    page = PageFactory()
    RichTextFactory(parent=page, text_uk="<p>Години прийому: щодня.</p>")
    public_url = page.get_absolute_url()
    assert "Години прийому: щодня." in client.get(public_url).content.decode()

    response = edit_row(
        staff, page, "-text_uk", "Години прийому", "<p>Години прийому: лише у вівторок.</p>"
    )
    assert response.status_code == 302
    public = client.get(public_url).content.decode()
    assert "щодня" in public and "лише у вівторок" not in public

    data = form_values(staff.get(admin_url(page)).content.decode())
    preview = staff.post(admin_url(page, "preview"), {**data, "_preview": "uk"})
    assert "лише у вівторок" in preview.content.decode()
    assert staff.post(admin_url(page), {**data, "_publish_changes": "1"}).status_code == 302
    public = client.get(public_url).content.decode()
    assert "лише у вівторок" in public and "щодня" not in public


def test_a_pending_row_edit_from_an_outdated_copy_is_refused(boss, django_user_model):
    other = django_user_model.objects.create_superuser("olena", "olena@example.org", "pw")
    program = ProgramFactory()
    SelectionStageFactory(program=program, name_uk="Відбір заявок")
    mine, theirs = login(boss), login(other)
    my_form = form_values(mine.get(admin_url(program)).content.decode())

    assert edit_row(theirs, program, "-name_uk", "Відбір", "Їхній етап").status_code == 302
    my_form[row_key(my_form, "-name_uk", "Відбір")] = "Мій етап"
    response = mine.post(admin_url(program), my_form)
    assert response.status_code == 200
    assert "olena" in response.content.decode()
    assert PendingChange.objects.get().data["__inlines__"]  # theirs, untouched
    assert "Їхній етап" in str(PendingChange.objects.get().data["__inlines__"])


def test_the_add_form_is_previewed_with_its_cover_and_nothing_is_stored(boss, settings):
    cover = ImageFactory(file=cover_file(), alt_uk="Будівля Держпрому")
    staff = login(boss)
    add_html = staff.get(reverse("admin:news_article_add")).content.decode()
    preview_url = reverse("admin:news_article_preview_add")
    assert f'formaction="{preview_url}"' in add_html
    data = {
        **form_values(add_html),
        "title_uk": "Нова новина для перегляду",
        "lead_uk": "Вступ нової новини.",
        "cover": str(cover.pk),
        "_preview": "uk",
    }
    before = files_under(settings.MEDIA_ROOT)
    response = staff.post(preview_url, data)
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    assert "Нова новина для перегляду" in html
    images = lxml.html.fromstring(html).xpath("//img[@alt='Будівля Держпрому']/@src")
    assert images and images[0].startswith(settings.MEDIA_URL)  # the library's rendition
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not Article.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == before  # no upload, no rendition left behind

    # With an error, the add form's preview says what to correct.
    errors = staff.post(preview_url, {**data, "title_uk": ""})
    page = errors.content.decode()
    assert errors.status_code == 200 and "Нічого не збережено" in page
    assert "Заголовок [uk]: Це поле обов" in page
    assert not Article.objects.exists()


def test_a_newly_chosen_cover_is_previewed_without_being_saved(boss, settings):
    old = ImageFactory(file=cover_file(), alt_uk="Стара обкладинка", alt_en="Old cover")
    new = ImageFactory(file=cover_file(), alt_uk="Нова обкладинка", alt_en="New cover")
    staff = login(boss)
    article = ArticleFactory(english=True, cover=old)
    data = {**form_values(staff.get(admin_url(article)).content.decode()), "_preview": "en"}
    response = staff.post(admin_url(article, "preview"), {**data, "cover": str(new.pk)})
    html = response.content.decode()
    assert response.status_code == 200
    assert lxml.html.fromstring(html).xpath("//img[@alt='New cover']")
    article.refresh_from_db()
    assert article.cover == old


def test_restoring_a_version_brings_back_the_image_a_later_upload_replaced(
    boss, settings, django_capture_on_commit_callbacks
):
    staff = login(boss)
    image = ImageFactory(file=cover_file(), alt_uk="Перша")
    first_file = image.file.name
    data = form_values(staff.get(admin_url(image)).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(admin_url(image), {**data, "file": cover_file()})
    assert response.status_code == 302
    image.refresh_from_db()
    second_file = image.file.name
    assert second_file != first_file
    assert (settings.MEDIA_ROOT / first_file).exists()  # an earlier version names it

    page = staff.get(admin_url(image, "history"))
    first = page.context["action_list"][-1]["url"]  # the state before the first admin save
    with django_capture_on_commit_callbacks(execute=True):
        restored = staff.post(first, form_values(staff.get(first).content.decode()))
    assert restored.status_code == 302
    image.refresh_from_db()
    assert image.file.name == first_file
    assert (settings.MEDIA_ROOT / first_file).exists()
    assert (settings.MEDIA_ROOT / second_file).exists()  # a version names it too

    # Deleted, then the trash emptied: every file its versions named goes.
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    later = timezone.now() + timedelta(days=settings.TRASH_DAYS + 1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        call_command("empty_trash", stdout=io.StringIO())
    assert not (settings.MEDIA_ROOT / first_file).exists()
    assert not (settings.MEDIA_ROOT / second_file).exists()


def test_a_deletion_outside_the_admin_goes_to_the_trash_once(boss):
    article = ArticleFactory(english=True)
    pk = article.pk
    article.delete()  # the shell, a command
    deletion = Deletion.objects.get()
    assert deletion.object_id == str(pk) and deletion.deleted_by is None

    # A program deleted with its stages: one entry, which brings the stages back.
    program = ProgramFactory()
    SelectionStageFactory.create_batch(2, program=program)
    Program.objects.filter(pk=program.pk).delete()
    entry = Deletion.objects.get(object_id=str(program.pk), content_type__model="program")
    assert Deletion.objects.count() == 2
    history.recover(entry)
    assert SelectionStage.objects.filter(program=program).count() == 2

    # Emptying the trash and the retention purge delete for good, without new entries.
    with history.final_deletion():
        ArticleFactory().delete()
    assert Deletion.objects.count() == 1
    history.empty(list(Deletion.objects.all()))
    assert not Deletion.objects.exists()

    # A row removed in its item's change form is in the item's version, not in the trash.
    staff = login(boss)
    stage = SelectionStage.objects.filter(program=program).first()
    data = form_values(staff.get(admin_url(program)).content.decode())
    prefix = row_key(data, "-id", str(stage.pk)).removesuffix("-id")
    program.unpublish()
    data = form_values(staff.get(admin_url(program)).content.decode())
    response = staff.post(admin_url(program), {**data, f"{prefix}-DELETE": "on"})
    assert response.status_code == 302
    assert not SelectionStage.objects.filter(pk=stage.pk).exists()
    assert not Deletion.objects.exists()

    # The admin's own deletion: one entry, with who deleted it.
    staff.post(admin_url(program, "delete"), {"post": "yes"})
    assert list(Deletion.objects.values_list("object_id", "deleted_by")) == [
        (str(program.pk), boss.pk)
    ]


def test_a_returned_change_is_e_mailed_to_its_author_and_drafts_are_on_the_dashboard(
    django_user_model, mailoutbox
):
    from core import roles
    from tests.test_editing import dashboard, role_user, save

    editor_user = role_user(django_user_model, roles.EDITOR)
    editor_user.email = "editor@example.org"
    editor_user.save()
    editor = login(editor_user)
    publisher = login(role_user(django_user_model, roles.PUBLISHER))
    article = ArticleFactory(english=True)
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    panels = dashboard(editor)
    assert "Чернетки" in panels and "чернетки: 1" in panels  # the kit's panel, one per type

    assert save(editor, article, lead_uk="Пропозиція", _submit_review="1").status_code == 302
    response = publisher.post(
        admin_url(article), {"_return_review": "1", "_review_comment": "Додайте джерело"}
    )
    assert response.status_code == 302
    assert PendingChange.objects.get().review_comment == "Додайте джерело"  # stored first
    [message] = mailoutbox
    assert message.to == ["editor@example.org"]
    assert article.title_uk in message.subject
    assert "Додайте джерело" in message.body and admin_url(article) in message.body
