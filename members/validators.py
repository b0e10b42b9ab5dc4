"""Checks for the council and association fields: slugs and phones."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Paths under /members/ that are pages of their own, so no council may take them as a slug.
RESERVED_SLUGS = frozenset({"association", "open-data"})


def validate_council_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page; choose another slug."),
            params={"slug": value},
            code="reserved",
        )


def _parse_phone(value):
    try:
        number = phonenumbers.parse(value, "UA")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def validate_phone(value):
    if value and _parse_phone(value) is None:
        raise ValidationError(
            _("Enter a phone number with its area code, for example +380 57 700 00 00."),
            code="invalid_phone",
        )


def normalize_phone(value):
    """A valid number in the international format (+380 57 700 0000); anything else unchanged."""
    number = _parse_phone(value) if value else None
    if number is None:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_uri(value):
    number = _parse_phone(value) if value else None
    if number is None:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
