"""Events as iCalendar (RFC 5545) with the icalendar library, for calendar apps.

Timed events are written in Europe/Kyiv with its VTIMEZONE, so a calendar in another zone
shows the right local time; all-day events are DATE values (DTEND is the day after the last).
"""

from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

PRODID = "-//Centre for community development, Kharkiv//news//UK"


def vevent(event, request):
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{request.get_host().split(':')[0]}")
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    item.add("created", event.created_at)
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", event.local_start.date())
        item.add("dtend", event.local_last_day + timedelta(days=1))
    else:
        item.add("dtstart", event.local_start)
        if event.ends_at:
            item.add("dtend", event.local_end)
    url = request.build_absolute_uri(event.get_absolute_url())
    item.add("url", url)
    description = [event.lead, strip_tags(event.body)]
    if event.online_url:
        description.append(_("Online: %(url)s") % {"url": event.online_url})
    if event.registration_url:
        description.append(_("Registration: %(url)s") % {"url": event.registration_url})
    description.append(url)
    item.add("description", "\n\n".join(part.strip() for part in description if part.strip()))
    location = ", ".join(part for part in (event.venue, event.address) if part)
    if location or event.online_url:
        item.add("location", location or event.online_url)
    categories = [category.name for category in event.categories.all()]
    if categories:
        item.add("categories", categories)
    item.add("status", "CONFIRMED")
    item.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return item


def build(events, request, *, name):
    """The events as an iCalendar document (bytes), in the active language."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-wr-caldesc", name)
    first = last = None
    for event in events:
        calendar.add_component(vevent(event, request))
        first = min(first or event.local_start.date(), event.local_start.date())
        last = max(last or event.local_last_day, event.local_last_day)
    if first is not None:
        # VTIMEZONE transitions for the span of the events only, not since 1970.
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return calendar.to_ical()
