"""The admin in correct Ukrainian: every list, add, change, history and delete page of every
registered model, walked as a superuser, with no phrase that Django's Ukrainian catalogue
builds from the nominative model name and no English left in what staff read."""

import re
from html import unescape
from html.parser import HTMLParser
from importlib import import_module

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from factory.django import DjangoModelFactory
from reversion import is_registered
from reversion.models import Version

from core import history
from core.models import Deletion
from demomarks.models import DemoFact
from members.factories import CouncilFactory
from members.models import Association, BoardPost
from news.factories import ArticleFactory
from pages.factories import PageFactory
from pages.models import Page, SiteNotice
from programs.factories import ApplicationFactory
from programs.models import Application

pytestmark = [pytest.mark.django_db, pytest.mark.admin_crawl]

# What Django's Ukrainian admin says when it glues a nominative model name into a sentence
# ("Додати новина"), or what its catalogue leaves wrong ("був видалений успішно" of a feminine
# noun, "За дата публікації", "Моделі у Новини додатку").
FIXED_PHRASES = [
    "було додано успішно",
    "було змінено успішно",
    "був видалений успішно",
    "Успішно видалено",
    "Моделі у ",
    "Змінені ",
    "Обрати всі 1",
]


def ungrammatical_patterns():
    """Django's Ukrainian phrases around each registered model's name, and fixed phrases."""
    names, plurals = set(), set()
    for model in admin.site._registry:
        names.add(str(model._meta.verbose_name).lower())
        plurals.add(str(model._meta.verbose_name_plural).lower())
    name = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    plural = "|".join(sorted(map(re.escape, plurals), key=len, reverse=True))
    return [re.compile(re.escape(phrase)) for phrase in FIXED_PHRASES] + [
        re.compile(
            rf"(?i:Додати|Змінити|Переглянути|Виберіть|Вибрати) (ще )?(одну |один )?({name})\b"
        ),
        re.compile(rf"(?i:обрану|обраний|обрані) ({name}|{plural})\b"),
        re.compile(rf"\d+ ({name}|{plural})\b"),
        # " By %(filter_title)s " in Django's Ukrainian: "За дата публікації"
        re.compile(r"¶ За (?!полем)[а-яіїєґ]"),
    ]


# Names, codes and addresses that stay Latin in Ukrainian text.
ALLOWED_LATIN = {
    "uk",
    "en",
    "id",
    "url",
    "urls",
    "html",
    "http",
    "https",
    "www",
    "mailto",
    "tel",
    "pdf",
    "png",
    "jpg",
    "jpeg",
    "webp",
    "xlsx",
    "docx",
    "ok",
    "email",
    "e-mail",
    "admin",
    "demo",
    "faq",
    "ip",
    "nh3",
    # Key names in Django's Ukrainian help text ("Утримуйте «Control» або «Command» на Mac")
    "control",
    "command",
    "mac",
    # Names of technologies in Django's Ukrainian help text for passwords
    "single",
    "sign-on",
    "ldap",
    # Django writes the alt text of its boolean icons in English (admin_list._boolean_icon)
    "true",
    "false",
    "none",
    # File formats and the field our catalogue calls "адреса (slug)"
    "csv",
    "doc",
    "odt",
    "rtf",
    "slug",
    # Django names the table of a many-to-many field from the models' code names
    # ("Зв’язок group-permission"); nothing in a catalogue can reach it
    "group-permission",
}

SKIPPED_ELEMENTS = {"script", "style", "textarea", "code", "pre", "noscript"}
# Attributes a person reads (tooltips, placeholders, button captions, alt text).
READ_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self.listing = []  # Django's list of objects a deletion takes along (their __str__)
        self._skip = 0
        self._listing = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and (attrs.get("id") == "deleted-objects" or self._listing):
            self._listing += 1
        # Permission names belong to the roles part of issue 11 and are checked there.
        if tag in SKIPPED_ELEMENTS or (
            tag == "select" and (attrs.get("name") or "").endswith("permissions")
        ):
            self._skip += 1
        self.parts.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "ul" and self._listing:
            self._listing -= 1
        if tag in SKIPPED_ELEMENTS or (tag == "select" and self._skip):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            (self.listing if self._listing else self.parts).append(data.strip())


def visible_text(html):
    """What a person reads on the page, and separately the list of objects a deletion takes."""
    parser = VisibleText()
    parser.feed(html)
    return " ¶ ".join(parser.parts), " ¶ ".join(parser.listing)


def english_words(text, own_values):
    """Latin words that are neither an allowed code nor part of the objects' own data."""
    found = set()
    text = re.sub(r"\b[a-z_]+\.[a-z_]+\b", "", text)  # app.model labels in help texts
    text = re.sub(r"[^\s¶]*[\d*][^\s¶]*", "", text)  # slugs with numbers, masked hashes
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]", text):
        lowered = word.lower()
        if lowered in ALLOWED_LATIN or lowered in own_values or len(word) == 1:
            continue
        found.add(word)
    return found


def factories_by_model():
    found = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and not value._meta.abstract
                and value._meta.model is not None
            ):
                found.setdefault(value._meta.model, value)
    return found


def trashed(item):
    deletion = history.trash(item, None)
    item.delete()
    return deletion


def one_of_each(superuser):
    """One object of every registered model: the apps' factories, and the rest made here."""
    factories = factories_by_model()
    made = {
        Page: lambda: PageFactory(slug="about", title_uk="Про Центр", title_en="About"),
        SiteNotice: lambda: SiteNotice.objects.create(
            message_uk="Сайт оновлюється", message_en="The site is being updated"
        ),
        Association: lambda: Association.objects.create(name_uk="Асоціація громад"),
        BoardPost: lambda: BoardPost.objects.create(
            post_uk="Голова правління", council=CouncilFactory()
        ),
        Application: lambda: ApplicationFactory(lead_council=CouncilFactory()),
        DemoFact: lambda: DemoFact.objects.create(model="pages.page", object_id=1, fact="title"),
        Group: lambda: Group.objects.create(name="Редактори"),
        Deletion: lambda: trashed(ArticleFactory(title_uk="Видалена новина")),
    }
    objects = {}
    for model in admin.site._registry:
        if model.__module__.startswith("tests."):
            continue  # the test-only plugin app, English on purpose
        existing = model._default_manager.first()
        if existing is None:
            if model in made:
                existing = made[model]()
            elif model in factories:
                existing = factories[model]()
        objects[model] = existing
    return objects


def record_history(obj, user):
    """What the history page lists after staff added the object and changed two fields."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    # As ModelAdmin.construct_change_message stores them: the form's labels, untranslated.
    with translation.override(None):
        fields = [capfirst(str(f.verbose_name)) for f in obj._meta.concrete_fields][-3:]
    for flag, message in (
        (ADDITION, [{"added": {}}]),
        (CHANGE, [{"changed": {"fields": fields}}]),
    ):
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[obj],
            action_flag=flag,
            change_message=message,
            single_object=True,
        )
    return content_type


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client, user


def admin_pages(objects, user):
    """The pages the admin offers a superuser for each model (some refuse adding or deleting)."""
    request = RequestFactory().get("/")
    request.user = user
    for model, obj in objects.items():
        model_admin = admin.site._registry[model]
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(request):
            yield reverse("admin:{}_{}_add".format(*info))
        yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
        yield reverse("admin:{}_{}_history".format(*info), args=[obj.pk])
        if model_admin.has_delete_permission(request, obj):
            yield reverse("admin:{}_{}_delete".format(*info), args=[obj.pk])
        versions = list(Version.objects.get_for_object(obj)[:2]) if is_registered(model) else []
        if versions:  # reversion's pages: an earlier version in the form, two compared
            yield reverse("admin:{}_{}_revision".format(*info), args=[obj.pk, versions[-1].pk])
        if len(versions) == 2:
            compare = reverse("admin:{}_{}_compare".format(*info), args=[obj.pk])
            yield f"{compare}?version_id1={versions[1].pk}&version_id2={versions[0].pk}"


def own_rows(objects):
    rows = [obj for model in objects for obj in model._default_manager.all()]
    rows += [
        obj
        for model in apps.get_models()
        if model._meta.app_label in {"members", "programs", "news"}
        for obj in model._default_manager.all()
    ]
    return rows


def own_texts(objects):
    """The objects' own texts (typed by staff or applicants, made up by the factories): they
    are not the admin's wording, so a motivation that happens to begin with «За» is no
    glued filter title."""
    return sorted(
        {
            line.strip()
            for obj in own_rows(objects)
            for field in obj._meta.concrete_fields
            if isinstance(value := getattr(obj, field.attname, None), str) and len(value) > 3
            for line in value.splitlines()
            if len(line.strip()) > 3
        },
        key=len,
        reverse=True,
    )


def without(text, texts):
    for own in texts:
        text = text.replace(own, "…")
    return text


def own_values(objects):
    """Words from the objects' own data (names typed by staff, English translations, files)."""
    words = set()
    for obj in own_rows(objects):
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname, None)
            if isinstance(value, str):
                words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", value))
            elif hasattr(value, "name") and isinstance(value.name, str):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value.name))
    return words


def test_every_admin_page_speaks_correct_ukrainian(superuser_client):
    client, user = superuser_client
    objects = one_of_each(user)
    missing = [model._meta.label for model, obj in objects.items() if obj is None]
    assert not missing, f"no object to walk the change pages of: {missing}"
    for obj in objects.values():
        record_history(obj, user)
        if is_registered(type(obj)):
            for _version in range(2):
                with reversion.create_revision():
                    reversion.set_user(user)
                    obj.save()
    test_only = [m for m in admin.site._registry if m.__module__.startswith("tests.")]
    allowed = own_values(objects) | {user.username, "example", "org"}
    for model in test_only:
        allowed |= {
            str(name).lower()
            for name in (model._meta.verbose_name, model._meta.verbose_name_plural)
        }

    patterns = ungrammatical_patterns()
    texts = own_texts(objects)
    problems = []
    pages = list(admin_pages(objects, user))
    for url in [reverse("admin:index"), reverse("admin:auth_user_add"), *pages]:
        response = client.get(url)
        assert response.status_code == 200, url
        text, listing = visible_text(response.content.decode())
        for pattern in patterns:
            for match in pattern.finditer(without(f"{text} ¶ {listing}", texts)):
                context = text[max(0, match.start() - 30) : match.end() + 30]
                problems.append(f"{url}: ungrammatical {match.group()!r} in …{context}…")
        english = english_words(text, allowed)
        for word in sorted(english):
            at = text.find(word)
            problems.append(f"{url}: English {word!r} in …{text[max(0, at - 40) : at + 40]}…")
    assert len(pages) >= 4 * len(objects)
    assert not problems, "\n".join(problems)


def test_messages_after_saving_and_deleting_are_grammatical(superuser_client):
    """The green messages: "Новина … було додано успішно" is the catalogue's, not ours."""
    client, _user = superuser_client
    response = client.post(reverse("admin:auth_group_add"), {"name": "Редактори"}, follow=True)
    shown = [strip_tags(str(message)) for message in response.context["messages"]]
    assert shown == ["Об’єкт «Редактори» (група) додано."]
    group = Group.objects.get(name="Редактори")
    response = client.post(
        reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"}, follow=True
    )
    shown = [strip_tags(str(message)) for message in response.context["messages"]]
    assert shown == ["Об’єкт «Редактори» (група) видалено."]


def test_the_editor_leaves_spell_check_on(superuser_client):
    """django-prose-editor adds its NoSpellCheck extension unless told not to."""
    client, _user = superuser_client
    html = client.get(reverse("admin:news_article_add")).content.decode()
    configs = re.findall(r'data-django-prose-editor-\w+="([^"]+)"', html)
    assert configs
    for config in configs:
        assert "NoSpellCheck" not in unescape(config)
        assert "noSpellCheck" not in unescape(config)
    assert '<html lang="uk"' in html
