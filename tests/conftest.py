import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from core.cache import bump_content_version, pages_cache
from portal.db import circuit


def pytest_configure(config):
    # Fast test settings: a cheap password hasher and plain static storage (no manifest needed).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # whitenoise serves static files straight from the apps and static/, no collectstatic
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Uploads made by a test go to a folder of its own, never into .local/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # load_demo's demo users' passwords, likewise never into .local
    settings.DEMO_USERS_NOTE = tmp_path / "demo-users.txt"


@pytest.fixture(autouse=True)
def _ukrainian_first():
    """Each test starts in Ukrainian, whatever language an earlier test's request left active."""
    with translation.override("uk"):
        yield


@pytest.fixture
def staff_client(db, django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _ukrainian_between_tests():
    """Each test starts in Ukrainian: a request to /en/ leaves English active in the thread,
    and reverse() (get_absolute_url) in a later test would give /en/ addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _database_circuit_closed():
    """A test that makes the database unreachable opens the circuit (portal/db/circuit.py):
    the next test must not find it open."""
    yield
    circuit.reset()


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Pages render afresh in every test (their query counts are those of the page); the
    tests of the page cache turn it on with the `page_cache` fixture. Each test starts with
    an empty one."""
    settings.PAGE_CACHE_SECONDS = 0
    pages_cache().clear()
    # The data go back with each test's transaction, without a signal: a new version, so
    # that nothing read per version (core.cache.per_version) outlives its test.
    bump_content_version()
    yield
    pages_cache().clear()


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    return pages_cache()
