"""Crash safety: a real `communique ingest` killed with SIGKILL, again and again.

The analysis is the lightweight test pipeline (``COMMUNIQUE_LIGHT_PIPELINE``,
see communique/corpus/light.py), so that each process starts fast and the
test spends its time killing and checking, not analysing.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib

import pytest

from tests.conftest import ROOT

RECORDS = 900
KILLS = 20


def _write_input(path) -> None:
    """Statements of our own, some with ids, some without (their ids are hashes),
    and two bad lines that every run reports and skips."""
    rnd = random.Random(6)
    lines = []
    for i in range(RECORDS):
        text = (f"Statement {i} of the Ministry of Foreign Affairs of Ostravia. We note the talks with Velmaria on "
                f"item {rnd.randint(1, 10_000)}. The commission will meet again in week {i % 52}.")
        record = {"text": text, "issuer": "XOS GOV", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        if i % 3:
            record["id"] = f"xos-{i:04d}"
        lines.append(json.dumps(record))
        if i == 100:
            lines.append("{not json")
        if i == 200:
            lines.append(json.dumps({"title": "no text"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _snapshot(db) -> dict[str, tuple]:
    """Every committed statement, checked for consistency on the way."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')")  # raises if out of step
        rows = conn.execute("SELECT n, id, analysis, added_at, text FROM statements").fetchall()
        ids = [r[1] for r in rows]
        assert len(ids) == len(set(ids)), "a statement was stored twice"
        sentences = dict(conn.execute("SELECT statement, count(*) FROM sentences GROUP BY statement").fetchall())
        for n, sid, blob, _added, _text in rows:
            record = json.loads(zlib.decompress(blob))
            assert record["statement"]["id"] == sid
            assert sentences.get(n, 0) == len(record["sentences"]), f"{sid}: derived rows missing"
        assert conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0] == len(rows)
        orphans = conn.execute("SELECT count(*) FROM sentences WHERE statement NOT IN (SELECT n FROM statements)")
        assert orphans.fetchone()[0] == 0
        return {r[1]: (r[2], r[3]) for r in rows}
    finally:
        conn.close()


def _count(db) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path):
    data = tmp_path / "statements.jsonl"
    _write_input(data)
    db = tmp_path / "corpus.db"
    env = {**os.environ, "COMMUNIQUE_LIGHT_PIPELINE": "0.003", "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "communique", "ingest", str(data), "--db", str(db), "--batch-size", "5", "-q"]
    rnd = random.Random(20)
    seen: dict[str, tuple] = {}
    kills = 0
    while kills < KILLS:
        before = _count(db)
        if before >= RECORDS:
            pytest.fail(f"the input ran out after {kills} kills; make RECORDS larger")
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while _count(db) <= before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # wait until this run has committed something ...
        time.sleep(rnd.uniform(0, 0.12))  # ... then kill it at a random point
        if proc.poll() is not None:
            pytest.fail(f"the ingest finished before kill {kills + 1}; make RECORDS larger")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        now = _snapshot(db)
        lost = [sid for sid in seen if sid not in now]
        changed = [sid for sid, row in seen.items() if sid in now and now[sid] != row]
        assert not lost and not changed, (lost, changed)
        seen = now
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    final = _snapshot(db)
    assert len(final) == RECORDS
    assert all(final[sid] == row for sid, row in seen.items())
    assert "failed 2" in done.stdout and f"added {RECORDS - len(seen)}" in done.stdout
    assert done.stderr.count("error:") == 2
    # and once more: nothing to do
    again = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert f"added 0, unchanged {RECORDS}" in again.stdout
    assert kills >= 20
