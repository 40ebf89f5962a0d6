"""Bad databases: one clear line, never a traceback, nothing committed lost."""

from __future__ import annotations

import sqlite3

import pytest

from communique.corpus import Corpus
from communique.errors import StoreError


def _one_line(err: Exception) -> str:
    text = str(err)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_a_file_that_is_not_a_database(tmp_path, run_cli):
    path = tmp_path / "corpus.db"
    path.write_bytes(b"these are not the pages of an SQLite database" * 100)
    with pytest.raises(StoreError) as err:
        Corpus.open(path)
    assert _one_line(err.value) == f"{path}: not a communique corpus (the file is not an SQLite database)"
    cli = run_cli("search", "ceasefire", "--db", str(path))
    assert cli.returncode == 1
    assert cli.stderr == f"error: {path}: not a communique corpus (the file is not an SQLite database)\n"


def test_an_sqlite_database_of_something_else(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(StoreError, match="not a communique corpus"):
        Corpus.open(path)
    with sqlite3.connect(path) as conn:  # and it was left alone
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["songs"]


def test_a_corrupt_corpus(tmp_path, analyses, run_cli):
    path = tmp_path / "corpus.db"
    with Corpus.open(path) as corpus:
        corpus.ingest(analyses)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for at in range(8192, len(data), 4096):  # scribble over every page but the first two
        data[at + 100 : at + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        with Corpus.open(path) as corpus:
            corpus.search("ceasefire")
            corpus.ledger()
    assert _one_line(err.value).startswith(f"{path}: ")
    cli = run_cli("search", "ceasefire", "--db", str(path))
    assert cli.returncode == 1 and cli.stderr.startswith("error: ") and cli.stderr.count("\n") == 1


def test_a_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="no such folder"):
        Corpus.open(tmp_path / "missing" / "corpus.db")


def test_an_unreachable_postgresql_server(run_cli):
    url = "postgresql://reader:secret@127.0.0.1:9/corpus"
    with pytest.raises(StoreError) as err:
        Corpus.open(url)
    message = _one_line(err.value)
    assert message.startswith("postgresql://reader:***@127.0.0.1:9/corpus: cannot connect to PostgreSQL")
    assert "secret" not in message
    cli = run_cli("stats", "--db", url)
    assert cli.returncode == 1 and cli.stderr.count("\n") == 1 and "cannot connect" in cli.stderr


def test_bad_arguments_are_one_line_too(tmp_path, run_cli):
    db = str(tmp_path / "c.db")
    bad_date = run_cli("search", "x", "--db", db, "--from", "March")
    assert bad_date.returncode == 1
    assert bad_date.stderr == "error: date_from 'March': give a date as YYYY-MM-DD, YYYY-MM or YYYY\n"
    only_excluded = run_cli("search", "--db", db, "--", "-ceasefire")
    assert only_excluded.returncode == 1 and "at least one word" in only_excluded.stderr
    no_db = run_cli("search", "x")
    assert no_db.returncode == 2 and "--db" in no_db.stderr
    unknown = run_cli("thread", "nope", "--db", db)
    assert unknown.returncode == 1 and unknown.stderr == f"error: nope: no such statement in {db}\n"
