from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from core import history, plugins, roles


class Command(BaseCommand):
    help = "Fill the site with demo content from the Centre's own texts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also add this many generated news articles (for benchmarks).",
        )

    def handle(self, *args, scale, **options):
        # Each app's demo.load() in the order of its AppConfig.demo_order: the registry before
        # programs (they choose hromadas from it), both before news (news link to them), and
        # the search index last.
        # Rows the demo replaces on a second run (a consultation's citations) are not staff's
        # deletions: they do not go to the trash (core.history).
        with transaction.atomic(), history.final_deletion():
            for loader in plugins.demo_loaders():
                loader.load(self, scale=scale)
            users = roles.ensure_demo_users(settings.DEMO_USERS_NOTE)
        if scale:
            # Planner statistics and the visibility map for the bulk just added, as autovacuum
            # would make them later: until then PostgreSQL plans for the empty tables it last
            # saw (a 60 ms sort of every article for the news list's first page instead of a
            # 0.3 ms index scan), and no count is answered from an index alone.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        # One staff user per role, to try the admin as each role sees it. A password is shown
        # once, when its user is made, like the administrator's (ensure_demo_admin).
        for username, role, password in users:
            if password:
                self.stdout.write(
                    self.style.SUCCESS(f"Demo {role}: login {username}, password {password}")
                )
            else:
                self.stdout.write(
                    f"Demo {role}: login {username} (password in {settings.DEMO_USERS_NOTE})"
                )
