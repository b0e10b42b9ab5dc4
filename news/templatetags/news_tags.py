from django import template
from django.utils import formats
from django.utils.html import format_html

from core.templatetags.core_tags import datetime_attr

register = template.Library()


@register.simple_tag
def event_when(event):
    """When an event takes place, in Kyiv time: one day or several, all day or with times.

    Python rather than a template of a dozen date filters: it is in every event card, and
    a list of events shows dozens of them. The formats are the language's (portal/formats)."""
    start, end, last_day = event.local_start, event.local_end, event.local_last_day
    multi_day = last_day != start.date()
    if event.all_day:
        when = format_html(
            '<time datetime="{}">{}</time>', start.date().isoformat(), formats.date_format(start)
        )
        if multi_day:
            when += format_html(
                ' – <time datetime="{}">{}</time>',
                last_day.isoformat(),
                formats.date_format(last_day),
            )
        return when
    if multi_day:
        return format_html(
            '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
            datetime_attr(start),
            formats.date_format(start, "DATETIME_FORMAT"),
            datetime_attr(end),
            formats.date_format(end, "DATETIME_FORMAT"),
        )
    when = format_html(
        '<time datetime="{}">{}, {}</time>',
        datetime_attr(start),
        formats.date_format(start),
        formats.time_format(start),
    )
    if event.ends_at:
        when += format_html(
            '–<time datetime="{}">{}</time>', datetime_attr(end), formats.time_format(end)
        )
    return when
