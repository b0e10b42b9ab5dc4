from modeltranslation.translator import TranslationOptions, register

from pages.models import Page, SiteNotice


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "lead", "body")
    required_languages = ("uk",)


@register(SiteNotice)
class SiteNoticeTranslation(TranslationOptions):
    fields = ("message", "link_text", "link_url")
    required_languages = ("uk",)
