"""Words, lemmas and weighted tsvectors for the site search.

PostgreSQL has no Ukrainian stemmer, so Ukrainian text is reduced to lemmas here with the
pymorphy3 morphological analyser (dictionary pymorphy3-dicts-uk) and stored as a tsvector
under the 'simple' configuration; queries go through the same function, so "громадою" finds
"громади". pymorphy3 is ambiguous ("Харкові" parses first as "харко", "ради" as "рад"), so a
word stands for the set of normal forms of all its parses, at one position: the query term
"(харко | харків)" meets the document's "харків" whichever parse was meant.

English text is left to PostgreSQL's own 'english' configuration; here it is only cut into
words for the spelling vocabulary and the snippets.
"""

import re
import threading
import unicodedata
from collections import defaultdict
from functools import lru_cache

import pymorphy3

from core.text import APOSTROPHES, with_apostrophe

UKRAINIAN = "uk"
# Lexeme positions in a tsvector stop at 16383 and a lexeme keeps at most 256 of them.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
MAX_WORD_LENGTH = 60

# A word: letters and digits, stress marks allowed inside, joined by any apostrophe form.
_LETTERS = r"(?:[^\W_]|[\u0300-\u036f])+"
WORD = re.compile(rf"{_LETTERS}(?:[{APOSTROPHES}]{_LETTERS})*")
_COMBINING = re.compile(r"[\u0300-\u036f]")
# Terms hold letters and digits only: that keeps tsvector and tsquery literals safe to build.
_NOT_A_LETTER = re.compile(r"[\W_]")

# Parts of speech that carry no topic: prepositions, conjunctions, particles, interjections,
# pronouns. A word is skipped when every parse is one of these, or when it is listed below.
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
UKRAINIAN_STOP_WORDS = frozenset(
    "а б би в до є ж же з і й на о по про та то у ще вже це як так що щоб бо чи не ні".split()
)


_analyser = None
_analyser_lock = threading.Lock()


def analyser():
    """One analyser per process, made by the first search. Under a lock: the threads of a
    worker searching at once each made their own (a second or more each, under load)."""
    global _analyser
    if _analyser is None:
        with _analyser_lock:
            if _analyser is None:
                _analyser = pymorphy3.MorphAnalyzer(lang="uk")
    return _analyser


def words(text):
    """The words of `text` as they are written (with their apostrophes and case)."""
    return WORD.findall(text)


@lru_cache(maxsize=200_000)
def normal(word):
    """Lower case, one apostrophe form ('), no stress marks: "Об’єднання" → "об'єднання"."""
    word = with_apostrophe(unicodedata.normalize("NFC", word).lower(), "'")
    return _COMBINING.sub("", word)


@lru_cache(maxsize=200_000)
def lemmas(word):
    """The index terms of one written word in Ukrainian text: its normal forms, or () if the
    word carries no topic. Apostrophes are dropped from the terms (the dictionary knows both
    "об'єднання" and "обєднання"), so every apostrophe form meets every other."""
    word = normal(word)
    if len(word) > MAX_WORD_LENGTH or word in UKRAINIAN_STOP_WORDS:
        return ()
    if not _has_cyrillic(word):
        # Numbers, Latin names and codes: pymorphy3 would only echo them.
        word = _NOT_A_LETTER.sub("", word)
        return (word,) if len(word) > 1 or word.isdigit() else ()
    parses = analyser().parse(word)
    if parses and all(str(parse.tag.POS) in FUNCTION_POS for parse in parses):
        return ()
    forms = {_NOT_A_LETTER.sub("", parse.normal_form) for parse in parses}
    forms.discard("")
    return tuple(sorted(forms)) or (_NOT_A_LETTER.sub("", word),)


@lru_cache(maxsize=200_000)
def english_terms(word):
    """English words for the vocabulary: lower case, split at apostrophes ("centre's")."""
    return tuple(part for part in normal(word).split("'") if len(part) > 1 or part.isdigit())


def _has_cyrillic(word):
    return any("\u0400" <= char <= "\u04ff" for char in word)


def terms(word, language):
    """The terms a written word contributes in `language` (lemmas for Ukrainian)."""
    return lemmas(word) if language == UKRAINIAN else english_terms(word)


def analyse(title, text, language):
    """Index one document: (tsvector literal, title-only literal, vocabulary pairs).

    For Ukrainian the tsvectors are built here, title words weighted A and body words B, each
    word's alternative lemmas at the same position. English vectors are built by PostgreSQL
    ('english' configuration), so the literals are None for them. The vocabulary pairs
    (written form, term) feed the typo correction.
    """
    vocabulary = set()
    if language != UKRAINIAN:
        for source in (title, text):
            for word in words(source):
                vocabulary.update((term, term) for term in english_terms(word))
        return None, None, vocabulary
    positions = defaultdict(list)
    position = 0
    title_literal = ""
    for weight, source in (("A", title), ("B", text)):
        for word in words(source):
            position = min(position + 1, MAX_POSITION)
            found = lemmas(word)
            if not found:
                continue
            form = _NOT_A_LETTER.sub("", normal(word))
            for lemma in found:
                places = positions[lemma]
                if len(places) < MAX_POSITIONS_PER_LEXEME:
                    places.append(f"{position}{weight}")
                vocabulary.add((form, lemma))
                vocabulary.add((lemma, lemma))
        if weight == "A":
            title_literal = _literal(positions)
    return _literal(positions), title_literal, vocabulary


def _literal(positions):
    # Lexemes are letters and digits only (see _NOT_A_LETTER), so quoting them is enough.
    return " ".join(f"'{lexeme}':{','.join(places)}" for lexeme, places in positions.items())
