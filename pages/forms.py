from django.utils.translation import gettext_lazy as _

from core.forms import LineField, ParagraphsField, email_field, full_name_field
from pages.models import ContactMessage
from submissions.forms import PublicForm


class ContactForm(PublicForm):
    """The contact page's form: stored once, then e-mailed to staff (pages/emails.py)."""

    submission_name = "pages.contact"

    name = full_name_field(label=_("Your name"), min_visible=2)
    email = email_field(_("We will answer to this address."))
    subject = LineField(label=_("Subject"), max_length=200, min_visible=3)
    message = ParagraphsField(label=_("Message"), max_length=5000, min_visible=10)

    def save(self, language):
        data = self.cleaned_data
        return self.store_once(
            lambda: ContactMessage.objects.create(
                name=data["name"],
                email=data["email"],
                subject=data["subject"],
                message=data["message"],
                language=language,
            ),
            data["email"],
            data["subject"],
            data["message"],
        )

    def error_summary(self):
        """[(anchor or None, message)] for the summary at the top of the form."""
        items = [(None, error) for error in self.non_field_errors()]
        for name in self.fields:
            items.extend((self[name].auto_id, error) for error in self[name].errors)
        return items
