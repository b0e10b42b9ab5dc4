from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programs:detail", kwargs={"slug": self.slug})
