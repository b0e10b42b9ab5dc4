from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Educational programs")

    def ready(self):
        from programs import search

        search.register()
        from programs.permissions import sync_program_managers

        post_migrate.connect(sync_program_managers, sender=self)
