"""gunicorn's settings: `make run`, the production image and the tests' servers start it
with `--config gunicorn.conf.py` (gunicorn would also find it by this name in its folder).

Slow clients: a sync worker is held by one connection from its first byte to the end of the
response, so three clients sending a header line every few seconds stalled a site of three
workers. A gthread worker waits for idle and kept-alive connections in its event loop and
gives a thread only to a connection that is sending; a client that trickles its headers
still holds that thread, so each worker has many threads, more than a handful of such
clients, even if they all land on one worker. In production a buffering proxy (nginx, see
docs/deployment.md) reads whole requests before passing them on, so none reaches gunicorn.

Every value can be changed from the environment: WEB_CONCURRENCY (processes), WEB_THREADS
(threads per process; the database pool of each process is as large, see settings.py),
WEB_KEEPALIVE and WEB_TIMEOUT (seconds), LOG_FORMAT (json, the default, or plain) and
LOG_LEVEL.
"""

import os

from gunicorn.http import wsgi

from portal.logs import formatter

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "16"))
# Idle kept-alive connections wait in the event loop, not in a thread, and are closed after
# this many seconds; so are new connections that send nothing.
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
# A worker whose event loop stops answering for this long is restarted; a graceful stop waits
# as long for requests under way.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = timeout
# Bound what one connection may send before Django sees it (gunicorn's defaults, stated).
# The proxies whose X-Forwarded-Proto is believed: the local nginx by default; "*" where only
# the load balancer can reach the server (a container's or a pod's network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Access and error lines as JSON on stdout, like the application's (portal/logs.py); each
# access line carries the request's id from the response's X-Request-ID.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s" %({x-request-id}o)s'
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"default": formatter(os.environ.get("LOG_FORMAT", "json"))},
    "filters": {
        "access": {"()": "portal.logs.GunicornAccess"},
        "request_id": {"()": "portal.logs.RequestId"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "default",
            "filters": ["request_id"],
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "default",
            "filters": ["access"],
        },
    },
    "root": {"level": "WARNING", "handlers": []},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}
# No control socket: its default path is one per user ($HOME/.gunicorn/gunicorn.ctl), so a
# second server on the machine would take it from the first; nothing here uses it.
control_socket_disable = True


def _without_server_header(default_headers):
    """gunicorn has no setting to leave out its `Server: gunicorn` line: filter it out."""

    def headers(response):
        return [line for line in default_headers(response) if not line.startswith("Server:")]

    return headers


# Patched here, in the master process before it forks its workers, so every worker has it.
wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)
