"""`make bench`'s ceiling: a bare WSGI app answering every request with one page's bytes.

Served by the same gunicorn settings as the site, it is the most any page could do on this
machine; each page's req/s is reported as a share of it (core/management/commands/bench.py).
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_CEILING_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
