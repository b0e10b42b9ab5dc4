"""Small text rules shared by the apps."""

import re
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
