"""Writing the search index: documents in bulk, with their spelling vocabulary.

The public entry points are re-exported by search.registry; use them from there.
"""

import html
import re
from datetime import date, datetime
from itertools import islice

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import strip_tags

from search.kinds import all_kinds, get_kind
from search.models import SearchDocument, SearchTerm
from search.morphology import analyse

LANGUAGES = {code for code, _name in settings.LANGUAGES}
BATCH_SIZE = 500
# Control characters would break the database driver (NUL) or the snippet markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def batched(iterable, size):
    """itertools.batched of Python 3.12, for 3.11."""
    iterator = iter(iterable)
    while batch := tuple(islice(iterator, size)):
        yield batch


def plain_text(value):
    """Text for the index from plain text or HTML: tags dropped, entities decoded, one space."""
    value = str(value or "")
    if "<" in value or "&" in value:
        # a space for every tag, so "<li>один</li><li>два</li>" does not become "одиндва"
        value = html.unescape(strip_tags(re.sub(r"<", " <", value)))
    return _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()


def _day(value):
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, date) or value is None:
        return value
    raise TypeError(f"date must be a date, a datetime or None, not {value!r}")


def _document(kind, key, language, fields):
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} for {key}")
    title = plain_text(fields["title"])
    text = plain_text(fields.get("text", ""))
    literal, title_literal, vocabulary = analyse(title, text, language)
    if literal is None:  # English: PostgreSQL's own stemmer and stop words
        title_vector = SearchVector(Value(title), config="english", weight="A")
        vector = title_vector + SearchVector(Value(text), config="english", weight="B")
    else:
        vector = Cast(Value(literal), SearchVectorField())
        title_vector = Cast(Value(title_literal), SearchVectorField())
    document = SearchDocument(
        kind=kind,
        key=key,
        language=language,
        title=title,
        text=text,
        url=str(fields["url"]),
        date=_day(fields.get("date")),
        visible_from=fields.get("visible_from"),
        visible_until=fields.get("visible_until"),
        vector=vector,
        title_vector=title_vector,
    )
    return document, {(language, form, term) for form, term in vocabulary}


def index_documents(kind, items, *, replace=True, batch_size=BATCH_SIZE, known_terms=None):
    """Index `items`, an iterable of (key, {language: fields}), as documents of `kind`.

    Each key's previous documents are replaced (an empty dict removes them), in batches of
    `batch_size` with one bulk insert each. `known_terms`, a set shared across calls, spares
    re-sending vocabulary already written (rebuild uses it). Returns the number of documents.
    """
    if get_kind(kind) is None:
        known = [known.name for known in all_kinds()]
        raise ValueError(f"unknown kind {kind!r}: one of {known}")
    known_terms = set() if known_terms is None else known_terms
    written = 0
    for batch in batched(items, batch_size):
        documents = []
        vocabulary = set()
        for key, by_language in batch:
            for language, fields in (by_language or {}).items():
                document, terms = _document(kind, key, language, fields)
                documents.append(document)
                vocabulary |= terms
        vocabulary -= known_terms
        with transaction.atomic():
            if replace:
                SearchDocument.objects.filter(key__in=[key for key, _docs in batch]).delete()
            SearchDocument.objects.bulk_create(documents)
            SearchTerm.objects.bulk_create(
                [SearchTerm(language=lang, form=f, term=t) for lang, f, t in vocabulary],
                ignore_conflicts=True,
                batch_size=5000,
            )
        known_terms |= vocabulary
        written += len(documents)
    return written


def remove_documents(keys):
    """Remove the documents of these keys, in every language."""
    return SearchDocument.objects.filter(key__in=list(keys)).delete()[0]


def clear(*, vocabulary=True):
    """Empty the index (and its vocabulary): the first step of a rebuild.

    DELETE rather than TRUNCATE: inside the rebuild's transaction, visitors keep searching the
    old index until the new one is committed, instead of waiting on a table lock.
    """
    SearchDocument.objects.all().delete()
    if vocabulary:
        SearchTerm.objects.all().delete()


def analyze():
    """Refresh the planner's statistics after a bulk load."""
    with connection.cursor() as cursor:
        for model in (SearchDocument, SearchTerm):
            cursor.execute("ANALYZE " + connection.ops.quote_name(model._meta.db_table))
