"""What the kit keeps about editing: the trash and the pending changes of live items.

Both are generic (a content type and an object id), so every content type, also one added
later, has them without a migration of its own. The versions themselves are
django-reversion's (core/history.py).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeletionQuerySet(models.QuerySet):
    def past_trash_period(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=settings.TRASH_DAYS)
        return self.filter(deleted_at__lt=cutoff)

    def holding(self, name):
        """Deleted items whose files include `name`: the file stays until the trash empties."""
        return self.filter(files__contains=[{"name": name}])

    def visible_to(self, user):
        """The items of the types this user may add (and so recover)."""
        if user.is_superuser:
            return self.all()
        allowed = [
            content_type.pk
            for content_type in ContentType.objects.filter(
                pk__in=self.values("content_type").distinct()
            )
            if user.has_perm(f"{content_type.app_label}.add_{content_type.model}")
        ]
        return self.filter(content_type__in=allowed)


class Deletion(models.Model):
    """An item deleted in the admin, in the trash until it is recovered or the trash period
    (settings.TRASH_DAYS) ends. `revision` holds its last state with its translations and
    the rows deleted with it; `files` the uploads they named, kept on disk meanwhile."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("item number"), max_length=64)
    object_repr = models.CharField(_("item"), max_length=250)
    revision = models.OneToOneField(
        "reversion.Revision",
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="deletion",
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now, db_index=True)
    # [{"model": "news.article", "field": "cover", "name": "news/articles/…"}]
    files = models.JSONField(_("files"), default=list, blank=True, editable=False)

    objects = DeletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("deleted item")
        verbose_name_plural = _("trash")
        ordering = ["-deleted_at", "-pk"]

    def __str__(self):
        return self.object_repr

    @property
    def purge_at(self):
        return self.deleted_at + timedelta(days=settings.TRASH_DAYS)


class PendingChange(models.Model):
    """An edit of an item on the site, kept aside until someone with the right to publish
    publishes it: the public sees the published version meanwhile.

    `data` is the edited state as Django's serializer writes it (fields and many-to-many
    keys); `base_version` the reversion version it was made from, to refuse an edit of an
    outdated copy. `submitted_at` set: waiting for review; `review_comment`: returned."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("item number"), max_length=64)
    object_repr = models.CharField(_("item"), max_length=250)
    data = models.JSONField(_("changed state"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)
    base_version = models.PositiveBigIntegerField(_("based on version"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_change_per_item"
            )
        ]

    def __str__(self):
        return self.object_repr
