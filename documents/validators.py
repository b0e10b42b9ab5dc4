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
    # Not accepted for upload; only founding documents moved into the library from the
    # association's former model (members 0004) may have them.
    DOC = "doc", "DOC"
    RTF = "rtf", "RTF"


UPLOAD_TYPES = ("pdf", "docx", "xlsx", "odt")


def file_type(file):
    detected = sniffed_type(file)
    return detected if detected in FileType.values else None


def validate_document_file(file):
    if getattr(file, "_committed", False):
        # Stored already: checked when it was uploaded (or moved in by a migration, DOC and
        # RTF included); saving the document again neither reads it back nor refuses it.
        return
    check_upload(
        file,
        allowed=UPLOAD_TYPES,
        max_size=settings.DOCUMENT_MAX_BYTES,
        wrong_type_message=_(
            "The library accepts PDF, DOCX, XLSX and ODT documents; this file is none of them."
        ),
    )
