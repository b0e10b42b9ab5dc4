"""Checks of uploaded files: the type is read from the content (filetype), not the name."""

from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
MAX_IMAGE_SIZE = 5 * 1024 * 1024


class DocumentType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"


def document_type(file):
    """The document type that the file's content shows, or None if it is none we accept."""
    kind = filetype.guess(file)
    if kind is not None and kind.extension in DocumentType.values:
        return kind.extension
    return None


def validate_document(file):
    if file.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s; documents may be at most %(limit)s."),
            code="too_big",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_DOCUMENT_SIZE),
            },
        )
    detected = document_type(file)
    if detected is None:
        raise ValidationError(
            _("Only PDF, DOCX and XLSX documents can be attached; this file is none of them."),
            code="wrong_type",
        )
    extension = Path(file.name).suffix.lower().lstrip(".")
    if extension != detected:
        raise ValidationError(
            _("The file's content is %(detected)s but its name ends in .%(extension)s."),
            code="wrong_extension",
            params={"detected": detected.upper(), "extension": extension},
        )


def validate_image_size(file):
    if file.size > MAX_IMAGE_SIZE:
        raise ValidationError(
            _("The image is %(size)s; images may be at most %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_IMAGE_SIZE)},
        )
