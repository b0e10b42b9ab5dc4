from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DemoMarksConfig(AppConfig):
    name = "demomarks"
    verbose_name = _("Demo marks")

    def ready(self):
        from core import cache
        from demomarks.models import DemoFact

        # A mark is shown on public pages ("Demo example"): adding or removing one changes
        # them, as a content model's change does (the page cache, the marks read per version).
        for signal in (post_save, post_delete):
            signal.connect(cache.content_changed, sender=DemoFact, dispatch_uid="demomarks")
