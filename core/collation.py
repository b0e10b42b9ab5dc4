"""Names in the alphabetical order and language of the page, for every app.

Ukrainian order needs an ICU collation: the database's own compares code points and puts
"Історія" before "Бюджет". The collation `uk_shifted` is created by members' first migration
(Ґ after Г, Є after Е, І and Ї after И, apostrophes ignored: "ka-shifted").
"""

from django.db import models
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils import translation

UKRAINIAN_COLLATION = "uk_shifted"


def localized_name(field="name"):
    """The name in the current language (Ukrainian where the English one is missing)."""
    language = translation.get_language() or "uk"
    if language == "uk":
        return models.F(f"{field}_uk")
    return Coalesce(NullIf(f"{field}_{language}", models.Value("")), f"{field}_uk")


def by_ukrainian_name(field="name"):
    """Order by name in Ukrainian alphabetical order (the uk_shifted ICU collation).

    On the English pages the names are in Latin letters: ICU's root order puts them before
    the Cyrillic ones that fall back to Ukrainian (the Ukrainian order puts Cyrillic first).
    """
    language = translation.get_language() or "uk"
    collation = UKRAINIAN_COLLATION if language == "uk" else "und-x-icu"
    return Collate(localized_name(field), collation)
