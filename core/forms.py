"""Form fields for text typed by the public: normalised in one place (core/text.py).

`LineField` for names, positions, subjects; `ParagraphsField` for messages and motivations.
Both take `min_visible`: a minimum that counts what a reader sees, so that 300 zero-width
spaces are not a 300-character motivation. Its error has the code "min_length" and the
parameters `limit_value` and `show_value`, like Django's own minimum length.
"""

import phonenumbers
from django import forms
from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.text import clean_line, clean_paragraphs, visible_length


@deconstructible
class MinVisibleLengthValidator(BaseValidator):
    message = ngettext_lazy(
        "Write at least %(limit_value)d character; so far there is %(show_value)d.",
        "Write at least %(limit_value)d characters; so far there are %(show_value)d.",
        "limit_value",
    )
    code = "min_length"

    def compare(self, a, b):
        return a < b

    def clean(self, x):
        return visible_length(x)


class _NormalisedField(forms.CharField):
    normalise = staticmethod(str)

    def __init__(self, *, min_visible=None, **kwargs):
        super().__init__(**kwargs)
        if min_visible:
            self.validators.append(MinVisibleLengthValidator(min_visible))

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.normalise(value) or self.empty_value


class LineField(_NormalisedField):
    """One line of text: NFC, no format or control characters, single spaces."""

    normalise = staticmethod(clean_line)


class ParagraphsField(_NormalisedField):
    """Text on several lines: NFC, no format characters, "\\n" line breaks."""

    widget = forms.Textarea
    normalise = staticmethod(clean_paragraphs)


def email_field(help_text, **options):
    """The e-mail address of a public form: one wording of its errors, and the attributes
    that let browsers and phones fill it in and leave it unchecked for spelling."""
    return forms.EmailField(
        label=options.pop("label", _("E-mail")),
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": _("Enter an e-mail address."),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        **options,
    )


def full_name_field(label=None, required_message=None, **options):
    """A person's name in a public form, which the browser may fill in."""
    return LineField(
        label=label or _("Full name"),
        max_length=200,
        error_messages={"required": required_message or _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        **options,
    )


class DescribedFieldsMixin:
    """A public form's fields tied to their hints and errors for screen readers, and the
    error summary at the top of the page ([(anchor or None, message)])."""

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def error_anchor(self, name):
        return self[name].auto_id

    def error_summary(self):
        items = [(None, error) for error in self.non_field_errors()]
        for name in self.fields:
            for error in self[name].errors:
                items.append((self.error_anchor(name), error))
        return items

    def _describe_fields(self):
        errors = self._errors or {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            described = []
            if field.help_text:
                described.append(f"{auto_id}_helptext")
            if errors.get(name):
                described.append(f"{auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


def ukrainian_phone(value):
    """A Ukrainian phone number in E.164 (+380…), or a ValidationError that says how to type it."""
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


class FilterSelect(forms.Select):
    """Django's select for a list's filter, with the same markup, made in Python.

    The form renderer makes each option from two templates: a filter of twenty categories
    and years cost 3 ms of a list page's render. Grouped choices are left to Django.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        chosen = chosen[0] if chosen else None
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = option_value == chosen
            chosen = None if selected else chosen  # one selected option, as Django marks it
            options.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    option_value,
                    mark_safe(" selected") if selected else "",
                    label,
                )
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),
        )


def _attributes(attrs):
    """As Django's widgets/attrs.html writes them: in their order (flatatt sorts them), True
    as a bare name, False left out. A field with an error gets aria-invalid after its id."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )
