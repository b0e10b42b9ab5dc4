from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoMarksConfig(AppConfig):
    name = "demomarks"
    verbose_name = _("Demo marks")
