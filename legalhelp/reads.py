"""How often each consultation is read, counted without a query per request.

A page view adds one to a counter in the worker's memory; the counters go to the database in
one UPDATE per consultation when FLUSH_AFTER views have gathered or FLUSH_SECONDS have passed,
and when the worker exits. A worker killed hard loses its last few views: "most read" is a
ranking, not an audit. Nothing about the reader is kept, only the number.
"""

import atexit
import threading
import time
from collections import Counter

from django.db import transaction
from django.db.models import F

FLUSH_AFTER = 50
FLUSH_SECONDS = 300

_lock = threading.Lock()
_pending = Counter()
_last_flush = [time.monotonic()]


def count_read(pk):
    with _lock:
        _pending[pk] += 1
        due = (
            sum(_pending.values()) >= FLUSH_AFTER
            or time.monotonic() - _last_flush[0] >= FLUSH_SECONDS
        )
    if due:
        flush()


def flush():
    """Write the gathered counts; returns how many views were written."""
    from legalhelp.models import Consultation

    with _lock:
        counts = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    if not counts:
        return 0
    try:
        with transaction.atomic():
            for pk, count in sorted(counts.items()):
                # update(): no signals, so a read changes neither the index nor the cache version
                Consultation.objects.filter(pk=pk).update(read_count=F("read_count") + count)
    except Exception:
        with _lock:  # the database is away: keep the counts for the next try
            _pending.update(counts)
        raise
    return sum(counts.values())


def pending():
    with _lock:
        return sum(_pending.values())


@atexit.register
def _flush_at_exit():
    try:
        flush()
    except Exception:  # noqa: S110 - exiting: nothing left to report to
        pass
