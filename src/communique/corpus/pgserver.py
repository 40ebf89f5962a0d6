"""A throwaway local PostgreSQL server, for the tests and the benchmarks.

``throwaway_server()`` runs Debian's ``initdb`` and ``pg_ctl`` (the newest
``/usr/lib/postgresql/*/bin``) on a temporary folder, listening only on a unix
socket in that folder, and yields its URL; the server and its files are gone
afterwards. Run as root, the server runs as the ``postgres`` user (PostgreSQL
refuses to run as root). Not used by communique itself.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


class NoServer(RuntimeError):
    """PostgreSQL is not installed here, or would not start."""


def initdb_path() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]


@contextmanager
def throwaway_server(*, settings: tuple[str, ...] = ("fsync=off", "full_page_writes=off")) -> Iterator[str]:
    """Start a server for the duration of the block; yield its URL."""
    initdb = initdb_path()
    if initdb is None:
        raise NoServer("no PostgreSQL here (/usr/lib/postgresql/*/bin/initdb): install the postgresql package")
    bindir = os.path.dirname(initdb)
    folder = tempfile.mkdtemp(prefix="communique-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = os.path.join(folder, "data")
    options = f"-k {folder} -c listen_addresses=''" + "".join(f" -c {s}" for s in settings)
    try:
        subprocess.run(_as_postgres([initdb, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_postgres([os.path.join(bindir, "pg_ctl"), "-D", data, "-l", os.path.join(folder, "log"),
                                     "-o", options, "-w", "start"]), check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        shutil.rmtree(folder, ignore_errors=True)
        detail = (getattr(err, "stderr", b"") or b"").decode(errors="replace").strip()[-300:]
        raise NoServer(f"cannot start a PostgreSQL server: {err} {detail}") from None
    try:
        yield f"postgresql:///postgres?host={folder}&user=postgres"
    finally:
        subprocess.run(_as_postgres([os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
