"""Pending changes of live items, and the state an edit was made from (edit conflicts).

An item's state is kept as Django's JSON serializer writes it (each field by name, many-to-
many links as lists of keys): the same form as a django-reversion version, so a pending change,
a version and the live row compare field by field. An item edited with inline rows (a
program's stages, a page's blocks) keeps them too, as its form posted them: shown in the
change form and saved with the item when the change is published.
"""

import json

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.utils import timezone

from core.history import latest_version
from core.models import PendingChange


def state_of(obj, m2m=None):
    """The fields of `obj` as the serializer writes them; `m2m` ({name: objects}) replaces
    the stored links (a form's choice, not saved yet)."""
    data = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    for name, chosen in (m2m or {}).items():
        data[name] = sorted(item.pk for item in chosen)
    return data


def version_state(version):
    return json.loads(version.serialized_data)[0]["fields"]


def pending_for(obj):
    if obj is None or obj.pk is None:
        return None
    return PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).first()


def apply(obj, pending):
    """Show `pending` on the live object `obj` (in memory): its fields and its links."""
    payload = [{"model": obj._meta.label_lower, "pk": obj.pk, "fields": pending.data}]
    edited = next(serializers.deserialize("json", json.dumps(payload), ignorenonexistent=True))
    for field in obj._meta.concrete_fields:
        if field.name in pending.data and not field.primary_key:
            setattr(obj, field.attname, getattr(edited.object, field.attname))
    cache = getattr(obj, "_prefetched_objects_cache", {})
    for name, keys in (edited.m2m_data or {}).items():
        related = obj._meta.get_field(name).remote_field.model
        cache[name] = related._default_manager.filter(pk__in=keys)
    obj._prefetched_objects_cache = cache
    return obj


# The key of a pending change's `data` that holds its inline rows: the formsets' fields as the
# form posted them ({"prefix-0-title_uk": ["…"], "prefix-TOTAL_FORMS": ["1"], …}).
INLINES = "__inlines__"


def inline_data(post):
    """The inline formsets' part of a posted change form (formset fields are "prefix-…";
    the item's own fields and the form's buttons never have a hyphen)."""
    return {key: post.getlist(key) for key in post if "-" in key}


def posted_inlines(pending):
    """The inline rows of a pending change as a form would post them, or None."""
    from django.http import QueryDict

    rows = (pending.data or {}).get(INLINES) if pending is not None else None
    if rows is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in rows.items():
        data.setlist(key, values)
    return data


def store(obj, m2m, user, submit=False, inlines=None):
    """Keep the edit of `obj` aside; files uploaded with it are stored now (the change
    holds their names). `inlines`: the posted rows of its inline formsets (inline_data)."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField):
            file = getattr(obj, field.attname)
            if file and not file._committed:
                file.save(file.name, file.file, save=False)
    version = latest_version(obj)
    data = state_of(obj, m2m)
    if inlines:
        data[INLINES] = inlines
    pending, _created = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        defaults={
            "object_repr": str(obj)[:250],
            "data": data,
            "author": user,
            "saved_at": timezone.now(),
            "base_version": version.pk if version else None,
            "submitted_at": timezone.now() if submit else None,
            "review_comment": "",
        },
    )
    return pending


def latest_log_entry(obj):
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-pk")
        .first()
    )


def edit_token(obj):
    """What an edit of `obj` is made from: the latest version and the pending change; for a
    model without versions (records of personal data), the admin's latest history entry
    (every admin change and every decision writes one)."""
    if not reversion.is_registered(type(obj)):
        entry = latest_log_entry(obj)
        return f"log-{entry.pk if entry else 0}"
    version = latest_version(obj)
    pending = pending_for(obj)
    return f"{version.pk if version else 0}-{_stamp(pending)}"


def _stamp(pending):
    return int(pending.saved_at.timestamp() * 1_000_000) if pending else 0


def conflict(obj, token):
    """None when an edit made from `token` is based on the current state of `obj`; otherwise
    (who, when, [(field, before, now)]) of the change made meanwhile."""
    if not token or obj is None or obj.pk is None or token == edit_token(obj):
        return None
    if token.startswith("log-"):
        entry = latest_log_entry(obj)
        return (entry.user, entry.action_time, []) if entry else None
    version = latest_version(obj)
    pending = pending_for(obj)
    base_id = token.split("-")[0]
    base = None
    if base_id.isdigit() and int(base_id):
        base = version.__class__.objects.filter(pk=int(base_id)).first()
    pending_stamp = token.partition("-")[2]
    if pending and str(_stamp(pending)) != pending_stamp:
        who, when, current = pending.author, pending.saved_at, pending.data
    elif version is not None:
        who, when, current = version.revision.user, version.revision.date_created, None
        current = version_state(version)
    else:
        who, when, current = None, None, state_of(obj)
    before = version_state(base) if base is not None else {}
    changes = []
    if before:
        for field in obj._meta.fields + obj._meta.many_to_many:
            if field.name in current and before.get(field.name) != current[field.name]:
                changes.append((field, before.get(field.name), current[field.name]))
    return who, when, changes
