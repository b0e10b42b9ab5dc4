"""The staff roles (core/roles.py): each role's pages, the right to publish, the translated
permission names, the sync that keeps the groups right, and the demo user of each role."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import history, roles
from core.models import Deletion
from members.models import BoardPost, Council
from news.factories import ArticleFactory
from pages.factories import ContactMessageFactory, PageRedirectFactory
from pages.models import ContactMessage, Page, PageRedirect, SiteNotice
from programs.factories import ApplicationFactory
from programs.models import Application
from registrations.models import EventMessage, Registrant, RegistrationSettings
from subscriptions.models import Digest, Subscriber
from subscriptions.sending import create_digest
from tests.plugin_app.models import Bulletin
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

EDITOR_MODELS = {
    "news.article",
    "news.event",
    "news.category",
    "pages.page",
    "pages.sitenotice",
    # editors run the events: registration, the registrants, messages to them; the digest
    "registrations.registrationsettings",
    "registrations.registrant",
    "registrations.eventmessage",
    "subscriptions.digest",
    *("pages.pageredirect", "pages.contactmessage", "documents.document", "documents.topic"),
    "media.image",
}
# Written out here, not read from the code: a change of a role's reach must change this test.
ROLE_MODELS = {
    roles.EDITOR: EDITOR_MODELS,
    roles.PUBLISHER: EDITOR_MODELS,
    roles.PROGRAM_MANAGER: {
        "programs.program",
        "programs.organisation",
        "programs.application",
        "documents.document",  # a program's documents are the library's (decision 31)
        "media.image",  # covers and images in text come from the library
    },
    roles.MEMBERSHIP_REGISTRAR: {
        "members.council",
        "members.territorialunit",
        "members.association",
        "members.boardpost",
        "documents.document",  # the statute and the founding documents
        "media.image",
    },
    roles.LEGAL_CONSULTANT: {
        "legalhelp.consultation",
        "legalhelp.legalact",
        "legalhelp.topic",
        "legalhelp.consultationrequest",
        "media.image",
        "documents.document",  # the documents attached to answers
    },
}
for role_models in ROLE_MODELS.values():
    role_models.add("core.deletion")  # the trash, with the items of the types they may add
# Within its models, a role may do what a superuser may do on these pages, except:
# emptying the trash is the Administrator's; the trashed item is an article.
# A registration is cancelled (and the place handed on), never deleted by an editor.
REFUSED = {
    roles.EDITOR: {("core.deletion", "delete"), ("registrations.registrant", "delete")},
    roles.PUBLISHER: {("core.deletion", "delete"), ("registrations.registrant", "delete")},
    roles.PROGRAM_MANAGER: {
        ("programs.application", "delete"),
        ("core.deletion", "delete"),
        ("core.deletion", "change"),
    },
    roles.MEMBERSHIP_REGISTRAR: {("core.deletion", "delete"), ("core.deletion", "change")},
    roles.LEGAL_CONSULTANT: {
        ("legalhelp.consultationrequest", "delete"),
        ("core.deletion", "delete"),
        ("core.deletion", "change"),
    },
}
PAGES = ("changelist", "add", "change", "delete")


def login(user):
    client = Client()
    client.force_login(user)
    return client


def registration_and_subscription_records():
    """What visitors and staff make in registrations and subscriptions (not demo content)."""
    event = RegistrationSettings.objects.select_related("event").first().event
    if not Registrant.objects.exists():
        Registrant.objects.create(
            event=event,
            name="Олена Петренко",
            email="olena@example.org",
            language="uk",
            status="confirmed",
            consent_given_at=timezone.now(),
        )
    if not EventMessage.objects.exists():
        EventMessage.objects.create(event=event, subject="Зміна аудиторії", body="Зала 2.")
    if not Subscriber.objects.exists():
        Subscriber.objects.create(email="reader@example.org", language="uk", status="active")
    if not Digest.objects.exists():
        create_digest(Digest.Kind.ON_DEMAND)


def one_of_each_model():
    """An object of every model in the admin: the demo content, plus what it lacks."""
    call_command("load_demo", stdout=io.StringIO())
    if not Application.objects.exists():
        ApplicationFactory(lead_council=Council.objects.first())
    if not SiteNotice.objects.exists():
        SiteNotice.objects.create(message="Технічні роботи")
    if not BoardPost.objects.exists():
        BoardPost.objects.create(post="Голова правління", council=Council.objects.first())
    if not Deletion.objects.exists():
        article = ArticleFactory()
        history.trash(article, None)
        article.delete()
    if not Bulletin.objects.exists():
        Bulletin.objects.create(title="Бюлетень")
    registration_and_subscription_records()
    if not PageRedirect.objects.exists():
        PageRedirectFactory(page=Page.objects.first())
    if not ContactMessage.objects.exists():
        ContactMessageFactory()
    objects = {}
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {model._meta.label_lower} to open"
        objects[model._meta.label_lower] = obj
    return objects


def statuses(client, objects):
    found = {}
    for model in admin.site._registry:
        opts = model._meta
        label = opts.label_lower
        base = f"admin:{opts.app_label}_{opts.model_name}"
        pk = objects[label].pk
        urls = {
            "changelist": reverse(f"{base}_changelist"),
            "add": reverse(f"{base}_add"),
            "change": reverse(f"{base}_change", args=[pk]),
            "delete": reverse(f"{base}_delete", args=[pk]),
        }
        for page, url in urls.items():
            found[(label, page)] = client.get(url).status_code
    return found


def test_each_role_opens_its_own_pages_and_is_refused_every_other(django_user_model):
    objects = one_of_each_model()
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    everything = statuses(login(superuser), objects)
    assert set(everything.values()) <= {200, 403}, everything
    users = {user.username: user for user in get_user_model().objects.filter(is_staff=True)}
    wrong = []
    for role in roles.ROLES:
        # the demo user of each role, as load_demo made it
        user = users[role.demo_username]
        assert list(user.groups.values_list("name", flat=True)) == [role.name]
        found = statuses(login(user), objects)
        for (label, page), status in found.items():
            if role.everything:
                expected = everything[(label, page)]
            elif label in ROLE_MODELS[role] and (label, page) not in REFUSED.get(role, ()):
                expected = everything[(label, page)]
            else:
                expected = 403
            if status != expected:
                wrong.append((role.name, label, page, status, expected))
    assert wrong == []
    # Each role's own pages are really open to it: a role with nothing would pass the above
    # only where the superuser is refused too.
    for role, models in ROLE_MODELS.items():
        user = users[role.demo_username]
        client = login(user)
        for label in models:
            app_label, model_name = label.split(".")
            url = reverse(f"admin:{app_label}_{model_name}_changelist")
            assert client.get(url).status_code == 200, (role.name, label)


def test_the_program_manager_may_change_an_application_but_not_delete_it(django_user_model):
    application = ApplicationFactory(lead_council=make_hromadas(1)[0])
    user = django_user_model.objects.create_user("pm", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.PROGRAM_MANAGER.name))
    assert user.has_perm("programs.change_application")
    assert user.has_perm("programs.export_application")
    assert not user.has_perm("programs.delete_application")
    assert not user.has_perm("programs.add_application")
    response = login(user).post(
        reverse("admin:programs_application_delete", args=[application.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Application.objects.filter(pk=application.pk).exists()


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR.name))
    return user


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("pub", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.PUBLISHER.name))
    return user


def test_an_editor_cannot_publish_and_a_publisher_can(editor, publisher):
    draft = ArticleFactory(status="draft")
    changelist = reverse("admin:news_article_changelist")
    change = reverse("admin:news_article_change", args=[draft.pk])

    client = login(editor)
    actions = [
        value
        for value, _label in client.get(changelist).context["action_form"].fields["action"].choices
    ]
    assert "publish" not in actions and "unpublish" not in actions
    response = client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"
    form = client.get(change).context["adminform"].form
    assert "status" not in form.fields and "publish_at" not in form.fields

    client = login(publisher)
    assert "status" in client.get(change).context["adminform"].form.fields
    response = client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_every_content_type_has_a_right_to_publish_given_to_publishers():
    """Also a content type added later (tests/plugin_app): it needs no migration of its own."""
    assert Permission.objects.filter(codename="publish_bulletin").exists()
    publisher = set(
        Group.objects.get(name=roles.PUBLISHER.name).permissions.values_list("codename", flat=True)
    )
    assert {"publish_article", "publish_event"} <= publisher
    assert "publish_article" not in set(
        Group.objects.get(name=roles.EDITOR.name).permissions.values_list("codename", flat=True)
    )


def test_the_groups_are_put_right_after_a_migrate_and_the_former_group_is_taken_over(
    django_user_model,
):
    editor_group = Group.objects.get(name=roles.EDITOR.name)
    editor_group.permissions.add(Permission.objects.get(codename="delete_user"))
    editor_group.permissions.remove(Permission.objects.get(codename="change_article"))
    old_manager = django_user_model.objects.create_user("old", password="pw", is_staff=True)
    Group.objects.get(name=roles.PROGRAM_MANAGER.name).delete()
    Group.objects.create(name="Program managers").user_set.add(old_manager)

    call_command("migrate", verbosity=0)  # nothing to migrate: post_migrate runs all the same

    codenames = set(editor_group.permissions.values_list("codename", flat=True))
    assert "change_article" in codenames and "delete_user" not in codenames
    assert not Group.objects.filter(name="Program managers").exists()
    assert old_manager.groups.get().name == "Менеджер програм"
    assert old_manager.has_perm("programs.view_application")


def test_the_administrator_holds_every_permission():
    group = Group.objects.get(name=roles.ADMINISTRATOR.name)
    assert group.permissions.count() == Permission.objects.count()


def test_permission_names_are_shown_in_ukrainian(django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    group = Group.objects.get(name=roles.PROGRAM_MANAGER.name)
    html = login(superuser).get(reverse("admin:auth_group_change", args=[group.pk])).content
    html = html.decode()
    assert "Новини та події | Може додавати: новина" in html
    assert "Може публікувати: новина" in html
    assert "Can add" not in html and "Can publish" not in html
    user_page = login(superuser).get(reverse("admin:auth_user_change", args=[superuser.pk]))
    assert "Can add" not in user_page.content.decode()


def test_load_demo_makes_one_user_per_role_and_prints_each_password_once(settings):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = out.getvalue()
    users = get_user_model().objects.filter(
        username__in=[role.demo_username for role in roles.ROLES]
    )
    assert users.count() == len(roles.ROLES)
    note = settings.DEMO_USERS_NOTE.read_text()
    for role in roles.ROLES:
        user = users.get(username=role.demo_username)
        assert user.is_staff and not user.is_superuser
        assert user.groups.get().name == role.name
        line = next(line for line in note.splitlines() if f"login {role.demo_username}," in line)
        password = line.rsplit("password ", 1)[1]
        assert user.check_password(password)
        assert password in first

    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert "password " not in again.getvalue().replace("password in", "")
    assert settings.DEMO_USERS_NOTE.read_text() == note
    assert users.count() == len(roles.ROLES)


def test_a_new_database_replaces_the_notes_stale_lines(settings):
    # a line kept from an earlier database, whose user is gone with it
    settings.DEMO_USERS_NOTE.write_text(
        "Редактор: login editor, password stale-one\nНотатка, що лишається\n"
    )
    roles.ensure_demo_users(settings.DEMO_USERS_NOTE)
    lines = settings.DEMO_USERS_NOTE.read_text().splitlines()
    assert "Нотатка, що лишається" in lines
    editor_lines = [line for line in lines if "login editor," in line]
    assert len(editor_lines) == 1 and "stale-one" not in editor_lines[0]
    password = editor_lines[0].rsplit("password ", 1)[1]
    assert get_user_model().objects.get(username="editor").check_password(password)
