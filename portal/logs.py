"""Logging filters named in settings.LOGGING."""

import logging


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
