"""Settings for the portal: one module, every deployment choice read from the environment.

Every variable is listed in .env.example. Defaults are safe for production: DEBUG off, no
default SECRET_KEY or ALLOWED_HOSTS outside DEBUG.
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from js_asset import static_lazy

from media.richtext import allow_figures as allow_library_figures
from portal.logs import formatter

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real deployments set the environment

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-never-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    try:
        SECRET_KEY = env("SECRET_KEY")
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (make run generates a local one)."
        ) from error
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # modeltranslation patches admin and models, so it must come before django.contrib.admin
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "sorl.thumbnail",
    # the page tree's admin (pages): the tree, moving pages, the body's blocks
    "tree_queries",
    "content_editor",
    "axes",
    # history, restore and the trash of every content type (core/history.py)
    "reversion",
    "reversion_compare",
    # The shared kit first, then the apps that plug into it (core/plugins.py): their order
    # here is the order of their URLs; menus, home sections and demo data have their own.
    "core",
    "media",
    "submissions",
    "demomarks",
    "search",
    "documents",
    "pages",
    "members",
    "programs",
    "legalhelp",
    "news",
    "registrations",
    "subscriptions",
]

MIDDLEWARE = [
    # first: the id of the request is on every log line and on every response
    "portal.middleware.RequestIdMiddleware",
    # whole pages for anonymous visitors, served before any other middleware or view runs; a
    # stored page keeps the headers those below added (under gunicorn, portal/wsgi.py answers
    # most hits before Django's handler: PageCacheApplication)
    "portal.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # every response, static files and error pages included: CONTENT_SECURITY_POLICY below
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    # right after security: static files are answered before sessions or the database are touched
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 Not Modified for every GET (feeds, sitemaps, calendars, exports, pages)
    "django.middleware.http.ConditionalGetMiddleware",
    # before anything reads the database: anonymous visitors' reads may use the replica
    "portal.middleware.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # after sessions, before common: it picks the language from the /en/ prefix
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # turns a refused login (the backend below) into the lockout page; it only wraps responses
    "axes.middleware.AxesMiddleware",
    # after auth and after the view (it reads the user the login just set): staff sessions
    # end after STAFF_SESSION_IDLE_MINUTES without a request
    "portal.middleware.StaffSessionIdleMiddleware",
    # last, so that it sees database errors raised by views and template rendering
    "portal.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# PostgreSQL only. `make run`/`make test` export DATABASE_URL for a project-private cluster.
# After a failed connection, new ones fail at once for this long; then one request tries again.
# Short: a request after the database is back fails for at most this long.
DATABASE_CIRCUIT_SECONDS = env.float("DATABASE_CIRCUIT_SECONDS", default=1.0)
# Behind PgBouncer in transaction mode a connection is another server session at each
# transaction: no server-side cursors, no prepared statements (docs/deployment.md).
DATABASE_PGBOUNCER = env.bool("DATABASE_PGBOUNCER", default=False)


def database(variable):
    """The settings of the PostgreSQL server that the URL in `variable` names."""
    config = env.db_url(variable)
    # A unix-socket folder travels percent-encoded in the URL's host (postgres://user@%2Ftmp%2Fx/db).
    config["HOST"] = unquote(config.get("HOST", ""))
    if not config["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured(f"{variable} must point to PostgreSQL (postgres://...).")
    # Django's backend that fails fast while the server is down and starts a new pool after a
    # failure (portal/db/): a 503 at once during an outage, pages again as soon as it ends.
    config["ENGINE"] = "portal.db"
    options = config.setdefault("OPTIONS", {})
    # Bounds the pool's attempts to connect (libpq's default waits for ever); 2 is libpq's minimum.
    options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=2))
    # psycopg 3's pool, built into Django 5.1+; it replaces persistent connections (CONN_MAX_AGE 0)
    if env.bool("DATABASE_POOL", default=True):
        # As many as gunicorn's threads per process (gunicorn.conf.py): a thread then
        # never waits for a busy connection, so a pool timeout means the database is down.
        pool_max = env.int("DATABASE_POOL_MAX", default=env.int("WEB_THREADS", default=16))
        options["pool"] = {
            # All made when the pool opens: psycopg's pool grows by one connection at a time,
            # and under a burst the last of 16 requests waited past the timeout below (the
            # 503s of make bench's uncached runs).
            "min_size": env.int("DATABASE_POOL_MIN", default=pool_max),
            "max_size": pool_max,
            # Seconds a request waits for a connection. Short: with as many connections as
            # threads it waits only while one is being made, which takes milliseconds unless
            # the database is down; then the circuit answers the next requests at once.
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=0.5),
        }
    if DATABASE_PGBOUNCER:
        # psycopg prepares a statement after it has run 5 times, on one server session;
        # PgBouncer may give the next transaction another one.
        options["prepare_threshold"] = None
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    config["CONN_MAX_AGE"] = 0
    # Each connection is checked (one round trip) before a request uses it: after the server
    # restarts, every idle pooled connection would otherwise fail one visitor with a 503. With
    # the pool portal.db checks it (the pool's own check waits a growing delay after each
    # broken one).
    config["CONN_HEALTH_CHECKS"] = "pool" not in options
    return config


DATABASES = {"default": database("DATABASE_URL")}
# A read replica (streaming replication) for anonymous visitors' pages; everything else, and
# every write, goes to the primary (portal/db/routers.py, docs/decisions/0021-shared-state.md).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = database("DATABASE_REPLICA_URL")
    # The tests' database has no replica: the alias reads the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["portal.db.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits of the application forms must hold across gunicorn workers and app servers: a
# database cache, or Redis when REDIS_URL is set (below, for every alias).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    },
    # Whole pages (portal.middleware.PageCacheMiddleware) in each process's memory, keyed by
    # the content version below.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=5000)},
    },
    # The content version (core/cache.py), read on every request: a file that every process of
    # this server shares (gunicorn's workers, manage.py commands), so a hit costs no query and
    # a change shows at once in every process. Several servers share it in Redis (REDIS_URL).
    "versions": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.path("CONTENT_VERSION_DIR", default=BASE_DIR / ".local" / "version"),
    },
}
# Seconds a page is kept at most (0: no page cache); a scheduled change ends it sooner.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# What a browser, nginx or a CDN may keep a public page for, and serve stale while refetching.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=30)
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=60)
# Cookies that do not make a page personal: requests with any other get no stored page.
# Those that change the page (the notices a visitor has hidden, pages.notices) vary the key.
PAGE_CACHE_VARY_COOKIES = ["dismissed_notices"]
PAGE_CACHE_COOKIES = [*PAGE_CACHE_VARY_COOKIES, "csrftoken"]
# Never from the cache: the health probe must see the database as it is now.
PAGE_CACHE_SKIP_PATHS = ["/healthz"]

# The client's address that the rate limits count by: the application form's (django-ratelimit)
# and the admin login's lockout (django-axes, through core.http.client_ip).
# Behind a reverse proxy every request comes from the proxy: name the header it sets instead,
# e.g. HTTP_X_REAL_IP (only one that the proxy overwrites, never one a client can forge).
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default="") or None

# The admin login's lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for one
# username, or from one address, logins are refused for the cool-off, right password or not.
# Failures are counted in the database, so every app server sees the same count. Locking by
# username alone stops guessing spread over many addresses, by address alone stops one address
# trying many usernames; the price is that someone can keep a known username locked, which the
# cool-off bounds (docs/decisions/0009-error-pages-and-admin-lockout.md).
AUTHENTICATION_BACKENDS = [
    # first: it refuses a locked-out login before the password is checked; it has no
    # get_user(), so sessions (and the tests' force_login) use ModelBackend
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ADMIN_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The lockout page in the visitor's language (portal.views.login_locked_out).
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked_out"
# A successful login clears that username's and address's failures.
AXES_RESET_ON_SUCCESS = True
# The client's address as the rate limits see it (the proxy's header, see above).
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
# Only the failures are kept (and only for the cool-off): no log of every login's address.
AXES_DISABLE_ACCESS_LOG = True
# Not in the admin: its screens are English only. Unlock from the shell instead:
# make manage CMD="axes_reset_username <name>" (or axes_reset_ip, axes_reset).
AXES_ENABLE_ADMIN = False

# The admin's address: a path of one's own keeps it out of scripts that try /admin/ on every
# site (robots.txt never names it). Relative, ending with a slash; "admin/" by default.
ADMIN_PATH = env("ADMIN_PATH", default="admin/").strip().strip("/") + "/"
if not re.fullmatch(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)+", ADMIN_PATH):
    raise ImproperlyConfigured(
        "ADMIN_PATH must be a relative path of letters, digits, '-', '_' and '.' (not first), "
        'such as "admin/" or "office-7f3k/".'
    )

# Staff share computers: a signed-in session ends after this many minutes without a request
# (portal.middleware.StaffSessionIdleMiddleware; each request starts the period again).
# Visitors' sessions, which only hold the public forms' one-time tokens, keep Django's
# SESSION_COOKIE_AGE and are not written on every request.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=60)
if STAFF_SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("STAFF_SESSION_IDLE_MINUTES must be a positive number of minutes.")

# Django's own validators; their messages are in Django's Ukrainian catalogue.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Ukrainian first: "/" is Ukrainian, "/en/" English.
LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats: "25 жовтня 2020" rather than Django's "25 жовтня 2020 р."
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Kyiv"

MODELTRANSLATION_DEFAULT_LANGUAGE = "uk"
MODELTRANSLATION_LANGUAGES = ("uk", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("uk",)
# The admin's translation tabs need jQuery UI; modeltranslation would load it from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui-tabs.js"

# Relative by default (served by this site); a CDN's address when one is put in front.
# Rich text (core.richtext) with images of the media library placed in it: the editor's
# extension is an admin-side module; its allow-list keeps <figure data-library-image="N">
# and nothing else new (media/richtext.py, docs/decisions/0030).
RICH_TEXT_EXTENSIONS = {
    "LibraryImage": {
        "chooserUrl": reverse_lazy("admin:media_image_chooser"),
        "stylesheet": static_lazy("media/admin/library-image.css"),
        "labels": {
            "button": _("Image from the media library"),
            "title": _("Choose an image from the media library"),
            "search": _("Search by name or description"),
            "close": _("Close"),
            "empty": _("No described images found. Add one in the media library first."),
            "missing": _("This image is no longer in the media library or has no description."),
        },
    },
}
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("media/admin/library-image.js")],
        "extensions": {"LibraryImage": allow_library_figures},
    }
]

STATIC_URL = env("STATIC_URL", default="static/")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / ".local" / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", default="media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".local" / "media")
# Uploads with personal data (the desk's attachments): never under MEDIA_ROOT, which is
# served to anyone; staff get them through the admin only (core.files.private_storage).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / ".local" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads, their renditions and documents in S3-compatible object storage (django-storages)
# when a bucket is named: what several app servers need, as none has the others' disk.
# Addresses stay under MEDIA_URL, served by the site (SERVE_MEDIA) or by a proxy or CDN in
# front of the bucket (MEDIA_URL=https://media.example.org/), never the bucket's own host.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "portal.storage.MediaStorage"}
    # Empty: boto3's own chain (instance role, ~/.aws) is used.
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default="") or None
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default="") or None
    # Another provider than AWS (MinIO, Ceph, Hetzner, DigitalOcean...): its address.
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default="") or None
    # Folder inside the bucket; uploads of several sites may share one.
    AWS_LOCATION = env("AWS_LOCATION", default="")
    # Private objects: they are read through the site or a proxy holding the keys.
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    # An upload never replaces another of the same name (Django adds a suffix, as on disk).
    AWS_S3_FILE_OVERWRITE = False
    # Uploads with personal data go to a bucket of their own, which no proxy or CDN serves.
    # Without one they stay on each server's disk (PRIVATE_MEDIA_ROOT): a system check warns.
    AWS_PRIVATE_BUCKET_NAME = env("AWS_PRIVATE_BUCKET_NAME", default="")
    if AWS_PRIVATE_BUCKET_NAME:
        STORAGES["private"] = {"BACKEND": "portal.storage.PrivateMediaStorage"}
# Uploaded images and documents are checked by the forms; this only bounds memory use.
# The largest file the documents library accepts (documents/validators.py).
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_MB", default=20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Where `make backup` (manage.py backup) writes; backups hold personal data, keep them private.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / ".local" / "backups")
# Where load_demo keeps the demo staff users' passwords it printed once (core/roles.py).
DEMO_USERS_NOTE = BASE_DIR / ".local" / "demo-users.txt"
# Media are served by the site itself (whitenoise does not serve uploads), see portal/urls.py.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

THUMBNAIL_PRESERVE_FORMAT = False
THUMBNAIL_FORMAT = "WEBP"
THUMBNAIL_QUALITY = 80
# sorl-thumbnail works only when an image is saved (pages read the renditions kept on the
# object, see portal/images.py), so a per-process cache in front of its table is enough.
CACHES["thumbnails"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
THUMBNAIL_CACHE = "thumbnails"
THUMBNAIL_ENGINE = "core.thumbnails.Engine"

# Several app servers share one Redis (Django's RedisCache): cached pages and the content
# version (core/cache.py), the forms' rate limits, and sessions. Every alias of CACHES
# (keep this after the last one) moves there, each under a prefix of its own; without
# REDIS_URL each keeps the backend given above.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    for alias, cache_settings in CACHES.items():
        CACHES[alias] = {
            # TIMEOUT and VERSION stay; LOCATION and OPTIONS belonged to the other backend.
            **{k: v for k, v in cache_settings.items() if k not in {"LOCATION", "OPTIONS"}},
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": ":".join(filter(None, [alias, cache_settings.get("KEY_PREFIX")])),
        }
    # Sessions read from Redis and written through to the database, so a restarted or
    # flushed Redis signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Contacts shown in the footer and used as the sender of mail.
SITE_NAME = _("Centre for information, methodical and legal assistance and community development")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
CENTRE_EMAIL = env("CENTRE_EMAIL", default="centre@example.org")
CENTRE_PHONE = env("CENTRE_PHONE", default="")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=CENTRE_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where replies to the site's e-mails go (a mailbox people read; From may be a no-reply sender).
REPLY_TO_EMAIL = env("REPLY_TO_EMAIL", default=CENTRE_EMAIL)
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[CENTRE_EMAIL])
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A mail server that hangs must not hold a worker (or the digest command) for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Without EMAIL_URL nothing is sent: the console gets one line per message, without the
# addresses and the text (personal data stays out of the log), see core/mail.py.
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":  # noqa: F821 (set above)
    EMAIL_BACKEND = "core.mail.ConsoleBackend"

# How long personal data sent through the site's forms are kept (applications: counted from
# the end of the program). The privacy notice states this period (core/retention.py) and
# `manage.py purge_personal_data`, run daily, anonymises what is older.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=3 * 365)
if PERSONAL_DATA_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("PERSONAL_DATA_RETENTION_DAYS must be a positive number of days.")

# How long a deleted item stays in the admin's trash ("Кошик"), recoverable with its files;
# `manage.py empty_trash`, run daily, deletes what is older (core/history.py).
TRASH_DAYS = env.int("TRASH_DAYS", default=30)
if TRASH_DAYS < 1:
    raise ImproperlyConfigured("TRASH_DAYS must be a positive number of days.")

# Settings that only make sense behind TLS: a real deployment sets HTTPS=on.
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Only the site's own files: no inline style, no eval, no plugin, not in a frame, and no inline
# script but one the page marks with its nonce.
# JSON-LD (<script type="application/ld+json">) is data, never run, so the policy allows it.
# The admin works under the same policy (django-prose-editor, modeltranslation's tabs and
# Django's own scripts are all files): tests/e2e/test_security_journey.py checks both.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE: the admin's import map (core_tags.media_with_nonce); a page that renders no
        # nonce gets none in its header either.
        "script-src": [SELF, NONCE],
        # The one inline style: the base rules that Tiptap, inside django-prose-editor's
        # editor.js, adds to the admin's page. Its hash changes when the editor is upgraded:
        # tests/e2e/test_security_journey.py then fails and Chromium's message names the new one.
        "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        # data: for the small icons some admin and editor style sheets carry inline
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Powerful browser features the site never uses, denied to it and to anything it embeds
# (portal.middleware.PermissionsPolicyMiddleware). Only names Chromium knows: it warns about others.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The refusal in the visitor's language, saying what to do (Django's is English, for developers).
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# JSON lines on stdout (python-json-logger), each with the id of the request it belongs to
# (portal.logs, portal.middleware.RequestIdMiddleware); gunicorn's lines are alike
# (gunicorn.conf.py). LOG_FORMAT=plain for one line of text each, in a terminal.
LOG_FORMAT = env("LOG_FORMAT", default="json")
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or plain.")
# stdout for the server; manage.py sets stderr, its stdout being the command's output.
LOG_STREAM = env("LOG_STREAM", default="stdout")
if LOG_STREAM not in {"stdout", "stderr"}:
    raise ImproperlyConfigured("LOG_STREAM must be stdout or stderr.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"default": formatter(LOG_FORMAT)},
    "filters": {
        "probes_as_warnings": {"()": "portal.logs.ProbesAsWarnings"},
        "request_id": {"()": "portal.logs.RequestId"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": f"ext://sys.{LOG_STREAM}",
            "formatter": "default",
            "filters": ["probes_as_warnings", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
