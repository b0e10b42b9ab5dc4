"""The site's pages: a tree that staff grow in admin, with bodies made of content blocks.

A page is published content like every other type (core.publishing.Publishable: state,
schedule, a slug by the official transliteration, frozen once published) and a node of a
tree (django-tree-queries through feincms3's AbstractPage: parent, position, and the `path`
made of the ancestors' slugs). Moving a page, or renaming the slug of a draft, stores the old
address as a `PageRedirect`, so it keeps answering with a 301: redirects are data.

Bodies are django-content-editor blocks (below): rich text, an image from the media
library, a list of documents, a contact card and a call to action.
"""

from content_editor.models import Region, create_plugin_base
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from feincms3.pages import AbstractPage, AbstractPageQuerySet

from core.images import LibraryImageField
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import RichTextField
from documents.models import Document


class PageQuerySet(PublishableQuerySet, AbstractPageQuerySet):
    def in_menu(self, place):
        return self.filter(menu__in=Page.MENU_PLACES[place])


class Page(Publishable, AbstractPage):
    class Menu(models.TextChoices):
        NONE = "", _("in no menu")
        HEADER = "header", _("in the header menu")
        FOOTER = "footer", _("in the footer menu")
        BOTH = "both", _("in the header and footer menus")

    class Kind(models.TextChoices):
        STANDARD = "standard", _("ordinary page")
        CONTACTS = "contacts", _("contacts: map, organisation data and the contact form")
        PRIVACY = "privacy", _("privacy notice: adds the retention periods")

    MENU_PLACES = {"header": ("header", "both"), "footer": ("footer", "both")}

    lead = models.TextField(_("lead"), blank=True)
    menu = models.CharField(_("menu"), max_length=10, choices=Menu.choices, default="", blank=True)
    kind = models.CharField(
        _("kind of page"), max_length=10, choices=Kind.choices, default=Kind.STANDARD
    )

    parity_fields = ("title", "lead")
    regions = [Region(key="main", title=_("Page body"))]

    objects = PageQuerySet.as_manager(with_tree_fields=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position"]

    def get_absolute_url(self):
        # An unsaved page has no path yet: the one its slug will give at the top of the tree.
        path = self.path or f"/{self.slug}/"
        return reverse("pages:page", kwargs={"path": path.strip("/")})

    def save(self, *args, **kwargs):
        stored_path = self._save_descendants_cache[1] if self.pk else None
        super().save(*args, **kwargs)
        if stored_path and stored_path != self.path:
            PageRedirect.objects.update_or_create(
                old_path=stored_path, defaults={"page": self, "created_at": timezone.now()}
            )
        # A page living at an address again answers there itself.
        PageRedirect.objects.filter(old_path=self.path).delete()


class PageRedirect(models.Model):
    """An address a page had before it moved: it answers with a 301 to the page."""

    old_path = models.CharField(_("old address"), max_length=1000, unique=True)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["old_path"]

    def __str__(self):
        return self.old_path


# --- The blocks of a page body (django-content-editor plugins) ---

PageBlock = create_plugin_base(Page)


class BlockTemplate:
    def __str__(self):
        # What admin lists where a block is in the way (an image in use cannot be deleted).
        return _("%(block)s on the page “%(page)s”") % {
            "block": self._meta.verbose_name,
            "page": self.parent,
        }

    @property
    def template_name(self):
        return f"pages/blocks/{self._meta.model_name}.html"


class RichText(BlockTemplate, PageBlock):
    text = RichTextField(_("text"))

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")


class ImageBlock(BlockTemplate, PageBlock):
    image = LibraryImageField(_("image"))
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the caption from the media library."),
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @classmethod
    def get_queryset(cls):
        return super().get_queryset().select_related("image")


class DocumentsBlock(BlockTemplate, PageBlock):
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents"), related_name="page_blocks"
    )

    class Meta:
        verbose_name = _("list of documents")
        verbose_name_plural = _("lists of documents")

    @classmethod
    def get_queryset(cls):
        published = Document.objects.published().in_ukrainian_order()
        return (
            super()
            .get_queryset()
            .prefetch_related(models.Prefetch("documents", queryset=published))
        )


class ContactCard(BlockTemplate, PageBlock):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("position or unit"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("office hours"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact card")
        verbose_name_plural = _("contact cards")

    @property
    def phone_link(self):
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class CallToAction(BlockTemplate, PageBlock):
    text = models.CharField(_("text"), max_length=300)
    link_label = models.CharField(_("button text"), max_length=100)
    url = models.CharField(
        _("link"),
        max_length=500,
        help_text=_("An address on this site (beginning with /) or a full https:// address."),
    )

    class Meta:
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")

    def clean(self):
        super().clean()
        if not (
            (self.url.startswith("/") and not self.url.startswith("//"))
            or self.url.startswith("https://")
        ):
            raise ValidationError(
                {"url": _("Give an address beginning with / or https://.")}, code="bad_url"
            )


BLOCKS = [RichText, ImageBlock, DocumentsBlock, ContactCard, CallToAction]

# The library's fields have no labels; the admin shows them (hidden inputs' rows) in Ukrainian.
for _block in BLOCKS:
    for _name, _label in (("region", _("region")), ("ordering", _("order")), ("parent", _("page"))):
        _field = _block._meta.get_field(_name)
        _field.verbose_name = _field._verbose_name = _label  # the second is what migrations see


class SiteNoticeQuerySet(models.QuerySet):
    @staticmethod
    def shown_at(at=None):
        """The rule for a notice being shown: started, and not yet ended."""
        at = at or timezone.now()
        return models.Q(starts_at__lte=at) & (
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at)
        )

    def active(self, at=None):
        return self.filter(self.shown_at(at))

    def with_shown_now(self):
        return self.annotate(
            shown_now=models.ExpressionWrapper(self.shown_at(), output_field=models.BooleanField())
        )


class SiteNotice(models.Model):
    """A banner on every page for service interruptions and urgent announcements."""

    class Severity(models.TextChoices):
        INFO = "info", _("information")
        WARNING = "warning", _("warning")
        URGENT = "urgent", _("urgent")

    message = models.CharField(_("message"), max_length=300)
    link_url = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Optional: a page with details."),
    )
    link_text = models.CharField(_("link text"), max_length=100, blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.INFO
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Leave empty to show until removed.")
    )
    dismissible = models.BooleanField(
        _("visitors may hide it"),
        default=True,
        help_text=_("Clear this for notices every visitor must keep seeing."),
    )

    objects = SiteNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("site notice")
        verbose_name_plural = _("site notices")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="site_notice_ends_after_it_starts",
                violation_error_message=_("A notice must end after it starts."),
            )
        ]

    def __str__(self):
        return self.message

    def clean(self):
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("Say where the link leads.")})


class ContactMessageQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered=False)

    def past_retention(self, cutoff):
        return self.filter(created_at__lt=cutoff)

    def purge(self):
        return self.delete()[0]


class ContactMessage(models.Model):
    """A message sent with the contact form: stored first, then e-mailed to staff."""

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("not sent yet")
        SENT = "sent", _("sent")
        CONSOLE = "console", _("written to the log (mail is not set up)")
        FAILED = "failed", _("failed")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=5, default="uk")
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    answered = models.BooleanField(_("answered"), default=False)
    email_status = models.CharField(
        _("e-mail to staff"), max_length=10, choices=EmailStatus.choices, default="pending"
    )
    email_error = models.TextField(_("e-mail error"), blank=True, editable=False)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message from the contact form")
        verbose_name_plural = _("messages from the contact form")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
