"""The former model goes, with its content type and permissions (its rows are library
documents now: the previous migration)."""

from django.db import migrations

from documents.legacy import CONTENT_TYPE_USERS, forgetting


class Migration(migrations.Migration):
    dependencies = [*CONTENT_TYPE_USERS, ("programs", "0009_documents_into_the_library")]

    operations = [
        migrations.DeleteModel(name="Document"),
        migrations.RunPython(forgetting("programs", "document"), migrations.RunPython.noop),
    ]
