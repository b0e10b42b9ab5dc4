"""Act numbers as people type them: the one place where "280/97-ВР" and "280/97вр" meet.

Numbers of Ukrainian acts mix digits, separators and letters that exist in both scripts:
"280/97-ВР" (Verkhovna Rada), "1508-VII" (the convocation in Roman numerals, often typed
with the Cyrillic "І"). `number_key()` folds a number to one comparable form: look-alike
Cyrillic letters as Latin, upper case, no separators. `spellings()` lists the words a
person may type for a number, for the site search: its index cuts text into words of
letters and digits, so "280/97ВР" is searched as "280" and "97ВР" and must find those words.
"""

import itertools
import re
import unicodedata

# Cyrillic capitals that look like Latin ones (the Roman numerals and the "ВР" of a law).
CYRILLIC = "АВЕІКМНОРСТХ"
LATIN = "ABEIKMHOPCTX"
TO_LATIN = str.maketrans(CYRILLIC + CYRILLIC.lower(), LATIN + LATIN.lower())
TO_CYRILLIC = str.maketrans(LATIN + LATIN.lower(), CYRILLIC + CYRILLIC.lower())
PARTS = re.compile(r"[^\W_]+")
MAX_PARTS = 5  # an act number has three or four parts; more would be typed text, not a number


def number_key(text):
    """ "280/97-вр", "280/97ВР", "28097 BP" → "28097BP"; "1508-VІІ" → "1508VII"."""
    text = unicodedata.normalize("NFKC", str(text or "")).upper().translate(TO_LATIN)
    return "".join(PARTS.findall(text))


def looks_like_number(text):
    """Whether a query could be an act number: digits, and at most a few parts."""
    key = number_key(text)
    return any(char.isdigit() for char in key) and len(PARTS.findall(str(text))) <= MAX_PARTS


def spellings(number):
    """Every word a person may type for `number`, with or without its separators, with
    its letters in either script: for "280/97-ВР" these include "280", "97", "ВР",
    "28097", "97ВР", "28097ВР", "97BP" and "28097BP"."""
    parts = PARTS.findall(unicodedata.normalize("NFKC", str(number or "")))[:MAX_PARTS]
    words = set()
    # Each gap between two parts is either typed (a separator) or left out.
    for joins in itertools.product((False, True), repeat=max(len(parts) - 1, 0)):
        word = parts[0] if parts else ""
        for part, joined in zip(parts[1:], joins, strict=True):
            if joined:
                word += part
            else:
                words.add(word)
                word = part
        words.add(word)
    words.discard("")
    return sorted({variant for word in words for variant in _scripts(word)})


def _scripts(word):
    return {word, word.translate(TO_LATIN), word.translate(TO_CYRILLIC)}
