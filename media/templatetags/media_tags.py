from django import template

from media import richtext

register = template.Library()


@register.filter
def library_images(text, images=None):
    """Rich text with its media-library figures rendered: {{ item.body|library_images }}, or
    {{ block.text|library_images:images }} with images read once for a whole page."""
    return richtext.render(text, images)
