"""The Ukrainian catalogue is complete, so no English leaks onto the Ukrainian site."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
UK_CATALOGUE = ROOT / "locale" / "uk" / "LC_MESSAGES" / "django.po"
# The project and every app beside it (a new app's strings are checked without listing it).
APPS = sorted(path.name for path in ROOT.iterdir() if (path / "apps.py").exists())
SOURCES = ["portal", *APPS, "templates", "manage.py"]


def test_ukrainian_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(UK_CATALOGUE))
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_every_string_in_the_code_is_in_the_ukrainian_catalogue(tmp_path):
    """Extract the strings afresh (as `make messages` does) and look each one up."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "uk", "--no-location", "-v0"],
        cwd=tmp_path,
        check=True,
        # The project's own settings: the tests' add an app that lives in tests/.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "uk" / "LC_MESSAGES" / "django.po"))
    committed = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.pofile(str(UK_CATALOGUE))
        if entry.translated() and not entry.obsolete
    }
    missing = [entry.msgid for entry in fresh if (entry.msgctxt, entry.msgid) not in committed]
    assert missing == [], "run `make messages` and translate these in locale/uk"


def test_plural_forms_follow_ukrainian_grammar():
    catalogue = polib.pofile(str(UK_CATALOGUE))
    plural_forms = catalogue.metadata["Plural-Forms"]
    assert "nplurals=4" in plural_forms  # the same rule as Django's own Ukrainian catalogue
    for entry in catalogue:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.get(i) for i in range(3)), entry.msgid
