"""Fixtures for the corpus tests: a database of each back end, and our own
fictional exchange of statements between Ostravia (XOS) and Velmaria (XVL).

PostgreSQL: ``$COMMUNIQUE_TEST_PG`` (a URL) if set; else a throwaway server
started here when ``/usr/lib/postgresql/*/bin/initdb`` exists (run as the
``postgres`` user when the tests run as root; unix socket in a temporary
folder); else the PostgreSQL tests are skipped, or fail when
``$COMMUNIQUE_REQUIRE_PG=1`` (CI sets it). Each test gets its own schema.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from communique.corpus import Corpus

DATA = Path(__file__).parent / "data"
EXCHANGE = DATA / "exchange.jsonl"
ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "examples" / "gazetteer.jsonl"


def _initdb() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL URL for the session, or a skip (a failure with COMMUNIQUE_REQUIRE_PG=1)."""
    url = os.environ.get("COMMUNIQUE_TEST_PG")
    if url:
        yield url
        return
    initdb = _initdb()
    if initdb is None:
        if os.environ.get("COMMUNIQUE_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required (COMMUNIQUE_REQUIRE_PG=1) but no initdb was found")
        pytest.skip("no PostgreSQL server: set COMMUNIQUE_TEST_PG or install postgresql")
    bindir = os.path.dirname(initdb)
    folder = tempfile.mkdtemp(prefix="communique-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = os.path.join(folder, "data")
    try:
        subprocess.run(_as_postgres([initdb, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_postgres([os.path.join(bindir, "pg_ctl"), "-D", data, "-l", os.path.join(folder, "log"),
                                     "-o", f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off",
                                     "-w", "start"]), check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(err, "stderr", b"") or b""
        message = f"cannot start a PostgreSQL server: {err} {detail.decode(errors='replace')[-300:]}"
        if os.environ.get("COMMUNIQUE_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    yield f"postgresql:///postgres?host={folder}&user=postgres"
    subprocess.run(_as_postgres([os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
                   capture_output=True, timeout=60)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh schema in the test server, as a URL whose search_path points at it."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_server else "?"
    yield f"{pg_server}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """Where to open a new, empty corpus: an SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def corpus(db):
    with Corpus.open(db) as c:
        yield c


@pytest.fixture(scope="session")
def records() -> list[dict]:
    return [json.loads(line) for line in EXCHANGE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def analyses(fictional, records):
    """The fictional exchange analysed once (the real pipeline, with the fictional gazetteer)."""
    out = list(fictional.analyze_many(records))
    assert all(not isinstance(a, Exception) for a in out), out
    return out


@pytest.fixture
def filled(corpus, analyses):
    """A corpus holding the analysed exchange (stored as given, no re-analysis)."""
    report = corpus.ingest(analyses)
    assert report.added == len(analyses)
    return corpus
