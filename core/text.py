"""Small text rules shared by the apps."""

import re
import unicodedata
from functools import cache

# Every form of apostrophe people type in Ukrainian words ("об’єднання", "об'єднання",
# "обʼєднання"...); the codifier and our content use U+2019.
APOSTROPHES = "'’ʼ`‘´′ʹ"
TYPOGRAPHIC_APOSTROPHE = "’"


@cache
def _table(apostrophe):
    return str.maketrans(dict.fromkeys(APOSTROPHES, apostrophe))


def with_apostrophe(text, apostrophe=TYPOGRAPHIC_APOSTROPHE):
    """`text` with every apostrophe form replaced by one."""
    return text.translate(_table(apostrophe))


def ascii_int(text, max_digits=9):
    """`text` as a non-negative number if it is written in ASCII digits only, else None.

    For numbers that come from outside (cookies, query strings): str.isdigit() also accepts
    "²" or "٣", which int() refuses or reads as another number; `max_digits` bounds the size.
    """
    if text and re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return int(text)
    return None


# Text typed by the public, normalised once for every form (core/forms.py uses these).
# Format characters (Unicode category Cf: zero-width spaces, direction overrides that turn
# "Petrenko" into "okenerteP" in a list) and control characters are dropped. Free text keeps
# the zero-width joiner: it binds emoji sequences (a family, a flag).
INVISIBLE = {"Cf", "Cc"}
UNCOUNTED = {"Cf", "Cc", "Mn", "Me"}  # invisible, or a mark on the character before it
ZERO_WIDTH_JOINER = "\u200d"


def clean_line(text):
    """One line as people see it: NFC, no format or control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        char for char in text if char.isspace() or unicodedata.category(char) not in INVISIBLE
    )
    return " ".join(text.split())


def clean_paragraphs(text):
    """Free text on several lines: NFC, "\\n" line breaks, no format or control characters but
    the tab and the zero-width joiner, no spaces at the ends of lines or of the text."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "\n\t" + ZERO_WIDTH_JOINER
    text = "".join(
        char for char in text if char in kept or unicodedata.category(char) not in INVISIBLE
    )
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def visible_length(text):
    """How many characters a reader sees, for minimum lengths: format, control and combining
    characters are not counted, and a run of spaces or line breaks counts as one."""
    visible = "".join(
        char for char in text if char.isspace() or unicodedata.category(char) not in UNCOUNTED
    )
    return len(" ".join(visible.split()))
