"""Web app latency over loopback: statement, search, timeline, thread and ledger pages.

    python benchmarks/bench_web.py --db benchmarks/data/ungdc.db [--n 200] [--out benchmarks/results/web]

Starts the real server (``communique serve --db DB --port 0``) in a subprocess,
then requests pages one after another over one keep-alive HTTP connection, as
a browser would, and reports p50/p95/p99 of the time to the last byte:

- statement page: ``/statements/ID`` for ids drawn at random from the corpus;
- search page: ``/search?q=...`` for a fixed list of queries, with and without
  filters (issuer, event type, dates), first pages and deeper pages;
- timeline page: the HTML page plus the ``/api/timeline`` request its script
  makes (what a reader waits for before the chart appears), for pairs of
  actors that occur in the corpus, by month and by year;
- thread and ledger pages, for completeness.

Every request must answer 200 (a failure is counted and reported). The
corpus is read-only here: nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

HERE = Path(__file__).resolve().parent
QUERIES = [
    "climate change", "nuclear disarmament", "terrorism", "sanctions", "ceasefire", "sovereignty", "refugees",
    "sustainable development", "human rights", "self-determination", "occupation", "peacekeeping", "debt relief",
    "apartheid", "non-proliferation treaty", "Security Council reform", "pandemic", "famine", "small island states",
    "territorial integrity", "colonialism", "arms race", "poverty", "the Charter of the United Nations", "Palestine",
]
FILTERS = [
    {}, {"event_type": "ACCUSE"}, {"date_from": "1990-01-01", "date_to": "1999-12-31"}, {"event_type": "REJECT"},
]
AIMS_MS = {"statement": 200, "search": 200, "timeline": 500}


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    cmd = [sys.executable, "-m", "communique", "serve", "--db", db, "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            raise SystemExit(f"server did not start: {proc.stderr.read().strip()}")
        match = re.search(r"(http://\S+)", line)
        if match:
            return proc, match.group(1).rstrip("/")
    proc.kill()
    raise SystemExit("server did not print its URL within 120 s")


def timed(client: httpx.Client, url: str, failures: list) -> float:
    start = time.perf_counter()
    response = client.get(url)
    _ = response.content
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        failures.append(f"{response.status_code} {url}")
    return elapsed


def sample_ids(client: httpx.Client, n: int, rng: random.Random) -> tuple[list[str], list[str], int]:
    """Random statement ids (by random offsets into an unfiltered search) and the issuers seen."""
    total = client.get("/api/search", params={"limit": 1}).json()["total"]
    ids, issuers = [], []
    for offset in rng.sample(range(total), min(n, total)):
        hit = client.get("/api/search", params={"limit": 1, "offset": offset}).json()["hits"][0]
        ids.append(hit["id"])
        if hit.get("issuer"):
            issuers.append(hit["issuer"].split()[0])
    return ids, issuers, total


def pairs_from(client: httpx.Client, ids: list[str], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """Pairs (source country, target country) of events that occur in sampled statements."""
    seen: dict[tuple[str, str], int] = {}
    for sid in ids:
        analysis = client.get(f"/api/statements/{quote(sid, safe='')}").json()
        for e in analysis.get("events", []):
            if e.get("source") and e.get("target") and e["source"]["country"] != e["target"]["country"]:
                key = (e["source"]["country"], e["target"]["country"])
                seen[key] = seen.get(key, 0) + 1
        if len(seen) >= 4 * n:
            break
    pairs = sorted(seen, key=lambda k: -seen[k])
    return pairs[: n // 2] + rng.sample(pairs[n // 2:], min(len(pairs[n // 2:]), n - n // 2))


def stats_of(ms: list[float]) -> dict:
    ms = sorted(ms)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))]

    return {"n": len(ms), "p50_ms": round(pct(50), 1), "p95_ms": round(pct(95), 1), "p99_ms": round(pct(99), 1),
            "max_ms": round(ms[-1], 1), "mean_ms": round(statistics.fmean(ms), 1)}


def run(db: str, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    load_before = os.getloadavg()[0]
    proc, base = start_server(db)
    failures: list[str] = []
    results: dict[str, list[float]] = {k: [] for k in ("statement", "search", "timeline", "timeline_api", "thread", "ledger")}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            ids, _issuers, total = sample_ids(client, n, rng)
            pairs = pairs_from(client, ids, max(10, n // 10), rng)
            for url in ("/", "/search?q=peace", f"/statements/{quote(ids[0], safe='')}"):  # warm caches and code paths
                timed(client, url, [])
            for sid in ids:
                results["statement"].append(timed(client, f"/statements/{quote(sid, safe='')}", failures))
            searches = [(q, f, page) for q in QUERIES for f in FILTERS for page in (1, 3)]
            rng.shuffle(searches)
            for q, filters, page in searches[:n]:
                results["search"].append(timed(client, "/search?" + urlencode({"q": q, **filters, "page": page}), failures))
            for a, b in pairs:
                for by in ("month", "year"):
                    params = urlencode({"a": a, "b": b, "by": by})
                    page_ms = timed(client, f"/timeline?{params}", failures)
                    api_ms = timed(client, f"/api/timeline?{params}", failures)
                    results["timeline"].append(page_ms + api_ms)
                    results["timeline_api"].append(api_ms)
            for sid in ids[: max(20, n // 5)]:
                results["thread"].append(timed(client, f"/thread/{quote(sid, safe='')}", failures))
            for actor in [None, *{p[0] for p in pairs[:9]}]:
                results["ledger"].append(timed(client, "/ledger" + (f"?actor={actor}" if actor else ""), failures))
            stats = client.get("/api/stats").json()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "db": db, "db_bytes": os.path.getsize(db) if os.path.exists(db) else None, "statements": total,
        "corpus_stats": stats, "timeline_pairs": [f"{a}-{b}" for a, b in pairs],
        "pages": {k: stats_of(v) for k, v in results.items() if v}, "failures": failures,
        "aims_ms_p95": AIMS_MS, "seed": seed,
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def markdown(report: dict) -> str:
    names = {"statement": "statement page", "search": "search page", "timeline": "timeline page (HTML + its API call)",
             "timeline_api": "  of which /api/timeline", "thread": "thread page", "ledger": "claim ledger page"}
    lines = [
        "# Web app latency (benchmarks/bench_web.py)", "",
        f"Corpus: `{report['db']}`, {report['statements']:,} statements"
        + (f", {report['db_bytes'] / 1e9:.2f} GB" if report.get("db_bytes") else "") + ".",
        f"Measured {report['date']} on {report['machine']['platform']}, {report['machine']['cpus']} CPUs, "
        "one client over loopback, sequential requests, time to the last byte; 1-minute load average "
        f"{report['machine']['load_average_1min'][0]} before, {report['machine']['load_average_1min'][1]} after "
        "(other work was running on the machine).", "",
        "| page | n | p50 ms | p95 ms | p99 ms | max ms | aim (p95) |", "|---|---:|---:|---:|---:|---:|---|",
    ]
    for key, s in report["pages"].items():
        aim = AIMS_MS.get(key)
        verdict = f"<= {aim} ms: {'met' if s['p95_ms'] <= aim else 'NOT met'}" if aim else ""
        lines.append(f"| {names[key]} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | {s['max_ms']} | {verdict} |")
    lines += ["", f"Failed requests: {len(report['failures'])}" + (f" (first: {report['failures'][:3]})" if report["failures"] else ""), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the corpus database (SQLite file or postgresql:// URL)")
    parser.add_argument("--n", type=int, default=200, help="statement pages and search pages to request")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(HERE / "results" / "web"), help="writes OUT.json and OUT.md")
    args = parser.parse_args()
    report = run(args.db, args.n, args.seed)
    text = markdown(report)
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
