"""What the apps read from a request in the same way."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The visitor's address, as every limit counts it: REMOTE_ADDR, or behind a reverse proxy
    the header that it sets (RATELIMIT_IP_META_KEY). A value that is not an address (a proxy
    that does not set the header) falls back to REMOTE_ADDR."""
    key = settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR"
    value = request.META.get(key, "").strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or None
