"""Events as iCalendar (RFC 5545) with the icalendar library, for calendar apps.

Timed events are written in Europe/Kyiv with its VTIMEZONE, so a calendar in another zone
shows the right local time; all-day events are DATE values (DTEND is the day after the last).
"""

from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.mail import absolute_url

PRODID = "-//Centre for community development, Kharkiv//news//UK"


def _host(request):
    """The host in UIDs: the request's, or without one (an e-mail's attachment) the site's."""
    host = request.get_host() if request is not None else urlsplit(settings.SITE_URL).netloc
    return host.split(":")[0]


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else absolute_url(path)


def vevent(event, request):
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{_host(request)}")
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
    url = _absolute(request, event.get_absolute_url())
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
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return item


def build(events, request, *, name):
    """The events as an iCalendar document (bytes), in the active language; `request` may be
    None (an e-mail's attachment): the addresses are then the site's (SITE_URL)."""
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
