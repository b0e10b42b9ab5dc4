"""Uploaded files that leave the site: a replaced or deleted file is removed, not left public.

Every file field of the site's apps (covers, emblems, logos, documents) is watched: when a
saved object's file is replaced or cleared, or the object is deleted (a cascade included),
the file it had goes to `discard()` once the transaction commits. A rolled-back change keeps
its file; a file that another row of the same field still names is kept.

`discard()` is the one place a file is removed, with its renditions (sorl-thumbnail's
`delete`). A file of an item in the trash (core.models.Deletion), or one that an earlier
version names (an image replaced by a later upload), stays until the trash is emptied of the
item (core.history.empty), so a recovered item or a restored version has its files.
"""

import logging
from functools import cache, partial

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)


def discard(storage, name):
    """Remove a file that no object names any more, and the renditions made from it."""
    from sorl.thumbnail import delete  # imported late: it reads settings
    from sorl.thumbnail.images import ImageFile

    # sorl deletes the thumbnails it made of the file (it knows them by name), then the file.
    delete(ImageFile(name, storage), delete_file=True)
    logger.info("Removed %s and its renditions", name)


@cache  # read on every object loaded (post_init): the fields of a model do not change
def file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def watch(model):
    """Remove the files of `model` that its objects stop naming (CoreConfig.ready calls it)."""
    if not file_fields(model):
        return
    uid = f"core.files.{model._meta.label_lower}"
    post_init.connect(_remember, sender=model, dispatch_uid=uid)
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def _remember(sender, instance, **kwargs):
    # The names as loaded from the database; a new object or a deferred field has none.
    instance._stored_files = {
        field.attname: value
        for field in file_fields(sender)
        if isinstance(value := instance.__dict__.get(field.attname), str)
    }


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    stored = getattr(instance, "_stored_files", {})
    for field in file_fields(sender):
        if raw or (update_fields is not None and field.name not in update_fields):
            continue
        name = getattr(instance, field.attname).name or ""
        if stored.get(field.attname) and stored[field.attname] != name:
            _discard_on_commit(field, stored[field.attname])
        stored[field.attname] = name
    instance._stored_files = stored


def _deleted(sender, instance, **kwargs):
    for field in file_fields(sender):
        if name := getattr(instance, field.attname).name:
            _discard_on_commit(field, name)


def _discard_on_commit(field, name):
    transaction.on_commit(partial(_discard_unused, field, name), robust=True)


def _discard_unused(field, name):
    if field.model._default_manager.filter(**{field.name: name}).exists():
        return  # another object names the same file (a copy): it stays
    from core.models import Deletion

    if Deletion.objects.holding(name).exists():
        return  # an item in the trash names it: it goes when the trash is emptied
    if _named_by_a_version(field.model, name):
        return  # an earlier version names it (a replaced image): restoring it brings it back
    discard(field.storage, name)


def _named_by_a_version(model, name):
    """Whether a version of `model` (django-reversion) names the file; they go when the
    item's trash entry is emptied (core.history.empty), and its files with them."""
    import json

    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Version

    return Version.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        serialized_data__contains=json.dumps(name, ensure_ascii=False),
    ).exists()


class PrivateStorage(FileSystemStorage):
    """Uploads with personal data on this server's disk: PRIVATE_MEDIA_ROOT, outside
    MEDIA_ROOT (which the site serves to anyone). Read when first used and again whenever
    the setting changes (the tests give each test a folder of its own)."""

    @cached_property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


_private_on_disk = PrivateStorage()


def private_storage():
    """Where uploads with personal data are kept: the "private" storage of settings.STORAGES
    (a bucket of its own with several servers, portal.storage), else PRIVATE_MEDIA_ROOT.
    Staff read them through the admin only; `make backup` keeps them (core.backup)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return _private_on_disk


@checks.register(checks.Tags.compatibility)
def private_uploads_are_shared(app_configs, **kwargs):
    """With uploads in a bucket the site runs on several servers; the private uploads on one
    server's disk would then be missing on the others."""
    if "private" in settings.STORAGES or isinstance(default_storage, FileSystemStorage):
        return []
    return [
        checks.Warning(
            "Uploads are in a bucket, but uploads with personal data (the desk's attachments) "
            "are kept on this server's disk (PRIVATE_MEDIA_ROOT), so other servers lack them.",
            hint="Name a bucket of their own in AWS_PRIVATE_BUCKET_NAME.",
            id="core.W001",
        )
    ]
