"""History, restore and the trash of every content type (django-reversion).

`register()` (CoreConfig.ready) puts under version control every model an app declares as
content (`SiteAppConfig.content_models()`) and every `Publishable`, except the records of
personal data an app purges under a retention rule (their old versions would keep what the
purge removes). A model follows the rows deleted with it (a reverse foreign key with CASCADE
to another versioned model: a council's board posts, a program's stages, or a generic
relation: a program's attached documents), so a version holds
the item with its translations (modeltranslation's columns), its many-to-many links and
those rows. An app added later needs nothing: its models are found the same way.

The admin of each versioned model gets core.admin_history.HistoryAdminMixin the same way.

Deleting in the admin puts the item in the trash (`core.models.Deletion`): a last revision
of it, and the files it names, which core.files keeps on disk while the trash holds them.
`recover()` brings it all back; `empty()` (the `empty_trash` command, the trash page) deletes
the revision and then the files no object names.
"""

import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import pre_delete
from django.utils.translation import gettext
from reversion.models import Version

from core import files, plugins

logger = logging.getLogger(__name__)


def unversioned_models():
    """Models of personal data under a retention rule (the purge must be the end of them)."""
    from django.utils import timezone

    return {rule.expired(timezone.now()).model for rule in plugins.retention_rules()}


def versioned_models():
    from core.roles import publishable_models

    excluded = unversioned_models()
    found = []
    for model in [*plugins.content_models(), *publishable_models()]:
        if model._meta.proxy or model._meta.abstract or model in excluded or model in found:
            continue
        found.append(model)
    return found


def _followed_relations(model, versioned):
    """The reverse relations whose rows are deleted with an item of `model`, generic ones
    (a program's attached documents) included."""
    reverse = [
        relation
        for relation in model._meta.related_objects
        if (relation.one_to_many or relation.one_to_one)
        and relation.related_model in versioned
        and relation.on_delete is models.CASCADE
        and relation.related_model is not model
    ]
    generic = [
        field
        for field in model._meta.private_fields
        if isinstance(field, GenericRelation) and field.related_model in versioned
    ]
    return reverse + generic


def follows(model, versioned):
    """The names reversion follows from `model`: its rows deleted with it (above)."""
    return tuple(
        relation.name if isinstance(relation, GenericRelation) else relation.get_accessor_name()
        for relation in _followed_relations(model, versioned)
    )


# model -> the models whose rows its versions hold (followed, at any depth)
_held = {}


def register():
    versioned = versioned_models()
    for model in versioned:
        if not reversion.is_registered(model):
            reversion.register(model, follow=follows(model, versioned))
        # Every deletion of a versioned item goes to the trash, wherever it is made.
        pre_delete.connect(_to_trash, sender=model, dispatch_uid=f"core.trash.{model._meta.label}")
    for model in versioned:
        held, todo = set(), [model]
        while todo:
            for relation in _followed_relations(todo.pop(), versioned):
                if relation.related_model not in held:
                    held.add(relation.related_model)
                    todo.append(relation.related_model)
        _held[model] = held
    return versioned


# --- Translations older than the Ukrainian ---


def outdated_translations(model, language):
    """Keys of `model`'s items whose text in `language` was last changed before their
    Ukrainian text: read from their versions (a save that changes both counts as both)."""
    fields = model.translatable_parity_fields(language)
    default = settings.LANGUAGE_CODE
    ours = [f"{field}_{language}" for field in fields]
    source = [f"{field}_{default}" for field in fields]
    last = {}  # object_id -> [index of the last source change, of the last change in language]
    previous = {}
    versions = Version.objects.get_for_model(model).order_by("pk")
    for index, (object_id, data) in enumerate(versions.values_list("object_id", "serialized_data")):
        state = json.loads(data)[0]["fields"]
        before = previous.get(object_id, {})
        marks = last.setdefault(object_id, [-1, -1])
        if any(state.get(name) != before.get(name) for name in source):
            marks[0] = index
        if any(state.get(name) != before.get(name) for name in ours) and any(
            state.get(name) for name in ours
        ):
            marks[1] = index
        previous[object_id] = state
    return [
        object_id
        for object_id, (source_at, ours_at) in last.items()
        if ours_at >= 0 and source_at > ours_at
    ]


# --- Conflicts: which version an edit was made from ---


def latest_version(obj):
    return Version.objects.get_for_object(obj).select_related("revision__user").first()


def baseline(obj):
    """A first version of an item made outside the admin (demo data, an import), saved when
    staff first open it: its history then starts from what was there before their edit."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_comment(gettext("As it was before the first change in the admin"))


# --- The trash ---


def _files_of_version(version):
    try:
        model = version._model
        data = version.field_dict
    except (LookupError, reversion.RevertError):
        return []  # a model or field gone since
    named = []
    for field in files.file_fields(model):
        name = data.get(field.name)
        name = getattr(name, "name", name)
        if name:
            named.append({"model": model._meta.label_lower, "field": field.name, "name": name})
    return named


def _files_of(revision):
    return [entry for version in revision.version_set.all() for entry in _files_of_version(version)]


_deleting_user = ContextVar("deleting_user", default=None)
_final = ContextVar("final_deletion", default=False)


@contextmanager
def deleting_as(user):
    """Deletions made in this block are the trash's entries of `user` (the admin's)."""
    token = _deleting_user.set(user if user is not None and user.is_authenticated else None)
    try:
        yield
    finally:
        _deleting_user.reset(token)


@contextmanager
def final_deletion():
    """Deletions made in this block are final, not in the trash (emptying the trash, the
    retention purge)."""
    token = _final.set(True)
    try:
        yield
    finally:
        _final.reset(token)


def _to_trash(sender, instance, origin=None, **kwargs):
    """pre_delete of every versioned model: the item deleted (from the admin, the shell, a
    command) goes to the trash, with the rows its version holds. A row deleted with an item
    whose version holds it (a program's stage) is part of that item's entry; a row deleted
    while an edit is being recorded (an inline row removed in its item's change form) is in
    that edit's version."""
    if _final.get() or reversion.is_active():
        return
    origin_model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if origin is not None and origin_model is not sender and sender in _held.get(origin_model, ()):
        return
    trash(instance, _deleting_user.get())


def trash(obj, user):
    """Record `obj`'s last state (with what is deleted with it) before it is deleted."""
    from core.models import Deletion

    with reversion.create_revision(atomic=False):
        reversion.add_to_revision(obj)
        reversion.set_user(user if user and user.is_authenticated else None)
        reversion.set_comment(gettext("Deleted"))
    version = Version.objects.get_for_object(obj).select_related("revision").first()
    return Deletion.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:250],
        revision=version.revision,
        deleted_by=user if user and user.is_authenticated else None,
        files=_files_of(version.revision),
    )


def recover(deletion):
    """Bring the item back as it was deleted; returns it. Signals of a normal save then run
    (search index, content version), which reversion's raw revert does not send."""
    with transaction.atomic():
        revision = deletion.revision
        revision.revert(delete=False)
        restored = []
        for version in revision.version_set.all():
            obj = version._model._default_manager.filter(pk=version.object_id).first()
            if obj is not None:
                obj.save()
                restored.append(obj)
        model = deletion.content_type.model_class()
        item = model._default_manager.get(pk=deletion.object_id)
        deletion.delete()  # the revision stays: it is the item's history now
    return item


def empty(deletions):
    """Delete for good: the revisions, then the files no object, no other trashed item and
    no version names (once the transaction commits). Returns how many items."""
    count = 0
    for deletion in deletions:
        with transaction.atomic(), final_deletion():
            held = list(deletion.files)
            revision = deletion.revision
            deletion.delete()
            # The item's earlier versions go too: nothing of it stays, neither the files
            # that only those versions still named (images replaced by later uploads).
            earlier = Version.objects.filter(
                content_type=deletion.content_type, object_id=deletion.object_id
            )
            for version in earlier.exclude(revision=revision):
                held.extend(_files_of_version(version))
            earlier.delete()
            revision.delete()
            for entry in held:
                try:
                    field = apps.get_model(entry["model"])._meta.get_field(entry["field"])
                except (LookupError, KeyError):
                    continue
                files._discard_on_commit(field, entry["name"])
        count += 1
    return count
