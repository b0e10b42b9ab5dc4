from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.richtext import RichTextField


class Page(models.Model):
    """A page whose text staff edit in admin: about the Centre, the privacy notice."""

    class Slug(models.TextChoices):
        ABOUT = "about", _("About the Centre")
        PRIVACY = "privacy", _("Privacy notice")

    slug = models.SlugField(_("page"), choices=Slug.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"portal:{self.slug}")
