from types import MappingProxyType

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import choice_label
from core.images import CheckedImageField, picture, refresh_renditions
from core.links import slug_url
from core.richtext import RichTextField
from core.slugs import unique_slug
from members import validators
from members.centres import hromada_type_from_centre
from members.managers import (
    AssociationQuerySet,
    BoardPostQuerySet,
    CouncilQuerySet,
    TerritorialUnitQuerySet,
)

# The emblem is shown 160 px wide: renditions for ordinary and double-density screens.
EMBLEM_WIDTHS = (160, 320)


class TerritorialUnit(models.Model):
    """A unit of the official KATOTTG codifier; managed by `import_katottg`, read-only in admin."""

    class Category(models.TextChoices):
        OBLAST = "O", _("oblast")
        RAION = "P", _("raion")
        HROMADA = "H", _("hromada")
        CITY = "M", _("city")
        URBAN_SETTLEMENT = "X", _("settlement")
        RURAL_SETTLEMENT = "T", _("rural settlement")
        VILLAGE = "C", _("village")
        CITY_DISTRICT = "B", _("city district")

    code = models.CharField(_("KATOTTG code"), max_length=19, unique=True)
    category = models.CharField(_("category"), max_length=1, choices=Category.choices)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    in_codifier = models.BooleanField(
        _("in the current codifier"),
        default=True,
        help_text=_("Cleared by the import when a new edition no longer lists the unit."),
    )

    objects = TerritorialUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def category_label(self):
        return choice_label(self.Category, self.category)

    def hromada_type(self):
        """'city', 'settlement' or 'village' for a hromada, from its centre's category."""
        settlements = self.children.filter(in_codifier=True).values_list("name_uk", "category")
        return hromada_type_from_centre(self.name_uk or self.name, settlements)


class Council(models.Model):
    """A local council; members of the association are those with membership status 'member'."""

    class Kind(models.TextChoices):
        HROMADA = "hromada", _("hromada council")
        RAION = "raion", _("raion council")
        OBLAST = "oblast", _("oblast council")

    class HromadaType(models.TextChoices):
        # Follows from the hromada's administrative centre: a city, a settlement or a village.
        CITY = "city", _("city council")
        SETTLEMENT = "settlement", _("settlement council")
        VILLAGE = "village", _("village council")

    class Status(models.TextChoices):
        MEMBER = "member", _("member")
        FORMER = "former", _("former member")
        NOT_MEMBER = "not_member", _("not a member")

    unit = models.OneToOneField(
        TerritorialUnit,
        verbose_name=_("territorial unit"),
        on_delete=models.PROTECT,
        related_name="council",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    hromada_type = models.CharField(
        _("hromada council type"),
        max_length=10,
        choices=HromadaType.choices,
        blank=True,
        help_text=_(
            "City, settlement or village council. Left empty, it is filled in from the "
            "hromada's administrative centre in the codifier where that can be told."
        ),
    )
    name = models.CharField(_("official name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[validators.validate_council_slug],
        help_text=_(
            "The last part of the council's web address, in Latin letters: made from the "
            "Ukrainian name by the official transliteration when empty. It cannot change "
            "later, so that links keep working."
        ),
    )
    status = models.CharField(
        _("membership status"), max_length=10, choices=Status.choices, default=Status.MEMBER
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(_("member until"), null=True, blank=True)
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_title = models.CharField(
        _("head's title"),
        max_length=200,
        blank=True,
        help_text=_("For example: city mayor, village head, chair of the raion council."),
    )
    head_elected_on = models.DateField(
        _("head elected on"),
        null=True,
        blank=True,
        help_text=_("The local elections of 25 October 2020, or a later election."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[validators.validate_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    emblem = CheckedImageField(
        _("emblem"),
        upload_to="members/emblems/",
        blank=True,
        width_field="emblem_width",
        height_field="emblem_height",
        help_text=_("PNG, JPEG or WebP, at most 20 MB."),
    )
    emblem_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    emblem_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The renditions of the shared image pipeline (core.images), made when the emblem changes.
    emblem_renditions = models.JSONField(default=dict, blank=True, editable=False)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area, km²"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    figures_year = models.PositiveSmallIntegerField(
        _("year of the population and area figures"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1991), MaxValueValidator(2100)],
    )
    description = RichTextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_until__isnull=True)
                | models.Q(member_since__isnull=True)
                | models.Q(member_until__gte=models.F("member_since")),
                name="council_membership_ends_after_it_starts",
                violation_error_message=_("Membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.kind == self.Kind.HROMADA and not self.hromada_type and self.unit_id:
            self.hromada_type = self.unit.hromada_type()
        if not self.slug:
            self.slug = unique_slug(Council, self.name_uk or self.name, exclude_pk=self.pk)
        refresh_renditions(self, "emblem", widths=EMBLEM_WIDTHS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("members:council-detail", self.slug)

    def clean(self):
        super().clean()
        self.phone = validators.normalize_phone(self.phone)
        if self.status == self.Status.MEMBER and self.member_until:
            raise ValidationError(
                {"member_until": _("A current member has no end date: change the status.")}
            )
        if self.kind != self.Kind.HROMADA and self.hromada_type:
            raise ValidationError(
                {
                    "hromada_type": _(
                        "Only a hromada council has a city, settlement or village type."
                    )
                }
            )

    def card(self, parent=None):
        """The council as the registry lists it, in the active language: its values ready to
        print, in a read-only mapping (templates read a mapping fastest). Made once per content
        version (members.overview.council_cards), so the registry's rows only print them.

        `parent`: its unit's parent, when the caller has read it."""
        raion = None
        if self.kind == self.Kind.HROMADA:
            raion = parent or self.unit.parent
        return MappingProxyType(
            {
                "url": self.get_absolute_url(),
                "code": self.unit.code,
                "name": self.name,
                "kind_label": capfirst(self.kind_label),
                # The raion filter's words too (members.forms).
                "raion": gettext("%(name)s raion") % {"name": raion.name} if raion else "",
                "head_name": self.head_name,
                "head_title": capfirst(self.head_title),
            }
        )

    @property
    def emblem_picture(self):
        alt = _("Emblem: %(name)s") % {"name": self.name}
        return picture(
            self.emblem, self.emblem_renditions, alt, self.emblem_width, self.emblem_height
        )

    @property
    def is_member(self):
        return self.status == self.Status.MEMBER

    @property
    def kind_label(self):
        """What the council is, in words: 'city council', 'raion council'."""
        if self.kind == self.Kind.HROMADA and self.hromada_type:
            return choice_label(self.HromadaType, self.hromada_type)
        return choice_label(self.Kind, self.kind)

    @property
    def raion(self):
        """The raion unit the council belongs to (the raion itself for a raion council)."""
        if self.kind == self.Kind.RAION:
            return self.unit
        if self.kind == self.Kind.HROMADA:
            return self.unit.parent
        return None

    @property
    def phone_uri(self):
        return validators.phone_uri(self.phone)


class Association(models.Model):
    """The association's own page: one row, edited by staff."""

    # The name shown before staff (or the demo) create the row; the demo's row takes it too.
    DEFAULT_NAME = _("Association of local councils of Kharkiv oblast")

    name = models.CharField(_("name"), max_length=255)
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("what the association does"), blank=True)
    registry_note = models.TextField(
        _("note on the registry page"),
        blank=True,
        help_text=_(
            "Shown at the top of the members' registry, for example to say that "
            "the list is being checked. Leave empty to show nothing."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The statute and the founding documents, from the library (documents.Attachment).
    attachments = GenericRelation("documents.Attachment", verbose_name=_("attached documents"))

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("association")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:association")


class BoardPost(models.Model):
    """A post on the association's governing board and the council that holds it."""

    post = models.CharField(_("post"), max_length=200)
    council = models.ForeignKey(
        Council,
        verbose_name=_("council represented"),
        on_delete=models.PROTECT,
        related_name="board_posts",
    )
    person_name = models.CharField(
        _("name of the person"),
        max_length=200,
        blank=True,
        help_text=_("Optional: only with the person's consent or from an official source."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = BoardPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("board post")
        verbose_name_plural = _("governing board")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.post}: {self.council}"
