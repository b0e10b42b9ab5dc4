"""PostgreSQL with a circuit breaker: `ENGINE = "portal.db"` (settings.py), see base.py."""
