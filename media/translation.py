from modeltranslation.translator import TranslationOptions, register

from media.models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt", "caption", "credit")
    required_languages = ()  # alt text is required before use, not at upload (models.py)
