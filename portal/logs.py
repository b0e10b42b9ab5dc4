"""Logging: filters named in settings.LOGGING and gunicorn.conf.py, and the request id.

Logs are JSON lines on stdout (python-json-logger), from the app and from gunicorn alike;
LOG_FORMAT=plain gives one line of text each instead, for reading in a terminal.
"""

import logging
import re
import time
import uuid
from collections.abc import Mapping
from contextvars import ContextVar

import pythonjsonlogger.core
import pythonjsonlogger.json


class ProbesAsWarnings(logging.Filter):
    """Django logs a request it refuses as suspicious (a path out of MEDIA_ROOT, a forbidden
    Host, too many fields) at ERROR on django.security.<kind>, with a traceback of its own
    code. They are the client's fault and get a 400: a warning, without the traceback, so
    that ERROR stays for our faults."""

    def filter(self, record):
        if record.name.startswith("django.security.") and record.levelno == logging.ERROR:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        return True


# The id of the request being answered (portal.middleware.RequestIdMiddleware), per thread.
request_id = ContextVar("request_id", default=None)
# What a proxy's or a client's X-Request-ID may be to be kept; anything else gets a new one,
# so that no line of the log carries what a visitor chose to write into it.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def new_request_id(proposed=""):
    """`proposed` (the X-Request-ID a proxy set) when it looks like an id, else a new one."""
    if proposed and REQUEST_ID_PATTERN.fullmatch(proposed):
        return proposed
    return uuid.uuid4().hex


class RequestId(logging.Filter):
    """Every line logged while a request is answered carries its id (`request_id`), so the
    lines of one request, the 503 a visitor saw included, can be found together."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            # Django logs a 4xx or 5xx response (django.request) after the middleware has
            # returned, with the request: its id is there.
            request = getattr(record, "request", None)
            record.request_id = request_id.get() or getattr(request, "id", None)
        return True


class GunicornAccess(logging.Filter):
    """gunicorn's access lines as fields, with the request id the response carried.

    gunicorn logs a request after its response is sent, outside Django, so the id is read
    from the response's X-Request-ID (portal.middleware.RequestIdMiddleware) among the
    values gunicorn hands to its access logger.
    """

    FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "D": "duration_us"}

    def filter(self, record):
        atoms = record.args
        if isinstance(atoms, Mapping):
            record.request_id = atoms.get("{x-request-id}o") or None
            for atom, name in self.FIELDS.items():
                value = atoms.get(atom)
                if value not in (None, "-"):
                    setattr(record, name, int(value) if str(value).isdigit() else value)
        return True


class JsonFormatter(pythonjsonlogger.json.JsonFormatter):
    """One JSON object a line; time in UTC, whatever TIME_ZONE the process runs with.

    Django passes the request object with its 4xx and 5xx lines (for the e-mail to admins);
    its text would carry the query string, which can hold what a visitor typed. The line's
    message has the path, and request_id the rest."""

    converter = time.gmtime

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*pythonjsonlogger.core.RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)


class PlainFormatter(logging.Formatter):
    converter = time.gmtime


def formatter(log_format):
    """The logging formatter of LOG_FORMAT, for settings.LOGGING and gunicorn.conf.py."""
    if log_format == "plain":
        return {
            "()": "portal.logs.PlainFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    if log_format != "json":
        raise ValueError(f"LOG_FORMAT must be json or plain, not {log_format!r}")
    return {
        "()": "portal.logs.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "datefmt": "%Y-%m-%dT%H:%M:%SZ",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
