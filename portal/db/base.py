"""Django's PostgreSQL backend, failing fast while the server is down (portal.db.circuit) and
starting a new connection pool after a failure, instead of waiting out the old one's delays.

psycopg's pool retries a failed connection after a growing delay (1 s, 2 s, 4 s...): after a
75 s outage it was still waiting to retry when the database came back, and requests failed
for up to 41 s more. Its check of a lent connection waits as long after each broken one: after
a restart every idle connection is broken, and one request took 4.9 s. So this backend checks
the connection it is lent itself, and a failure discards the pool, with its broken connections
and pending retries: the next attempt makes a new pool, which connects at once.
"""

import threading

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

from portal.db.circuit import circuit_for

_pools_lock = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        circuit = circuit_for(self.alias)
        circuit.before_connect()
        try:
            connection = self._checked_connection(conn_params)
        except Exception:
            circuit.failed(settings.DATABASE_CIRCUIT_SECONDS)
            raise
        circuit.succeeded()
        return connection

    def _checked_connection(self, conn_params):
        pool = self.pool
        try:
            connection = super().get_new_connection(conn_params)
        except Exception:
            if pool is not None:
                self._discard_pool(pool)
            raise
        if pool is None:
            return connection  # Django checked it (CONN_HEALTH_CHECKS)
        try:
            pool.check_connection(connection)  # one round trip, as the pool's own check
        except psycopg.Error:
            # Dropped by the server (a restart, a network cut): so are its idle siblings.
            pool.putconn(connection)
            self._discard_pool(pool)
            return super().get_new_connection(conn_params)  # from a new pool
        return connection

    def _discard_pool(self, pool):
        with _pools_lock:
            # Only the pool that failed: another thread may have made a new one already.
            if self._connection_pools.get(self.alias) is pool:
                del self._connection_pools[self.alias]
        # Closing waits for the pool's threads, which may be stuck connecting: not in a request.
        threading.Thread(target=pool.close, name="discard-pool", daemon=True).start()
