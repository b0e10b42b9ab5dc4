"""What the library accepts: PDF, DOCX, XLSX and ODT, checked by content (core.uploads)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import check_upload, sniffed_type


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    ODT = "odt", "ODT"


def file_type(file):
    detected = sniffed_type(file)
    return detected if detected in FileType.values else None


def validate_document_file(file):
    check_upload(
        file,
        allowed=FileType.values,
        max_size=settings.DOCUMENT_MAX_BYTES,
        wrong_type_message=_(
            "The library accepts PDF, DOCX, XLSX and ODT documents; this file is none of them."
        ),
    )
