from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# A PostgreSQL ICU collation created by migration 0001: Ukrainian alphabetical order
# (Ґ after Г, Є after Е, І and Ї after И) with apostrophes ignored ("ka-shifted").
UKRAINIAN_COLLATION = "uk_shifted"


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

    class Meta:
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Council(models.Model):
    """A local council; members of the association are those with membership status 'member'."""

    class Kind(models.TextChoices):
        HROMADA = "hromada", _("hromada council")
        RAION = "raion", _("raion council")
        OBLAST = "oblast", _("oblast council")

    unit = models.OneToOneField(
        TerritorialUnit,
        verbose_name=_("territorial unit"),
        on_delete=models.PROTECT,
        related_name="council",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("official name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:council-detail", kwargs={"slug": self.slug})
