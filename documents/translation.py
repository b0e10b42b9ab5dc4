from modeltranslation.translator import TranslationOptions, register

from documents.models import Document, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("uk",)
