"""The "Program managers" group: the only staff who may see applications (personal data).

The group is now the role "Менеджер програм", defined in core/roles.py with programs/apps.py:
the role sync takes this group over (its members stay). The code that made it is kept here as
it was, so that the migration history reads and runs as it did.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROGRAM_MANAGERS = "Program managers"
CONTENT_MODELS = [
    "program",
    "organisation",
    "selectionstage",
    "programitem",
    "mentor",
    "studyvisit",
    "document",
    "programparticipation",
]
APPLICATION_PERMISSIONS = [
    "view_application",
    "change_application",
    "delete_application",
    "export_application",
]


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now to grant them.
    app_config = apps.get_app_config("programs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=PROGRAM_MANAGERS)
    codenames = [
        f"{action}_{model}"
        for model in CONTENT_MODELS
        for action in ("add", "change", "delete", "view")
    ] + APPLICATION_PERMISSIONS
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="programs", codename__in=codenames)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PROGRAM_MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programs", "0002_program_details_and_applications"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
