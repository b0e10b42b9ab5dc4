from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from core.collation import by_ukrainian_name
from core.forms import (
    DescribedFieldsMixin,
    LineField,
    ParagraphsField,
    email_field,
    full_name_field,
    ukrainian_phone,
)
from members.models import Council
from programs.managers import ProgramPhase
from programs.models import Application
from submissions.forms import PublicForm

MOTIVATION_MIN_LENGTH = 300
# Seconds a person needs at least to fill in the form; bots send it at once.
DEFAULT_MIN_FILL_SECONDS = 5


class StatusFilterForm(forms.Form):
    """The list's filter; an unknown value is ignored (the whole list is shown)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All programs")), *ProgramPhase.choices],
    )

    def selected_status(self):
        return self.cleaned_data["status"] if self.is_valid() else ""


def hromada_councils():
    """The registry's hromada councils by raion, in the page language's alphabetical order."""
    return (
        Council.objects.filter(kind=Council.Kind.HROMADA)
        .select_related("unit__parent")
        .order_by(by_ukrainian_name("unit__parent__name"), by_ukrainian_name(), "pk")
    )


def grouped_by_raion(councils):
    """[(raion name, [(pk, council name), ...]), ...] in the order given."""
    groups = {}
    for council in councils:
        parent = council.unit.parent
        raion = parent.name if parent else _("Other hromadas")
        groups.setdefault(raion, []).append((council.pk, council.name))
    return list(groups.items())


class ApplicationForm(DescribedFieldsMixin, PublicForm):
    """An application to a program, validated on the server.

    Sent at most once, with the spam protection of every public form (`PublicForm`): the
    same application (program, lead hromada, e-mail, motivation) is stored once.
    """

    submission_name = "programs.application"

    lead_council = forms.TypedChoiceField(
        label=_("Lead hromada"),
        coerce=int,
        help_text=_("The hromada that submits the application and coordinates the group."),
        error_messages={
            "required": _("Choose the hromada that leads the application."),
            "invalid_choice": _("Choose the lead hromada from the list."),
        },
    )
    partner_councils = forms.TypedMultipleChoiceField(
        label=_("Partner hromadas"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Choose the partner hromadas from the list.")},
    )
    contact_name = full_name_field(
        label=_("Contact person’s full name"),
        required_message=_("Enter the contact person’s full name."),
    )
    contact_position = LineField(
        label=_("Position"),
        max_length=200,
        help_text=_("For example: deputy head of the hromada."),
        error_messages={"required": _("Enter the contact person’s position.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact_email = email_field(_("We will send the confirmation here."))
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        help_text=_("A Ukrainian number, for example 050 123 45 67."),
        error_messages={"required": _("Enter a phone number.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    motivation = ParagraphsField(
        label=_("Why do you want to take part?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        min_visible=MOTIVATION_MIN_LENGTH,
        error_messages={
            "required": _("Tell us why your hromada wants to take part."),
            "min_length": ngettext_lazy(
                "Write at least %(limit_value)d character about your motivation; "
                "so far there are %(show_value)d.",
                "Write at least %(limit_value)d characters about your motivation; "
                "so far there are %(show_value)d.",
                "limit_value",
            ),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of the personal data in this application"),
        error_messages={
            "required": _("Give your consent to the processing of personal data to apply.")
        },
    )

    def __init__(self, *args, program, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.councils = {council.pk: council for council in councils}
        groups = grouped_by_raion(councils)
        self.fields["lead_council"].choices = [("", _("Choose a hromada")), *groups]
        self.fields["motivation"].help_text = ngettext(
            "At least %(count)d character: what your hromadas want to achieve together.",
            "At least %(count)d characters: what your hromadas want to achieve together.",
            MOTIVATION_MIN_LENGTH,
        ) % {"count": MOTIVATION_MIN_LENGTH}
        # The link opens in a new tab, so that reading the notice loses nothing typed here.
        self.fields["consent"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("pages:privacy"),
            _("How the Centre processes personal data (opens in a new tab)"),
        )
        if program.is_group_program:
            self.fields["partner_councils"].choices = groups
            self.fields["partner_councils"].help_text = self._partners_hint()
        else:
            del self.fields["partner_councils"]
        self._describe_fields()

    def _partners_hint(self):
        program = self.program
        if program.min_partners == program.max_partners:
            return ngettext(
                "The group is the lead hromada and %(count)d partner: choose it.",
                "The group is the lead hromada and %(count)d partners: choose them.",
                program.max_partners,
            ) % {"count": program.max_partners}
        return _(
            "The group is the lead hromada and %(min)d to %(max)d partners: choose them, "
            "preferably neighbours."
        ) % {"min": program.min_partners, "max": program.max_partners}

    @property
    def min_fill_seconds(self):
        return getattr(settings, "PROGRAM_APPLICATION_MIN_SECONDS", DEFAULT_MIN_FILL_SECONDS)

    def clean_partner_councils(self):
        partners = self.cleaned_data["partner_councils"]
        submitted = self.data.getlist(self.add_prefix("partner_councils"))
        if len(submitted) != len(set(submitted)):
            raise forms.ValidationError(
                _("Each partner hromada can be chosen only once."), code="duplicate"
            )
        program = self.program
        if len(partners) < program.min_partners:
            raise forms.ValidationError(
                ngettext(
                    "Choose at least %(count)d partner hromada.",
                    "Choose at least %(count)d partner hromadas.",
                    program.min_partners,
                ),
                code="too_few",
                params={"count": program.min_partners},
            )
        if len(partners) > program.max_partners:
            raise forms.ValidationError(
                ngettext(
                    "Choose at most %(count)d partner hromada.",
                    "Choose at most %(count)d partner hromadas.",
                    program.max_partners,
                ),
                code="too_many",
                params={"count": program.max_partners},
            )
        return [self.councils[pk] for pk in partners]

    def clean_lead_council(self):
        return self.councils[self.cleaned_data["lead_council"]]

    def clean_contact_phone(self):
        return ukrainian_phone(self.cleaned_data["contact_phone"])

    def clean(self):
        # Before the public form's checks: "too quickly" is judged only when all else is right.
        lead = self.cleaned_data.get("lead_council")
        if lead is not None and lead in self.cleaned_data.get("partner_councils", []):
            self.add_error(
                "partner_councils",
                forms.ValidationError(
                    _("The lead hromada cannot also be its own partner."), code="lead_is_partner"
                ),
            )
        return super().clean()

    def save(self, language):
        """The new application, or the one this form repeats: a `submissions.forms.Stored`."""
        data = self.cleaned_data
        return self.store_once(
            lambda: self._create(language),
            self.program.pk,
            data["lead_council"].pk,
            data["contact_email"],
            data["motivation"],
        )

    @transaction.atomic
    def _create(self, language):
        data = self.cleaned_data
        application = Application.objects.create(
            program=self.program,
            lead_council=data["lead_council"],
            contact_name=data["contact_name"],
            contact_position=data["contact_position"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            motivation=data["motivation"],
            consent_given_at=timezone.now(),
            language=language,
        )
        application.partner_councils.set(data.get("partner_councils", []))
        return application

    def partner_groups(self):
        """The partner checkboxes by raion, for a template that renders nested fieldsets."""
        field = self["partner_councils"]
        chosen = {str(value) for value in (field.value() or [])}
        return [
            (
                raion,
                [
                    {
                        "value": pk,
                        "label": name,
                        "id": f"{field.auto_id}_{pk}",
                        "checked": str(pk) in chosen,
                    }
                    for pk, name in options
                ],
            )
            for raion, options in self.fields["partner_councils"].choices
        ]

    def error_anchor(self, name):
        if name == "partner_councils":
            groups = self.partner_groups()
            if groups:
                return groups[0][1][0]["id"]
        return super().error_anchor(name)
