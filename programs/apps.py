from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import (
    DashboardPanel,
    DigestTopic,
    HomeSection,
    MenuItem,
    RetentionRule,
    SiteAppConfig,
)


class ProgramsConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "programs"
    verbose_name = _("Educational programs")
    url_prefix = "programs/"
    demo_order = 20  # programs choose hromadas from the registry

    def ready(self):
        from programs import search

        search.register()

    def menu_items(self):
        return [MenuItem(_("Programs"), "programs:list", order=30)]

    def home_sections(self):
        from programs import home

        return [HomeSection("programs/includes/home_programs.html", home.open_programs, order=30)]

    def sitemaps(self):
        from programs.sitemaps import ProgramPagesSitemap, ProgramSitemap

        return {"program-pages": ProgramPagesSitemap, "programs": ProgramSitemap}

    def dashboard_panels(self):
        from programs import home

        return [
            DashboardPanel(
                _("Applications to decide on"),
                home.applications_for_staff,
                order=10,
                permission="programs.view_application",
            )
        ]

    def retention_rules(self):
        from programs.managers import ApplicationQuerySet
        from programs.models import Application

        return [
            RetentionRule(
                "applications to programs",
                Application.objects.past_retention,
                ApplicationQuerySet.anonymise,
                _(
                    "Applications to programs: while the program lasts and for %(period)s after "
                    "it ends (for a program without an end date, %(period)s after the "
                    "application is sent). Then we delete the contact person's name, position, "
                    "e-mail address and phone number and the application's text, and keep only "
                    "which hromadas applied and the decision."
                ),
                order=10,
            )
        ]

    def digest_topics(self):
        from programs import digest

        return [DigestTopic("programs", _("Educational programs"), digest.programs, order=30)]

    def role_permissions(self):
        # Applications are personal data: only program managers see them. They come only
        # from the site's form, so nobody adds one here, and a decision is kept, not deleted.
        return {
            roles.PROGRAM_MANAGER: [
                *roles.model_permissions(
                    "program",
                    "organisation",
                    "selectionstage",
                    "programitem",
                    "mentor",
                    "studyvisit",
                    "programparticipation",
                ),
                "publish_program",
                "view_application",
                "change_application",
                "export_application",
            ]
        }
