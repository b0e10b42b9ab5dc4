"""Production settings for several app servers (issue 15), checked in fresh processes as a
deployment starts them: object storage, Redis for every cache, a read replica and its
router, PgBouncer; and the request id on every response and log line.

tests/test_scale_out.py runs two real servers with these settings."""

import io
import json
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from django.db import OperationalError, transaction
from django.test import Client, RequestFactory

from portal import logs
from portal.db import routers
from portal.middleware import ReplicaReadsMiddleware

ROOT = Path(__file__).resolve().parent.parent
BASE = {"SECRET_KEY": "x", "ALLOWED_HOSTS": "example.org", "DATABASE_URL": "postgres://p@db/p"}
without_dotenv = pytest.mark.skipif((ROOT / ".env").exists(), reason="a local .env is read")


def settings_of(expression, **env):
    """The value of `expression` (Python, `settings` in scope) in a fresh process."""
    names = set(BASE) | {"REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "DATABASE_REPLICA_URL"}
    names |= {"DATABASE_PGBOUNCER", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    environ = {key: value for key, value in os.environ.items() if key not in names}
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=environ | BASE | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@without_dotenv
def test_without_the_variables_one_server_keeps_local_defaults():
    found = settings_of(
        "[settings.STORAGES['default']['BACKEND'], settings.CACHES['default']['BACKEND'],"
        " settings.SESSION_ENGINE, sorted(settings.DATABASES)]"
    )
    assert found == [
        "django.core.files.storage.FileSystemStorage",
        "django.core.cache.backends.db.DatabaseCache",
        "django.contrib.sessions.backends.db",
        ["default"],
    ]


@without_dotenv
def test_redis_url_moves_every_cache_alias_to_redis_each_under_its_own_prefix():
    caches = settings_of("settings.CACHES", REDIS_URL="redis://cache.internal:6379/0")
    assert len(caches) >= 2  # the default and sorl-thumbnail's, at least
    for alias, config in caches.items():
        assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert config["LOCATION"] == "redis://cache.internal:6379/0"
        assert config["KEY_PREFIX"].split(":")[0] == alias
        assert "OPTIONS" not in config
    engine = settings_of("settings.SESSION_ENGINE", REDIS_URL="redis://cache.internal:6379/0")
    assert engine == "django.contrib.sessions.backends.cached_db"


@without_dotenv
def test_a_bucket_moves_uploads_to_object_storage_with_addresses_under_media_url():
    url = settings_of(
        "__import__('django.core.files.storage', fromlist=['x']).default_storage.url("
        "'news/обкладинка.jpg')",
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert url == "/media/news/%D0%BE%D0%B1%D0%BA%D0%BB%D0%B0%D0%B4%D0%B8%D0%BD%D0%BA%D0%B0.jpg"
    backend = settings_of(
        "settings.STORAGES['default']['BACKEND']", AWS_STORAGE_BUCKET_NAME="portal-media"
    )
    assert backend == "portal.storage.MediaStorage"


@without_dotenv
def test_a_replica_gets_the_same_backend_and_pool_and_no_migrations():
    databases = settings_of(
        "settings.DATABASES", DATABASE_REPLICA_URL="postgres://reader@replica.internal/portal"
    )
    replica = databases["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["ENGINE"] == databases["default"]["ENGINE"] == "portal.db"
    assert replica["OPTIONS"]["pool"] == databases["default"]["OPTIONS"]["pool"]
    assert replica["TEST"]["MIRROR"] == "default"


@without_dotenv
def test_behind_pgbouncer_nothing_relies_on_one_server_session():
    default = settings_of("settings.DATABASES['default']", DATABASE_PGBOUNCER="true")
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert default["OPTIONS"]["prepare_threshold"] is None


# --- The replica router ---


@pytest.fixture
def with_replica(settings):
    # Read by the router and the middleware only; no connection is made to it.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Overriding setting DATABASES")
        settings.DATABASES = {**settings.DATABASES, "replica": {}}
    yield
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Overriding setting DATABASES")
        del settings.DATABASES["replica"]


def routed(request, model_label="news.Article"):
    """Where a read of `model_label` goes while `request` is answered."""
    from django.apps import apps

    model = apps.get_model(model_label)
    found = []

    def view(request):
        found.append(routers.ReplicaRouter().db_for_read(model))
        return None

    ReplicaReadsMiddleware(view)(request)
    return found[0]


def test_anonymous_public_reads_go_to_the_replica(with_replica):
    factory = RequestFactory()
    assert routed(factory.get("/news/")) == "replica"
    assert routed(factory.head("/en/news/")) == "replica"


@pytest.mark.parametrize(
    "request_kind",
    ["post", "session", "admin", "english admin"],
)
def test_forms_sessions_and_the_admin_read_the_primary(with_replica, settings, request_kind):
    factory = RequestFactory()
    request = {
        "post": lambda: factory.post("/programs/x/apply/"),
        "session": lambda: factory.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc"),
        "admin": lambda: factory.get(f"/{settings.ADMIN_PATH}news/article/"),
        "english admin": lambda: factory.get(f"/en/{settings.ADMIN_PATH}"),
    }[request_kind]()
    assert routed(request) == "default"


@pytest.mark.parametrize("label", ["sessions.Session", "axes.AccessAttempt", "auth.User"])
def test_state_tables_are_always_read_on_the_primary(with_replica, label):
    assert routed(RequestFactory().get("/"), label) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(with_replica):
    with transaction.atomic():
        assert routed(RequestFactory().get("/")) == "default"


def test_without_a_replica_everything_reads_the_primary():
    assert routed(RequestFactory().get("/news/")) == "default"
    assert routers.ReplicaRouter().allow_migrate("replica", "news") is False
    assert routers.ReplicaRouter().db_for_write(None) == "default"


# --- The request id ---


@pytest.fixture
def log_lines():
    """What the console handler of settings.LOGGING writes, as parsed JSON lines."""
    (handler,) = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, logs.RequestId) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.mark.django_db
def test_the_id_a_proxy_sets_is_kept_and_returned(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert response["X-Request-ID"] == "nginx-0123456789abcdef"


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [None, "", "short", "bad id with spaces", "x" * 200, "a\nb" * 5])
def test_a_missing_or_odd_id_is_replaced_by_a_new_one(client, sent):
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    first = client.get("/healthz", **headers)["X-Request-ID"]
    second = client.get("/healthz", **headers)["X-Request-ID"]
    assert len(first) == 32 and int(first, 16) >= 0
    assert first != second


@pytest.mark.django_db
def test_the_friendly_503_and_its_log_lines_carry_the_request_id(client, monkeypatch, log_lines):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr("core.plugins.home_sections", unreachable)
    response = client.get("/", HTTP_X_REQUEST_ID="visitor-report-42")
    assert response.status_code == 503
    assert response["X-Request-ID"] == "visitor-report-42"
    lines = [line for line in log_lines() if line["level"] == "ERROR"]
    assert {line["logger"] for line in lines} == {"portal.middleware", "django.request"}
    assert {line["request_id"] for line in lines} == {"visitor-report-42"}
    # The visitor sees the code to quote, in the page's language.
    assert "назвіть її код: visitor-report-42." in response.content.decode()


@pytest.mark.django_db
def test_an_error_500_is_logged_with_the_request_id(monkeypatch, log_lines):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr("core.plugins.home_sections", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/en/?q=private", HTTP_X_REQUEST_ID="visitor-report-43")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "visitor-report-43"
    (line,) = [line for line in log_lines() if line["level"] == "ERROR"]
    assert line["request_id"] == "visitor-report-43"
    assert "RuntimeError: a bug" in line["exc_info"]
    assert "please quote its code: visitor-report-43." in response.content.decode()
    # Not the request object's text, which would carry the query string.
    assert "request" not in line
    assert "private" not in json.dumps(line)


def test_gunicorn_access_lines_take_the_id_from_the_response():
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        "%(s)s",
        ({"s": "503", "m": "GET", "U": "/", "{x-request-id}o": "abc-12345678"},),
        None,
    )
    assert logs.GunicornAccess().filter(record)
    assert (record.request_id, record.status, record.path) == ("abc-12345678", 503, "/")


@without_dotenv
def test_the_pool_opens_with_a_connection_for_each_thread():
    """psycopg's pool grows by one connection at a time: a burst on a pool of one made the
    last requests wait past the pool's timeout (503s)."""
    pool = settings_of("settings.DATABASES['default']['OPTIONS']['pool']", WEB_THREADS="12")
    assert pool["min_size"] == pool["max_size"] == 12
    pool = settings_of("settings.DATABASES['default']['OPTIONS']['pool']", DATABASE_POOL_MIN="2")
    assert (pool["min_size"], pool["max_size"]) == (2, 16)
