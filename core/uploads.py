"""Checks of uploaded documents for every app, made before the file is stored.

The type is read from the content (filetype's signatures), never trusted from the name the
browser sent, and the name must agree with it, so a renamed executable is refused. Images
have their own, stricter check in portal/images.py (they must decode).
"""

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

EXTENSION_ALIASES = {"jpeg": "jpg"}


def sniffed_type(upload):
    """The file type its first bytes show (e.g. "pdf", "docx"), or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    if head.lstrip().startswith(b"{\\rtf"):  # filetype has no signature for RTF
        return "rtf"
    kind = filetype.guess(head)
    return kind.extension if kind else None


def name_extension(upload):
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    return EXTENSION_ALIASES.get(extension, extension)


def check_upload(upload, *, allowed, max_size, wrong_type_message):
    """Raise ValidationError unless `upload` is at most `max_size` and of an `allowed` type."""
    if upload.size > max_size:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_size)},
            code="too_large",
        )
    detected = sniffed_type(upload)
    if detected not in allowed:
        raise ValidationError(wrong_type_message, code="wrong_type")
    if name_extension(upload) != detected:
        raise ValidationError(
            _("The file's content is %(detected)s but its name ends in .%(extension)s."),
            code="wrong_extension",
            params={"detected": detected.upper(), "extension": name_extension(upload)},
        )
