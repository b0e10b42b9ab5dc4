"""How apps plug into the site: each contributes from its AppConfig, the centre never lists them.

An app's config subclasses `SiteAppConfig` and overrides what it contributes::

    class NewsConfig(SiteAppConfig):
        name = "news"
        url_prefix = ""              # its urls.py is included at this prefix, in each language
        demo_order = 30              # its demo.load(command) runs after apps with lower numbers

        def menu_items(self):
            return [MenuItem(_("News"), "news:article-list", order=10)]

        def home_sections(self):
            return [HomeSection("news/includes/home_news.html", news.home.latest, order=10)]

        def sitemaps(self):
            return {"news": ArticleSitemap}

        def dashboard_panels(self):
            return [DashboardPanel(_("Scheduled news"), news.dashboard.scheduled, order=10)]

        def retention_rules(self):  # the personal data it keeps: core/retention.py
            return [RetentionRule("messages", Message.objects.past_retention, ...)]

        def role_permissions(self):  # what its models grant to the staff roles: core/roles.py
            return {roles.EDITOR: roles.model_permissions("article", "event")}

        def digest_topics(self):  # topics of the e-mail digest (the subscriptions app)
            return [DigestTopic("news", _("News"), news.digest.articles, order=10)]

        def detail_sections(self):  # sections another app adds to this app's detail pages
            return [DetailSection("news.event", "registrations/includes/box.html", ...)]

Search kinds are registered with the search app's registry from `ready()`. The functions below
collect every installed app's contributions, in a stable order; adding a content type is
making the app and adding it to INSTALLED_APPS.
"""

import importlib
from dataclasses import dataclass
from fnmatch import fnmatch

from django.apps import AppConfig, apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    """A link of the site's menus. `places`: "header", "footer" or both.

    `active_for` are patterns of the URL names (namespace:name) whose pages mark the item as
    the current section; by default every page of the link's namespace does.
    """

    label: str  # or a callable that returns it when the menu is shown (a name from the database)
    url_name: str
    order: int = 100
    places: tuple = ("header", "footer")
    active_for: tuple = ()

    @property
    def url(self):
        return reverse(self.url_name)

    def is_active(self, view_name):
        if not view_name:
            return False
        patterns = self.active_for or (f"{self.url_name.split(':')[0]}:*",)
        return any(fnmatch(view_name, pattern) for pattern in patterns)


@dataclass(frozen=True)
class HomeSection:
    """A section of the home page: a template and a function that returns its context.

    The template is shown only when it has something to show (it checks its own context);
    `head_template` adds links to the page's <head> (e.g. feeds)."""

    template: str
    context: object  # callable() -> dict
    order: int = 100
    head_template: str = ""


@dataclass(frozen=True)
class DashboardPanel:
    """A panel of the staff dashboard (admin index): a title and rows needing attention.

    `rows(request)` returns a list of (label, url) pairs, or [] to hide the panel; `permission`
    is the permission a user needs to see it ("app_label.codename"), empty for every staff user.
    """

    title: str
    rows: object  # callable(request) -> [(label, url)]
    order: int = 100
    permission: str = ""


@dataclass(frozen=True)
class RetentionRule:
    """Personal data an app keeps, and how it lets go of it when the retention period is over.

    `expired(cutoff)` returns a queryset of the records whose period ended before `cutoff` (an
    aware datetime) and that still hold personal data; `purge(queryset)` anonymises or deletes
    them and returns how many. `notice` is the privacy notice's sentence about these records,
    with `%(period)s` where the period goes (core.retention words it from the setting), so the
    notice cannot promise another period than `purge_personal_data` applies.
    """

    label: str  # for purge_personal_data's report, in English like all commands' output
    expired: object  # callable(cutoff) -> QuerySet
    purge: object  # callable(queryset) -> int
    notice: str
    order: int = 100


@dataclass(frozen=True)
class DigestItem:
    """One entry of an e-mail digest: what was published, in the digest's language."""

    title: str
    url: str  # absolute
    summary: str = ""
    when: str = ""  # e.g. an event's date in words; empty for news


@dataclass(frozen=True)
class DigestTopic:
    """A topic people can subscribe to by e-mail (news, events, programs, consultations).

    `items(since, until)` returns the `DigestItem`s published in that period, in the active
    language (the sender activates each subscriber's language in turn); in a language other
    than Ukrainian only items complete in it (decision 14). `key` is stored with each
    subscription, so it never changes once people have chosen it.
    """

    key: str
    label: str
    items: object  # callable(since, until) -> [DigestItem]
    order: int = 100


@dataclass(frozen=True)
class DetailSection:
    """A section that one app adds to another app's detail page, e.g. the registration box
    of an event: the page's template asks `{% detail_sections object %}` (core_tags), so the
    app that owns the page never imports the app that adds to it.

    `model` is the page's model as "app_label.model_name"; `context(request, obj)` returns the
    template's context, or None to show nothing.
    """

    model: str
    template: str
    context: object  # callable(request, obj) -> dict | None
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    label: str
    load: object  # callable(command, **options)
    order: int


class SiteAppConfig(AppConfig):
    """An app that contributes to the site. Every hook is optional."""

    url_prefix = None  # e.g. "programs/": include <app>/urls.py there, in each language
    # True for an app whose URLs end with a pattern that answers any address (the page
    # tree): they are included after every other app's.
    url_catch_all = False
    demo_order = None  # when set, <app>/demo.py's load(command, **options) is part of load_demo

    def content_models(self):
        """The models whose changes public pages show (the content version follows them)."""
        return list(self.get_models())

    def menu_items(self):
        return []

    def home_sections(self):
        return []

    def sitemaps(self):
        return {}

    def dashboard_panels(self):
        return []

    def retention_rules(self):
        """`RetentionRule`s for the personal data this app keeps (forms sent by visitors)."""
        return []

    def role_permissions(self):
        """{core.roles.Role: [codename]}: this app's permissions each staff role holds.

        The Administrator holds every permission and a Publisher what an Editor holds, plus
        publishing what an Editor may change; neither needs listing (core/roles.py).
        """
        return {}

    def digest_topics(self):
        """`DigestTopic`s this app contributes to the e-mail digest."""
        return []

    def detail_sections(self):
        """`DetailSection`s this app adds to other apps' detail pages."""
        return []


def site_apps():
    return [config for config in apps.get_app_configs() if isinstance(config, SiteAppConfig)]


def content_models():
    return [model for config in site_apps() for model in config.content_models()]


def url_includes():
    """(prefix, urlconf module) of every app that has public pages, in INSTALLED_APPS order;
    an app with a catch-all pattern last."""
    configs = [config for config in site_apps() if config.url_prefix is not None]
    configs.sort(key=lambda config: config.url_catch_all)  # stable: the order otherwise kept
    return [(config.url_prefix, f"{config.name}.urls") for config in configs]


def menu_items(place):
    items = [item for config in site_apps() for item in config.menu_items() if place in item.places]
    return sorted(items, key=lambda item: item.order)


def menu(place, view_name="", links=None):
    """The menu of `place` for a page, each item with its URL and whether it is the current one.
    `links`: menu_links(place) made earlier (portal keeps them per content version)."""
    links = menu_links(place) if links is None else links
    return [{**link, "active": item.is_active(view_name)} for item, link in links]


def menu_links(place):
    """(item, {"label", "url"}) of the menu of `place`, in the current language."""
    links = []
    for item in menu_items(place):
        try:
            url = item.url
        except NoReverseMatch:  # an app whose page is switched off in this deployment
            continue
        label = item.label() if callable(item.label) else item.label
        links.append((item, {"label": label, "url": url}))
    return links


def home_sections():
    sections = [section for config in site_apps() for section in config.home_sections()]
    return sorted(sections, key=lambda section: section.order)


def sitemaps():
    merged = {}
    for config in site_apps():
        merged.update(config.sitemaps())
    return merged


def dashboard_panels(request):
    """The panels this user may see, with their rows; empty panels are left out."""
    panels = sorted(
        (panel for config in site_apps() for panel in config.dashboard_panels()),
        key=lambda panel: panel.order,
    )
    shown = []
    for panel in panels:
        if panel.permission and not request.user.has_perm(panel.permission):
            continue
        rows = panel.rows(request)
        if rows:
            shown.append({"title": panel.title, "rows": rows})
    return shown


def retention_rules():
    rules = [rule for config in site_apps() for rule in config.retention_rules()]
    return sorted(rules, key=lambda rule: rule.order)


def digest_topics():
    topics = [topic for config in site_apps() for topic in config.digest_topics()]
    return sorted(topics, key=lambda topic: topic.order)


def detail_sections(request, obj):
    """[(template, context)] of the sections other apps add to `obj`'s page."""
    label = obj._meta.label_lower
    sections = sorted(
        (
            section
            for config in site_apps()
            for section in config.detail_sections()
            if section.model == label
        ),
        key=lambda section: section.order,
    )
    shown = []
    for section in sections:
        context = section.context(request, obj)
        if context is not None:
            shown.append((section.template, context))
    return shown


def demo_loaders():
    loaders = []
    for config in site_apps():
        if config.demo_order is None:
            continue
        module = importlib.import_module(f"{config.name}.demo")
        loaders.append(DemoLoader(str(config.verbose_name), module.load, config.demo_order))
    return sorted(loaders, key=lambda loader: loader.order)


__all__ = [
    "DashboardPanel",
    "DetailSection",
    "DigestItem",
    "DigestTopic",
    "HomeSection",
    "MenuItem",
    "RetentionRule",
    "SiteAppConfig",
    "dashboard_panels",
    "demo_loaders",
    "detail_sections",
    "digest_topics",
    "home_sections",
    "menu",
    "menu_items",
    "retention_rules",
    "sitemaps",
    "url_includes",
]
