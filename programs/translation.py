from modeltranslation.translator import TranslationOptions, register

from programs.models import (
    Mentor,
    Organisation,
    Program,
    ProgramItem,
    SelectionStage,
    StudyVisit,
)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = (
        "title",
        "tagline",
        "summary",
        "body",
        "period_note",
        "cost",
        "eligibility",
        "how_to_apply",
    )
    required_languages = ("uk",)


@register(SelectionStage)
class SelectionStageTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("uk",)


@register(ProgramItem)
class ProgramItemTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("uk",)


@register(Mentor)
class MentorTranslation(TranslationOptions):
    fields = ("name", "role", "country")


@register(StudyVisit)
class StudyVisitTranslation(TranslationOptions):
    fields = ("place", "country", "description")
    required_languages = ("uk",)
