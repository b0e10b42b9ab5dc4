from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from core import cache
from demomarks.models import DemoFact

register = template.Library()


def _marks(context):
    """The marks, read once per content version and process (one small query), only by
    pages that show a mark; a mark added or removed makes a new version (demomarks.apps)."""
    return cache.per_version("demomarks", DemoFact.objects.as_set)


@register.simple_tag(takes_context=True)
def demo_mark(context, target, fact):
    """A visible "demo example" tag beside a fact that is not the Centre's own material.

    `target` is an object, or a model label ("members.council") to mark a legend when any
    object of that model has the fact marked.
    """
    if target is None or target == "":
        return ""
    if isinstance(target, str):
        key = (target.lower(), None, fact)
    else:
        key = (target._meta.label_lower, target.pk, fact)
    if key not in _marks(context):
        return ""
    return format_html('<span class="tag tag--demo">{}</span>', gettext("Demo example"))
