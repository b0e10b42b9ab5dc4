"""The documents a program may attach (checked by core.uploads)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import check_upload, sniffed_type

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024


class DocumentType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"


def document_type(file):
    """The document type that the file's content shows, or None if it is none we accept."""
    detected = sniffed_type(file)
    return detected if detected in DocumentType.values else None


def validate_document(file):
    check_upload(
        file,
        allowed=DocumentType.values,
        max_size=MAX_DOCUMENT_SIZE,
        wrong_type_message=_(
            "Only PDF, DOCX and XLSX documents can be attached; this file is none of them."
        ),
    )
