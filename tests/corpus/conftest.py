"""Fixtures for the corpus tests: a database of each back end, and our own
fictional exchange of statements between Ostravia (XOS) and Velmaria (XVL)
(examples/exchange.jsonl).

PostgreSQL: ``$COMMUNIQUE_TEST_PG`` (a URL) if set; else a throwaway server
started here when ``/usr/lib/postgresql/*/bin/initdb`` exists (run as the
``postgres`` user when the tests run as root; unix socket in a temporary
folder); else the PostgreSQL tests are skipped, or fail when
``$COMMUNIQUE_REQUIRE_PG=1`` (CI sets it). Each test gets its own schema.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from communique.corpus import Corpus
from communique.corpus.pgserver import NoServer, throwaway_server

ROOT = Path(__file__).resolve().parents[2]
EXCHANGE = ROOT / "examples" / "exchange.jsonl"
"""Our own fictional exchange of twelve statements between Ostravia and Velmaria (Jan-Apr 2024)."""
GAZETTEER = ROOT / "examples" / "gazetteer.jsonl"


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL URL for the session, or a skip (a failure with COMMUNIQUE_REQUIRE_PG=1)."""
    url = os.environ.get("COMMUNIQUE_TEST_PG")
    if url:
        yield url
        return
    try:
        with throwaway_server() as url:
            yield url
    except NoServer as err:
        if os.environ.get("COMMUNIQUE_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required (COMMUNIQUE_REQUIRE_PG=1): {err}")
        pytest.skip(str(err))


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
