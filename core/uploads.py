"""Checks of uploaded documents for every app, made before the file is stored.

The type is read from the content (filetype's signatures), never trusted from the name the
browser sent, and the name must agree with it, so a renamed executable is refused. The first
bytes only say what a file claims to be: an HTML page beginning with `%PDF` has the PDF
signature. So a PDF must then parse (pypdf) and have a page, and a DOCX, XLSX or ODT must
open as the zip archive it is. Images have their own, stricter check in core/images.py
(they must decode).

Active content is refused with its own message: an HTML page or an SVG image (scripts run
when a browser opens them), and an office file with macros (a `vbaProject.bin` part or a
macro-enabled content type in OOXML; `Basic/` or `Scripts/` in ODF), whatever its name.

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
        if is_markup(upload):
            raise ValidationError(
                _(
                    "Web pages (HTML) and SVG images cannot be published as documents: "
                    "a browser would run what they contain. Save the document as PDF "
                    "and upload that."
                ),
                code="markup",
            )
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
    if detected in ZIP_TYPES and has_macros(upload):
        raise ValidationError(
            _(
                "The file contains macros (programs inside the document), which could harm "
                "readers' computers. Save it as an ordinary document without macros (for "
                "example .docx rather than .docm) and upload it again."
            ),
            code="macros",
        )


MARKUP_STARTS = (b"<!doctype html", b"<html", b"<svg", b"<?xml", b"<head", b"<body", b"<script")


def is_markup(upload):
    """Whether the file is an HTML page or an SVG image (or other XML), by its first bytes."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(position)
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith(MARKUP_STARTS) or (head.startswith(b"<") and b"<svg" in head)


MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_DIRECTORIES = ("basic/", "scripts/")


def has_macros(upload):
    """Whether an OOXML or ODF archive holds macros; only its directory and the small
    content-type list are read."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = [name.lower() for name in archive.namelist()]
            if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names):
                return True
            if any(name.startswith(MACRO_DIRECTORIES) for name in names):
                return True
            if "[content_types].xml" in names:
                info = archive.getinfo(archive.namelist()[names.index("[content_types].xml")])
                if info.file_size < 1024 * 1024:
                    types = archive.read(info).lower()
                    return b"macroenabled" in types
            return False
    except Exception:  # not a readable archive: parses_as() has refused it already
        return False
    finally:
        upload.seek(position)


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
