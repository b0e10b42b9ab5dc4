"""The dashboard panels the kit gives every content type (CoreConfig.dashboard_panels):
pending changes, changes waiting for review, drafts, scheduled items with their times, the
trash. Each row is shown only to a user who may act on it."""

from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from core import plugins, roles
from core.models import Deletion, PendingChange

ROWS = 20  # a dashboard, not a list: the admin's lists hold the rest


def _change_url(model, pk):
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)])
    except NoReverseMatch:
        return None


def list_row(model, label, count, query):
    """A dashboard row "<items>: <count>" linking to the model's admin list with `query`;
    None when there is nothing to count or the model has no list in the admin."""
    opts = model._meta
    if not count:
        return None
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return None
    return label % {"items": opts.verbose_name_plural, "count": count}, f"{url}?{query}"


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _pending_rows(request, submitted):
    rows = []
    changes = PendingChange.objects.filter(submitted_at__isnull=not submitted)
    for change in changes.select_related("content_type", "author").order_by("-saved_at"):
        model = change.content_type.model_class()
        if model is None:
            continue
        opts = model._meta
        may = (
            request.user.has_perm(roles.publish_permission(model))
            if submitted
            else request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )
        mine = change.author_id == request.user.pk
        if not (may or mine) or (url := _change_url(model, change.object_id)) is None:
            continue
        author = change.author.get_username() if change.author else "—"
        label = gettext("“%(item)s” (%(kind)s): by %(author)s, %(when)s") % {
            "item": change.object_repr,
            "kind": opts.verbose_name,
            "author": author,
            "when": _when(change.submitted_at or change.saved_at),
        }
        if change.review_comment:
            label += " — " + gettext("returned: %(comment)s") % {"comment": change.review_comment}
        rows.append((label, url))
    return rows[:ROWS]


def pending_changes(request):
    """Edits of items on the site not yet published (the public sees the published version)."""
    return _pending_rows(request, submitted=False)


def awaiting_review(request):
    """Changes an Editor submitted: for those who may publish them, and for their author."""
    return _pending_rows(request, submitted=True)


def scheduled(request):
    """Items of every content type the user may change that go on the site later, by time."""
    found = []
    for model in roles.publishable_models():
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        for item in model.objects.scheduled().order_by("publish_at")[:ROWS]:
            found.append((item.publish_at, model, item))
    rows = []
    for moment, model, item in sorted(found, key=lambda row: row[0])[:ROWS]:
        if (url := _change_url(model, item.pk)) is None:
            continue
        label = gettext("%(when)s: “%(item)s” (%(kind)s)") % {
            "when": _when(moment),
            "item": item,
            "kind": model._meta.verbose_name,
        }
        rows.append((label, url))
    return rows


def drafts(request):
    """How many drafts of each content type the user may change, each a link to its list
    filtered by the draft state (core.admin.PublicationStateFilter)."""
    rows = []
    for model in roles.publishable_models():
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        label = gettext("%(items)s, drafts: %(count)d")
        if row := list_row(model, label, model.objects.drafts().count(), "state=draft"):
            rows.append(row)
    return rows


def trash(request):
    count = Deletion.objects.visible_to(request.user).count()
    if not count or not request.user.has_perm("core.view_deletion"):
        return []
    label = gettext("Deleted items that can be recovered: %(count)d") % {"count": count}
    return [(label, reverse("admin:core_deletion_changelist"))]


def failed_mail(request):
    """Records of every app whose e-mail failed (a field `email_status` that is "failed": the
    application confirmations and decisions today), per model the user may view."""
    rows = []
    for config in plugins.site_apps():
        for model in config.get_models():
            opts = model._meta
            names = {field.name for field in opts.concrete_fields}
            if "email_status" not in names:
                continue
            if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                continue
            count = model._default_manager.filter(email_status="failed").count()
            label = gettext("%(items)s: %(count)d e-mails not delivered")
            if row := list_row(model, label, count, "email_status__exact=failed"):
                rows.append(row)
    return rows
