"""Each founding document becomes a document of the library, attached to the association's
page in the same order, before what was attached there already (decision 31). Identical
files become one document; files stay where they are. Without an association row, one is
made with the association's default name, so the documents keep their page."""

from django.db import migrations
from django.utils import timezone

from documents.legacy import Row, adopt, attached_rows

# members.models.Association.DEFAULT_NAME, as data: no translation is active in a migration.
DEFAULT_NAME_UK = "Асоціація місцевих рад Харківщини"
DEFAULT_NAME_EN = "Association of local councils of Kharkiv oblast"


def forwards(apps, schema_editor):
    FoundingDocument = apps.get_model("members", "FoundingDocument")
    Association = apps.get_model("members", "Association")
    founding = list(FoundingDocument.objects.order_by("position", "id"))
    if not founding:
        return
    association = Association.objects.order_by("pk").first()
    if association is None:
        association = Association.objects.create(
            name=DEFAULT_NAME_UK, name_uk=DEFAULT_NAME_UK, name_en=DEFAULT_NAME_EN
        )
    rows = [
        Row(
            owner=association,
            position=index,
            title_uk=document.title_uk or document.title,
            title_en=document.title_en or "",
            file_name=document.file.name,
            issued_on=document.adopted_on,
        )
        for index, document in enumerate(founding)
    ]
    adopt(apps, rows, "members.association", timezone.now())


def backwards(apps, schema_editor):
    FoundingDocument = apps.get_model("members", "FoundingDocument")
    for _association, position, document in attached_rows(apps, "members.association"):
        if not document.file.name.startswith("members/documents/"):
            continue  # attached from the library, not moved here from a founding document
        FoundingDocument.objects.create(
            title=document.title_uk,
            title_uk=document.title_uk,
            title_en=document.title_en,
            file=document.file.name,
            adopted_on=document.issued_on,
            position=position,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0002_other_kind_and_legacy_file_types"),
        ("members", "0003_council_emblem_renditions_and_slug"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
