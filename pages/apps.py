from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import MenuItem, SiteAppConfig


class PagesConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "pages"
    verbose_name = _("Site pages")
    url_prefix = ""
    demo_order = 0

    def menu_items(self):
        return [
            MenuItem(_("About the Centre"), "pages:about", order=90, active_for=["pages:about"]),
            MenuItem(
                _("Privacy notice"),
                "pages:privacy",
                order=95,
                places=("footer",),
                active_for=["pages:privacy"],
            ),
        ]

    def sitemaps(self):
        from pages.sitemaps import PagesSitemap

        return {"pages": PagesSitemap}

    def role_permissions(self):
        return {roles.EDITOR: roles.model_permissions("page", "sitenotice")}
