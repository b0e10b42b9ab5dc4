from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kit: template tags, the demo and benchmark commands, the publishing signals."""

    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core import cache

        # Any saved or deleted content changes what public pages show: the cached sitemaps
        # (and, later, pages) are keyed by the content version, so they are rebuilt.
        post_save.connect(cache.content_changed, dispatch_uid="core.content_changed.save")
        post_delete.connect(cache.content_changed, dispatch_uid="core.content_changed.delete")
        m2m_changed.connect(cache.content_changed, dispatch_uid="core.content_changed.m2m")
