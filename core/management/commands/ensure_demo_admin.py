import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

USERNAME = "admin"
EMAIL = "admin@example.org"


def new_password(user):
    """A random password that the site's own validators (AUTH_PASSWORD_VALIDATORS) accept."""
    while True:
        password = secrets.token_urlsafe(12)
        try:
            validate_password(password, user)
        except ValidationError:
            continue  # e.g. all digits: never in practice, but never printed either
        return password


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
        password = new_password(User(username=USERNAME, email=EMAIL))
        User.objects.create_superuser(USERNAME, EMAIL, password)
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(f"login: {USERNAME}\npassword: {password}\n")
        note.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Demo administrator: login {USERNAME}, password {password}")
        )
