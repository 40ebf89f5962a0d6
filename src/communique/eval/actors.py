"""``communique eval actors``: precision and recall of country resolution.

Two hand-annotated gold sets (ids, offsets and codes only; the texts are read
from ../shared/data at run time):

* UNSCon: the 899 EDUs of UN Security Council speeches annotated with a
  negative evaluation of a target country. We report (a) how often the
  annotated target country is among the countries resolved in the EDU, over
  all EDUs and over those whose text names the target, and (b) mention-level
  precision and recall against every state-actor mention in those EDUs.
* Singapore MFA: every state-actor mention in a 30-statement sample.

A system mention matches a gold mention when their spans overlap (one-to-one,
largest overlap first); it is correct when the countries agree. A mention lying
inside a matched mention of the same country on the other side is merged into
it (granularity, not an error). Exact-span scores are reported too.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

from communique.errors import CommuniqueError
from communique.eval.data import read_statements
from communique.ingest.records import StatementRecord
from communique.pipeline import Pipeline

GOLD = Path(str(resources.files("communique.eval") / "gold"))

# Dates of the Security Council meetings in UNSCon (office holders are resolved by tenure).
MEETING_DATES = {
    "SPV.7138": "2014-03-15", "SPV.7154": "2014-04-13", "SPV.7165": "2014-04-29",
    "SPV.7219": "2014-07-18", "SPV.7643": "2016-03-11", "SPV.7658": "2016-03-28",
}


def evaluate(shared: Path, *, errors: int = 0, pipeline: Pipeline | None = None) -> dict:
    pipeline = pipeline or Pipeline.load()
    report = {
        "unscon": _unscon(shared, pipeline, errors),
        "sg_mfa": _sg_mfa(shared, pipeline, errors),
    }
    report["overall"] = _scores(
        Counter(report["unscon"]["mentions"]["counts"]) + Counter(report["sg_mfa"]["mentions"]["counts"])
    )
    return report


# -- the two data sets ----------------------------------------------------------
def _unscon(shared: Path, pipeline: Pipeline, errors: int) -> dict:
    path = shared / "conflicts" / "unscon_conflict_annotations.csv"
    gold = _read_jsonl(GOLD / "unsc_negeval_actors.jsonl")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = {f"{r['file_id']}#{r['EDU_char_offsets']}": r for r in csv.DictReader(fh)}
    missing = [g["key"] for g in gold if g["key"] not in rows]
    if missing:
        raise CommuniqueError(f"{path}: {len(missing)} gold EDUs not found (first: {missing[0]}); is the data the same version?")
    records = []
    for g in gold:
        row = rows[g["key"]]
        meeting = re.search(r"SPV\.\d+", row["file_id"])
        day = MEETING_DATES.get(meeting.group(0) if meeting else "", None)
        records.append(StatementRecord(text=row["EDU_text"], id=g["key"], issuer=f"{g['speaker']} GOV", date=day))
    counts = Counter()
    target_all = target_named = named = 0
    misses, alarms = [], []
    for g, analysis in zip(gold, pipeline.analyze_many(records, batch_size=64), strict=True):
        system = [(m.start, m.end, m.actor.country) for m in analysis.mentions]
        gold_m = [(m["start"], m["end"], m["country"]) for m in g["mentions"]]
        counts += _match(system, gold_m, g["key"], analysis.statement.text, misses, alarms)
        found = {c for _s, _e, c in system}
        hit = g["target"] in found
        target_all += hit
        if any(c == g["target"] for _s, _e, c in gold_m):
            named += 1
            target_named += hit
    return {
        "units": len(gold),
        "target_found": {
            "all_edus": _ratio(target_all, len(gold)),
            "edus_naming_target": _ratio(target_named, named),
            "edus_naming_target_n": named,
        },
        "mentions": {"counts": dict(counts), **_scores(counts)},
        "misses": misses[:errors],
        "false_alarms": alarms[:errors],
    }


def _sg_mfa(shared: Path, pipeline: Pipeline, errors: int) -> dict:
    path = shared / "corpora" / "sg_mfa_statements.jsonl"
    gold = _read_jsonl(GOLD / "mfa_singapore_actors.jsonl")
    texts = read_statements(path, {g["id"] for g in gold})
    records, kept = [], []
    for g in gold:
        rec = texts.get(g["id"])
        if rec is None or hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()[:16] != g["text_sha256"]:
            raise CommuniqueError(f"{path}: statement {g['id']} is missing or changed; the gold offsets would not fit")
        # Offsets are into the raw text; our normalisation keeps lengths (checked below).
        records.append(StatementRecord(text=rec["text"], id=rec["id"], title=rec.get("title"),
                                       issuer="SGP GOV", date=rec.get("date"), source=rec.get("url")))
        kept.append(g)
    counts = Counter()
    misses, alarms = [], []
    for g, analysis in zip(kept, pipeline.analyze_many(records, batch_size=8), strict=True):
        if len(analysis.statement.text) != len(texts[g["id"]]["text"]):
            raise CommuniqueError(f"statement {g['id']}: normalisation changed the text length; offsets would not fit")
        system = [(m.start, m.end, m.actor.country) for m in analysis.mentions]
        gold_m = [(m["start"], m["end"], m["country"]) for m in g["mentions"]]
        counts += _match(system, gold_m, g["id"], analysis.statement.text, misses, alarms)
    return {
        "statements": len(kept),
        "mentions": {"counts": dict(counts), **_scores(counts)},
        "misses": misses[:errors],
        "false_alarms": alarms[:errors],
    }


# -- matching and scores --------------------------------------------------------
def _match(system, gold, unit: str, text: str, misses: list, alarms: list) -> Counter:
    """One-to-one overlap matching; returns counts for overlap and exact scoring."""
    pairs = sorted(
        ((min(se, ge) - max(ss, gs), i, j) for i, (ss, se, _) in enumerate(system)
         for j, (gs, ge, _) in enumerate(gold) if min(se, ge) > max(ss, gs)),
        reverse=True,
    )
    used_s, used_g = set(), set()
    c = Counter(system=len(system), gold=len(gold))
    for _overlap, i, j in pairs:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        if system[i][2] == gold[j][2]:
            c["tp"] += 1
            if system[i][:2] == gold[j][:2]:
                c["tp_exact"] += 1
        else:
            alarms.append(_show(unit, text, system[i], f"gold {gold[j][2]}"))
            misses.append(_show(unit, text, gold[j], f"system {system[i][2]}"))
    # Granularity is not an error: a mention inside a matched mention of the
    # same country on the other side ("Ministry of Foreign Affairs" + "Singapore"
    # against one sign-off span) is merged into it, neither hit nor miss.
    matched_s = [system[i] for i in used_s]
    matched_g = [gold[j] for j in used_g]
    for i, s in enumerate(system):
        if i in used_s:
            continue
        if _inside(s, matched_g):
            c["system"] -= 1
        else:
            alarms.append(_show(unit, text, s, "not in gold"))
    for j, g in enumerate(gold):
        if j in used_g:
            continue
        if _inside(g, matched_s):
            c["gold"] -= 1
        else:
            misses.append(_show(unit, text, g, "not found"))
    return c


def _inside(mention, others) -> bool:
    start, end, country = mention
    return any(o[0] <= start and end <= o[1] and o[2] == country for o in others)


def _show(unit: str, text: str, mention, why: str) -> str:
    start, end, country = mention
    left = text[max(0, start - 30):start].replace("\n", " ")
    right = text[end:end + 30].replace("\n", " ")
    return f"{unit} [{country}] …{left}[[{text[start:end]}]]{right}… ({why})"


def _scores(c: Counter) -> dict:
    p = _ratio(c["tp"], c["system"])
    r = _ratio(c["tp"], c["gold"])
    pe = _ratio(c["tp_exact"], c["system"])
    re_ = _ratio(c["tp_exact"], c["gold"])
    return {"precision": p, "recall": r, "f1": _f1(p, r), "exact_precision": pe, "exact_recall": re_}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def format_report(report: dict) -> str:
    u, s, o = report["unscon"], report["sg_mfa"], report["overall"]
    lines = ["Actor resolution (country level; spans match when they overlap)", ""]
    lines.append(f"{'data set':<34} {'precision':>9} {'recall':>7} {'F1':>6} {'exact P':>8} {'exact R':>8} {'gold':>6}")
    for name, block in (("UNSCon NegEval EDUs", u["mentions"]), ("Singapore MFA sample (30)", s["mentions"]), ("overall", o)):
        counts = block.get("counts", {})
        gold = counts.get("gold", "") if counts else ""
        lines.append(
            f"{name:<34} {block['precision']:>9.3f} {block['recall']:>7.3f} {block['f1']:>6.3f} "
            f"{block['exact_precision']:>8.3f} {block['exact_recall']:>8.3f} {gold!s:>6}"
        )
    t = u["target_found"]
    lines += [
        "",
        f"UNSCon target country resolved in the EDU: {t['all_edus']:.3f} of all {u['units']} EDUs, "
        f"{t['edus_naming_target']:.3f} of the {t['edus_naming_target_n']} EDUs whose text names the target",
    ]
    for title, block in (("UNSCon", u), ("Singapore MFA", s)):
        for label, items in (("misses", block["misses"]), ("false alarms", block["false_alarms"])):
            if items:
                lines += ["", f"{title} {label}:"] + [f"  {x}" for x in items]
    return "\n".join(lines)
