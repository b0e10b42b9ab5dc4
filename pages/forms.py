from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LineField, ParagraphsField
from pages.models import ContactMessage
from submissions.forms import PublicForm


class ContactForm(PublicForm):
    """The contact page's form: stored once, then e-mailed to staff (pages/emails.py)."""

    submission_name = "pages.contact"

    name = LineField(label=_("Your name"), max_length=200, min_visible=2)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("We will answer to this address.")
    )
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
