"""Checks of uploaded documents for every app, made before the file is stored.

The type is read from the content (filetype's signatures), never trusted from the name the
browser sent, and the name must agree with it, so a renamed executable is refused. The first
bytes only say what a file claims to be: an HTML page beginning with `%PDF` has the PDF
signature. So a PDF must then parse (pypdf) and have a page, and a DOCX, XLSX or ODT must
open as the zip archive it is. Images have their own, stricter check in core/images.py
(they must decode).

Documents are served as attachments, never shown inline by the browser (core.views.serve_media).
"""

import logging
import zipfile

import filetype
import pypdf
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

EXTENSION_ALIASES = {"jpeg": "jpg"}
ZIP_TYPES = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "zip"}

logger = logging.getLogger(__name__)


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
    if not parses_as(upload, detected):
        raise ValidationError(
            _(
                "The file begins like a %(detected)s document but cannot be read as one: "
                "it is damaged or it is another kind of file. Save it again as %(detected)s "
                "and upload it."
            ),
            code="unreadable",
            params={"detected": detected.upper()},
        )


def parses_as(upload, detected):
    """Whether the file reads as the `detected` type, beyond its first bytes."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        if detected == "pdf":
            # Every page reachable from the document's catalogue; at least one of them.
            return len(pypdf.PdfReader(upload).pages) > 0
        if detected in ZIP_TYPES:
            # The archive's directory only: nothing is decompressed (no zip bomb).
            with zipfile.ZipFile(upload) as archive:
                return bool(archive.namelist())
        return True
    except Exception as error:  # pypdf and zipfile raise many kinds of errors for bad files
        logger.info("An upload claiming to be %s did not parse: %r", detected, error)
        return False
    finally:
        upload.seek(position)
