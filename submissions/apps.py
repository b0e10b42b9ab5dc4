from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """What every public form shares: one-time tokens, no duplicates, a per-address limit."""

    name = "submissions"
    verbose_name = _("Form submissions")
