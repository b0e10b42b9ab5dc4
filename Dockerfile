# The production image: gunicorn (gunicorn.conf.py) behind a TLS-terminating proxy.
#   docker build -t hromady-portal:$(git rev-parse --short HEAD) .
# Migrations are a release step, run once before the new image serves (compose.yaml's
# `migrate` service, deploy/k8s/job-migrate.yaml), never on every container start:
#   docker run --rm --env-file .env IMAGE python manage.py migrate --noinput
# docs/deployment.md has the whole procedure.
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

# --- build: the locked dependencies, the compiled catalogues, the collected static files ---
FROM ${PYTHON_IMAGE} AS build
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1
# make and gettext only here: the same Makefile targets as `make test` builds with
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so that a change of code reuses this layer.
COPY Makefile ./
COPY requirements/prod.txt requirements/prod.txt
# Every package pinned with its hashes (pip --require-hashes, in `make venv`).
RUN make venv REQUIREMENTS=requirements/prod.txt
COPY . .
RUN make compilemessages collectstatic REQUIREMENTS=requirements/prod.txt STATIC_ROOT=/app/staticfiles \
    && rm -rf .local

# --- runtime: no compiler, no make, a user without a shell's privileges ---
FROM ${PYTHON_IMAGE} AS runtime
# postgresql-client: pg_dump/pg_restore for manage.py backup and restore (docs/data-safety.md);
# Debian bookworm's is version 15, so the server must be 15 (compose.yaml) or the client newer.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /home/portal portal \
    && mkdir -p /data/media /data/backups \
    && chown portal:portal /data/media /data/backups
WORKDIR /app
COPY --from=build /app /app
ENV PATH=/app/.venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media BACKUP_DIR=/data/backups \
    CONTENT_VERSION_DIR=/tmp/portal-version FORWARDED_ALLOW_IPS=*
USER portal
EXPOSE 8000
# GET /healthz with an allowed Host (portal/healthcheck.py): 200 while the database answers.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "-m", "portal.healthcheck"]
# Processes, threads, timeouts and the log format: gunicorn.conf.py reads them from the
# environment (WEB_CONCURRENCY, WEB_THREADS, WEB_TIMEOUT, WEB_KEEPALIVE, LOG_FORMAT).
CMD ["gunicorn", "portal.wsgi", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
