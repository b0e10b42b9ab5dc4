"""Checks for the council and association fields: slugs, phones and uploaded files."""

import filetype
import phonenumbers
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Paths under /members/ that are pages of their own, so no council may take them as a slug.
RESERVED_SLUGS = frozenset({"association", "open-data"})

DOCUMENT_TYPES = {"pdf", "doc", "docx", "odt", "rtf"}
DOCUMENT_MAX_SIZE = 10 * 1024 * 1024
EMBLEM_TYPES = {"png", "jpg", "webp"}
EMBLEM_MAX_SIZE = 2 * 1024 * 1024


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


def _sniffed_extension(upload):
    """The file type read from the content itself, never from the name the browser sent."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    kind = filetype.guess(head)
    return kind.extension if kind else None


def _check_upload(upload, allowed, max_size, message):
    if upload.size > max_size:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_size)},
            code="too_large",
        )
    name_extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    name_extension = {"jpeg": "jpg"}.get(name_extension, name_extension)
    if _sniffed_extension(upload) not in allowed or name_extension not in allowed:
        raise ValidationError(message, code="file_type")


def validate_document(upload):
    _check_upload(
        upload,
        DOCUMENT_TYPES,
        DOCUMENT_MAX_SIZE,
        _("Upload a PDF, DOC, DOCX, ODT or RTF document."),
    )


def validate_emblem(upload):
    _check_upload(upload, EMBLEM_TYPES, EMBLEM_MAX_SIZE, _("Upload a PNG, JPEG or WebP image."))
