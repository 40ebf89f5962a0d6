"""The corpus commands, over a corpus of the fictional exchange."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.corpus import Corpus


@pytest.fixture
def db(tmp_path, analyses) -> str:
    path = str(tmp_path / "corpus.db")
    with Corpus.open(path) as corpus:
        corpus.ingest(analyses)
    return path


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


def test_search_formats(db):
    table = run("search", "minefields", "--db", db, "-f", "table")
    assert table.exit_code == 0
    assert table.output.startswith("1-2 of 2 statements match 'minefields'")
    assert "xos-2024-04-10  2024-04-10  XOS GOV  Statement on the mines in the Marrow Valley" in table.output
    data = json.loads(run("search", "minefields", "--db", db, "--format", "json").output)
    assert data["total"] == 2 and {h["id"] for h in data["hits"]} == {"xos-2024-04-10", "xvl-2024-04-12"}
    hit = data["hits"][0]
    assert [hit["snippet"][a:b] for a, b in hit["marks"]] == ["minefields"] * len(hit["marks"])
    piped = run("search", "minefields", "--db", db)  # not a terminal: JSON Lines
    assert [json.loads(line)["id"] for line in piped.output.splitlines()] == [h["id"] for h in data["hits"]]
    rows = list(csv.DictReader(io.StringIO(run("search", "minefields", "--db", db, "-f", "csv").output)))
    assert [r["id"] for r in rows] == [h["id"] for h in data["hits"]] and rows[0]["issuer"]
    filtered = json.loads(run("search", "", "--db", db, "--issuer", "XVL", "--from", "2024-03", "--to", "2024-04",
                              "-f", "json").output)
    assert [h["id"] for h in filtered["hits"]] == ["xvl-2024-04-12", "xvl-2024-03-05"]


def test_db_from_the_environment(db):
    result = run("search", "Geneva", "-f", "json", env={"COMMUNIQUE_DB": db})
    assert json.loads(result.output)["total"] >= 3


def test_timeline_formats(db, tmp_path):
    table = run("timeline", "--db", db, "--between", "XOS", "XVL")
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert lines[0].startswith("Events between XOS and XVL by month: ")
    assert [line.split()[0] for line in lines[2:]] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    data = json.loads(run("timeline", "--db", db, "--between", "XOS", "XVL", "-f", "json").output)
    assert data["a"] == "XOS" and len(data["periods"]) == 4
    lines = run("timeline", "--db", db, "--between", "XOS", "XVL", "-f", "jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == data["periods"]
    rows = list(csv.DictReader(io.StringIO(run("timeline", "--db", db, "--between", "XOS", "XVL", "-f", "csv").output)))
    total = sum(sum(p["a_to_b"].values()) + sum(p["b_to_a"].values()) for p in data["periods"])
    assert sum(int(r["count"]) for r in rows) == total and {r["source"] for r in rows} == {"XOS", "XVL"}
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("html", b"<!DOCTYPE html>")):
        out = tmp_path / f"t.{fmt}"
        assert run("timeline", "--db", db, "--between", "XOS", "XVL", "-f", fmt, "-o", str(out)).exit_code == 0
        assert out.read_bytes().startswith(magic)
    page = (tmp_path / "t.html").read_text()
    assert "<svg" in page and "<script" not in page and "http" not in page.split("<svg", 1)[0].lower()


def test_thread_and_claims(db):
    table = run("thread", "xvl-2024-01-15", "--db", db, "-f", "table")
    assert table.output.splitlines()[0] == "Thread of 3 statements (root xvl-2024-01-10)"
    assert "-> responds to xos-2024-01-11: reference 'statement made by the Ostravian Foreign Ministry" in table.output
    edges = [json.loads(x) for x in run("thread", "xvl-2024-01-15", "--db", db, "-f", "jsonl").output.splitlines()]
    assert {(e["from_id"], e["to_id"]) for e in edges} == {("xvl-2024-01-15", "xos-2024-01-11"),
                                                          ("xos-2024-01-11", "xvl-2024-01-10")}
    ledger = json.loads(run("claims", "--db", db, "--top", "2", "-f", "json").output)
    assert [c["count"] for c in ledger] == [3, 3]
    assert {c["disputed_by"][0] for c in ledger} == {"XOS GOV", "XVL GOV"}
    table = run("claims", "--db", db, "-f", "table").output
    assert "3x  first seen 2024-01-10  by XVL GOV  disputed by XOS GOV" in table
    rows = list(csv.DictReader(io.StringIO(run("claims", "--db", db, "-f", "csv").output)))
    assert rows[0]["statements"].count(";") == 2
    usage = CliRunner().invoke(cli, ["claims"])
    assert usage.exit_code == 2 and "Missing argument 'FILE...'" in usage.output


def test_export_and_stats(db, tmp_path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv", "--table", "events", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text().splitlines()[0].startswith("statement_id,date,issuer,event_id,type,mode,source,target")
    plover = run("export", "--db", db, "--format", "plover").output.splitlines()
    assert plover and all(json.loads(line)["event"] for line in plover)
    stats = run("stats", "--db", db).output
    assert "12 statements (0 undated), dates 2024-01-10 .. 2024-04-20" in stats
    assert json.loads(run("stats", "--db", db, "-f", "json").output)["counts"]["statements"] == 12
