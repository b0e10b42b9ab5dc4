"""A tiny content app that lives only in the tests: it shows that a new content type plugs
into search, the sitemap, the menu, the home page and the dashboard from its AppConfig alone,
with no edit of portal/ or core/ (tests/test_plugins.py)."""

from core.plugins import DashboardPanel, HomeSection, MenuItem, SiteAppConfig


class PluginAppConfig(SiteAppConfig):
    default = True
    name = "tests.plugin_app"
    label = "plugin_app"
    verbose_name = "Bulletins"
    url_prefix = "bulletins/"

    def ready(self):
        from search import registry
        from search.documents import publishable_documents
        from tests.plugin_app.models import Bulletin

        registry.register(
            Bulletin,
            kind="bulletin",
            label="Bulletin",
            plural="Bulletins",
            order=99,
            documents=lambda bulletin: publishable_documents(
                bulletin,
                lambda item: {
                    "title": item.title,
                    "text": item.body,
                    "url": item.get_absolute_url(),
                    "date": item.publish_at,
                },
            ),
        )

    def menu_items(self):
        # The footer only: the rest of the suite sees the header it expects.
        return [MenuItem("Bulletins", "plugin_app:list", order=99, places=("footer",))]

    def home_sections(self):
        from tests.plugin_app.models import Bulletin

        return [
            HomeSection(
                "plugin_app/home.html",
                lambda: {"bulletins": list(Bulletin.objects.published()[:3])},
                order=99,
            )
        ]

    def sitemaps(self):
        from tests.plugin_app.sitemaps import BulletinSitemap

        return {"bulletins": BulletinSitemap}

    def dashboard_panels(self):
        from tests.plugin_app.models import Bulletin

        def drafts(request):
            count = Bulletin.objects.drafts().count()
            return [(f"{count} bulletin drafts", "/admin/plugin_app/bulletin/")] if count else []

        return [DashboardPanel("Bulletins", drafts, order=99)]
