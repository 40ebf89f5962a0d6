"""Score the sentences written blind for the events layer, per batch, with any
version of the code: the "before" numbers of the README's events round.

    python benchmarks/score_written.py [--split fresh|dev] [--src DIR] [--conventions]

``--src`` puts another checkout's ``src`` folder first on the import path, so
an older commit can be scored against today's gold file (``git worktree add
/tmp/base 7dffe61`` then ``--src /tmp/base/src``); without it the installed
package is scored. Only aggregates are printed, never a sentence, so the fresh
split stays unread. ``--conventions`` also counts the missed gold events whose
place is taken by the type the other coding convention gives (see the README).
``communique eval events`` gives the same type scores for the current code,
with actors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "src" / "communique" / "eval" / "gold" / "events_written.jsonl"
CONVENTIONS = {("RETREAT", "CONCEDE"), ("CONCEDE", "RETREAT"), ("COERCE", "SANCTION"), ("ASSAULT", "COERCE"),
               ("COOPERATE", "AID"), ("ACCUSE", "SANCTION")}
"""(gold type, type predicted instead) pairs where CAMEO2PLOVER-2021 and the 2016
PLOVER records (or PLOVER 2.0's own definitions) code the same act differently."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("fresh", "dev"), default="fresh")
    parser.add_argument("--src", help="a src folder to import communique from (another checkout)")
    parser.add_argument("--conventions", action="store_true", help="count misses that are convention pairs")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    from communique.ingest.records import StatementRecord
    from communique.pipeline import Pipeline

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == args.split]
    pipeline = Pipeline.load()
    counts: dict[str, Counter] = {}
    records = [StatementRecord(text=r["text"], id=r["id"]) for r in rows]
    for row, analysis in zip(rows, pipeline.analyze_many(records, batch_size=32), strict=True):
        predicted = {e.type for e in analysis.events if not e.hypothetical and not e.negated and e.confidence >= 0.5}
        gold = set(row["types"])
        c = counts.setdefault(row["id"][0], Counter())
        c["sentences"] += 1
        c["tp"] += len(gold & predicted)
        c["fp"] += len(predicted - gold)
        c["fn"] += len(gold - predicted)
        c["convention"] += sum(any((g, p) in CONVENTIONS for p in predicted) for g in gold - predicted)
    total = sum(counts.values(), Counter())
    print(f"{args.split} sentences written blind, by batch (communique from {args.src or 'the installed package'})")
    for batch, c in [*sorted(counts.items()), ("all", total)]:
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        extra = f"  misses {c['fn']}, convention pairs {c['convention']}" if args.conventions else ""
        print(f"  {batch:<4} {c['sentences']:>5}  precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}{extra}")


if __name__ == "__main__":
    main()
