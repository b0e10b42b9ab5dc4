# Data of the move onto the shared publishing base, in a migration of its own: PostgreSQL
# refuses to alter a table in the transaction that updated its rows (pending trigger events).

from django.db import migrations, models


def publish_what_was_published(apps, schema_editor):
    """A program that was published stays published, from when it was created."""
    Program = apps.get_model("programs", "Program")
    Program.objects.filter(is_published=True).update(
        status="published", publish_at=models.F("created_at")
    )


def unpublish_back(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Program.objects.filter(status="published").update(is_published=True)


def make_cover_renditions(apps, schema_editor):
    """The AVIF/WebP renditions of the shared image pipeline, for covers uploaded before."""
    from core.images import make_renditions

    Program = apps.get_model("programs", "Program")
    for program in Program.objects.exclude(cover=""):
        try:
            renditions = make_renditions(program.cover)
        except OSError:  # the file is missing from the storage: pages show the original link
            continue
        Program.objects.filter(pk=program.pk).update(cover_renditions=renditions)


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0004_program_publishable"),
    ]

    operations = [
        migrations.RunPython(publish_what_was_published, unpublish_back),
        migrations.RunPython(make_cover_renditions, migrations.RunPython.noop),
    ]
