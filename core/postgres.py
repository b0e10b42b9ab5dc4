"""Where the PostgreSQL programs are: one rule for the local cluster and for backups.

Standard library only: portal/devdb.py imports it before the virtual environment is complete.
"""

import glob
import shutil
import subprocess
from pathlib import Path

SERVER_PROGRAMS = ("pg_ctl", "initdb", "createdb")


def find_bindir(programs=SERVER_PROGRAMS):
    """The folder holding all of `programs`, or None.

    PATH first, then pg_config --bindir, then Debian's versioned folders (newest first).
    """
    on_path = shutil.which(programs[0])
    if on_path:
        bindir = Path(on_path).resolve().parent  # /usr/local/bin may hold symlinks to a few of them
        if all((bindir / name).exists() for name in programs):
            return bindir
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        bindir = Path(result.stdout.strip())
        if all((bindir / name).exists() for name in programs):
            return bindir
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        # ASCII digits only (isdigit() alone also passes "²", which int() refuses).
        key=lambda p: int(v) if (v := p.split("/")[-2]).isascii() and v.isdigit() else 0,
        reverse=True,
    )
    for candidate in candidates:
        if all((Path(candidate) / name).exists() for name in programs):
            return Path(candidate)
    return None


def client_program(name):
    """A client program (pg_dump, pg_restore) of the same version as the local server when there
    is one, so that a dump of the project-private cluster is made by its own version; otherwise
    whichever is installed. None when there is none."""
    for bindir in (find_bindir(), find_bindir((name,))):
        if bindir is not None and (bindir / name).exists():
            return bindir / name
    return None
