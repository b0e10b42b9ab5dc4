from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import HomeSection, MenuItem, SiteAppConfig


class MembersConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "members"
    verbose_name = _("Association members")
    url_prefix = "members/"
    demo_order = 10  # the registry comes first: programs and news link to councils

    def ready(self):
        from members import search

        search.register()

    def menu_items(self):
        from members.models import Association

        return [
            MenuItem(_("Association members"), "members:council-list", order=40),
            # Labelled with the association's one name, read when the footer is shown.
            MenuItem(
                Association.objects.current_name,
                "members:association",
                order=38,
                places=("footer",),
                active_for=["members:association"],
            ),
        ]

    def home_sections(self):
        from members import home

        return [
            HomeSection("members/includes/home_figures.html", home.membership_figures, order=40)
        ]

    def sitemaps(self):
        from members.sitemaps import CouncilSitemap, MembersPagesSitemap

        return {"members": MembersPagesSitemap, "councils": CouncilSitemap}

    def role_permissions(self):
        # The registry: member councils, the territorial units they stand for, the
        # association and its board (its documents are the library's: documents/apps.py).
        return {
            roles.MEMBERSHIP_REGISTRAR: roles.model_permissions(
                "council", "territorialunit", "association", "boardpost"
            )
        }
