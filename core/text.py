"""Small text rules shared by the apps."""

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
