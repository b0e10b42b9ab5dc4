from django.utils.text import slugify
from translitua import UkrainianKMU, translit


def slugify_uk(text):
    """A URL slug in the official Ukrainian transliteration (CMU resolution No. 55 of 2010)."""
    return slugify(translit(str(text), UkrainianKMU))
