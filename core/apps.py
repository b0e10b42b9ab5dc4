from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

from core.plugins import DashboardPanel, SiteAppConfig


class CoreConfig(SiteAppConfig):
    """The shared kit: template tags, the demo and benchmark commands, the publishing signals,
    the removal of files that objects stop naming, history and the trash (core/history.py),
    pending changes, and the dashboard panels every content type shares."""

    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "core"
    verbose_name = _("Site")

    def dashboard_panels(self):
        from core import dashboard
        from core.admin import outdated_rows, untranslated_rows

        return [
            DashboardPanel(_("Waiting for review"), dashboard.awaiting_review, order=1),
            DashboardPanel(_("Changes not yet on the site"), dashboard.pending_changes, order=2),
            DashboardPanel(_("Drafts"), dashboard.drafts, order=20),
            DashboardPanel(_("Scheduled"), dashboard.scheduled, order=50),
            DashboardPanel(_("Without English"), untranslated_rows, order=90),
            DashboardPanel(_("English older than the Ukrainian"), outdated_rows, order=91),
            DashboardPanel(_("E-mails not delivered"), dashboard.failed_mail, order=5),
            DashboardPanel(_("Trash"), dashboard.trash, order=95),
        ]

    def content_models(self):
        return []  # the trash and pending changes are not on public pages

    def role_permissions(self):
        from core import roles

        # Every role that edits content sees the trash (of the types it may add) and
        # recovers from it; emptying it is the Administrator's.
        trash = roles.model_permissions("deletion", actions=("view",))
        return {role: trash for role in roles.ROLES if not role.everything}

    def ready(self):
        from core import admin_history, cache, files, plugins, roles

        # History, restore and the trash for every content type (core/history.py); the
        # admin has loaded every app's admin.py by now (django.contrib.admin comes first).
        admin_history.install()

        # Saving or deleting what public pages show changes the content version: the cached
        # sitemaps (and, later, pages) are keyed by it. Connected per model: a receiver for
        # every model would also turn the fast bulk deletes of other models into one query
        # and one signal per row.
        for model in plugins.content_models():
            uid = f"core.content_changed.{model._meta.label_lower}"
            post_save.connect(cache.content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(cache.content_changed, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    cache.content_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}.{field.name}",
                )

        # A replaced or deleted upload is removed once the change commits (core.files).
        for config in plugins.site_apps():
            for model in config.get_models():
                files.watch(model)

        # The staff roles' groups hold what core/roles.py defines after every migrate and
        # flush. post_migrate comes once per app, in INSTALLED_APPS order, each time after
        # that app's permissions are made: the last app's signal finds them all.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(roles.sync_roles, sender=last, dispatch_uid="core.sync_roles")
