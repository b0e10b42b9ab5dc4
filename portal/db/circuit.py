"""Fail fast while the database is down, and find out at once when it is back.

After a failed connection the circuit is open: for DATABASE_CIRCUIT_SECONDS every new
connection fails at once, without waiting for the server, so a request is answered with the
friendly 503 (portal.middleware) in milliseconds instead of holding a thread. Then one request
tries the database again (the others still fail at once); its success closes the circuit.
"""

import threading
import time

import psycopg


class CircuitOpen(psycopg.OperationalError):
    """Raised instead of connecting while the circuit is open.

    A psycopg OperationalError, so Django raises it as django.db.OperationalError, like any
    other failure to connect: views that catch that and the 503 middleware need nothing new.
    """


class Circuit:
    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = None  # time.monotonic() until which connecting fails at once
        self._probing = False  # a caller is trying the database; the others fail at once

    def before_connect(self):
        """Raise CircuitOpen while open; let a single caller through when the time is up."""
        with self._lock:
            if self._open_until is None:
                return
            if self._probing or time.monotonic() < self._open_until:
                raise CircuitOpen("the database was unreachable a moment ago")
            self._probing = True

    def failed(self, seconds):
        with self._lock:
            self._open_until = time.monotonic() + seconds
            self._probing = False

    def succeeded(self):
        with self._lock:
            self._open_until = None
            self._probing = False


_circuits = {}
_circuits_lock = threading.Lock()


def circuit_for(alias):
    """One circuit per database alias, shared by the threads of a process."""
    with _circuits_lock:
        return _circuits.setdefault(alias, Circuit())


def reset():
    """Close every circuit (tests that make the database unreachable on purpose)."""
    with _circuits_lock:
        for circuit in _circuits.values():
            circuit.succeeded()
