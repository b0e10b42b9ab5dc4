from django.db import models
from django.urls import reverse

from core.publishing import Publishable


class Bulletin(Publishable):
    title = models.CharField("title", max_length=200)
    body = models.TextField("text", blank=True)

    class Meta:
        ordering = ["-publish_at", "-pk"]

    def get_absolute_url(self):
        return reverse("plugin_app:detail", kwargs={"slug": self.slug})
