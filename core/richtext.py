"""Rich text for every app: the admin editor (django-prose-editor, no CDN) and nh3 sanitizing.

The allow-list is derived from the editor's extensions, so staff can write exactly what
the site will keep. It is applied on every save, not only in admin forms, so HTML that
arrives by any path (imports, shell, demo content) is cleaned before it is stored.

Apps above the kit add extensions through settings (RICH_TEXT_EXTENSIONS, with their
scripts and allow-lists in DJANGO_PROSE_EDITOR_EXTENSIONS), so the kit names none of them:
the media library's images inside text come that way (media/richtext.py).
"""

from django.conf import settings
from django_prose_editor.fields import ProseEditorField, create_sanitizer

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    # Only http(s), mailto and tel links survive sanitizing; javascript: never does.
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
    # django-prose-editor turns the browser's spell-check off by default; staff want it on
    # (the admin's <html lang="uk"> tells the browser which dictionary to use).
    "NoSpellCheck": False,
    **getattr(settings, "RICH_TEXT_EXTENSIONS", {}),
}

sanitize_html = create_sanitizer(EXTENSIONS)


class RichTextField(ProseEditorField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
