"""The container's health probe (Dockerfile HEALTHCHECK): GET /healthz on the local gunicorn.

Standard library only, no Django: it runs every 30 seconds. Django answers only the hosts in
ALLOWED_HOSTS (a probe to 127.0.0.1 would get 400 Bad Request) and, with HTTPS=on, redirects
plain HTTP: so the probe names an allowed host and says that the TLS proxy was passed.
"""

import os
import sys
import urllib.request

URL = "http://127.0.0.1:8000/healthz"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a failed probe, never a request to another host


def probe_host(allowed_hosts):
    """The first concrete host of ALLOWED_HOSTS ("*" or nothing: localhost)."""
    for host in allowed_hosts.split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main(url=URL, environ=os.environ):
    headers = {"Host": probe_host(environ.get("ALLOWED_HOSTS", "")), "X-Forwarded-Proto": "https"}
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own http URL)
        with opener.open(request, timeout=15) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:  # URLError and HTTPError (503, 400, a redirect) are OSErrors
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
