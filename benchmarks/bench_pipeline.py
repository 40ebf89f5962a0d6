"""Full communique analysis vs spaCy's own ``nlp.pipe``, side by side, same texts, same run.

    python benchmarks/bench_pipeline.py [--limit N] [--repeat R] [--out benchmarks/results/pipeline.json]

For 1 and 2 processes it runs, each in a fresh subprocess (so peak memory is
measured cleanly): spaCy's English pipeline alone (``nlp.pipe``), communique
with the actors layer only, and communique's full analysis (actors, events,
claims, rhetoric, and the communique/1 record as JSON data). Model loading is timed separately and excluded from throughput. The
texts are the Singapore MFA statements in ../shared/data (read in place).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_texts(limit: int | None) -> list[str]:
    from communique.eval.data import find_shared_data

    path = find_shared_data() / "corpora" / "sg_mfa_statements.jsonl"
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    return texts[:limit] if limit else texts


def worker(kind: str, n_process: int, limit: int | None, repeat: int) -> dict:
    """kind: "spacy", "actors" (communique with the actors layer only) or "full"."""
    texts = load_texts(limit)
    t0 = time.perf_counter()
    if kind == "spacy":
        import spacy

        from communique.pipeline import MODEL

        nlp = spacy.load(MODEL)
        loaded = time.perf_counter()

        def run() -> int:
            return sum(len(doc) for doc in nlp.pipe(texts, n_process=n_process, batch_size=16))
    else:
        from communique.pipeline import LAYERS, Pipeline

        pipeline = Pipeline.load(layers=() if kind == "actors" else LAYERS)
        loaded = time.perf_counter()

        def run() -> int:
            return sum(len(a.to_dict()["mentions"]) for a in pipeline.analyze_many(texts, n_process=n_process, batch_size=16))

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        count = run()
        times.append(time.perf_counter() - start)
    best = min(times)
    layers = {}
    if kind != "spacy":
        spent = dict(pipeline.timings)
        total = sum(spent.values())
        spent["spacy"] -= spent.get("masking", 0.0)  # the pipe's feed runs the masking
        layers = {name: round(value / total, 4) for name, value in spent.items()} if total else {}
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "kind": kind, "n_process": n_process, "statements": len(texts),
        "characters": sum(len(t) for t in texts), "load_s": round(loaded - t0, 2),
        "seconds": round(best, 2), "statements_per_s": round(len(texts) / best, 1),
        "peak_rss_mb_per_process": round(max(self_rss, child_rss), 1), "check": count,
        "share_of_time": layers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N statements")
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration (the best is kept)")
    parser.add_argument("--out", default=str(HERE / "results" / "pipeline.json"))
    parser.add_argument("--worker", choices=("spacy", "actors", "full"), help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.n_process, args.limit, args.repeat)))
        return
    rows = []
    for n in (1, 2):
        for kind in ("spacy", "actors", "full"):
            cmd = [sys.executable, __file__, "--worker", kind, "--n-process", str(n), "--repeat", str(args.repeat)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            print(f"  done: {kind} with {n} process(es): {rows[-1]['seconds']} s", file=sys.stderr)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "rows": rows,
        "ratios": {
            f"{kind}/{n}": round(
                next(r["seconds"] for r in rows if r["kind"] == kind and r["n_process"] == n)
                / next(r["seconds"] for r in rows if r["kind"] == "spacy" and r["n_process"] == n), 3)
            for n in (1, 2) for kind in ("actors", "full")
        },
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    Path(args.out).with_suffix(".md").write_text(table(result) + "\n", encoding="utf-8")
    print(table(result))


def table(result: dict) -> str:
    rows = result["rows"]
    first = rows[0]
    lines = [
        f"{first['statements']} Singapore MFA statements, {first['characters']:,} characters; "
        f"{result['machine']['cpus']} CPUs, Python {result['machine']['python']}",
        "",
        "| pipeline | processes | seconds | statements/s | cost vs spaCy | peak RSS per process (MB) |",
        "|---|---|---|---|---|---|",
    ]
    names = {"spacy": "spaCy nlp.pipe (en_core_web_sm)", "actors": "communique, actors layer only",
             "full": "communique analyze (all layers)"}
    for r in rows:
        ratio = "1.00" if r["kind"] == "spacy" else f"{result['ratios'][r['kind'] + '/' + str(r['n_process'])]:.2f}"
        name = names[r["kind"]]
        lines.append(f"| {name} | {r['n_process']} | {r['seconds']} | {r['statements_per_s']} | {ratio}x | {r['peak_rss_mb_per_process']} |")
    full = next((r for r in rows if r["kind"] == "full" and r["n_process"] == 1), None)
    if full and full["share_of_time"]:
        lines += ["", "Share of the full analysis's time, one process (stages run in the main process):", "",
                  "| stage | share |", "|---|---|"]
        for name, share in sorted(full["share_of_time"].items(), key=lambda kv: -kv[1]):
            lines.append(f"| {name.replace('communique_', '')} layer | {share:.1%} |" if name.startswith("communique_")
                         else f"| {name} | {share:.1%} |")
        lines.append("")
        for name, share in sorted(full["share_of_time"].items(), key=lambda kv: -kv[1]):
            if name.startswith("communique_") and share < 1:
                lines.append(f"- {name.replace('communique_', '')} layer adds {share / (1 - share):.1%} "
                             "to the cost of everything else")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
