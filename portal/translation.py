from modeltranslation.translator import TranslationOptions, register

from portal.models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "lead", "body")
    required_languages = ("uk",)
