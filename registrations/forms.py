from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import (
    DescribedFieldsMixin,
    LineField,
    ParagraphsField,
    email_field,
    full_name_field,
    ukrainian_phone,
)
from programs.forms import grouped_by_raion, hromada_councils
from registrations.models import Registrant, register
from submissions.forms import PublicForm

OTHER = "other"


class RegistrationForm(DescribedFieldsMixin, PublicForm):
    """Registration for an event; the questions asked are those its settings choose."""

    submission_name = "registrations.registration"

    name = full_name_field()
    council = forms.ChoiceField(
        label=_("Council"),
        required=False,
        help_text=_("Choose your council from the registry, or “Another organisation”."),
        error_messages={"invalid_choice": _("Choose the council from the list.")},
    )
    organisation = LineField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        help_text=_("If your council is not in the list, or you come from another organisation."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    position = LineField(
        label=_("Position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = email_field(_("We will send the confirmation and a link to cancel here."))
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    accessibility = ParagraphsField(
        label=_("Accessibility needs (optional)"),
        max_length=1000,
        required=False,
        help_text=_("For example: step-free access, sign language interpreting, large print."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for this registration"),
        error_messages={"required": _("Give your consent to the processing of personal data.")},
    )

    def __init__(self, *args, setup, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup = setup
        if setup.ask_organisation:
            councils = list(hromada_councils())
            self.councils = {str(council.pk): council for council in councils}
            self.fields["council"].choices = [
                ("", _("Choose a council")),
                *[
                    (raion, [(str(pk), name) for pk, name in group])
                    for raion, group in grouped_by_raion(councils)
                ],
                (OTHER, _("Another organisation")),
            ]
        else:
            del self.fields["council"], self.fields["organisation"]
        for question in ("position", "phone", "accessibility"):
            if not getattr(setup, f"ask_{question}"):
                del self.fields[question]
        self.fields["consent"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("pages:privacy"),
            _("How the Centre processes personal data (opens in a new tab)"),
        )
        self._describe_fields()

    @property
    def min_fill_seconds(self):
        return getattr(settings, "REGISTRATION_MIN_SECONDS", 5)

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        return ukrainian_phone(value) if value else ""

    def clean(self):
        data = self.cleaned_data
        if "council" in self.fields:
            chosen = data.get("council")
            if chosen in (None, ""):
                self.add_error(
                    "council",
                    forms.ValidationError(
                        _("Choose your council or “Another organisation”."), code="required"
                    ),
                )
            elif (
                chosen == OTHER
                and not data.get("organisation")
                and "organisation" not in self.errors
            ):
                self.add_error(
                    "organisation",
                    forms.ValidationError(
                        _("Enter the name of your organisation."), code="required"
                    ),
                )
        return super().clean()

    def save(self, event, language):
        """The new registrant, or the one this form repeats (`submissions.forms.Stored`).

        Raises `registrations.models.Refused` when there is no place to take."""
        email = self.cleaned_data["email"]

        def create():
            return register(
                event, email=email, create=lambda status: self._create(event, status, language)
            )

        # The same address for the same event is the same registration, until it is
        # cancelled: the number of cancelled ones makes a new registration after a cancel new.
        cancelled = event.registrants.filter(
            email__iexact=email, status=Registrant.Status.CANCELLED
        ).count()
        return self.store_once(create, event.pk, email, cancelled)

    def _create(self, event, status, language):
        data = self.cleaned_data
        council = self.councils.get(data.get("council")) if "council" in self.fields else None
        return Registrant.objects.create(
            event=event,
            name=data["name"],
            council=council,
            organisation="" if council else data.get("organisation", ""),
            position=data.get("position", ""),
            email=data["email"],
            phone=data.get("phone", ""),
            accessibility=data.get("accessibility", ""),
            language=language,
            status=status,
            status_changed_at=timezone.now(),
            consent_given_at=timezone.now(),
        )
