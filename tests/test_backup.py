"""Backups that restore: `make backup`, then `make restore` into a new database on the same
server and another media folder, finds the content and its files.

The round trip runs the Makefile targets in fresh processes, as an operator would; it is marked
`slow` (pytest -m slow runs it alone)."""

import io
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from core import backup
from core.files import private_storage
from media.factories import ImageFactory
from news.factories import ArticleFactory

ROOT = Path(__file__).resolve().parent.parent


def jpeg(colour="#0a3a7a"):
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), colour).save(buffer, "JPEG")
    return SimpleUploadedFile("cover.jpg", buffer.getvalue(), content_type="image/jpeg")


def url_of(database):
    """A DATABASE_URL for a database on the test server (a unix socket folder goes
    percent-encoded in the host, as portal.devdb writes it)."""
    settings = connection.settings_dict
    credentials = quote(settings["USER"], safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = quote(settings["HOST"], safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{database}"


def make(*args, **env):
    return subprocess.run(
        ["make", "-s", *args],
        cwd=ROOT,
        env=os.environ | env,
        capture_output=True,
        text=True,
        check=False,
    )


def files_under(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def new_database():
    """An empty database on the test server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # pg_dump sees only committed rows
def test_a_fresh_backup_restores_into_a_new_database_with_its_files(
    settings, tmp_path, new_database
):
    article = ArticleFactory(
        title_uk="Новина, яку відновлено з резервної копії",
        cover=ImageFactory(file=jpeg(), alt_uk="Держпром"),
    )
    media = Path(settings.MEDIA_ROOT)
    uploaded = files_under(media)
    assert article.cover.file.name in uploaded  # the cover, and its renditions beside it
    # an upload with personal data (the desk's attachments), kept apart from the media
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    private_storage().save("consultations/лист.pdf", ContentFile(b"%PDF-1.4 personal"))
    kept_private = files_under(private)
    assert kept_private == {"consultations/лист.pdf": b"%PDF-1.4 personal"}

    backups = tmp_path / "backups"
    made = make(
        "backup",
        f"BACKUP_DIR={backups}",
        DATABASE_URL=url_of(connection.settings_dict["NAME"]),
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(private),
    )
    assert made.returncode == 0, made.stderr
    (folder,) = backups.iterdir()
    assert folder.name.startswith("portal-") and not folder.name.endswith(".partial")
    assert {path.name for path in folder.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "private.tar.gz",
        "SHA256SUMS",
    }
    assert "make restore FILE=" in made.stdout

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    target = {
        "DATABASE_URL": url_of(new_database),
        "MEDIA_ROOT": str(restored_media),
        "PRIVATE_MEDIA_ROOT": str(restored_private),
    }
    restored = make("restore", f"FILE={folder}", **target)
    assert restored.returncode == 0, restored.stderr

    with psycopg.connect(url_of(new_database).replace("postgres://", "postgresql://")) as db:
        row = db.execute(
            "SELECT a.title_uk, i.file FROM news_article a JOIN media_image i"
            " ON i.id = a.cover_id WHERE a.id = %s",
            [article.pk],
        ).fetchone()
    assert row == ("Новина, яку відновлено з резервної копії", article.cover.file.name)
    assert files_under(restored_media) == uploaded
    assert files_under(restored_private) == kept_private

    # The database has tables now: a second restore is refused, and says what to do.
    again = make("restore", f"FILE={folder}", **target)
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert "FORCE=1" in again.stderr


def test_restore_without_a_backup_named_says_how(tmp_path):
    result = make("restore")
    assert result.returncode != 0
    assert "make restore FILE=" in result.stderr


def test_a_damaged_backup_restores_nothing(tmp_path, settings):
    folder = tmp_path / "portal-20250101T120000Z"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"PGDMP not really")
    (folder / "media.tar.gz").write_bytes(b"")
    (folder / "SHA256SUMS").write_text(f"{'0' * 64}  database.dump\n{'0' * 64}  media.tar.gz\n")
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(CommandError, match="damaged or missing"):
        call_command("restore", str(folder))
    assert not (tmp_path / "media").exists()


def test_an_unfinished_backup_is_not_restored(tmp_path):
    folder = tmp_path / "portal-20250101T120000Z.partial"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"")
    with pytest.raises(CommandError, match="unfinished"):
        call_command("restore", str(folder / "database.dump"))


def test_a_folder_that_is_no_backup_is_named_as_such(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path))


def test_the_client_programs_are_found_or_named():
    assert Path(backup.program("pg_dump")).name == "pg_dump"
    assert Path(backup.program("pg_restore")).name == "pg_restore"
