from modeltranslation.translator import TranslationOptions, register

from news.models import Article, Category, Event

PUBLICATION_FIELDS = ("title", "lead", "body")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = PUBLICATION_FIELDS
    required_languages = ("uk",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = (*PUBLICATION_FIELDS, "venue", "address")
    required_languages = ("uk",)
