import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the demo administrator once and print its login and a random password."

    def handle(self, *args, **options):
        User = get_user_model()
        note = settings.BASE_DIR / ".local" / "demo-admin.txt"
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Demo administrator: {USERNAME} (its password was printed at the first run"
                f" and is kept in {note}; change it with:"
                f' make manage CMD="changepassword {USERNAME}")'
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, "admin@example.org", password)
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(f"login: {USERNAME}\npassword: {password}\n")
        note.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Demo administrator: login {USERNAME}, password {password}")
        )
