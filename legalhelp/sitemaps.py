from django.urls import reverse

from core.sitemaps import I18nSitemap
from legalhelp.models import Consultation, Topic


class HelpPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["legalhelp:index", "legalhelp:ask"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.filter(consultations__in=Consultation.objects.published()).distinct()


class ConsultationSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Consultation.objects.published().order_by("pk")

    def lastmod(self, consultation):
        return consultation.updated_at
