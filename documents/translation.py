from modeltranslation.translator import TranslationOptions, register

from core.publishing import TRANSLATED_FIELDS
from documents.models import Document, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "description", *TRANSLATED_FIELDS)
    required_languages = ("uk",)
