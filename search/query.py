"""Searching the index: what the results page and the benchmark run.

A query is cut to its words (nothing the visitor types reaches SQL as syntax: the tsquery is
built here from letters and digits only and passed as a parameter), each word becomes the set
of its terms, a word of six letters or more that the index does not know is widened to the
known forms one edit away, and the words are ANDed.

Order: documents with every word in the title first, then by ts_rank (title weighted above
text) rounded to two digits, then newer first. Ranking unpacks each document's vector, so
only the RANK_WINDOW best candidates by (title, date) are ranked and listed: a word found
in most of the site ("громада") then costs a read of the index, not of 20,000 vectors.

SQL: the vocabulary, the nearest forms (only for an unknown long word), then in one read-only
transaction a planner setting, the counts per kind and the ranked page; plus similar titles
when nothing is found. Six statements at most, plus the transaction's own.
"""

import re
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz.distance import DamerauLevenshtein

from search.kinds import get_kind, label_of
from search.models import SearchDocument, SearchTerm
from search.morphology import UKRAINIAN, WORD, lemmas, normal, terms

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PER_PAGE = 10
RANK_WINDOW = 300  # results ranked and listed at most
TYPO_MIN_LENGTH = 6
TYPO_NEIGHBOURS = 20  # nearest forms by trigram distance looked at per unknown word
SUGGESTIONS = 5
SUGGESTION_MIN_SIMILARITY = 0.3
SNIPPET_WORDS = 30
SNIPPET_SCAN_WORDS = 400  # the snippet's window is looked for in the first words only
RANK_DIGITS = 2  # rounding ts_rank lets the date decide between equally relevant documents
# English snippets come from ts_headline; these markers never occur in indexed text
# (index.plain_text removes control characters), so they survive HTML escaping.
MARK_START, MARK_END = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw):
    """The visitor's text as searched and echoed: at most 200 characters, single spaces,
    cut between words (a word cut in two would find nothing)."""
    text = " ".join(_CONTROL.sub(" ", str(raw or "")).split())
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[: MAX_QUERY_LENGTH + 1]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]
    return text.strip()


@dataclass
class Word:
    written: str
    terms: set
    corrected: set = field(default_factory=set)


def parse(query, language):
    """The query's words with their terms; words without terms (prepositions...) dropped."""
    parsed, seen = [], set()
    for written in WORD.findall(query):
        found = frozenset(terms(written, language))
        if found and found not in seen:
            seen.add(found)
            parsed.append(Word(written, set(found)))
    return parsed[:MAX_WORDS]


def correct_typos(words, language):
    """Check the words against the vocabulary; widen unknown long words to near known forms."""
    if not words:
        return words
    known = set(
        SearchTerm.objects.filter(
            language=language, form__in=set().union(*(word.terms for word in words))
        ).values_list("form", flat=True)
    )
    unknown = []
    for word in words:
        if word.terms & known:
            if language == UKRAINIAN:
                word.terms &= known  # the parses that occur in the index are enough
        elif len(normal(word.written)) >= TYPO_MIN_LENGTH:
            unknown.append(word)
    if not unknown:
        return words
    probes = sorted(set().union(*(_probes(word, language) for word in unknown)))
    near = SearchTerm.objects.raw(
        # for each probe, the nearest forms by trigram distance, through the GiST index
        """
        SELECT t.id, t.form, t.term, p.probe
        FROM unnest(%s::text[]) AS p(probe)
        CROSS JOIN LATERAL (
            SELECT id, form, term FROM search_searchterm
            WHERE language = %s
                AND length(form) BETWEEN length(p.probe) - 1 AND length(p.probe) + 1
            ORDER BY form <-> p.probe
            LIMIT %s
        ) AS t
        """,
        [probes, language, TYPO_NEIGHBOURS],
    )
    near = [(row.probe, row.form, row.term) for row in near]
    for word in unknown:
        own = _probes(word, language)
        word.corrected = {
            term
            for probe, form, term in near
            if probe in own and DamerauLevenshtein.distance(probe, form, score_cutoff=1) <= 1
        }
        word.terms |= word.corrected
    return words


def _probes(word, language):
    """What an unknown word is compared with: as written, and its guessed lemmas."""
    written = re.sub(r"[\W_]", "", normal(word.written))
    return {written} | (word.terms if language == UKRAINIAN else set())


class LemmaQuery(SearchQuery):
    """A tsquery literal taken as it is: its lemmas are already the index's terms."""

    template = "(%(expressions)s)::tsquery"

    def __init__(self, literal):
        super().__init__(literal, search_type="raw")


def tsquery(words, language):
    """('харко' | 'харків') & 'рада' — every term is letters and digits only."""
    if language == UKRAINIAN:
        quoted = [" | ".join(f"'{term}'" for term in sorted(word.terms)) for word in words]
        return LemmaQuery(" & ".join(f"( {group} )" for group in quoted))
    # English words go through PostgreSQL's stemmer: to_tsquery('english', '(centre) & ...')
    groups = [" | ".join(sorted(word.terms)) for word in words]
    return SearchQuery(
        " & ".join(f"( {group} )" for group in groups), search_type="raw", config="english"
    )


@dataclass
class Result:
    kind: str
    kind_label: str
    url: str
    date: object
    title_html: str
    snippet_html: str


@dataclass
class SearchResults:
    query: str
    language: str
    kind: str | None = None
    words: list = field(default_factory=list)
    total: int = 0
    counts: dict = field(default_factory=dict)
    page: object = None
    suggestions: list = field(default_factory=list)

    @property
    def corrections(self):
        return sorted({term for word in self.words for term in word.corrected})

    @property
    def shown(self):
        """How many match the chosen kind (or any kind)."""
        return self.counts.get(self.kind, 0) if self.kind else self.total

    @property
    def listed(self):
        """How many results can be paged through (the best RANK_WINDOW)."""
        return self.page.paginator.count if self.page else 0


def search(raw_query, *, language, kind=None, page=1, per_page=PER_PAGE, now=None):
    """Search the documents visible in `language`. Never raises on bad input."""
    query = clean_query(raw_query)
    if not isinstance(kind, str) or get_kind(kind) is None:
        kind = None
    results = SearchResults(query=query, language=language, kind=kind)
    if not query:
        return results
    documents = SearchDocument.objects.filter(language=language).visible(now or timezone.now())
    results.words = correct_typos(parse(query, language), language)
    if results.words:
        question = tsquery(results.words, language)
        with transaction.atomic(), connection.cursor() as cursor:
            # The planner does not know that `vector @@ query` unpacks a vector stored out
            # of the row: for a few words it would rather read the whole table (100 ms at
            # 20,000 news) than the GIN index (10 ms). This transaction only reads.
            cursor.execute("SET LOCAL enable_seqscan = off")
            _matches(results, documents.filter(vector=question), question, page, per_page)
    if not results.total:
        results.suggestions = similar_titles(documents, query)
    return results


def _matches(results, matching, question, page, per_page):
    """Fill in the counts per kind and the page of ranked results."""
    language, kind = results.language, results.kind
    counts = matching.order_by().values_list("kind").annotate(n=Count("id"))
    results.counts = dict(counts.values_list("kind", "n"))
    results.total = sum(results.counts.values())
    if kind:
        matching = matching.filter(kind=kind)
    results.page = _KnownCountPaginator(min(results.shown, RANK_WINDOW), per_page).get_page(page)
    if results.shown:
        start = (results.page.number - 1) * per_page
        rows = _ranked(matching, question, language)[start : start + per_page]
        results.page.object_list = [_result(row, results.words, language) for row in rows]


def _title_hit(question):
    # the small title vector, never the large one: this runs on every match
    return ExpressionWrapper(Q(title_vector=question), output_field=BooleanField())


def _ranked(matching, question, language):
    """The best RANK_WINDOW matches by (all words in the title, date), ranked."""
    newest_first = [F("title_hit").desc(), F("date").desc(nulls_last=True), F("id").desc()]
    window = matching.annotate(title_hit=_title_hit(question)).order_by(*newest_first)
    ranked = SearchDocument.objects.filter(id__in=window.values("id")[:RANK_WINDOW]).annotate(
        title_hit=_title_hit(question),
        rank=Round(SearchRank(F("vector"), question), RANK_DIGITS),
    )
    if language != UKRAINIAN:
        ranked = ranked.annotate(
            headline=SearchHeadline(
                "text",
                question,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=15,
                short_word=2,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            title_headline=SearchHeadline(
                "title",
                question,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                highlight_all=True,
            ),
        )
    return ranked.only("kind", "title", "text", "url", "date").order_by(
        newest_first[0], F("rank").desc(), *newest_first[1:]
    )


def _result(row, words, language):
    if language == UKRAINIAN:
        wanted = set().union(*(word.terms for word in words))
        title_html = highlight(row.title, wanted, whole=True)
        snippet_html = highlight(row.text, wanted)
    else:
        title_html, snippet_html = _marked(row.title_headline), _marked(row.headline)
    return Result(
        kind=row.kind,
        kind_label=label_of(row.kind),
        url=row.url,
        date=row.date,
        title_html=title_html,
        snippet_html=snippet_html,
    )


def _marked(headline):
    text = escape(headline or "")
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def highlight(text, wanted, *, whole=False):
    """Escaped Ukrainian `text` (or its best window) with words of the `wanted` lemmas marked."""
    # the snippet comes from the start of a long text: spare the rest
    limit = None if whole else SNIPPET_SCAN_WORDS
    spans = [match.span() for match in islice(WORD.finditer(text), limit)]
    cut = limit is not None and len(spans) == limit and spans[-1][1] < len(text)
    if not spans:
        return escape(text)
    hits = {
        i for i, (start, end) in enumerate(spans) if wanted.intersection(lemmas(text[start:end]))
    }
    first, last = 0, len(spans)
    if not whole and len(spans) > SNIPPET_WORDS:
        first = _best_window(sorted(hits), len(spans))
        last = first + SNIPPET_WORDS
    begin = spans[first][0] if first else 0
    end = len(text) if last == len(spans) and not cut else spans[last - 1][1]
    parts = ["… " if begin else ""]
    cursor = begin
    for i in sorted(hits):
        if first <= i < last:
            start, stop = spans[i]
            parts += [escape(text[cursor:start]), f"<mark>{escape(text[start:stop])}</mark>"]
            cursor = stop
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # every piece of the text is escaped above


def _best_window(hits, length):
    """Where the SNIPPET_WORDS-word window with the most hits starts (with some context)."""
    if not hits:
        return 0
    best, best_count, right = hits[0], 0, 0
    for left, start in enumerate(hits):
        while right < len(hits) and hits[right] < start + SNIPPET_WORDS:
            right += 1
        if right - left > best_count:
            best, best_count = start, right - left
    return max(0, min(best - 3, length - SNIPPET_WORDS))


def similar_titles(documents, query):
    """Titles that look like the query (trigram word similarity), for "nothing found"."""
    distance = RawSQL("%s <<-> title", [query], output_field=FloatField())
    rows = documents.annotate(distance=distance).only("kind", "title", "url")
    return [
        row
        for row in rows.order_by("distance")[:SUGGESTIONS]
        if 1 - row.distance >= SUGGESTION_MIN_SIMILARITY
    ]


class _KnownCountPaginator(Paginator):
    """A paginator told its count by the counts query: it asks the database nothing."""

    def __init__(self, count, per_page):
        super().__init__([], per_page)
        self._count = count

    @property
    def count(self):
        return self._count

    def page(self, number):
        return self._get_page([], self.validate_number(number), self)
