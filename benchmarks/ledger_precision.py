"""Precision of the claim ledger's clusters, checked by hand.

    python benchmarks/ledger_precision.py sample --db benchmarks/data/ungdc.db --n 100 --seed 1 -o pairs.jsonl --show
    python benchmarks/ledger_precision.py score benchmarks/results/ledger_pairs.jsonl --db benchmarks/data/ungdc.db
    python benchmarks/ledger_precision.py bands --db benchmarks/data/ungdc.db --per-band 12 -o bands.jsonl --show
    python benchmarks/ledger_precision.py disputes --db benchmarks/data/ungdc.db --n 30 --seed 1 -o disputes.jsonl --show

``sample`` draws ``n`` clusters of at least two claims (uniformly, seeded) and
one random pair of claims in each, and writes one line per pair with the ids
only (statement id and claim id of each side, the cluster, their shingle
Jaccard similarity) and an empty ``verdict``; ``--show`` prints the two claims
on the terminal so that a reader can fill in the verdicts: "same" when the two
sentences make the same claim (the same proposition about the same actors,
repeated or reworded), "different" otherwise. ``score`` reads a file with
verdicts and reports the precision (and how many pairs the corpus still puts
in one cluster). ``bands`` draws pairs of claims with equal keys (same actors,
same numbers) at each band of similarity, clustered or not, to choose the
threshold (``communique.corpus.ledger.THRESHOLD``) by the precision measured
in each band. ``disputes`` draws disputed clusters and one disputing claim of
each (verdict "dispute" or "no"); ``score`` reads those files too.

The committed file holds ids and verdicts only: the claims are the shared
data's sentences, which stay out of the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

from communique.corpus import Corpus, ledger


def _claims(corpus: Corpus, ks: list[int]) -> dict[int, dict]:
    rows = corpus.backend.ids_in(
        "c.k", "claims c JOIN statements s ON s.n = c.statement", ks,
        "c.k, s.id, c.claim_id, s.issuer, s.date, c.char_start, c.char_end, c.key, c.shingles, c.cluster, s.n")
    out = {}
    for k, sid, cid, issuer, date, start, end, key, blob, cluster, n in rows:
        out[k] = {"k": k, "id": f"{sid}#{cid}", "issuer": issuer, "date": date, "start": start, "end": end,
                  "key": key, "shingles": ledger.from_blob(blob), "cluster": cluster, "n": n}
    return out


def _text(corpus: Corpus, claim: dict) -> str:
    text = corpus.backend.one("SELECT text FROM statements WHERE n = ?", (claim["n"],))[0]
    return " ".join(text[claim["start"] : claim["end"]].split())


def _show(corpus: Corpus, i: int, a: dict, b: dict, similarity: float) -> None:
    print(f"\n[{i}] jaccard {similarity:.2f}  key {a['key']}")
    for side, claim in (("A", a), ("B", b)):
        head = f"  {side} {claim['id']} ({claim['issuer']}, {claim['date']}): "
        print(textwrap.fill(_text(corpus, claim), width=140, initial_indent=head, subsequent_indent=" " * 6))


def sample(db: str, n: int, seed: int, out: str | None, show: bool) -> None:
    with Corpus.open(db) as corpus:
        clusters = [r[0] for r in corpus.backend.query(
            "SELECT cluster FROM claims GROUP BY cluster HAVING count(*) >= 2 ORDER BY cluster")]
        rnd = random.Random(seed)
        chosen = rnd.sample(clusters, min(n, len(clusters)))
        lines = []
        for i, cluster in enumerate(chosen, start=1):
            ks = [r[0] for r in corpus.backend.query("SELECT k FROM claims WHERE cluster = ? ORDER BY k", (cluster,))]
            ka, kb = rnd.sample(ks, 2)
            claims = _claims(corpus, [ka, kb])
            a, b = claims[ka], claims[kb]
            similarity = ledger.jaccard(a["shingles"], b["shingles"])
            lines.append({"cluster": cluster, "a": a["id"], "b": b["id"], "jaccard": round(similarity, 3),
                          "verdict": None})
            if show:
                _show(corpus, i, a, b, similarity)
    _write(lines, out)
    print(f"\n{len(lines)} pairs from {len(clusters)} clusters of two or more claims", file=sys.stderr)


def bands(db: str, per_band: int, seed: int, out: str | None, show: bool) -> None:
    """Pairs of claims with equal keys that meet in a minhash band, by similarity band."""
    with Corpus.open(db) as corpus:
        buckets: dict[int, list[int]] = defaultdict(list)
        for band, k in corpus.backend.query("SELECT band, claim FROM claim_bands"):
            buckets[band].append(k)
        pairs = set()
        for ks in buckets.values():
            ks = sorted(ks)[:60]
            pairs.update((x, y) for i, x in enumerate(ks) for y in ks[i + 1 :])
        pairs = sorted(pairs)
        claims = _claims(corpus, sorted({k for p in pairs for k in p}))
        by_band: dict[float, list[tuple]] = defaultdict(list)
        for x, y in pairs:
            a, b = claims.get(x), claims.get(y)
            if a is None or b is None or a["key"] != b["key"] or a["n"] == b["n"]:
                continue
            similarity = ledger.jaccard(a["shingles"], b["shingles"])
            if similarity >= 0.3:
                by_band[min(0.9, int(similarity * 10) / 10)].append((a, b, similarity))
        rnd = random.Random(seed)
        lines = []
        for low in sorted(by_band):
            chosen = rnd.sample(by_band[low], min(per_band, len(by_band[low])))
            print(f"\n== band {low:.1f}-{low + 0.1:.1f}: {len(by_band[low])} pairs, {len(chosen)} drawn", file=sys.stderr)
            for a, b, similarity in chosen:
                lines.append({"band": low, "a": a["id"], "b": b["id"], "jaccard": round(similarity, 3), "verdict": None})
                if show:
                    _show(corpus, len(lines), a, b, similarity)
    _write(lines, out)


def disputes(db: str, n: int, seed: int, out: str | None, show: bool) -> None:
    """Disputes as the ledger lists them: clusters of two or more claims drawn at
    random (seeded), each cluster's disputing claims found (stored as claims
    arrived, and through the full-text index), one pair drawn per disputed
    cluster: a claim of the cluster and a claim disputing it. Verdict "dispute"
    when the second denies or rejects what the first says, "no" otherwise."""
    with Corpus.open(db) as corpus:
        b = corpus.backend
        clusters = [r[0] for r in b.query(
            "SELECT cluster FROM claims GROUP BY cluster HAVING count(*) >= 2 ORDER BY cluster")]
        rnd = random.Random(seed)
        rnd.shuffle(clusters)
        lines, looked = [], 0
        for cluster in clusters:
            if len(lines) >= n:
                break
            looked += 1
            rows = b.query("SELECT s.n, c.char_start, c.char_end, s.issuer_country, c.key, c.shingles, c.k "
                           "FROM claims c JOIN statements s ON s.n = c.statement WHERE c.cluster = ? "
                           "ORDER BY s.date, c.k", (cluster,))
            members = [(r[0], r[1], r[2], r[3], r[4], ledger.from_blob(r[5])) for r in rows]
            stored = [r[0] for r in b.query("SELECT claim FROM claim_disputes WHERE cluster = ?", (cluster,))]
            found = stored + [k for _issuer, k in ledger.find_dispute_claims(corpus, cluster, members)]
            if not found:
                continue
            denial_k = rnd.choice(sorted(set(found)))
            claim_k = rows[0][6]
            claims = _claims(corpus, [claim_k, denial_k])
            a, d = claims[claim_k], claims[denial_k]
            lines.append({"cluster": cluster, "claim": a["id"], "denial": d["id"], "verdict": None})
            if show:
                _show(corpus, len(lines), a, d, ledger.jaccard(a["shingles"], d["shingles"]))
    _write(lines, out)
    print(f"\n{len(lines)} disputed clusters found among {looked} clusters of two or more claims drawn",
          file=sys.stderr)


def score(path: str, db: str | None) -> None:
    lines = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    judged = [x for x in lines if x.get("verdict") in ("same", "different", "dispute", "no")]
    same = sum(1 for x in judged if x["verdict"] in ("same", "dispute"))
    report = {"pairs": len(lines), "judged": len(judged), "same": same,
              "precision": round(same / len(judged), 3) if judged else None}
    if any("band" in x for x in judged):
        by_band = defaultdict(lambda: [0, 0])
        for x in judged:
            by_band[x["band"]][0] += x["verdict"] == "same"
            by_band[x["band"]][1] += 1
        report["by_band"] = {f"{b:.1f}": {"same": s, "judged": t, "precision": round(s / t, 3)}
                             for b, (s, t) in sorted(by_band.items())}
        report["at_or_above"] = {f"{b:.1f}": round(sum(s for bb, (s, t) in by_band.items() if bb >= b)
                                                   / sum(t for bb, (s, t) in by_band.items() if bb >= b), 3)
                                 for b in sorted(by_band)}
    if db and all("a" in x for x in judged):
        with Corpus.open(db) as corpus:
            together = together_same = 0
            for x in judged:
                found = []
                for ref in (x["a"], x["b"]):
                    sid, cid = ref.rsplit("#", 1)
                    row = corpus.backend.one("SELECT c.cluster FROM claims c JOIN statements s ON s.n = c.statement "
                                             "WHERE s.id = ? AND c.claim_id = ?", (sid, cid))
                    found.append(row[0] if row else None)
                if found[0] is not None and found[0] == found[1]:
                    together += 1
                    together_same += x["verdict"] in ("same", "dispute")
            report["still_clustered_together"] = together
            # precision of the pairs the clusters still hold (the judged pairs were drawn from older clusters)
            report["still_together_same"] = together_same
            report["still_together_precision"] = round(together_same / together, 3) if together else None
            report["threshold"] = ledger.THRESHOLD
    print(json.dumps(report, indent=2))


def _write(lines: list[dict], out: str | None) -> None:
    text = "".join(json.dumps(x) + "\n" for x in lines)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for command, size, default in (("sample", "--n", 100), ("bands", "--per-band", 12), ("disputes", "--n", 30)):
        p = sub.add_parser(command)
        p.add_argument("--db", required=True)
        p.add_argument(size, type=int, default=default, dest="size")
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("-o", "--out")
        p.add_argument("--show", action="store_true")
    p = sub.add_parser("score")
    p.add_argument("path")
    p.add_argument("--db")
    args = parser.parse_args()
    if args.command == "score":
        score(args.path, args.db)
    else:
        run = {"sample": sample, "bands": bands, "disputes": disputes}[args.command]
        run(args.db, args.size, args.seed, args.out, args.show)


if __name__ == "__main__":
    main()
