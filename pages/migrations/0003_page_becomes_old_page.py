"""The two fixed pages (about, privacy) make way for the page tree: their rows are copied
into a table of their own, kept until their content has moved into the tree (0005), and the
old table goes, so that the tree's table can take its name, indexes and constraints."""

from django.db import migrations, models

FIELDS = [
    *("slug", "title", "title_uk", "title_en", "lead", "lead_uk", "lead_en"),
    *("body", "body_uk", "body_en"),
]


def copy_rows(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    OldPage = apps.get_model("pages", "OldPage")
    for page in Page.objects.all():
        OldPage.objects.create(**{field: getattr(page, field) for field in FIELDS})


def copy_back(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    OldPage = apps.get_model("pages", "OldPage")
    for page in OldPage.objects.all():
        Page.objects.create(**{field: getattr(page, field) for field in FIELDS})


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_privacy_retention_from_setting")]

    operations = [
        migrations.CreateModel(
            name="OldPage",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("slug", models.CharField(max_length=50)),
                ("title", models.CharField(max_length=200)),
                ("title_uk", models.CharField(max_length=200, null=True)),
                ("title_en", models.CharField(max_length=200, null=True)),
                ("lead", models.TextField(blank=True)),
                ("lead_uk", models.TextField(blank=True, null=True)),
                ("lead_en", models.TextField(blank=True, null=True)),
                ("body", models.TextField(blank=True)),
                ("body_uk", models.TextField(blank=True, null=True)),
                ("body_en", models.TextField(blank=True, null=True)),
            ],
        ),
        migrations.RunPython(copy_rows, copy_back),
        migrations.DeleteModel(name="Page"),
    ]
