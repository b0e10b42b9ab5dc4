import phonenumbers
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.collation import by_ukrainian_name
from core.forms import (
    DescribedFieldsMixin,
    LineField,
    ParagraphsField,
    email_field,
    full_name_field,
)
from core.images import check_image
from core.uploads import check_upload, sniffed_type
from legalhelp.models import ConsultationRequest, RequestAttachment, Topic
from members.models import Council
from submissions.forms import PublicForm

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
DOCUMENT_TYPES = ("pdf", "docx")
IMAGE_TYPES = ("jpg", "png", "webp")
QUESTION_MIN_LENGTH = 30
# Seconds a person needs at least to fill in the form; bots send it at once.
DEFAULT_MIN_FILL_SECONDS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to three files, each checked by its content before anything is stored."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ".pdf,.docx,.jpg,.jpeg,.png,.webp"

    def clean(self, data, initial=None):
        files = (
            [file for file in (data or []) if file]
            if isinstance(data, list | tuple)
            else ([data] if data else [])
        )
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                ngettext(
                    "Attach at most %(count)d file.",
                    "Attach at most %(count)d files.",
                    MAX_ATTACHMENTS,
                ),
                code="too_many",
                params={"count": MAX_ATTACHMENTS},
            )
        checked = []
        for file in files:
            try:
                checked.append((file, check_attachment(file)))
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("%(name)s: %(problem)s"),
                    params={"name": file.name, "problem": " ".join(error.messages)},
                    code=error.error_list[0].code,
                ) from None
        return checked


def check_attachment(file):
    """The file's type as its content shows ("pdf", "docx", "jpg"...), or ValidationError:
    size, type by content, the name's extension, and a document that parses or an image
    that decodes (core.uploads, core.images)."""
    check_upload(
        file,
        allowed=DOCUMENT_TYPES + IMAGE_TYPES,
        max_size=MAX_ATTACHMENT_SIZE,
        wrong_type_message=_(
            "only PDF and DOCX documents and JPEG, PNG or WebP images can be attached; "
            "this file is none of them."
        ),
    )
    kind = sniffed_type(file)
    if kind in IMAGE_TYPES:
        check_image(file)
    return kind


def council_choices():
    """The registry's councils, hromadas grouped by raion, in Ukrainian alphabetical order."""
    councils = Council.objects.select_related("unit__parent").order_by(
        by_ukrainian_name("unit__parent__name"), by_ukrainian_name(), "pk"
    )
    groups = {}
    for council in councils:
        parent = council.unit.parent
        group = parent.name if parent and council.kind == Council.Kind.HROMADA else _("Councils")
        groups.setdefault(str(group), []).append((council.pk, council.name))
    return list(groups.items())


class AskForm(DescribedFieldsMixin, PublicForm):
    """A question to the Centre's consultants. The same question from the same e-mail
    address within half an hour is stored once."""

    submission_name = "legalhelp.request"
    duplicate_window = 30 * 60

    name = full_name_field(label=_("Your full name"))
    position = LineField(
        label=_("Position"),
        max_length=200,
        required=False,
        help_text=_(
            "For example: secretary of the village council. Leave empty if you ask as a resident."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = email_field(_("We send the tracking number and the answer here."))
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        help_text=_("A Ukrainian number, for example 050 123 45 67."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    council = forms.TypedChoiceField(
        label=_("Your council from the registry"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose the council from the list.")},
    )
    council_name = LineField(
        label=_("Or type the name of your council"),
        max_length=300,
        required=False,
        help_text=_("If it is not in the list, or you ask as a resident: your hromada."),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        empty_label=_("Choose a topic"),
        error_messages={
            "required": _("Choose the topic of your question."),
            "invalid_choice": _("Choose the topic from the list."),
        },
    )
    question = ParagraphsField(
        label=_("Your question"),
        max_length=8000,
        min_visible=QUESTION_MIN_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe the situation and what you want to know; leave out other people’s data."
        ),
        error_messages={"required": _("Write your question.")},
    )
    attachments = AttachmentsField(
        label=_("Attachments (optional)"),
        help_text=_("Up to 3 files: PDF, DOCX, JPEG, PNG or WebP, each at most 10 MB."),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of the personal data in this request"),
        error_messages={
            "required": _(
                "Give your consent to the processing of personal data to send the question."
            )
        },
    )

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["council"].choices = [("", _("Choose a council")), *(councils or [])]
        self.fields["consent"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("pages:privacy"),
            _("How the Centre processes personal data (opens in a new tab)"),
        )
        self._describe_fields()

    @property
    def min_fill_seconds(self):
        return getattr(settings, "LEGALHELP_REQUEST_MIN_SECONDS", DEFAULT_MIN_FILL_SECONDS)

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        if not value:
            return ""
        error = forms.ValidationError(
            _("Enter a Ukrainian phone number, like 050 123 45 67 or +380 50 123 45 67."),
            code="invalid",
        )
        try:
            number = phonenumbers.parse(value, "UA")
        except phonenumbers.NumberParseException:
            raise error from None
        if number.country_code != 380 or not phonenumbers.is_valid_number(number):
            raise error
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        data = self.cleaned_data
        if "council" in data and not data.get("council") and not data.get("council_name"):
            self.add_error(
                "council",
                forms.ValidationError(
                    _("Choose your council from the list or type its name."), code="required"
                ),
            )
        return super().clean()

    def save(self, language):
        data = self.cleaned_data
        return self.store_once(lambda: self._create(language), data["email"], data["question"])

    def _create(self, language):
        data = self.cleaned_data
        council = None
        if data.get("council"):
            council = Council.objects.filter(pk=data["council"]).first()
        request = ConsultationRequest.objects.create(
            name=data["name"],
            position=data["position"],
            email=data["email"],
            phone=data["phone"],
            council=council,
            council_name="" if council else data["council_name"],
            topic=data["topic"],
            question=data["question"],
            language=language,
            consent_given_at=timezone.now(),
        )
        for file, file_type in data["attachments"]:
            file.seek(0)
            RequestAttachment.objects.create(
                request=request, file=file, file_type=file_type, file_size=file.size
            )
        return request
