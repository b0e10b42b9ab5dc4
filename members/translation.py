from modeltranslation.translator import TranslationOptions, register

from members.models import Council, TerritorialUnit


@register(TerritorialUnit)
class TerritorialUnitTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)


@register(Council)
class CouncilTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)
