from django.urls import reverse

from core.sitemaps import I18nSitemap
from programs.models import Program


class ProgramPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["programs:list"]

    def location(self, item):
        return reverse(item)


class ProgramSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Program.objects.published().order_by("pk")

    def lastmod(self, program):
        return program.updated_at
