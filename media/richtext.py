"""Library images inside rich text.

Staff place an image of the library in any rich-text field with the editor's "image from the
media library" button (static/media/admin/library-image.js, a django-prose-editor extension):
the text then holds only `<figure data-library-image="12"></figure>`, the image's number.
The sanitizer keeps exactly that (`allow_figures`, the extension's allow-list: a `figure`
with that one attribute, no `img`, no `src`), so no text can name a picture from elsewhere.

Pages show the figure as the library renders it, when the page is shown (`render`): the
renditions (srcset), the alt text in the page's language, the caption and credit, as they
are in the library now. One query finds the images of a text (`images_in`); a page of
several texts asks once for all of them and passes the result on. An image that is gone or
has no alt text shows nothing. Deleting an image a text shows is refused (media.models).
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

FIGURE = re.compile(r'<figure data-library-image="([^"]*)">\s*</figure>')


def allow_figures(config, shared_config):
    """django-prose-editor's allow-list processor of the LibraryImage extension."""
    shared_config["tags"].add("figure")
    shared_config["attributes"].setdefault("figure", set()).add("data-library-image")


def image_ids(*texts):
    return {
        int(found) for text in texts if text for found in FIGURE.findall(text) if found.isdigit()
    }


def images_in(*texts):
    """{pk: Image} of the usable library images the texts show: one query, none without any."""
    from media.models import Image

    ids = image_ids(*texts)
    return Image.objects.usable().in_bulk(ids) if ids else {}


def render(text, images=None):
    """The text with each library figure rendered; `images` from images_in() when a page has
    read them already for several texts."""
    text = text or ""
    if "data-library-image" not in text:
        return mark_safe(text)
    if not isinstance(images, dict):  # not read for the page: this text's, in one query
        images = images_in(text)

    def figure(match):
        image = images.get(int(match.group(1))) if match.group(1).isdigit() else None
        if image is None:
            return ""
        return render_to_string("media/figure.html", {"image": image, "in_text": True})

    return mark_safe(FIGURE.sub(figure, text))
