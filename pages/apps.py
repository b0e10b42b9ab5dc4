from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import DashboardPanel, MenuItem, RetentionRule, SiteAppConfig


@dataclass(frozen=True)
class PageMenuItem(MenuItem):
    """A page of the tree that staff placed in a menu (Page.menu)."""

    page_path: str = ""

    @property
    def url(self):
        from django.urls import reverse

        return reverse("pages:page", kwargs={"path": self.page_path.strip("/")})

    def is_active(self, view_name):
        from pages import tree

        current = tree.current_path()
        return bool(current) and current.startswith(self.page_path)


class PagesConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "pages"
    verbose_name = _("Site pages")
    url_prefix = ""
    url_catch_all = True  # the page tree answers at any path no other app has
    demo_order = 90

    def menu_items(self):
        from pages import tree

        items = []
        for place in ("header", "footer"):
            for number, page in enumerate(tree.menu_pages(place)):
                items.append(
                    PageMenuItem(
                        # the page's title in the language the menu is shown in
                        label=lambda page=page: page.title,
                        url_name="pages:page",
                        order=90 + number,
                        places=(place,),
                        page_path=page.path,
                    )
                )
        return items

    def sitemaps(self):
        from pages.sitemaps import HomeSitemap, PagesSitemap

        return {"home": HomeSitemap, "pages": PagesSitemap}

    def dashboard_panels(self):
        from pages import dashboard

        return [
            DashboardPanel(
                _("Messages from the contact form"),
                dashboard.unanswered_messages,
                order=15,
                permission="pages.view_contactmessage",
            )
        ]

    def retention_rules(self):
        from pages.models import ContactMessage, ContactMessageQuerySet

        return [
            RetentionRule(
                "messages from the contact form",
                ContactMessage.objects.past_retention,
                ContactMessageQuerySet.purge,
                _("Messages sent with the contact form: %(period)s after they are sent."),
                order=20,
            )
        ]

    def role_permissions(self):
        return {
            roles.EDITOR: roles.model_permissions(
                "page",
                "pageredirect",
                "sitenotice",
                "richtext",
                "imageblock",
                "documentsblock",
                "contactcard",
                "calltoaction",
                "contactmessage",
            )
        }
