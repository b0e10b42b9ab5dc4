from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import DashboardPanel, DigestTopic, MenuItem, RetentionRule, SiteAppConfig


class LegalHelpConfig(SiteAppConfig):
    default = True
    name = "legalhelp"
    verbose_name = _("Legal help")
    url_prefix = ""  # /help/ and /consultations/ (legalhelp/urls.py)
    demo_order = 40  # requests name councils of the registry

    def ready(self):
        from legalhelp import search

        search.register()

    def content_models(self):
        from legalhelp.models import Citation, Consultation, LegalAct, Topic

        # Requests are not public content: a new one must not empty the page cache.
        return [Consultation, Citation, LegalAct, Topic]

    def menu_items(self):
        return [
            MenuItem(_("Legal help"), "legalhelp:index", order=50),
            MenuItem(
                _("Ask a lawyer"),
                "legalhelp:ask",
                order=51,
                places=("footer",),
                active_for=("legalhelp:ask", "legalhelp:status"),
            ),
        ]

    def sitemaps(self):
        from legalhelp.sitemaps import ConsultationSitemap, HelpPagesSitemap, TopicSitemap

        return {
            "help-pages": HelpPagesSitemap,
            "help-topics": TopicSitemap,
            "consultations": ConsultationSitemap,
        }

    def digest_topics(self):
        from legalhelp import digest

        return [DigestTopic("consultations", _("Legal answers"), digest.consultations, order=40)]

    def dashboard_panels(self):
        from legalhelp import dashboard

        return [
            DashboardPanel(
                _("Consultations to check"),
                dashboard.consultations_to_check,
                order=20,
                permission="legalhelp.change_consultation",
            ),
            DashboardPanel(
                _("Consultation requests"),
                dashboard.requests_rows,
                order=21,
                permission="legalhelp.view_consultationrequest",
            ),
        ]

    def retention_rules(self):
        from legalhelp.managers import RequestQuerySet
        from legalhelp.models import ConsultationRequest

        return [
            RetentionRule(
                "consultation requests",
                ConsultationRequest.objects.past_retention,
                RequestQuerySet.anonymise,
                _(
                    "Questions to the consultation desk: %(period)s after the question is sent. "
                    "Then we delete the attached files, the name, position, e-mail address, "
                    "phone number and council of the person who asked, the question and the "
                    "answer, and keep only the topic and the dates (for the figures of the desk)."
                ),
                order=20,
            )
        ]

    def role_permissions(self):
        # Requests come only from the site's form: nobody adds one, and the retention purge,
        # not a person, removes them.
        return {
            roles.LEGAL_CONSULTANT: [
                *roles.model_permissions("consultation", "citation", "legalact", "topic"),
                "publish_consultation",
                "view_consultationrequest",
                "change_consultationrequest",
                "view_requestattachment",
            ]
        }
