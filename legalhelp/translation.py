from modeltranslation.translator import TranslationOptions, register

from legalhelp.models import Consultation, LegalAct, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("uk",)


@register(LegalAct)
class LegalActTranslation(TranslationOptions):
    fields = ("title", "amendment_note")
    required_languages = ("uk",)


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "short_answer", "body")
    required_languages = ("uk",)
