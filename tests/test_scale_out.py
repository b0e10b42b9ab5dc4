"""Several app servers on one machine (issue 15): two gunicorn instances, A and B, with the
production settings, sharing the test database, one Redis (Debian's redis-server, through
REDIS_URL) and S3-compatible object storage (moto's server, through AWS_STORAGE_BUCKET_NAME
and AWS_S3_ENDPOINT_URL). Each has a MEDIA_ROOT of its own, which must stay empty.

One browser (a requests session: cookies are per host, not per port, so A's cookies go to
B as they would behind a load balancer) uploads, publishes and signs in through A and
looks through B. Marked `slow`: Redis, moto, collectstatic and two servers are started.
A part that cannot start is a visible skip with its reason.
"""

import logging
import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from PIL import Image

from media.models import Image as LibraryImage
from news.factories import ArticleFactory
from news.models import Article
from programs.factories import ProgramFactory
from tests.servers import Server

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "portal-media"
PRIVATE_BUCKET = "portal-private"
PASSWORD = "a-long-right-password"


# --- The shared parts -------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """redis-server on a unix socket of its own (no port to collide with), nothing saved."""
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if binary is None:
        pytest.skip("redis-server is not installed (Debian's redis-server; .ci/run installs it)")
    import redis

    folder = tmp_path_factory.mktemp("redis")
    socket = folder / "redis.sock"
    process = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"unix://{socket}"
    deadline = time.monotonic() + 10
    while True:
        try:
            if redis.Redis.from_url(url).ping():
                break
        except redis.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.skip(f"redis-server did not start (exit code {process.poll()})")
        time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_client(redis_url):
    import redis

    return redis.Redis.from_url(redis_url)


@pytest.fixture(scope="module")
def object_storage():
    """moto's S3 server on a free port of 127.0.0.1, with the media bucket; a boto3 client."""
    import boto3

    try:
        from moto.server import ThreadedMotoServer

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
    except Exception as error:  # an import or a bind that fails: the emulator cannot start
        pytest.skip(f"moto's S3 server did not start: {error!r}")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line for each S3 request
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=BUCKET)
    client.create_bucket(Bucket=PRIVATE_BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """`make collectstatic`, as the image runs it at build time: the servers' hashed files."""
    folder = tmp_path_factory.mktemp("static")
    result = subprocess.run(
        ["make", "-s", "collectstatic", f"STATIC_ROOT={folder}"],
        cwd=ROOT,
        env=os.environ | {"STATIC_ROOT": str(folder)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (folder / "staticfiles.json").is_file()
    return folder


def database_url():
    """The test database's URL (a unix socket folder goes percent-encoded in the host)."""
    config = connection.settings_dict
    credentials = quote(config["USER"], safe="")
    if config["PASSWORD"]:
        credentials += ":" + quote(config["PASSWORD"], safe="")
    port = f":{config['PORT']}" if config["PORT"] else ""
    return f"postgres://{credentials}@{quote(config['HOST'], safe='')}{port}/{config['NAME']}"


# One pair per test: each test's database is emptied and made again, and the content types
# then get new ids, which a running server would still hold in its ContentType cache.
@pytest.fixture
def servers(
    django_db_setup, django_db_blocker, redis_url, object_storage, static_root, tmp_path_factory
):
    endpoint, _client = object_storage
    with django_db_blocker.unblock():
        url = database_url()
    shared = {
        "REDIS_URL": redis_url,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "1",
        "WEB_THREADS": "4",
        "LOG_FORMAT": "json",
    }
    started = {}
    try:
        for name in ("a", "b"):
            media = tmp_path_factory.mktemp(f"media-{name}")
            started[name] = Server(url, MEDIA_ROOT=str(media), **shared)
            started[name].media_root = media
        for server in started.values():
            server.wait_until_healthy()
        yield started["a"], started["b"]
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture
def browser():
    import requests

    with requests.Session() as session:
        yield session


@pytest.fixture
def admin_user(django_user_model):
    """A superuser whose password the servers can check: they have the production hashers,
    not the tests' cheap one."""
    user = django_user_model.objects.create_superuser("chief", "chief@example.org")
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


# --- Helpers ----------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The name/value pairs a browser would send for the form with `form_id`."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


def form_fields(html, form_id):
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def csrf_token(browser):
    return browser.cookies.get("csrftoken")


def sign_in(browser, server, username="chief", password=PASSWORD):
    login = f"{server.url}/{settings.ADMIN_PATH}login/"
    browser.get(login, timeout=20)
    data = {"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(browser)}
    return browser.post(login, data=data, allow_redirects=False, timeout=20)


def jpeg_bytes():
    buffer = BytesIO()
    Image.new("RGB", (1000, 700), "#0a3a7a").save(buffer, "JPEG")
    return buffer.getvalue()


def bucket_object(object_storage, name):
    _endpoint, client = object_storage
    return client.get_object(Bucket=BUCKET, Key=name)["Body"].read()


def files_under(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()]


# --- What several servers must share ----------------------------------------------------


def test_an_image_uploaded_through_a_is_served_by_b(servers, browser, admin_user, object_storage):
    a, b = servers
    article = ArticleFactory()
    assert sign_in(browser, a).status_code == 302
    # The image goes into the media library on A...
    add = f"{a.url}/{settings.ADMIN_PATH}media/image/add/"
    fields = [
        (name, value)
        for name, value in form_fields(browser.get(add, timeout=20).text, "image_form")
        if name not in {"title", "alt_uk"}
    ]
    fields += [("title", "Обкладинка"), ("alt_uk", "Синій прямокутник")]
    cover = ("обкладинка.jpg", jpeg_bytes(), "image/jpeg")
    saved = browser.post(add, data=fields, files={"file": cover}, allow_redirects=False, timeout=60)
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.text, re.S)
    assert saved.status_code == 302, errors or saved.text[:2000]
    image_pk = LibraryImage.objects.values_list("pk", flat=True).get(title="Обкладинка")

    # ...and becomes the cover of a live article: the change is kept aside unless it is
    # published at once (core/pending.py).
    change = f"{a.url}/{settings.ADMIN_PATH}news/article/{article.pk}/change/"
    page = browser.get(change, timeout=20)
    assert page.status_code == 200
    fields = [
        (name, value) for name, value in form_fields(page.text, "article_form") if name != "cover"
    ]
    fields += [("cover", str(image_pk)), ("_publish_changes", "1")]
    saved = browser.post(change, data=fields, allow_redirects=False, timeout=60)
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.text, re.S)
    assert saved.status_code == 302, errors or saved.text[:2000]
    assert Article.objects.get(pk=article.pk).cover_id == image_pk

    # Read as values: a model instance here would look for the file in this process's storage.
    stored = LibraryImage.objects.values("file", "file_renditions").get(pk=image_pk)
    cover_name = stored["file"]
    assert cover_name.endswith(".jpg"), "".join(a.log[-6:])
    renditions = [row[2] for row in stored["file_renditions"]["formats"]["WEBP"]]
    # In the bucket, not on either server's disk.
    assert bucket_object(object_storage, cover_name)[:3] == b"\xff\xd8\xff"
    for server in servers:
        assert files_under(server.media_root) == []

    import requests

    original = requests.get(f"{b.url}/media/{cover_name}", timeout=20)
    assert original.status_code == 200
    assert original.headers["Content-Type"] == "image/jpeg"
    assert original.content == bucket_object(object_storage, cover_name)
    rendition = requests.get(f"{b.url}/media/{renditions[-1]}", timeout=20)
    assert rendition.status_code == 200
    assert rendition.headers["Content-Type"] == "image/webp"
    assert rendition.content == bucket_object(object_storage, renditions[-1])
    # The page on B names the renditions under the site's own /media/, never the bucket's host.
    html = requests.get(b.url + article.get_absolute_url(), timeout=20).text
    assert f"/media/{renditions[-1]}" in html
    assert "127.0.0.1:" + object_storage[0].rsplit(":", 1)[1] not in html
    assert requests.get(f"{b.url}/media/covers/none.jpg", timeout=20).status_code == 404


def test_a_page_published_through_a_shows_at_once_on_b(servers, browser, admin_user, redis_client):
    a, b = servers
    import requests

    shown = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    sneaked = ArticleFactory(status=Article.Status.DRAFT)

    def sitemap():
        response = requests.get(f"{b.url}/sitemap-news.xml", timeout=20)
        assert response.status_code == 200
        return response.text

    assert shown.get_absolute_url() in sitemap()
    assert draft.get_absolute_url() not in sitemap()
    # Published behind the site's back (no signal): B keeps serving its cached sitemap,
    # which shows the cache is real and shared, not a page made again at each request.
    Article.objects.filter(pk=sneaked.pk).update(status=Article.Status.PUBLISHED)
    assert sneaked.get_absolute_url() not in sitemap()
    assert requests.get(b.url + draft.get_absolute_url(), timeout=20).status_code == 404
    version = int(redis_client.get("versions:1:content-version"))

    assert sign_in(browser, a).status_code == 302
    changelist = f"{a.url}/{settings.ADMIN_PATH}news/article/"
    published = browser.post(
        changelist,
        data={
            "action": "publish",
            "_selected_action": [draft.pk],
            "index": "0",
            "select_across": "0",
            "csrfmiddlewaretoken": csrf_token(browser),
        },
        allow_redirects=False,
        timeout=20,
    )
    assert published.status_code == 302, "".join(a.log[-5:])
    # A changed the content version in the shared cache; B's next answer follows it.
    assert int(redis_client.get("versions:1:content-version")) != version
    now = sitemap()
    assert draft.get_absolute_url() in now
    assert sneaked.get_absolute_url() in now
    assert requests.get(b.url + draft.get_absolute_url(), timeout=20).status_code == 200


def test_a_session_started_on_a_is_valid_on_b(servers, browser, admin_user, redis_client):
    a, b = servers
    admin = f"/{settings.ADMIN_PATH}"
    assert sign_in(browser, a).status_code == 302
    key = browser.cookies.get("sessionid")
    assert key
    # Read from Redis, written through to the database (cached_db sessions).
    assert redis_client.keys(f"default:1:django.contrib.sessions.cached_db*{key}")
    dashboard = browser.get(b.url + admin, allow_redirects=False, timeout=20)
    assert dashboard.status_code == 200
    assert "chief" in dashboard.text
    # Signed out on B, signed out on A.
    logout = browser.post(
        f"{b.url}{admin}logout/", data={"csrfmiddlewaretoken": csrf_token(browser)}, timeout=20
    )
    assert logout.status_code == 200
    browser.cookies.set("sessionid", key)  # even with the old cookie
    assert browser.get(a.url + admin, allow_redirects=False, timeout=20).status_code == 302


def test_the_application_rate_limit_counts_across_both(servers, browser, redis_client):
    a, b = servers
    program = ProgramFactory(accepting=True)
    path = reverse("programs:apply", args=[program.slug])
    browser.get(a.url + path, timeout=20)  # the CSRF cookie
    statuses = []
    for number in range(12):  # the limit is 10 an hour per address, whichever server counts
        server = (a, b)[number % 2]
        data = {"motivation": "x", "csrfmiddlewaretoken": csrf_token(browser)}
        statuses.append(browser.post(server.url + path, data=data, timeout=20).status_code)
    assert 429 not in statuses[:10], statuses
    assert statuses[10:] == [429, 429], statuses
    assert redis_client.keys("default:1:rl:*")


def test_the_login_lockout_counts_across_both(servers, browser, admin_user):
    a, b = servers
    statuses = [
        sign_in(browser, (a, b)[number % 2], password=f"guess-{number}").status_code
        for number in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    # Locked on both, for the right password too.
    assert sign_in(browser, a).status_code == 429
    assert sign_in(browser, b).status_code == 429


def test_every_log_line_of_a_request_carries_its_id(servers):
    import json

    import requests

    a, _b = servers
    probe = {"X-Request-ID": "probe-12345678"}
    response = requests.get(f"{a.url}/no-such-page/", headers=probe, timeout=20)
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "probe-12345678"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in a.log if line.startswith("{")]
        mine = [line for line in lines if line.get("request_id") == "probe-12345678"]
        if {line["logger"] for line in mine} >= {"django.request", "gunicorn.access"}:
            break
        time.sleep(0.1)
    assert {line["logger"] for line in mine} >= {"django.request", "gunicorn.access"}, a.log[-5:]
    access = next(line for line in mine if line["logger"] == "gunicorn.access")
    assert access["status"] == 404
    assert access["path"] == "/no-such-page/"


# --- Backups cover the bucket ---


@pytest.fixture
def bucket_storage(object_storage, settings):
    """This process's uploads in the emulated bucket, as the servers' are."""
    endpoint, client = object_storage
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.AWS_LOCATION = "backup-test"
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.AWS_PRIVATE_BUCKET_NAME = PRIVATE_BUCKET
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "portal.storage.MediaStorage"},
        "private": {"BACKEND": "portal.storage.PrivateMediaStorage"},
    }
    yield client
    for bucket in (BUCKET, PRIVATE_BUCKET):
        for item in client.list_objects_v2(Bucket=bucket, Prefix="backup-test/").get(
            "Contents", []
        ):
            client.delete_object(Bucket=bucket, Key=item["Key"])


def test_a_backup_archives_the_uploads_in_the_buckets_and_restores_them(bucket_storage, tmp_path):
    import tarfile

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core import backup
    from core.files import private_storage

    files = {"news/обкладинка.jpg": jpeg_bytes(), "members/documents/статут.pdf": b"%PDF-1.4"}
    for name, content in files.items():
        assert default_storage.save(name, ContentFile(content)) == name
    private = {"consultations/2026/12/лист.pdf": b"%PDF-1.4 personal"}
    (private_name,) = private
    assert private_storage().save(private_name, ContentFile(private[private_name])) == private_name
    # in the private bucket, which nothing serves, and not in the public one
    assert bucket_storage.get_object(Bucket=PRIVATE_BUCKET, Key=f"backup-test/{private_name}")
    assert not default_storage.exists(private_name)
    assert not backup.uploads_on_disk()
    assert not backup.storage_is_empty(default_storage)

    archives = {part: tmp_path / part for part in backup.file_parts()}
    for part, storage in backup.file_parts().items():
        backup.archive_storage(storage, archives[part])

    def archived(part):
        with tarfile.open(archives[part]) as opened:
            return {member.name: opened.extractfile(member).read() for member in opened}

    assert archived(backup.MEDIA) == files
    assert archived(backup.PRIVATE) == private

    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(_fake_backup(tmp_path, archives))
    for name in files:
        default_storage.delete(name)
    private_storage().delete(private_name)
    assert backup.storage_is_empty(default_storage)
    assert backup.storage_is_empty(private_storage())
    for part, storage in backup.file_parts().items():
        backup.restore_storage(storage, archives[part])
    assert {name: default_storage.open(name).read() for name in files} == files
    assert private_storage().open(private_name).read() == private[private_name]
    # Again, over what is there: only with force, and nothing stored twice.
    with pytest.raises(backup.BackupError, match="in the storage already: force"):
        backup.restore_storage(default_storage, archives[backup.MEDIA])
    backup.restore_storage(default_storage, archives[backup.MEDIA], force=True)
    assert sorted(backup.stored_names(default_storage)) == sorted(files)


def _fake_backup(tmp_path, archives):
    """A backup folder whose checksums match, to reach restore's emptiness checks."""
    from core import backup

    folder = tmp_path / "portal-20260101T000000Z"
    folder.mkdir()
    (folder / backup.DUMP).write_bytes(b"not read: the checks refuse first")
    for part, archive in archives.items():
        (folder / part).write_bytes(archive.read_bytes())
    sums = "".join(f"{backup.sha256(folder / part)}  {part}\n" for part in (backup.DUMP, *archives))
    (folder / backup.SUMS).write_text(sums)
    return folder
