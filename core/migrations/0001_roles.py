"""The staff roles' groups, with Ukrainian names (core/roles.py).

The permissions of models whose tables are made later in the same `migrate` do not exist yet
on a new database: the post_migrate sync (core/apps.py) grants them once they do.
"""

from django.db import migrations

from core import roles


def create_roles(apps, schema_editor):
    roles.sync_roles(apps)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in roles.ROLES:
        if role.former_names:
            Group.objects.filter(name=role.name).update(name=role.former_names[0])
        else:
            Group.objects.filter(name=role.name).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
