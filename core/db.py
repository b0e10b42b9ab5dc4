"""Database helpers shared by the apps (PostgreSQL only)."""

from django.db import InterfaceError, OperationalError, connection

# What a request sees while PostgreSQL is down or a connection breaks.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def advisory_lock(*names):
    """Hold PostgreSQL transaction-level advisory locks on `names` until the transaction ends.

    For rules that a unique constraint cannot express (a count, "no identical row within an
    hour"): concurrent requests holding the same name run one after another. Call it inside
    `transaction.atomic()`, and always in the same order of names, so that no two wait on
    each other. A collision of two names' hashes only makes them wait, never wrong.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("advisory_lock() holds its locks until commit: use it in atomic()")
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [name])
