"""schema.org JSON-LD for news articles (NewsArticle) and events (Event).

Rendered in the page with the `json_ld` filter (core_tags), which escapes it for a
<script> element.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation


def image_url(item, request):
    """Absolute URL of the largest rendition of the cover, for OpenGraph and JSON-LD."""
    picture = item.cover_picture
    if picture is None:
        return ""
    return request.build_absolute_uri(picture.largest)


def organization(request):
    return {
        "@type": "Organization",
        "name": str(settings.SITE_NAME),
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri(static("img/favicon.svg")),
    }


def _common(item, request):
    data = {
        "@context": "https://schema.org",
        "name": item.title,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "inLanguage": translation.get_language(),
    }
    if item.lead:
        data["description"] = item.lead
    image = image_url(item, request)
    if image:
        data["image"] = [image]
    return data


def article(item, request):
    data = _common(item, request) | {
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "mainEntityOfPage": request.build_absolute_uri(item.get_absolute_url()),
        "dateModified": item.modified_at.isoformat(),
        "author": organization(request),
        "publisher": organization(request),
    }
    if item.publish_at:
        data["datePublished"] = item.publish_at.isoformat()
    keywords = [category.name for category in item.categories.all()]
    if keywords:
        data["keywords"] = keywords
    return data


def event(item, request):
    data = _common(item, request) | {
        "@type": "Event",
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": organization(request),
    }
    if item.all_day:
        data["startDate"] = item.local_start.date().isoformat()
        if item.is_multi_day:
            data["endDate"] = item.local_last_day.isoformat()
    else:
        data["startDate"] = item.local_start.isoformat()
        if item.ends_at:
            data["endDate"] = item.local_end.isoformat()
    locations = []
    if item.is_in_person:
        place = {"@type": "Place", "name": item.venue or item.address}
        if item.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": item.address,
                "addressCountry": "UA",
            }
        locations.append(place)
    if item.online_url:
        locations.append({"@type": "VirtualLocation", "url": item.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if item.online_url and item.is_in_person:
        mode = "MixedEventAttendanceMode"
    elif item.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if item.registration_url:
        offer = {"@type": "Offer", "url": item.registration_url}
        if item.registration_deadline:
            offer["validThrough"] = item.registration_deadline.isoformat()
        data["offers"] = offer
    return data
