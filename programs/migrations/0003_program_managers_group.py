"""The "Program managers" group: the only staff who may see applications (personal data)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from programs.permissions import PROGRAM_MANAGERS, sync_program_managers


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now to grant them.
    app_config = apps.get_app_config("programs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_program_managers(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PROGRAM_MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programs", "0002_program_details_and_applications"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
