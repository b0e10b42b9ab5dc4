from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import DashboardPanel, MenuItem, RetentionRule, SiteAppConfig


class SubscriptionsConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "subscriptions"
    verbose_name = _("E-mail subscriptions")
    url_prefix = "subscribe/"

    def content_models(self):
        return []  # subscribers change no public page

    def menu_items(self):
        return [
            MenuItem(
                _("Subscribe by e-mail"), "subscriptions:subscribe", order=90, places=("footer",)
            )
        ]

    def dashboard_panels(self):
        from subscriptions import home

        return [
            DashboardPanel(
                _("E-mail subscriptions"),
                home.figures_for_staff,
                order=40,
                permission="subscriptions.view_digest",
            )
        ]

    def retention_rules(self):
        from subscriptions.managers import SubscriberQuerySet
        from subscriptions.models import Subscriber

        return [
            RetentionRule(
                "e-mail subscribers",
                Subscriber.objects.past_retention,
                SubscriberQuerySet.purge,
                _(
                    "E-mail subscriptions: while you are subscribed. After you unsubscribe, or "
                    "when a subscription is never confirmed, we delete the address and its "
                    "delivery records after %(period)s."
                ),
                order=30,
            )
        ]

    def role_permissions(self):
        # Editors send the digest of what they published; the addresses themselves are seen
        # by administrators only.
        return {roles.EDITOR: ["view_digest", "add_digest"]}
