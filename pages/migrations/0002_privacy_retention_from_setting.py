"""The privacy notice states the retention period from the setting (core/retention.py): take the
period typed into the demo text out of a page that still has it word for word. A page whose
staff rewrote that part is left alone."""

from django.db import migrations

TYPED_PERIOD = (
    "<h2>Скільки зберігаємо</h2>"
    "<p>Протягом строку проведення програми та трьох років після її завершення.</p>",
    "<h2>How long we keep them</h2>"
    "<p>For the duration of the program and three years after it ends.</p>",
)
# modeltranslation's columns, and the original one that mirrors the default language
FIELDS = ("body", "body_uk", "body_en")


def remove_typed_period(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for page in Page.objects.filter(slug="privacy"):
        changed = []
        for field in FIELDS:
            body = getattr(page, field) or ""
            for text in TYPED_PERIOD:
                body = body.replace(text, "")
            if body != (getattr(page, field) or ""):
                setattr(page, field, body)
                changed.append(field)
        if changed:
            page.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(remove_typed_period, migrations.RunPython.noop)]
