# Production image: gunicorn behind a TLS-terminating proxy. Migrations are a release step
# (`docker run IMAGE python manage.py migrate`), never run on every container start.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media BACKUP_DIR=/data/backups

# postgresql-client: pg_dump/pg_restore for manage.py backup and restore (docs/data-safety.md)
RUN apt-get update && apt-get install -y --no-install-recommends gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/portal portal

WORKDIR /app
COPY requirements/prod.txt requirements/prod.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/prod.txt

COPY . .
# Build-time steps need settings but no database or real secret.
RUN env -u DJANGO_SETTINGS_MODULE django-admin compilemessages --ignore=.venv \
    && SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
       python manage.py collectstatic --noinput \
    && mkdir -p /data/media /data/backups && chown portal /data/media /data/backups

USER portal
EXPOSE 8000
# Not a bare request to 127.0.0.1: Django refuses hosts outside ALLOWED_HOSTS (see the module).
HEALTHCHECK CMD ["python", "-m", "portal.healthcheck"]
# Threads, keep-alive and timeouts: portal/gunicorn_conf.py, shared with `make run`.
CMD ["gunicorn", "portal.wsgi", "--config", "portal/gunicorn_conf.py", "--bind", "0.0.0.0:8000"]
