from modeltranslation.translator import TranslationOptions, register

from members.models import Association, BoardPost, Council, TerritorialUnit


@register(TerritorialUnit)
class TerritorialUnitTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)


@register(Council)
class CouncilTranslation(TranslationOptions):
    fields = ("name", "head_name", "head_title", "address", "description")
    required_languages = ("uk",)


@register(Association)
class AssociationTranslation(TranslationOptions):
    fields = ("name", "lead", "body", "registry_note")
    required_languages = ("uk",)


@register(BoardPost)
class BoardPostTranslation(TranslationOptions):
    fields = ("post", "person_name")
    required_languages = ("uk",)
