from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from demomarks.models import DemoFact

register = template.Library()


def _marks(context):
    """The marks, read once per request (one small query, only on pages that show a mark)."""
    request = context.get("request")
    if request is None:
        return DemoFact.objects.as_set()
    if not hasattr(request, "_demo_marks"):
        request._demo_marks = DemoFact.objects.as_set()
    return request._demo_marks


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
