"""The project's settings plus a content app that exists only in the tests (tests/plugin_app)."""

import atexit
import os
import shutil
import tempfile

# The content version of this test run alone (core/cache.py): a server of the same checkout
# (make run) or another test run must not change it under a test. The processes that tests
# start (gunicorn in tests/servers.py, manage.py) inherit it through the environment.
if "PORTAL_TEST_VERSION_DIR" not in os.environ:
    os.environ["PORTAL_TEST_VERSION_DIR"] = tempfile.mkdtemp(prefix="portal-test-version-")
    atexit.register(shutil.rmtree, os.environ["PORTAL_TEST_VERSION_DIR"], ignore_errors=True)
os.environ["CONTENT_VERSION_DIR"] = os.environ["PORTAL_TEST_VERSION_DIR"]

from portal.settings import *  # noqa: F403
from portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]
