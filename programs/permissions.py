"""The "Program managers" group: the only staff who may see applications (personal data)."""

from django.apps import apps as global_apps

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
# Applications come only from the site's form: managers review and export, never add.
APPLICATION_PERMISSIONS = [
    "view_application",
    "change_application",
    "delete_application",
    "export_application",
]


def sync_program_managers(apps=global_apps, **kwargs):
    """Create the group and grant it this app's permissions; safe to run again.

    Called by migration 0003 and after every `migrate` (post_migrate), which also restores
    the group after a test database is flushed and grants permissions of models added later.
    """
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
