"""Anonymous visitors' pages read from a replica (settings.DATABASE_REPLICA_URL).

A request is marked replica-safe by portal.middleware.ReplicaReadsMiddleware when it is a
GET or HEAD without a session cookie, outside the admin: a visitor who reads. Everything
else reads the primary: staff (whose edits must show at once to them), forms (a session
holds their one-time token), and every write, search-index updates included. Tables that
hold state rather than content (sessions, the lockout's counters, the database cache) are
always read on the primary, and so is anything inside a transaction on it.

The price is the replica's lag, usually well under a second: a visitor may see a page as
it was that long ago. docs/decisions/0021-shared-state.md.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# Set per request by the middleware; reads outside a request (commands, tasks) use the primary.
replica_reads = ContextVar("replica_reads", default=False)
# State that is read to be written again: never from a copy that may be behind.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_cache", "auth", "admin", "reversion"})


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            replica_reads.get()
            and REPLICA in settings.DATABASES
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
