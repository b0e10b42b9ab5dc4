"""A project-private PostgreSQL cluster for `make run` and `make test`.

Used only when DATABASE_URL is unset. Standard library only: it runs before
the virtual environment is complete and must never import Django.

    python -m portal.devdb start          # start (init once) the kept cluster, print its URL
    python -m portal.devdb stop           # stop the kept cluster
    python -m portal.devdb url            # print the kept cluster's DATABASE_URL
    python -m portal.devdb test -- CMD    # run CMD against a throwaway cluster, then remove it
    python -m portal.devdb secret-key     # print the local SECRET_KEY (generated once)
    python -m portal.devdb lock FD        # lock the open file FD for the calling shell (Makefile)

PostgreSQL refuses to run as root, so under root (CI) the cluster runs as the
unprivileged `postgres` user, in a folder under /tmp that user can reach (a
clone under /root is not reachable). Unix sockets only: no TCP port is opened.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from core import postgres

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_NAME = "portal"
DB_USER = "portal"
SOCKET_PATH_LIMIT = 100  # sun_path is 108 bytes; keep a margin for ".s.PGSQL.5432"


def fail(message: str) -> None:
    print(f"devdb: {message}", file=sys.stderr)
    sys.exit(1)


def find_bindir() -> Path:
    """The server binaries' folder (the search is core.postgres's, shared with backups)."""
    bindir = postgres.find_bindir()
    if bindir is None:
        fail(
            "no PostgreSQL server binaries (initdb, pg_ctl) found. "
            "Install them (Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL."
        )
    return bindir


def run_as_user() -> pwd.struct_passwd | None:
    """The account the server runs as: None means the current user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        fail(
            "PostgreSQL will not run as root and there is no 'postgres' user: "
            "run as an ordinary user, create that user, or set DATABASE_URL."
        )
    raise AssertionError  # unreachable


def base_dir(kind: str) -> Path:
    """Inside the project (.local/) unless root or the socket path would be too long."""
    local = PROJECT_DIR / ".local" / f"pg-{kind}"
    if os.geteuid() != 0 and len(str(local / ".s.PGSQL.5432")) < SOCKET_PATH_LIMIT:
        return local
    digest = hashlib.sha256(str(PROJECT_DIR).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"portal-{digest}-{os.geteuid()}-{kind}"


def database_url(socket_dir: Path, name: str = DB_NAME) -> str:
    return f"postgres://{DB_USER}@{quote(str(socket_dir), safe='')}/{name}"


def run(cmd: list[str], user: pwd.struct_passwd | None, **kwargs) -> subprocess.CompletedProcess:
    if user is not None:
        kwargs.update(user=user.pw_uid, group=user.pw_gid, extra_groups=[])
        kwargs.setdefault("cwd", "/")  # the server user may not be able to enter the project folder
    return subprocess.run(cmd, check=False, **kwargs)


class Cluster:
    def __init__(self, kind: str, path: Path | None = None, throwaway: bool = False):
        self.throwaway = throwaway  # a test cluster need not survive a crash: no fsync
        self.bindir = find_bindir()
        self.user = run_as_user()
        self.dir = path or base_dir(kind)
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"

    @property
    def url(self) -> str:
        return database_url(self.dir)

    def _prepare_dir(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o700)
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)

    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self._prepare_dir()
        result = run(
            [
                str(self.bindir / "initdb"),
                "--pgdata",
                str(self.data),
                "--username",
                DB_USER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ],
            self.user,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            fail(f"initdb failed:\n{result.stdout}{result.stderr}")

    def running(self) -> bool:
        result = run(
            [str(self.bindir / "pg_ctl"), "status", "--pgdata", str(self.data)],
            self.user,
            capture_output=True,
        )
        return result.returncode == 0

    def start(self) -> None:
        self.init()
        if self.running():
            return
        options = f"-c listen_addresses='' -k {self.dir}"
        if self.throwaway:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        result = run(
            [
                str(self.bindir / "pg_ctl"),
                "start",
                "--wait",
                "--silent",
                "--pgdata",
                str(self.data),
                "--log",
                str(self.log),
                "-o",
                options,
            ],
            self.user,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            fail(f"could not start PostgreSQL in {self.data}:\n{result.stderr}{log}")
        self.create_database()

    def create_database(self) -> None:
        result = run(
            [
                str(self.bindir / "createdb"),
                "--host",
                str(self.dir),
                "--username",
                DB_USER,
                DB_NAME,
            ],
            self.user,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 and "already exists" not in result.stderr:
            fail(f"createdb failed: {result.stderr.strip()}")

    def stop(self) -> None:
        if (self.data / "PG_VERSION").exists() and self.running():
            run(
                [
                    str(self.bindir / "pg_ctl"),
                    "stop",
                    "--wait",
                    "--silent",
                    "--mode",
                    "fast",
                    "--pgdata",
                    str(self.data),
                ],
                self.user,
            )


def local_secret_key() -> str:
    """A SECRET_KEY for `make run`, made once and kept in the ignored .local/ folder."""
    import secrets

    path = PROJECT_DIR / ".local" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def lock(fd: int) -> None:
    """Lock the file open on `fd`, which the calling shell opened and its server inherits.

    The lock belongs to the open file, not to this process: it lasts after this command
    exits, until the shell and every process it started have closed the file. The shell's
    process id (the server's, after `exec`) goes into the file for the next one to name.
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.lseek(fd, 0, os.SEEK_SET)
        holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
        fail(
            "another `make run`, `make dev` or `make demo` is running in this checkout "
            f"(process {holder}); stop it first (Ctrl+C), or use another checkout."
        )
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getppid()}\n".encode())


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command = argv[0]
    if command == "start":
        cluster = Cluster("run")
        cluster.start()
        print(cluster.url)
    elif command == "stop":
        Cluster("run").stop()
    elif command == "secret-key":
        print(local_secret_key())
    elif command == "lock" and len(argv) == 2 and argv[1].isdecimal():
        lock(int(argv[1]))
    elif command == "url":
        print(Cluster("run").url)
    elif command == "test":
        rest = argv[1:]
        if rest and rest[0] == "--":
            rest = rest[1:]
        if not rest:
            fail("usage: python -m portal.devdb test -- COMMAND [ARGS]")
        digest = hashlib.sha256(f"{PROJECT_DIR}{os.getpid()}".encode()).hexdigest()[:8]
        cluster = Cluster("test", path=base_dir(f"test-{digest}"), throwaway=True)
        try:
            cluster.start()
            env = {**os.environ, "DATABASE_URL": cluster.url}
            return subprocess.run(rest, env=env, check=False).returncode
        finally:
            cluster.stop()
            shutil.rmtree(cluster.dir, ignore_errors=True)
    else:
        fail(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
