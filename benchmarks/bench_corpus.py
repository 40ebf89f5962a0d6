"""Corpus benchmarks: ingest throughput and storage cost, search latency.

    python benchmarks/bench_corpus.py ingest [--sample 200] [--chunks 4]
    python benchmarks/bench_corpus.py search [--db benchmarks/data/ungdc.db] [--queries 100] [--pg URL|auto|none]
    python benchmarks/bench_corpus.py full [--db benchmarks/data/ungdc.db] [--log benchmarks/data/ingest.log]

``ingest``: a fixed random sample of UN General Debate speeches
(../shared/data/corpora/ungdc.jsonl.gz, read in place), analysed by one
pipeline in this process, chunk by chunk, alternating "analyse only" (what
``communique analyze -f jsonl`` does: analyses as JSON lines) and "ingest"
(``Corpus.ingest`` into a fresh SQLite corpus: analysis plus storage), so both
see the same machine load; reports statements/s of each, their ratio and the
database size per 1,000 statements.

``search``: 100 queries made from the corpus itself (seeded: words and
two-word phrases of random stored statements, some with an issuer or date
filter), each run once to warm the caches, then timed (``Corpus.search``
with 20 hits and their snippets): p50 and p95 in milliseconds, on SQLite and
on a PostgreSQL copy (``--pg auto`` starts a throwaway local server and
copies the corpus into it without re-analysing).

``full``: what the full ingest (``bash benchmarks/full_ingest.sh``) did:
statements stored, wall time of its runs, statements/s, size per 1,000.

Results go to benchmarks/results/corpus-<command>.json and .md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DEFAULT_DB = HERE / "data" / "ungdc.db"


def _ungdc() -> Path:
    from communique.eval.data import find_shared_data

    return find_shared_data() / "corpora" / "ungdc.jsonl.gz"


def _machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start"


def _write(name: str, data: dict, markdown: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"corpus-{name}.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"corpus-{name}.md").write_text(markdown, encoding="utf-8")
    print(markdown)


# -- ingest ----------------------------------------------------------------------------------------
def bench_ingest(sample: int, chunks: int, seed: int) -> None:
    from communique.corpus import Corpus
    from communique.pipeline import Pipeline

    with gzip.open(_ungdc(), "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    records = [json.loads(x) for x in random.Random(seed).sample(lines, sample)]
    for r in records:  # what the reader keeps of a UNGDC line (no issuer or date: the same work for both)
        for key in ("iso3", "session", "year"):
            r.pop(key)
    characters = sum(len(r["text"]) for r in records)
    started = time.perf_counter()
    pipeline = Pipeline.load()
    load_s = time.perf_counter() - started
    folder = tempfile.mkdtemp(prefix="bench-corpus-")
    db = os.path.join(folder, "sample.db")
    analyse_s = ingest_s = 0.0
    analysed = []
    size = len(records) // chunks + 1
    with Corpus.open(db) as corpus:
        for i in range(0, len(records), size):
            part = records[i : i + size]
            first, second = ("analyse", "ingest") if (i // size) % 2 == 0 else ("ingest", "analyse")
            for what in (first, second):
                t0 = time.perf_counter()
                if what == "analyse":
                    with open(os.devnull, "w", encoding="utf-8") as out:
                        for a in pipeline.analyze_many(part):
                            out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
                            analysed.append(a)
                    analyse_s += time.perf_counter() - t0
                else:
                    report = corpus.ingest(part, pipeline=pipeline)
                    assert report.added == len(part), report
                    ingest_s += time.perf_counter() - t0
            print(f"  {i + len(part)}/{len(records)}: analyse {analyse_s:.1f} s, ingest {ingest_s:.1f} s", file=sys.stderr)
        stats = corpus.stats()
    # storage alone, timed apart: the same analyses written into another new corpus
    with Corpus.open(os.path.join(folder, "storage.db")) as corpus:
        t0 = time.perf_counter()
        corpus.ingest(analysed, batch_size=16)
        storage_s = time.perf_counter() - t0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_bytes = os.path.getsize(db)
    data = {
        "sample": sample, "seed": seed, "chunks": chunks, "characters": characters, "machine": _machine(),
        "model_load_s": round(load_s, 2),
        "analyse_s": round(analyse_s, 2), "ingest_s": round(ingest_s, 2),
        "analyse_per_s": round(sample / analyse_s, 3), "ingest_per_s": round(sample / ingest_s, 3),
        "ratio": round(ingest_s / analyse_s, 3), "storage_s": round(storage_s, 2),
        "storage_share": round(storage_s / analyse_s, 4),
        "db_bytes": db_bytes, "mb_per_1000": round(db_bytes / sample * 1000 / 1e6, 1),
        "counts": stats["counts"],
    }
    md = (f"Ingest vs analysis alone: {sample} UN General Debate speeches (random sample, seed {seed}), "
          f"{characters:,} characters; {data['machine']}\n\n"
          "| | seconds | statements/s |\n|---|---|---|\n"
          f"| analyse only (communique/1 as JSON lines) | {analyse_s:.1f} | {data['analyse_per_s']:.2f} |\n"
          f"| ingest into SQLite (analysis + storage) | {ingest_s:.1f} | {data['ingest_per_s']:.2f} |\n\n"
          f"Ratio ingest / analyse: {data['ratio']:.3f}. Storing the same {sample} analyses alone, timed apart: "
          f"{storage_s:.1f} s, {100 * data['storage_share']:.1f}% of the analysis time. "
          f"Database: {db_bytes / 1e6:.1f} MB for {sample} statements, {data['mb_per_1000']} MB per 1,000 "
          f"({stats['counts']['claims']:,} claims, {stats['counts']['mentions']:,} mentions, "
          f"{stats['counts']['events']:,} events).\n")
    _write("ingest", data, md)


# -- search ----------------------------------------------------------------------------------------------
_STOP = set("""these those which their there where would could should about after again against among because
before being below between during further having itself other ourselves should through under until while
within without people country countries nations united general assembly states government international world
""".split())


def make_queries(db: str, n: int, seed: int) -> list[dict]:
    """Queries from the stored statements: words and phrases of random statements, some filtered."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [r[0] for r in conn.execute("SELECT n FROM statements ORDER BY n")]
    rnd = random.Random(seed)
    queries = []
    while len(queries) < n:
        row = conn.execute("SELECT text, issuer, date FROM statements WHERE n = ?", (rnd.choice(ids),)).fetchone()
        words = [w for w in re.findall(r"[A-Za-z]{6,}", row[0]) if w.lower() not in _STOP]
        if len(words) < 2:
            continue
        kind = len(queries) % 5
        at = rnd.randrange(len(words) - 1)
        if kind in (0, 1):
            q = {"query": words[at]}
        elif kind in (2, 3):
            q = {"query": f"{words[at]} {rnd.choice(words)}"}
        else:
            pair = re.search(rf"\b{words[at]}\s+([A-Za-z]+)", row[0])
            q = {"query": f'"{words[at]} {pair.group(1)}"' if pair else words[at]}
        if len(queries) % 4 == 3 and row[1]:
            q["issuer"] = row[1]
        if len(queries) % 7 == 6 and row[2]:
            decade = row[2][:3]
            q["date_from"], q["date_to"] = f"{decade}0", f"{decade}9"
        queries.append(q)
    conn.close()
    return queries


def time_queries(target: str, queries: list[dict]) -> dict:
    from communique.corpus import Corpus

    with Corpus.open(target) as corpus:
        count = len(corpus)
        for q in queries:  # warm the caches
            corpus.search(**q)
        times, totals = [], []
        for q in queries:
            t0 = time.perf_counter()
            result = corpus.search(**q)
            times.append((time.perf_counter() - t0) * 1000)
            totals.append(result.total)
    ordered = sorted(times)
    return {
        "statements": count, "queries": len(queries),
        "p50_ms": round(statistics.median(times), 1), "p95_ms": round(ordered[int(0.95 * len(ordered)) - 1], 1),
        "max_ms": round(ordered[-1], 1), "mean_hits_total": round(statistics.mean(totals), 1),
        "no_hits": sum(1 for t in totals if t == 0),
    }


def bench_search(db: str, n: int, seed: int, pg: str) -> None:
    queries = make_queries(db, n, seed)
    runs = {"sqlite": time_queries(db, queries)}
    print(f"sqlite: {runs['sqlite']}", file=sys.stderr)
    if pg != "none":
        runs["postgresql"] = _search_postgres(db, queries, pg)
        print(f"postgresql: {runs['postgresql']}", file=sys.stderr)
    data = {"db": str(db), "seed": seed, "machine": _machine(), **runs}
    rows = "\n".join(f"| {k} | {v['statements']:,} | {v['queries']} | {v['p50_ms']} | {v['p95_ms']} | {v['max_ms']} |"
                     for k, v in runs.items())
    md = (f"Search latency: {n} queries (words and phrases of random stored statements, seed {seed}; a quarter with "
          f"an issuer filter, a seventh with a date range), 20 hits with snippets each, after one warm-up pass; "
          f"{data['machine']}\n\n| back end | statements | queries | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|\n"
          f"{rows}\n")
    _write("search", data, md)


def _search_postgres(db: str, queries: list[dict], pg: str) -> dict:
    from communique.corpus import Corpus

    def run(url: str) -> dict:
        t0 = time.perf_counter()
        with Corpus.open(url) as corpus:
            if len(corpus) == 0:
                report = corpus.ingest([str(db)])
                print(f"copied into PostgreSQL: {report.added} statements in {time.perf_counter() - t0:.0f} s",
                      file=sys.stderr)
        return time_queries(url, queries)

    if pg != "auto":
        return run(pg)
    from communique.corpus.pgserver import throwaway_server

    with throwaway_server(settings=("fsync=off", "full_page_writes=off", "shared_buffers=512MB")) as url:
        return run(url)


# -- the full ingest ----------------------------------------------------------------------------------------
def bench_full(db: str, log: str) -> None:
    from communique.corpus import Corpus

    text = Path(log).read_text(encoding="utf-8") if os.path.exists(log) else ""
    walls = [int(x) for x in re.findall(r"wall_s=(\d+)", text)]
    lines = re.findall(r"^added (\d+), unchanged (\d+).*failed (\d+) in ([\d.]+) s", text, re.M)
    with Corpus.open(db) as corpus:
        stats = corpus.stats()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(db)
    n = stats["counts"]["statements"]
    added = sum(int(x[0]) for x in lines)
    seconds = sum(float(x[3]) for x in lines)
    data = {"db": str(db), "statements": n, "runs": len(lines), "runs_started": text.count("== start"),
            "added_by_finished_runs": added, "seconds_of_finished_runs": round(seconds, 1), "wall_s": walls,
            "per_s": round(added / seconds, 3) if seconds else None, "db_bytes": size,
            "mb_per_1000": round(size / n * 1000 / 1e6, 1) if n else None, "counts": stats["counts"],
            "failed": sum(int(x[2]) for x in lines)}
    md = (f"Full ingest of ungdc.jsonl.gz into SQLite ({db}): {n:,} statements stored; finished runs: {len(lines)} "
          f"of {data['runs_started']} started, {added:,} statements added in {seconds:,.0f} s "
          f"({data['per_s']} statements/s, --jobs 2 at nice 15 on a shared machine), {data['failed']} failed; "
          f"database {size / 1e9:.2f} GB, {data['mb_per_1000']} MB per 1,000 statements.\n")
    _write("full", data, md)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--sample", type=int, default=200)
    p.add_argument("--chunks", type=int, default=4)
    p.add_argument("--seed", type=int, default=6)
    p = sub.add_parser("search")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.add_argument("--queries", type=int, default=100)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--pg", default="auto", help="a postgresql:// URL, 'auto' (a throwaway local server) or 'none'")
    p = sub.add_parser("full")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.add_argument("--log", default=str(HERE / "data" / "ingest.log"))
    args = parser.parse_args()
    if args.command == "ingest":
        bench_ingest(args.sample, args.chunks, args.seed)
    elif args.command == "search":
        bench_search(args.db, args.queries, args.seed, args.pg)
    else:
        bench_full(args.db, args.log)


if __name__ == "__main__":
    main()
