"""Each program document becomes a document of the library, attached to its program in the
same order (decision 31). Identical files become one document; files stay where they are."""

from django.db import migrations
from django.utils import timezone

from documents.legacy import Row, adopt, attached_rows


def forwards(apps, schema_editor):
    ProgramDocument = apps.get_model("programs", "Document")
    rows = [
        Row(
            owner=document.program,
            position=index,
            title_uk=document.title_uk or document.title,
            title_en=document.title_en or "",
            file_name=document.file.name,
            status=document.program.status,
            publish_at=document.program.publish_at,
            unpublish_at=document.program.unpublish_at,
        )
        for index, document in enumerate(
            ProgramDocument.objects.select_related("program").order_by("program", "order", "pk")
        )
    ]
    adopt(apps, rows, "programs.program", timezone.now())


def backwards(apps, schema_editor):
    ProgramDocument = apps.get_model("programs", "Document")
    Program = apps.get_model("programs", "Program")
    for program_pk, position, document in attached_rows(apps, "programs.program"):
        if document.file_type not in ("pdf", "docx", "xlsx"):
            continue  # the former model took only these
        ProgramDocument.objects.create(
            program=Program.objects.get(pk=program_pk),
            order=position,
            title=document.title_uk,
            title_uk=document.title_uk,
            title_en=document.title_en,
            file=document.file.name,
            file_type=document.file_type,
            file_size=document.file_size,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0002_other_kind_and_legacy_file_types"),
        ("programs", "0008_application_decision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
