from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.collation import by_ukrainian_name
from core.links import slug_url
from core.publishing import Publishable
from core.richtext import RichTextField
from core.slugs import unique_slug
from news.managers import ArticleQuerySet, EventQuerySet


class Category(models.Model):
    """A topic shared by news and events ("Освітні програми", "Асоціація")."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Latin letters for the address; made from the Ukrainian name when empty."),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, self.name_uk or self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


def categories_by_name():
    """Categories in the alphabetical order of the visitor's language.

    Ukrainian order needs the ICU collation: the database's own puts "Історія" before
    "Бюджет", as it compares code points.
    """
    return Category.objects.order_by(by_ukrainian_name(), "pk")


def ordered_categories():
    """Prefetch an item's categories in alphabetical order (one query for a whole list)."""
    return models.Prefetch("categories", queryset=categories_by_name())


def card_categories():
    """Prefetch articles' or events' categories for their cards (sorted_categories).

    Into a plain list: a list of dozens of items costs half what ordered_categories() does
    (2 ms of /events/), as Django gives each item's manager a filtered queryset of its own."""
    return models.Prefetch("categories", queryset=categories_by_name(), to_attr="_card_categories")


class Publication(Publishable):
    """What news articles and events share: text and a place on the home page."""

    parity_fields = ("title", "lead", "body")

    title = models.CharField(_("title"), max_length=255)
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences shown in lists and feeds.")
    )
    body = RichTextField(_("text"), blank=True)
    featured = models.BooleanField(_("featured"), default=False)

    class Meta:
        abstract = True

    @property
    def sorted_categories(self):
        """Its categories in alphabetical order: prefetched by the lists (card_categories())."""
        try:
            return self._card_categories
        except AttributeError:
            return list(categories_by_name().filter(pk__in=self.categories.values("pk")))


class Article(Publication):
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="articles", blank=True
    )
    councils = models.ManyToManyField(
        "members.Council",
        verbose_name=_("councils"),
        related_name="articles",
        blank=True,
        help_text=_("Member councils the news is about."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-pk"]
        # published(): counting, paging and the feeds' ETag of tens of thousands of articles
        # answered from the index alone
        indexes = [
            models.Index(
                fields=["status", "publish_at"],
                include=["updated_at"],
                name="news_article_published",
            ),
            # The list's order with the rest of published()'s columns: counting the list and
            # finding a deep page's articles read this index alone (core.pagination).
            models.Index(
                fields=["-publish_at", "-id"],
                include=["status", "unpublish_at"],
                name="news_article_listing",
            ),
        ]

    def get_absolute_url(self):
        return slug_url("news:article-detail", self.slug)


class Event(Publication):
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all-day event"),
        default=False,
        help_text=_("Only the dates count; the times are ignored."),
    )
    # The moment the event is over, kept by save(): the end, or for all-day events the
    # midnight after the last day in Kyiv. upcoming() and past() compare it with now.
    finishes_at = models.DateTimeField(editable=False, db_index=True)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("For example: Derzhprom, room 5.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True, max_length=500)
    registration_url = models.URLField(_("registration link"), blank=True, max_length=500)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("The event will not take place; its page stays and says so."),
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="events", blank=True
    )
    councils = models.ManyToManyField(
        "members.Council",
        verbose_name=_("councils"),
        related_name="events",
        blank=True,
        help_text=_("Member councils taking part or hosting the event."),
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "publish_at"],
                include=["updated_at"],
                name="news_event_published",
            )
        ]

    def save(self, *args, **kwargs):
        self.finishes_at = self.compute_finishes_at()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("news:event-detail", self.slug)  # a list links dozens (core.links)

    def get_ics_url(self):
        return slug_url("news:event-ics", self.slug)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at:
            if self.all_day and self.local_last_day < self.local_start.date():
                errors["ends_at"] = _("The event cannot end before it starts.")
            elif not self.all_day and self.ends_at < self.starts_at:
                errors["ends_at"] = _("The event cannot end before it starts.")
        if self.registration_deadline and self.starts_at:
            if self.registration_deadline > (self.ends_at or self.starts_at):
                errors["registration_deadline"] = _(
                    "Registration cannot close after the event is over."
                )
        if errors:
            raise ValidationError(errors)

    def compute_finishes_at(self):
        if self.all_day:
            next_day = self.local_last_day + timedelta(days=1)
            return datetime.combine(next_day, time.min, tzinfo=timezone.get_default_timezone())
        return self.ends_at or self.starts_at

    def _local_times(self):
        """(start, end, last day) in Kyiv time, kept until starts_at or ends_at is replaced.

        A list of events reads them a dozen times per card; the admin assigns the fields and
        then validates and saves the same object, so the cache checks which values it was
        made from instead of trusting that they never change."""
        cached = self.__dict__.get("_local_times_cache")
        if cached is not None and cached[0] is self.starts_at and cached[1] is self.ends_at:
            return cached[2]
        kyiv = timezone.get_default_timezone()
        start = timezone.localtime(self.starts_at, kyiv)
        end = None if self.ends_at is None else timezone.localtime(self.ends_at, kyiv)
        times = (start, end, (end or start).date())
        self.__dict__["_local_times_cache"] = (self.starts_at, self.ends_at, times)
        return times

    @property
    def local_start(self):
        return self._local_times()[0]

    @property
    def local_end(self):
        return self._local_times()[1]

    @property
    def local_last_day(self):
        return self._local_times()[2]

    @property
    def is_multi_day(self):
        start, _, last_day = self._local_times()
        return last_day != start.date()

    @property
    def month(self):
        """The first day of the month it starts in (Kyiv time), for lists grouped by month."""
        return self.local_start.date().replace(day=1)

    @property
    def is_past(self):
        return self.finishes_at <= timezone.now()

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_in_person(self):
        return bool(self.venue or self.address)

    @property
    def registration_open(self):
        if not self.registration_url or self.is_past or self.cancelled:
            return False
        return self.registration_deadline is None or self.registration_deadline >= timezone.now()
