"""One-time form tokens: signed, bound to the visitor's session, stamped with the time the
form was shown. Each is consumed when its form is stored (`PublicForm.store_once`)."""

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.core import signing

SESSION_KEY = "submissions.binding"


@dataclass(frozen=True)
class Token:
    nonce: str
    started: float  # time.time() when the form was shown


class TokenError(Exception):
    """A token that cannot be used; `code` says why: "invalid" or "expired"."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _salt(form):
    return f"submissions.token:{form}"


def _binding(session, create=False):
    """A digest of a random value kept in the session; None when the session has none."""
    value = session.get(SESSION_KEY)
    if value is None:
        if not create:
            return None
        value = session[SESSION_KEY] = secrets.token_urlsafe(16)
    return hashlib.sha256(value.encode()).hexdigest()[:24]


def issue(session, form, started=None):
    """A new token for `form` (e.g. "programs.application"), valid in this session only."""
    payload = {
        "n": secrets.token_urlsafe(24),
        "t": time.time() if started is None else started,
        "b": _binding(session, create=True),
    }
    return signing.dumps(payload, salt=_salt(form))


def read(value, session, form, max_age):
    """The `Token` in `value`, or TokenError: forged, for another form or session, too old."""
    try:
        payload = signing.loads(value, salt=_salt(form))
        nonce, started, binding = str(payload["n"]), float(payload["t"]), payload["b"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenError("invalid") from None
    if binding != _binding(session):
        raise TokenError("invalid")
    if time.time() - started > max_age:
        raise TokenError("expired")
    return Token(nonce, started)
