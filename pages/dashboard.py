from django.urls import reverse
from django.utils.translation import gettext as _

from pages.models import ContactMessage


def unanswered_messages(request):
    """Messages not marked as answered, newest first; failed e-mails say so."""
    rows = []
    for message in ContactMessage.objects.unanswered()[:10]:
        label = f"{message.created_at:%d.%m.%Y} — {message.subject}"
        if message.email_status == ContactMessage.EmailStatus.FAILED:
            label = _("%(message)s (the e-mail to staff failed)") % {"message": label}
        rows.append((label, reverse("admin:pages_contactmessage_change", args=[message.pk])))
    return rows
