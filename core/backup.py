"""Backups that restore: the database (pg_dump, custom format) and the uploaded files, together.

A backup is a folder named by its time in UTC, `portal-20250101T120000Z/`, holding
`database.dump` (pg_dump -Fc), `media.tar.gz` (every uploaded file: MEDIA_ROOT, or the bucket
when uploads are in object storage), `private.tar.gz` (the uploads with personal data,
core.files.private_storage) and `SHA256SUMS`
(`sha256sum -c SHA256SUMS` checks it by hand; `restore` checks it before touching anything).
It is written under a `.partial` name and renamed when complete, so a folder without that
suffix is a whole backup. Backups hold personal data: only the owner may read them.
Messages are for the operator, in English like the other management commands.

The PostgreSQL programs are the local server's own version when there is one (core.postgres),
so a dump of the project-private cluster is made by its own pg_dump.
"""

import hashlib
import io
import os
import posixpath
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections

from core import postgres
from core.files import private_storage

DUMP = "database.dump"
MEDIA = "media.tar.gz"
PRIVATE = "private.tar.gz"
SUMS = "SHA256SUMS"
PARTIAL = ".partial"

# Connection options of DATABASES[...]["OPTIONS"] that libpq also reads from the environment.
LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def program(name):
    path = postgres.client_program(name)
    if path is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client programs "
            "(Debian/Ubuntu: apt-get install postgresql-client)."
        )
    return str(path)


def libpq_environment(alias="default"):
    """The connection of DATABASES[alias] as libpq variables: no password on a command line."""
    database = settings.DATABASES[alias]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    for option in LIBPQ_OPTIONS:
        if option in database.get("OPTIONS", {}):
            environment[f"PG{option.upper()}"] = str(database["OPTIONS"][option])
    return environment


def run(command, alias):
    result = subprocess.run(
        command, env=libpq_environment(alias), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result


def sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create(folder=None, alias="default", now=None):
    """Write a backup into `folder` (settings.BACKUP_DIR by default); return its path."""
    folder = Path(folder or settings.BACKUP_DIR)
    now = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"portal-{now:%Y%m%dT%H%M%SZ}"
    final, partial = folder / name, folder / f"{name}{PARTIAL}"
    if final.exists() or partial.exists():
        raise BackupError(f"A backup named {final} already exists.")
    partial.mkdir(mode=0o700)
    try:
        run(
            [program("pg_dump"), "--format=custom", "--no-password", f"--file={partial / DUMP}"],
            alias,
        )
        for part, storage in file_parts().items():
            archive_storage(storage, partial / part)
        parts = [DUMP, *file_parts()]
        sums = "".join(f"{sha256(partial / part)}  {part}\n" for part in parts)
        (partial / SUMS).write_text(sums)
        for part in (*parts, SUMS):
            (partial / part).chmod(0o600)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def file_parts():
    """Each archive of files in a backup, and the storage it holds."""
    return {MEDIA: default_storage, PRIVATE: private_storage()}


def on_disk(storage):
    """The folder of a storage of files on this server's disk; None for object storage."""
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def uploads_on_disk():
    """True when uploads are files under MEDIA_ROOT, False in object storage (several servers)."""
    return on_disk(default_storage) is not None


def stored_names(storage, folder=""):
    """Every file's name in `storage`, folder by folder (the storage API: no path on disk)."""
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for directory in sorted(directories):
        yield from stored_names(storage, posixpath.join(folder, directory))


def archive_storage(storage, target):
    """Every file of `storage`, by its name in it; an empty archive when there is none."""
    with tarfile.open(target, "w:gz") as archive:
        if (root := on_disk(storage)) is not None:
            if root.is_dir():
                for entry in sorted(root.iterdir()):
                    archive.add(entry, arcname=entry.name)
            return
        for name in stored_names(storage):
            with storage.open(name, "rb") as stored:
                content = stored.read()
            entry = tarfile.TarInfo(name)
            entry.size = len(content)
            entry.mtime = int(storage.get_modified_time(name).timestamp())
            archive.addfile(entry, io.BytesIO(content))


def restore_storage(storage, archive_path, force=False):
    """Put the archived files back into the storage's folder or bucket (empty, unless `force`)."""
    if (root := on_disk(storage)) is not None:
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive_path, "r:gz") as archive:
            # "data" refuses absolute paths, "..", links leading outside and special files
            archive.extractall(root, filter="data")
        return
    with tarfile.open(archive_path, "r:gz") as archive:
        members = {}
        for member in archive.getmembers():
            if not member.isfile():
                continue
            name = posixpath.normpath(member.name)
            if name.startswith(("/", "../")) or name == "..":
                raise BackupError(f"The archive names a file out of the storage: {name}")
            members[name] = member
        # Checked before anything is written: a second copy under another name would be a
        # file that no object names.
        present = [name for name in members if storage.exists(name)]
        if present and not force:
            raise BackupError(
                f"{present[0]} and {len(present) - 1} more are in the storage already: "
                "force the restore to overwrite them."
            )
        for name, member in members.items():
            if name in present:
                storage.delete(name)
            saved = storage.save(name, File(archive.extractfile(member)))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}: another restore is running?")


def storage_is_empty(storage):
    if (root := on_disk(storage)) is not None:
        return not (root.is_dir() and any(root.iterdir()))
    return next(stored_names(storage), None) is None


def backup_folder(path):
    """The backup that `path` names: its folder, or any file in it."""
    path = Path(path)
    folder = path.parent if path.is_file() else path
    if not (folder / DUMP).is_file():
        raise BackupError(f"{path} is not a backup: it has no {DUMP}.")
    if folder.name.endswith(PARTIAL):
        raise BackupError(f"{folder} is an unfinished backup (the run that made it stopped).")
    return folder


def verify(folder):
    """Compare each part with SHA256SUMS; a damaged or incomplete backup restores nothing."""
    sums = folder / SUMS
    if not sums.is_file():
        raise BackupError(f"{folder} has no {SUMS}.")
    listed = {}
    for line in sums.read_text().splitlines():
        expected, _separator, part = line.partition("  ")
        listed[part] = expected
    # A backup made before uploads with personal data were kept has no private.tar.gz.
    for part in (DUMP, *(part for part in file_parts() if part in listed or part == MEDIA)):
        if not (folder / part).is_file() or sha256(folder / part) != listed.get(part):
            raise BackupError(
                f"{part} in {folder} is damaged or missing: its checksum does not match."
            )


def existing_tables(alias="default"):
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    connection.close()  # pg_restore works on its own connection; hold no lock or pool slot
    return tables


def restore(path, alias="default", force=False):
    """Restore a backup into the (empty) database of `alias` and the (empty) media storage.

    Every check is made before anything is written. With `force`, the backup's objects replace
    those of the same name (pg_restore --clean) and its files overwrite those in MEDIA_ROOT.
    The database part is one transaction: a failure leaves the database as it was.
    """
    folder = backup_folder(path)
    verify(folder)
    name = settings.DATABASES[alias]["NAME"]
    if not force:
        tables = existing_tables(alias)
        if tables:
            raise BackupError(
                f"The database {name} is not empty ({len(tables)} tables). A backup is restored "
                "into an empty database: create one, or force the restore to replace the "
                "objects in the backup (make restore FORCE=1, restore --force)."
            )
        for storage in file_parts().values():
            if not storage_is_empty(storage):
                where = on_disk(storage) or "storage (the bucket)"
                raise BackupError(
                    f"The uploads' {where} is not empty. Restore into an empty one, or "
                    "force the restore to overwrite files of the same name."
                )
    command = [
        program("pg_restore"),
        "--no-password",
        "--exit-on-error",
        "--single-transaction",
        # the backup may come from another server: objects belong to whoever restores them
        "--no-owner",
        "--no-privileges",
        f"--dbname={name}",
    ]
    if force:
        command += ["--clean", "--if-exists"]
    run([*command, str(folder / DUMP)], alias)
    for part, storage in file_parts().items():
        if (folder / part).is_file():
            restore_storage(storage, folder / part, force=force)
    return folder
