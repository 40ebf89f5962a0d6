"""``communique eval claims``: quantities, dates and references, measured.

* Quantities and dates: every quantity and date in Singapore MFA statements,
  annotated by hand (ids, offsets and values only; the texts are read from
  ../shared/data), in two sets scored separately: ``development``, 40
  statements (``gold/mfa_singapore_quantities_dates.jsonl``) whose errors were
  read while the extractors were tuned, so its scores are optimistic; and
  ``fresh``, 20 other statements (``gold/mfa_singapore_quantities_dates_fresh.jsonl``)
  annotated afterwards and not used for tuning. A found item is correct when
  it overlaps a gold item and has the same value (quantities: the same
  number; dates: the same ISO value or duration). Precision and recall, and
  how often the counted thing (unit) agrees too.
* References: in every text of ../shared/data/corpora, the UN resolution
  mentions found and the share resolved to an id, with the full index of
  Security Council resolutions imported (into a temporary store, not yours);
  every unresolved form is listed. Only paragraphs that contain the word
  "resolution" are analysed (the finder needs no parse).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from communique.errors import CommuniqueError
from communique.eval.actors import GOLD
from communique.eval.data import read_statements

_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.!?])\n")
_HAS_RESOLUTION = re.compile(r"\bresolutions?\b", re.I)


# -- quantities and dates --------------------------------------------------------
#: The hand-annotated sets, scored separately: name -> gold file in ``GOLD``.
QD_SETS = {
    "development": "mfa_singapore_quantities_dates.jsonl",
    "fresh": "mfa_singapore_quantities_dates_fresh.jsonl",
}


def quantities_and_dates(shared: Path, *, pipeline=None, errors: int = 0,
                         sets: tuple[str, ...] = tuple(QD_SETS)) -> dict:
    """Score the quantity and date finders on each gold set in ``sets``.

    Returns ``{"sets": {name: report}}`` where a report has ``quantities`` and
    ``dates`` scores, ``statements``, and up to ``errors`` ``misses`` and
    ``false_alarms``. When the development set is among ``sets`` its report's
    keys are also repeated at the top level, as this function returned before
    the fresh set existed.
    """
    from communique.pipeline import Pipeline

    unknown = [name for name in sets if name not in QD_SETS]
    if unknown:
        raise CommuniqueError(f"unknown gold set(s) {', '.join(unknown)} (known: {', '.join(QD_SETS)})")
    pipeline = pipeline or Pipeline.load(layers=("claims",))
    report: dict = {"sets": {name: _score_set(shared, GOLD / QD_SETS[name], pipeline, errors) for name in sets}}
    if "development" in report["sets"]:
        report.update(report["sets"]["development"])
    return report


def read_gold(path: Path) -> list[dict]:
    """The records of a quantities-and-dates gold file, or a clear error naming the file and line."""
    if not path.exists():
        raise CommuniqueError(f"{path}: the gold annotations are missing")
    gold = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise CommuniqueError(f"{path}:{n}: not JSON ({exc})") from None
        missing = [k for k in ("id", "text_sha256", "quantities", "dates") if not isinstance(rec, dict) or k not in rec]
        if missing:
            raise CommuniqueError(f"{path}:{n}: not a gold record (missing {', '.join(missing)})")
        gold.append(rec)
    return gold


def _score_set(shared: Path, gold_path: Path, pipeline, errors: int) -> dict:
    gold = read_gold(gold_path)
    texts = read_statements(shared / "corpora" / "sg_mfa_statements.jsonl", {g["id"] for g in gold})
    counts = {"quantities": Counter(), "dates": Counter()}
    misses, alarms = [], []
    for g in gold:
        rec = texts.get(g["id"])
        if rec is None or hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()[:16] != g["text_sha256"]:
            raise CommuniqueError(f"statement {g['id']} is missing or changed in the shared data")
        analysis = pipeline.analyze(rec["text"], date=g.get("date") or rec.get("date"), id=rec["id"])
        text = analysis.statement.text
        found_q = [(q.start, q.end, _num(q.value), (q.unit or "").lower()) for q in analysis.quantities]
        gold_q = [(q["start"], q["end"], _num(q.get("value")), (q.get("unit") or "").lower()) for q in g["quantities"]]
        found_d = [(d.start, d.end, d.value or d.duration, None) for d in analysis.dates]
        gold_d = [(d["start"], d["end"], d.get("value") or d.get("duration"), None) for d in g["dates"]]
        for kind, found, wanted in (("quantities", found_q, gold_q), ("dates", found_d, gold_d)):
            counts[kind] += _match(found, wanted, text, f"{g['id']} {kind}", misses, alarms)
    report: dict = {kind: _scores(c) for kind, c in counts.items()}
    report["statements"] = len(gold)
    report["misses"], report["false_alarms"] = misses[:errors], alarms[:errors]
    return report


def _num(value) -> float | None:
    return None if value is None else round(float(value), 4)


def _match(found, gold, text: str, where: str, misses: list, alarms: list) -> Counter:
    c = Counter(found=len(found), gold=len(gold))
    used: set[int] = set()
    for f in found:
        hit = None
        for j, g in enumerate(gold):
            if j not in used and f[0] < g[1] and g[0] < f[1]:
                hit = j
                break
        if hit is None:
            alarms.append(f"{where}: {text[f[0]:f[1]]!r} -> {f[2]} (not in gold)")
            continue
        used.add(hit)
        g = gold[hit]
        if f[2] == g[2]:
            c["correct"] += 1
            c["unit_correct"] += bool(f[3] is not None and (f[3] == g[3] or f[3] in g[3] or g[3] in f[3]))
        else:
            alarms.append(f"{where}: {text[f[0]:f[1]]!r} -> {f[2]} (gold {g[2]})")
            misses.append(f"{where}: {text[g[0]:g[1]]!r} gold {g[2]} (found {f[2]})")
    for j, g in enumerate(gold):
        if j not in used:
            misses.append(f"{where}: {text[g[0]:g[1]]!r} gold {g[2]} (not found)")
    return c


def _scores(c: Counter) -> dict:
    p = c["correct"] / c["found"] if c["found"] else 0.0
    r = c["correct"] / c["gold"] if c["gold"] else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold": c["gold"], "found": c["found"],
            "unit_agreement": round(c["unit_correct"] / c["correct"], 4) if c["correct"] else 0.0}


# -- references ----------------------------------------------------------------------
def references(shared: Path, *, limit: int | None = None, show: int = 40) -> dict:
    import spacy

    from communique.pipeline import MODEL
    from communique.references.find import find_references
    from communique.references.kb import KnowledgeBase, import_jsonl

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    nlp.add_pipe("sentencizer")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "kb.sqlite"
        imported = import_jsonl(shared / "kb" / "unsc_resolutions.jsonl", store)
        kb = KnowledgeBase.load(store)
        found = resolved = 0
        unresolved: Counter = Counter()
        documents = 0
        for text, day in _corpus_paragraphs(shared / "corpora", limit):
            documents += 1
            doc = nlp(text)
            for ref in find_references(doc, kb, day):
                if ref.kind != "un_resolution":
                    continue
                found += 1
                if ref.ids and all(re.search(r"\(\d{4}\)$|^A/RES/", i) for i in ref.ids):
                    resolved += 1
                else:
                    unresolved[" ".join(ref.text.split())] += 1
    return {
        "index_records_imported": imported, "paragraphs": documents, "resolution_mentions": found,
        "resolved": resolved, "share_resolved": round(resolved / found, 4) if found else 0.0,
        "unresolved_forms": unresolved.most_common(show), "unresolved_distinct": len(unresolved),
    }


def _corpus_paragraphs(folder: Path, limit: int | None) -> Iterator[tuple[str, date | None]]:
    n = 0
    for path in sorted(folder.glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("text") or ""
                if not _HAS_RESOLUTION.search(text):
                    continue
                day = _record_date(rec)
                for para in _PARAGRAPH.split(text):
                    if _HAS_RESOLUTION.search(para):
                        n += 1
                        if limit is not None and n > limit:
                            return
                        yield para.strip(), day


def _record_date(rec: dict) -> date | None:
    if rec.get("date"):
        try:
            return date.fromisoformat(rec["date"][:10])
        except ValueError:
            return None
    if rec.get("year"):
        return date(int(rec["year"]), 9, 30)  # General Debate speeches: late September
    return None


def format_report(qd: dict | None, refs: dict | None) -> str:
    lines = []
    if qd is not None:
        sets = qd.get("sets") or {"development": qd}
        lines.append("Quantities and dates: Singapore MFA statements annotated by hand (development: the 40 whose "
                     "errors were read while tuning, optimistic; fresh: 20 held out)")
        lines.append(f"  {'set':<18} {'':<11} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5} {'found':>6} "
                     f"{'unit agrees':>12}")
        for name, rep in sets.items():
            label = f"{name} ({rep['statements']})"
            for kind in ("quantities", "dates"):
                s = rep[kind]
                unit = f"{s['unit_agreement']:.3f}" if kind == "quantities" else "-"
                lines.append(f"  {label:<18} {kind:<11} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} "
                             f"{s['gold']:>5} {s['found']:>6} {unit:>12}")
                label = ""
        for name, rep in sets.items():
            for key in ("misses", "false_alarms"):
                if rep[key]:
                    lines += [f"  {name} {key}:"] + [f"    {x}" for x in rep[key]]
        lines.append("")
    if refs is not None:
        lines.append(f"UN resolution references in ../shared/data/corpora ({refs['paragraphs']:,} paragraphs naming a "
                     f"resolution; {refs['index_records_imported']:,} Security Council resolutions imported)")
        lines.append(f"  mentions found {refs['resolution_mentions']:,}, resolved to an id {refs['resolved']:,} "
                     f"({refs['share_resolved']:.1%}); {refs['unresolved_distinct']:,} distinct unresolved forms, most frequent:")
        lines += [f"    {n:>5}  {form}" for form, n in refs["unresolved_forms"]]
    return "\n".join(lines)
