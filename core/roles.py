"""The staff roles: one group per role, defined here and granted by the apps.

A role is a group whose name staff read in the admin (in Ukrainian, the admin's language).
Each app says what its models grant to which role (`SiteAppConfig.role_permissions()`); the
centre never lists the apps' models. `sync_roles()` makes the groups hold exactly what the
code defines: it runs in migration core 0001 and after every `migrate` or `flush`
(post_migrate), so the groups stay right when a model or a permission is added later. A right
given to one person belongs on that user, not on a role group: the sync would take it back.

Publishing is a right of its own: `publish_<model>` on every `Publishable` model, made here
(so every content type, also one added later, has it without a migration of its own).
`core.admin.PublishableAdmin` asks for it before anything changes what the public sees.
"""

import secrets
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db.models import Q

DEFAULT_ACTIONS = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class Role:
    key: str
    # Stored as the group's name. Ukrainian data, not interface text: the group is made by a
    # migration, where no translation is active (and English staff see the same group).
    name: str
    # Demo login made by load_demo (core/management/commands/load_demo.py).
    demo_username: str
    # Earlier names of the same group: its members move over when the sync finds it.
    former_names: tuple = ()
    # Every permission there is, also those of models added later.
    everything: bool = False


EDITOR = Role("editor", "Редактор", "editor")
PUBLISHER = Role("publisher", "Публікатор", "publisher")
PROGRAM_MANAGER = Role(
    "program_manager", "Менеджер програм", "programs", former_names=("Program managers",)
)
MEMBERSHIP_REGISTRAR = Role("membership_registrar", "Реєстратор членства", "registrar")
LEGAL_CONSULTANT = Role("legal_consultant", "Юрист-консультант", "consultant")
ADMINISTRATOR = Role("administrator", "Адміністратор", "administrator", everything=True)

ROLES = (
    EDITOR,
    PUBLISHER,
    PROGRAM_MANAGER,
    MEMBERSHIP_REGISTRAR,
    LEGAL_CONSULTANT,
    ADMINISTRATOR,
)


def model_permissions(*model_names, actions=DEFAULT_ACTIONS):
    """Codenames of `actions` on models of one app, for `SiteAppConfig.role_permissions()`."""
    return [f"{action}_{name}" for name in model_names for action in actions]


def publish_codename(model):
    return f"publish_{model._meta.model_name}"


def publish_permission(model):
    """ "app_label.publish_<model>", for `user.has_perm()`."""
    return f"{model._meta.app_label}.{publish_codename(model)}"


def publishable_models():
    from core.publishing import Publishable

    return [
        model
        for model in global_apps.get_models()
        if issubclass(model, Publishable) and not model._meta.proxy
    ]


def role_grants():
    """{role: {(app_label, codename)}} from every app's `role_permissions()`.

    A Publisher holds what an Editor holds, and may publish what an Editor may edit.
    """
    from core import plugins

    grants = {role: set() for role in ROLES}
    for config in plugins.site_apps():
        for role, codenames in config.role_permissions().items():
            grants[role] |= {(config.label, codename) for codename in codenames}
    grants[PUBLISHER] |= grants[EDITOR]
    for model in publishable_models():
        opts = model._meta
        if (opts.app_label, f"change_{opts.model_name}") in grants[EDITOR]:
            grants[PUBLISHER].add((opts.app_label, publish_codename(model)))
    return grants


def ensure_publish_permissions(apps=global_apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in publishable_models():
        opts = model._meta
        content_type, _created = ContentType.objects.get_or_create(
            app_label=opts.app_label, model=opts.model_name
        )
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=publish_codename(model),
            # Stored in English as Django's own are; the admin shows it translated
            # (core.admin.permission_label).
            defaults={"name": f"Can publish {opts.verbose_name_raw}"},
        )


def role_group(role, apps=global_apps):
    """The role's group, taking over a group of a former name (its members stay in it)."""
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=role.name)
    for former in Group.objects.filter(name__in=role.former_names):
        group.user_set.add(*former.user_set.all())
        former.delete()
    return group


def sync_roles(apps=global_apps, **kwargs):
    """Make every role's group hold exactly the permissions the code grants it."""
    Permission = apps.get_model("auth", "Permission")
    ensure_publish_permissions(apps)
    grants = role_grants()
    for role in ROLES:
        group = role_group(role, apps)
        if role.everything:
            permissions = Permission.objects.all()
        else:
            condition = Q(pk__in=[])
            for app_label, codename in grants[role]:
                condition |= Q(content_type__app_label=app_label, codename=codename)
            permissions = Permission.objects.filter(condition)
        group.permissions.set(permissions)


def ensure_demo_users(note):
    """One staff user per role; returns [(username, role name, password or None)].

    A password is made (and returned) only for a user made now; `note` keeps it for later
    runs, which leave existing users' passwords alone but put them back into their role.
    """
    from django.contrib.auth import get_user_model

    User = get_user_model()
    made = []
    for role in ROLES:
        user = User.objects.filter(username=role.demo_username).first()
        password = None
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                role.demo_username,
                f"{role.demo_username}@example.org",
                password,
                is_staff=True,
            )
        elif not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(role_group(role))
        made.append((role.demo_username, role.name, password))
    new = [(username, name, password) for username, name, password in made if password]
    if new:
        note.parent.mkdir(parents=True, exist_ok=True)
        # A line of an earlier database's user of the same login would no longer log in.
        logins = tuple(f": login {username}," for username, _name, _password in new)
        kept = [
            line
            for line in (note.read_text().splitlines() if note.exists() else [])
            if not any(login in line for login in logins)
        ]
        lines = [
            f"{name}: login {username}, password {password}" for username, name, password in new
        ]
        note.write_text("".join(f"{line}\n" for line in kept + lines))
        note.chmod(0o600)
    return made
