"""The one way content is published: every public content type subclasses `Publishable`.

State: a draft or published; a published item shows from `publish_at` (a future moment
schedules it, with nobody acting when it comes) until `unpublish_at`, when set (expiry).
"Published" is decided when the query runs, by `PublishableQuerySet.published()`.

Slug: made from the Ukrainian title by the official transliteration (core.slugs) when the
item is first saved without one, and frozen once the item has been published, so links keep
working. Cover: an image of the media library (`LibraryImageField`: protected, alt text
required), with its renditions, alt text, caption, credit and focal point; lists take it
with `with_cover()` (one join, no query per item).

Every change of publication state goes through `publish()` and `unpublish()`, which save
the object, so the signals that keep the search index and the content version (core.cache)
right always fire, also for the admin's bulk actions (core.admin_publishing). Never change
`status` with QuerySet.update().
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.images import LibraryImageField
from core.slugs import unique_slug


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class PublishableQuerySet(models.QuerySet):
    @staticmethod
    def published_condition(now=None):
        now = now or timezone.now()
        return Q(status=PublicationStatus.PUBLISHED, publish_at__lte=now) & (
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )

    def published(self, now=None):
        """What the public sees now."""
        return self.filter(self.published_condition(now))

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)

    def scheduled(self, now=None):
        """Published, with a publication moment still ahead."""
        return self.filter(status=PublicationStatus.PUBLISHED, publish_at__gt=now or timezone.now())

    def expired(self, now=None):
        return self.filter(
            status=PublicationStatus.PUBLISHED, unpublish_at__lte=now or timezone.now()
        )

    def translated(self, language=None):
        """Items complete in `language` (the active one by default): every text field of the
        type's `parity_fields` that has Ukrainian text has it in that language too. Ukrainian
        is required, so in Ukrainian this is every item. Public lists, feeds and sitemaps
        of another language show only these (docs/decisions/0014-language-parity.md)."""
        language = language or translation.get_language()
        if language == settings.LANGUAGE_CODE:
            return self.all()
        return self.filter(self.model.translated_condition(language))

    def untranslated(self, language):
        """Items whose text in `language` is missing, wholly or in part (for staff)."""
        return self.exclude(self.model.translated_condition(language))

    def with_cover(self):
        """The cover image in the same query: a list shows covers without a query per item."""
        return self.select_related("cover")

    def visible_to(self, user):
        """Published items for the public; every item for staff who may view them (previews)."""
        opts = self.model._meta
        if (
            user.is_authenticated
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        ):
            return self.all()
        return self.published()


def untranslated_fields(obj, fields, language=None):
    """The `fields` of any translated model (a council, not only a Publishable) that have
    Ukrainian text and none in `language` (the active one by default): a page in that
    language leaves them out rather than show Ukrainian (docs/decisions/0014)."""
    language = language or translation.get_language()
    default = settings.LANGUAGE_CODE
    if language == default:
        return set()
    return {
        field
        for field in fields
        if getattr(obj, f"{field}_{default}", None)
        and not getattr(obj, f"{field}_{language}", None)
    }


def cover_upload_to(instance, filename):
    """Where covers were stored before they came from the media library (the migrations
    that made them name it)."""
    return (
        f"{instance._meta.app_label}/{instance._meta.model_name}s/{timezone.now():%Y/%m}/{filename}"
    )


class Publishable(models.Model):
    """Abstract base of every public content type; subclasses add `title` and their fields."""

    Status = PublicationStatus
    # The field whose Ukrainian text makes the slug.
    slug_source = "title"
    # The text fields an item needs in another language to be shown in it (`translated()`):
    # each one the Ukrainian has. Subclasses name their own (title, lead, body...).
    parity_fields = ("title",)

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Latin letters for the address, made from the Ukrainian title by the official "
            "transliteration when empty. It cannot change once the item is published, "
            "so that links keep working."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus.choices, default="draft"
    )
    publish_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "A future date schedules the item: it appears on the site at that moment. "
            "Empty means now, when the item is published."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("remove from the site at"),
        null=True,
        blank=True,
        help_text=_("Optional: the item disappears from the site at this moment."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    cover = LibraryImageField(
        _("cover image"),
        null=True,
        blank=True,
        help_text=_(
            "Chosen from the media library, where its alternative text, caption, credit and "
            "focal point are kept. Type to search by name or description."
        ),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return getattr(self, "title", "") or super().__str__()

    def save(self, *args, **kwargs):
        if not self.slug:
            source = getattr(self, f"{self.slug_source}_uk", None) or getattr(
                self, self.slug_source
            )
            self.slug = unique_slug(type(self), source, exclude_pk=self.pk)
        if self.status == PublicationStatus.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)
        self._stored_publication = (self.slug, self.status)

    def clean(self):
        super().clean()
        errors = {}
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            errors["unpublish_at"] = _("The item must leave the site after it is published.")
        if self.slug_is_frozen and self.slug != self._stored_publication[0]:
            errors["slug"] = _("A published item keeps its address.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        # What is stored, to tell whether a published slug is being changed.
        item._stored_publication = (
            item.__dict__.get("slug"),
            item.__dict__.get("status"),
        )
        return item

    @property
    def slug_is_frozen(self):
        """True once the stored item has been published: its address must keep working."""
        stored = getattr(self, "_stored_publication", None)
        return bool(stored and stored[1] == PublicationStatus.PUBLISHED)

    # --- Language parity (docs/decisions/0014-language-parity.md) ---

    @classmethod
    def translatable_parity_fields(cls, language):
        """The parity fields registered for translation (a field without a column in
        `language` cannot be translated: it is the same text in every language)."""
        names = {field.name for field in cls._meta.get_fields()}
        return [field for field in cls.parity_fields if f"{field}_{language}" in names]

    @classmethod
    def translated_condition(cls, language):
        """Q: every parity field filled in `language` wherever it is filled in Ukrainian."""
        default = settings.LANGUAGE_CODE
        condition = Q()
        for field in cls.translatable_parity_fields(language):
            condition &= (
                Q(**{f"{field}_{language}__gt": ""})
                | Q(**{f"{field}_{default}": ""})
                | Q(**{f"{field}_{default}__isnull": True})
            )
        return condition

    def is_translated(self, language=None):
        """Whether the item is complete in `language` (the active one by default)."""
        language = language or translation.get_language()
        if language == settings.LANGUAGE_CODE:
            return True
        default = settings.LANGUAGE_CODE
        return all(
            getattr(self, f"{field}_{language}", "") or not getattr(self, f"{field}_{default}", "")
            for field in self.translatable_parity_fields(language)
        )

    # --- The one path of publication state changes ---

    def publish(self):
        """Publish; returns whether anything changed.

        A draft keeps a publication date it has: one ahead schedules it, one behind (it was
        published before) keeps its place in the lists. An item already scheduled goes live
        now; an expired one comes back.
        """
        if self.is_public:
            return False
        now = timezone.now()
        if self.publish_at is None or (
            self.status == PublicationStatus.PUBLISHED and self.publish_at > now
        ):
            self.publish_at = now
        if self.unpublish_at and self.unpublish_at <= max(now, self.publish_at):
            self.unpublish_at = None
        self.status = PublicationStatus.PUBLISHED
        self.save()
        return True

    def unpublish(self):
        """Back to a draft; the publication date is kept for when it is published again."""
        if self.status == PublicationStatus.DRAFT:
            return False
        self.status = PublicationStatus.DRAFT
        self.save()
        return True

    # --- State, for templates and admin ---

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_scheduled(self):
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def is_expired(self):
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.unpublish_at is not None
            and self.unpublish_at <= timezone.now()
        )

    @property
    def publication_label(self):
        if self.is_scheduled:
            return _("scheduled")
        if self.is_expired:
            return _("expired")
        return self.get_status_display()

    @property
    def modified_at(self):
        """When the public copy last changed: an edit, or a scheduled publication going live."""
        return max(filter(None, [self.updated_at, self.publish_at]))

    # --- The cover, from the media library (its text in the active language) ---

    @property
    def cover_picture(self):
        return self.cover.picture if self.cover_id else None

    @property
    def cover_alt(self):
        return self.cover.alt if self.cover_id else ""

    @property
    def cover_caption(self):
        return self.cover.caption if self.cover_id else ""

    @property
    def cover_credit(self):
        return self.cover.credit if self.cover_id else ""

    @property
    def cover_focus_class(self):
        """Where a crop of the cover is centred (the library image's focal point)."""
        return self.cover.focus_class if self.cover_id else ""
