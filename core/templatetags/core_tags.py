import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from js_asset import Media

from core import adminlog, plugins, retention

register = template.Library()


@register.filter
def elided_pages(paginator, number):
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)


# The characters that could end a <script> element or start markup inside it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """schema.org data as <script type="application/ld+json">, safe inside the page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    """A form's media with the request's CSP nonce on each tag (templates/admin/change_form.html).

    django-prose-editor's import map is an inline <script>: without the nonce the policy
    (settings.CONTENT_SECURITY_POLICY) blocks it and the editor never starts.
    """
    nonce = getattr(context.get("request"), "csp_nonce", None)  # lazy: false until read
    return Media.from_media(media, nonce="" if nonce is None else str(nonce)).render()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    """The staff dashboard's panels that the apps contribute (core.plugins), for this user."""
    return plugins.dashboard_panels(context["request"])


@register.simple_tag(takes_context=True)
def detail_sections(context, obj):
    """What other apps add to this object's page (core.plugins.DetailSection), rendered."""
    parts = []
    for name, extra in plugins.detail_sections(context.get("request"), obj):
        with context.push(**extra):
            parts.append(context.template.engine.get_template(name).render(context))
    return mark_safe("".join(parts))  # rendered templates, escaped by them


@register.simple_tag
def retention_notice():
    """The privacy notice's sentences on how long personal data are kept, with the period of
    the setting that purge_personal_data applies (core.retention)."""
    return retention.notice()


@register.filter
def datetime_attr(value):
    """A <time datetime> value in local time, to the second: `|date:"c"` keeps microseconds,
    which the HTML checker rejects (a time published from admin has them)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def admin_change_message(entry):
    """A history entry's message with its field names in the reader's language."""
    return adminlog.change_message(entry)
