from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import DashboardPanel, DetailSection, RetentionRule, SiteAppConfig


class RegistrationsConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "registrations"
    verbose_name = _("Event registration")
    url_prefix = "registration/"
    demo_order = 40  # after news: it opens registration for a demo event

    def detail_sections(self):
        from registrations import home

        return [DetailSection("news.event", "registrations/includes/box.html", home.event_box)]

    def dashboard_panels(self):
        from registrations import home

        return [
            DashboardPanel(
                _("Registrations for upcoming events"),
                home.upcoming_for_staff,
                order=15,
                permission="registrations.view_registrant",
            )
        ]

    def retention_rules(self):
        from registrations.managers import RegistrantQuerySet
        from registrations.models import Registrant

        return [
            RetentionRule(
                "event registrations",
                Registrant.objects.past_retention,
                RegistrantQuerySet.anonymise,
                _(
                    "Registrations for events: for %(period)s after the event. Then we delete "
                    "the name, organisation, position, e-mail address, phone number and "
                    "accessibility needs, and keep only the count and the councils that took "
                    "part."
                ),
                order=20,
            )
        ]

    def role_permissions(self):
        # Editors run the events, so they set registration up, see who registered, mark
        # attendance, export the list and write to the registrants.
        return {
            roles.EDITOR: [
                *roles.model_permissions("registrationsettings"),
                "view_registrant",
                "change_registrant",
                "export_registrant",
                "add_eventmessage",
                "view_eventmessage",
            ]
        }
