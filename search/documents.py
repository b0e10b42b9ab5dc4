"""Helpers for the apps' search adapters (news/search.py, programs/search.py, members/search.py)."""

from django.conf import settings
from django.utils import translation

from search.index import plain_text


def in_each_language(obj, build, translated_field="title"):
    """{language: build(obj)} built with that language active.

    Ukrainian always; another language only where staff translated `translated_field` (for
    Publishable content: the whole item, `is_translated`, as its lists require), since
    modeltranslation's fallback would otherwise index Ukrainian text with the English
    configuration, where its word forms never match, and lead to a page only in Ukrainian.
    """
    documents = {}
    for language, _name in settings.LANGUAGES:
        if language == settings.LANGUAGE_CODE:
            pass
        elif hasattr(obj, "is_translated"):
            if not obj.is_translated(language):
                continue
        elif not getattr(obj, f"{translated_field}_{language}", ""):
            continue
        with translation.override(language):
            documents[language] = build(obj)
    return documents


def joined(*parts):
    """Plain text of several fields (HTML dropped, words kept apart), for a document's body."""
    return "\n".join(plain_text(part) for part in parts if part)


def publishable_documents(item, build, translated_field="title"):
    """Documents of published content (core.publishing.Publishable): none for a draft.

    A scheduled item is indexed at once but shown from its publication moment, and an item
    that expires is hidden from its end, with nobody re-indexing at those moments.
    """
    if item.status != "published" or item.publish_at is None:
        return {}

    def with_window(item):
        return {**build(item), "visible_from": item.publish_at, "visible_until": item.unpublish_at}

    return in_each_language(item, with_window, translated_field)
