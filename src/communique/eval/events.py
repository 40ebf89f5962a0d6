"""``communique eval events``: PLOVER event coding against gold-standard records.

* PLOVER GSR (``plover_gsr_cameo.json``): 322 CAMEO-manual example sentences,
  each with one gold event (PLOVER 0.5b1 type names, mapped to today's: DEMAND
  -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT, and COERCE
  of mode destroy -> ASSAULT, see :data:`MOVED_MODES`) and its source and target
  actors. Per sentence, the predicted event types are
  compared with the gold type: precision, recall and F1 per type and overall.
  Only asserted events count: an event marked hypothetical (requested,
  possible, alleged) or negated is not a claim that it happened, and events
  told in passing (confidence below 0.5: relative clauses, participles) are
  not what the sentence reports.
  On correctly typed events, source and target accuracy: the predicted actor's
  country is one of the gold actors' countries (the records' IGO also matches
  today's UNO and EUR, and CAMEO's JAP, ITL and VTN match JPN, ITA and VNM).
* PETRARCH unit-test records (``PETR.UnitTest.records.xml``): feature tests
  with invented states (Arnor, Gondor); ``gold/petrarch_states.jsonl`` is our
  own small gazetteer of them.
* PETRARCH validation records (``PETR2_GSR_validation.xml``): real news
  sentences with CAMEO codings; each CAMEO code is mapped to its PLOVER type
  with ``CAMEO2PLOVER-2021.txt`` and compared in the same way, with actors
  compared by their first three letters (the country).

The PLOVER GSR is also what the lexicon is tuned on, so it is split in two
halves by record id (:func:`gsr_half`: the parity of the SHA-256 of the id):
a *tune* half whose errors may be read and fixed, and a *held-out* half of
which only the aggregate numbers are ever looked at. The report gives the
whole set and both halves; the error lists (``--errors``) come from the tune
half only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from communique.eval.actors import GOLD
from communique.events.plover import OLD_NAMES, TYPES
from communique.ingest.records import StatementRecord
from communique.pipeline import Pipeline

MIN_CONFIDENCE = 0.5
"""Events told in passing (relative clauses, participles) get a lower confidence;
like PETRARCH, the evaluation codes the events a sentence is about."""


def evaluate(shared: Path, *, errors: int = 0, pipeline: Pipeline | None = None, tune_only: bool = False) -> dict:
    """Every evaluation of the events layer. With ``tune_only``, the PLOVER records
    and UNSCon are scored on their tune halves only: no held-out number (nor a
    whole-set one, from which it could be worked out) is computed."""
    pipeline = pipeline or Pipeline.load()
    return {
        "plover_gsr": _gsr(shared, pipeline, errors, tune_only=tune_only),
        "petrarch2_gsr": _petrarch(shared=shared, pipeline=pipeline, errors=errors),
        # the unit tests name invented states (Arnor, Gondor): our own small gazetteer of them
        "petrarch_unit": _petrarch(_with_invented_states(pipeline), pipeline=None, errors=errors, shared=shared,
                                   name="PETR.UnitTest.records.xml"),
        "unscon": unscon_conflicts(shared, pipeline, errors, tune_only=tune_only),
        "written": written(pipeline, errors, tune_only=tune_only),
    }


WRITTEN = GOLD / "events_written.jsonl"
"""News-style sentences written for us by helpers who had not seen the layer's
rules, lexicon or tests, each with its CAMEO code, the PLOVER type
``CAMEO2PLOVER-2021.txt`` gives that code, and its source and target countries
(see ``gold/README.md``). ``fresh`` sentences (a third of the first four
batches, by the SHA-256 of the id, and all of batch Z) are never read and are
scored only as aggregates; the rest (``dev``) were read and their errors fixed."""


def written(pipeline: Pipeline, errors: int = 0, *, tune_only: bool = False, path: Path = WRITTEN) -> dict:
    """The sentences written blind, scored like the GSR: per split (dev, and fresh
    unless ``tune_only``); error lists from dev only."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    splits = ("dev",) if tune_only else ("dev", "fresh")
    items = [{"id": r["id"], "text": r["text"], "date": None, "types": set(r["types"]),
              "sources": {r["source"]} - {""}, "targets": {r["target"]} - {""}, "half": r["split"]}
             for r in rows if r["split"] in splits]
    outcomes = _outcomes(items, pipeline)
    return {"tune_only": tune_only,
            **{split: _aggregate([o for o in outcomes if o["half"] == split], errors if split == "dev" else 0)
               for split in splits}}


MOVED_MODES = {("COERCE", "destroy"): "ASSAULT"}
"""0.5b1 modes whose events today's PLOVER files under another type: destroying
property was a COERCE mode in 0.5b1 and is an ASSAULT mode ("destroy") in PLOVER 2.0
(and CAMEO2PLOVER-2021 maps CAMEO 1712, destroy property, to ASSAULT). The records
give their mode, so they are mapped by it, like the renamed types of ``OLD_NAMES``."""



def todays_type(event: str, mode: str | None) -> str:
    """A 0.5b1 gold event type (and mode) in today's PLOVER types."""
    name, _mode = OLD_NAMES.get(event, (event, None))
    return MOVED_MODES.get((name, mode), name)


UNKNOWN = "---"
"""The country of an actor the text does not place (``events.component.UNKNOWN_COUNTRY``):
an event against one is against no country."""
CONFLICT = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def unscon_conflicts(shared: Path, pipeline: Pipeline, errors: int = 0, *, tune_only: bool = False) -> dict:
    """UN Security Council clauses (EDUs) annotated as a direct negative
    evaluation of a target country should yield a conflict event from the
    speaker's state against that country. Recall over those clauses;
    precision over the clauses where such an event is found (correct when the
    clause is annotated as a negative evaluation, direct or indirect, of that
    country). Each clause is analysed alone, with the speaker as issuer.
    Like the GSR, the speeches are split in two halves by the SHA-256 of their
    file name (:func:`gsr_half`); error lists come from the tune half only."""
    import csv

    with (shared / "conflicts" / "unscon_conflict_annotations.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    gaz = pipeline.gazetteer
    units, records = [], []
    for row in rows:
        speaker = _speaker(row["file_id"], gaz)
        if speaker is None:
            continue
        if tune_only and gsr_half(row["file_id"]) != TUNE:
            continue
        target = _country(row["A4"], gaz) if row["A0"] not in ("_", "") else None
        units.append({"key": f"{row['file_id']}#{row['EDU_char_offsets']}", "speaker": speaker,
                      "negative": row["A0"], "target": target, "text": row["EDU_text"],
                      "half": gsr_half(row["file_id"])})
        meeting = re.search(r"SPV\.\d+", row["file_id"])
        from communique.eval.actors import MEETING_DATES

        records.append(StatementRecord(text=row["EDU_text"], id=units[-1]["key"], issuer=f"{speaker} GOV",
                                       date=MEETING_DATES.get(meeting.group(0) if meeting else "", None)))
    c = Counter()
    by_half = {TUNE: Counter()} if tune_only else {TUNE: Counter(), HELD_OUT: Counter()}
    misses, alarms = [], []
    for unit, analysis in zip(units, pipeline.analyze_many(records, batch_size=64), strict=True):
        h = by_half[unit["half"]]
        against = {e.target.country for e in analysis.events
                   if e.type in CONFLICT and not e.negated and e.source and e.target
                   and e.source.country == unit["speaker"] and e.target.country not in (unit["speaker"], UNKNOWN)}
        direct = unit["negative"] == "Direct_NegEval" and unit["target"] is not None
        tune = unit["half"] == TUNE
        if direct:
            c["gold"] += 1
            h["gold"] += 1
            if unit["target"] in against:
                c["recalled"] += 1
                h["recalled"] += 1
            elif tune:
                misses.append(f"{unit['key']} target {unit['target']}: {unit['text'][:140]}")
        for country in against:
            c["predicted"] += 1
            h["predicted"] += 1
            if unit["target"] == country:
                c["correct"] += 1
                h["correct"] += 1
            elif tune:
                alarms.append(f"{unit['key']} predicted {country} (gold {unit['target']}): {unit['text'][:140]}")
    return {
        "clauses": len(units), "direct_negative_evaluations": c["gold"],
        "recall": _ratio(c["recalled"], c["gold"]), "precision": _ratio(c["correct"], c["predicted"]),
        "predicted": c["predicted"],
        "halves": {name: {"clauses": sum(1 for u in units if u["half"] == name),
                          "direct_negative_evaluations": k["gold"], "recall": _ratio(k["recalled"], k["gold"]),
                          "precision": _ratio(k["correct"], k["predicted"]), "predicted": k["predicted"]}
                   for name, k in by_half.items()},
        "misses": misses[:errors], "false_alarms": alarms[:errors], "tune_only": tune_only,
    }


def _speaker(file_id: str, gaz) -> str | None:
    m = re.search(r"_spch\d+_(.+?)(?:_neg)?_\d+(?:_GD)?\.txt$", file_id)
    if not m:
        return None
    name = re.sub(r"\d+$", "", m.group(1))
    for candidate in (name, name[:-1]):
        country = _country(candidate, gaz)
        if country is not None:
            return country
    return None


def _country(name: str, gaz) -> str | None:
    targets = gaz.lookup_name(name.replace("_", " "))
    return targets[0].country if targets and targets[0].role == "name" else None


TUNE, HELD_OUT = "tune", "held_out"


def gsr_half(record_id: str) -> str:
    """Which half of a gold set a record is in: 'tune' (even SHA-256 of its id)
    or 'held_out' (odd). Deterministic, and independent of the record's content.
    Used for the PLOVER GSR records (by record id) and the UNSCon speeches (by file)."""
    return TUNE if int(hashlib.sha256(record_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else HELD_OUT


def _gsr(shared: Path, pipeline: Pipeline, errors: int, *, tune_only: bool = False) -> dict:
    records = json.loads((shared / "events" / "plover_gsr_cameo.json").read_text(encoding="utf-8"))
    records = [r for r in records if r.get("event") and r.get("text") and isinstance(r.get("source"), list)]
    placeholder = placeholder_date([r.get("date") for r in records])
    items = []
    for r in records:
        gold_type = todays_type(r["event"], r.get("mode"))
        items.append({
            "id": r["id"], "text": r["text"], "date": None if r.get("date") == placeholder else r.get("date"),
            "type": gold_type,
            "sources": {a.get("code") for a in r.get("source") or [] if isinstance(a, dict) and a.get("code")},
            "targets": {a.get("code") for a in r.get("target") or [] if isinstance(a, dict) and a.get("code")},
            "half": gsr_half(r["id"]),
        })
    if tune_only:
        report = _score([i for i in items if i["half"] == TUNE], pipeline, errors)
        report["tune_only"] = True
        return report
    return _score(items, pipeline, errors, halves=True)


def placeholder_date(dates: list[str | None]) -> str | None:
    """The date a gold set gives every record when it has none (the PLOVER GSR
    dates all its example sentences, written from news of several decades,
    2000-01-01): a date shared by nine records in ten of a set of more than
    twenty. Such a date is not the sentence's, and analysing with it would place
    office holders in office on the wrong day ("Prime Minister Sharon" is
    nobody on 2000-01-01), so those records are analysed undated."""
    counts = Counter(d for d in dates if d)
    if len(dates) <= 20 or not counts:
        return None
    value, n = counts.most_common(1)[0]
    return value if n >= 0.9 * len(dates) else None


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|</Validation>)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def petrarch_records(path: Path) -> list[dict]:
    """Sentences and codings of a PETRARCH validation file (read with regular
    expressions: one of the files is not well-formed XML)."""
    out = []
    for attrs, body in _SENTENCE.findall(path.read_text(encoding="utf-8")):
        meta = dict(_ATTR.findall(attrs))
        text = _TEXT.search(body)
        codings = [dict(_ATTR.findall(c)) for c in _CODING.findall(body)]
        if text and codings and meta.get("sentence", "true") != "false":
            out.append({"id": meta.get("id"), "date": _petr_date(meta.get("date")),
                        "text": " ".join(text.group(1).split()), "codings": codings})
    return out


def _with_invented_states(pipeline: Pipeline) -> Pipeline:
    return Pipeline.load(gazetteers=[str(GOLD / "petrarch_states.jsonl")])


def _petrarch(invented: Pipeline | None = None, *, shared: Path, pipeline: Pipeline | None, errors: int,
              name: str = "PETR2_GSR_validation.xml", actors: bool = True) -> dict:
    pipeline = invented or pipeline
    mapping = cameo_to_plover(shared / "events" / "CAMEO2PLOVER-2021.txt")
    items = []
    for sent in petrarch_records(shared / "events" / name):
        for coding in sent["codings"]:
            plover = _plover_type(mapping, coding.get("eventcode", ""))
            if plover is None:
                continue
            items.append({
                "id": sent["id"], "text": sent["text"], "date": sent["date"], "type": plover,
                "sources": {coding.get("sourcecode", "")[:3]} if actors else set(),
                "targets": {coding.get("targetcode", "")[:3]} if actors else set(),
            })
    # one unit per sentence: its gold types are the set of its codings' types
    merged: dict[str, dict] = {}
    for item in items:
        unit = merged.setdefault(item["id"], {**item, "types": set(), "sources": set(), "targets": set()})
        unit["types"].add(item["type"])
        unit["sources"] |= item["sources"]
        unit["targets"] |= item["targets"]
    return _score(list(merged.values()), pipeline, errors)


def _score(items: list[dict], pipeline: Pipeline, errors: int, *, halves: bool = False) -> dict:
    """Score the pipeline's events against the items' gold types and actors. With
    ``halves``, the items carry a ``half`` and the report adds one block per half;
    its error lists then come from the tune half only."""
    outcomes = _outcomes(items, pipeline)
    report = _aggregate(outcomes, errors if not halves else 0)
    if halves:
        report["halves"] = {h: _aggregate([o for o in outcomes if o["half"] == h], 0) for h in (TUNE, HELD_OUT)}
        for h in report["halves"].values():
            del h["misses"], h["false_alarms"]
        tune = _aggregate([o for o in outcomes if o["half"] == TUNE], errors)
        report["misses"], report["false_alarms"] = tune["misses"], tune["false_alarms"]
    return report


def _outcomes(items: list[dict], pipeline: Pipeline) -> list[dict]:
    records = [StatementRecord(text=i["text"], id=i["id"], date=i.get("date")) for i in items]
    outcomes = []
    for item, analysis in zip(items, pipeline.analyze_many(records, batch_size=32), strict=True):
        gold = item.get("types") or {item["type"]}
        # gold records code what happened: hypothetical and negated events are not claims that it did
        asserted = [e for e in analysis.events if not e.hypothetical and not e.negated and e.confidence >= MIN_CONFIDENCE]
        outcomes.append(_outcome(item, gold, asserted))
    return outcomes


def _outcome(item: dict, gold: set[str], asserted: list) -> dict:
    predicted = {e.type for e in asserted}
    roles = Counter()
    for t in predicted & gold:
        typed = [e for e in asserted if e.type == t]
        roles["typed"] += 1
        roles["source_ok"] += any(e.source and e.source.country in _countries(item["sources"]) for e in typed)
        roles["target_ok"] += any(e.target and e.target.country in _countries(item["targets"]) for e in typed)
        roles["source_gold"] += bool(item["sources"])
        roles["target_gold"] += bool(item["targets"])
    miss = f"{item['id']} gold {sorted(gold)} predicted {sorted(predicted)}: {item['text'][:160]}" if gold - predicted else None
    alarm = (f"{item['id']} predicted {sorted(predicted - gold)} gold {sorted(gold)}: {item['text'][:160]}"
             if predicted - gold else None)
    return {"half": item.get("half"), "gold": gold, "predicted": predicted, "roles": roles, "miss": miss, "alarm": alarm}


def _aggregate(outcomes: list[dict], errors: int) -> dict:
    per_type: dict[str, Counter] = defaultdict(Counter)
    roles = Counter()
    for o in outcomes:
        for t in o["gold"]:
            per_type[t]["gold"] += 1
        for t in o["predicted"]:
            per_type[t]["predicted"] += 1
        for t in o["predicted"] & o["gold"]:
            per_type[t]["tp"] += 1
        roles += o["roles"]
    total = sum((c for c in per_type.values()), Counter())
    table = {t: _prf(per_type[t]) for t in sorted(per_type) if t in TYPES}
    return {
        "sentences": len(outcomes),
        "overall": _prf(total),
        "per_type": table,
        "source_accuracy": _ratio(roles["source_ok"], roles["source_gold"]),
        "target_accuracy": _ratio(roles["target_ok"], roles["target_gold"]),
        "actors_accuracy": _ratio(roles["source_ok"] + roles["target_ok"], roles["source_gold"] + roles["target_gold"]),
        "misses": [o["miss"] for o in outcomes if o["miss"]][:errors],
        "false_alarms": [o["alarm"] for o in outcomes if o["alarm"]][:errors],
    }


OLD_CODES = {"IGO": {"IGO", "UNO", "EUR"}, "JAP": {"JPN"}, "ITL": {"ITA"}, "VTN": {"VNM"}}
"""Codes of the 2016 gold records in today's terms: they code every
intergovernmental organisation as IGO (PLOVER now separates the UN, UNO, and the
EU, EUR), and use CAMEO's own codes for Japan, Italy and Vietnam."""


def _countries(codes: set[str]) -> set[str]:
    return {x for c in codes if c for x in OLD_CODES.get(c[:3], {c[:3]})}


def _plover_type(mapping: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in mapping:
            return mapping[code[:n]]
    return None


def cameo_to_plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from CAMEO2PLOVER-2021.txt (codes inherit their root's type)."""
    mapping: dict[str, str] = {}
    line_re = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")
    for line in path.read_text(encoding="utf-8").splitlines():
        m = line_re.match(line.strip())
        if m and m.group(2) in TYPES:
            mapping[m.group(1)] = m.group(2)
    return mapping


def _petr_date(value: str | None) -> str | None:
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def _prf(c: Counter) -> dict:
    p = _ratio(c["tp"], c["predicted"])
    r = _ratio(c["tp"], c["gold"])
    return {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold": c["gold"], "predicted": c["predicted"]}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def format_report(report: dict) -> str:
    lines = []
    u = report.get("unscon")
    if u:
        lines += [f"UNSCon{' (tune half only, --tune-only)' if u.get('tune_only') else ''}: "
                  f"{u['clauses']:,} Security Council clauses; {u['direct_negative_evaluations']} direct negative "
                  f"evaluations of a target country",
                  f"  a conflict event from the speaker's state against that country: recall {u['recall']:.3f}, "
                  f"precision {u['precision']:.3f} ({u['predicted']} predicted)"]
        for h, label in ((TUNE, "tune half (read, fixed)"), (HELD_OUT, "held-out half (unread)")):
            b = u.get("halves", {}).get(h)
            if b:
                lines.append(f"    {label:<24} {b['direct_negative_evaluations']:>4} clauses: recall {b['recall']:.3f}, "
                             f"precision {b['precision']:.3f} ({b['predicted']} predicted)")
        for label in ("misses", "false_alarms"):
            if u.get(label):
                lines += [f"  UNSCon {label} (tune half only):"] + [f"    {x}" for x in u[label]]
        lines.append("")
    gsr_title = ("PLOVER gold-standard records, tune half only (--tune-only)" if report["plover_gsr"].get("tune_only")
                 else "PLOVER gold-standard records (CAMEO manual examples)")
    for name, title in (("plover_gsr", gsr_title),
                        ("petrarch2_gsr", "PETRARCH-2 validation records (news sentences)"),
                        ("petrarch_unit", "PETRARCH unit-test records (invented states, our gazetteer of them)")):
        block = report[name]
        o = block["overall"]
        lines += [f"{title}: {block['sentences']} sentences", "",
                  f"  {'type':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5} {'pred':>5}"]
        for t, s in block["per_type"].items():
            lines.append(f"  {t:<10} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} {s['gold']:>5} {s['predicted']:>5}")
        lines.append(f"  {'overall':<10} {o['precision']:>9.3f} {o['recall']:>7.3f} {o['f1']:>6.3f} {o['gold']:>5} {o['predicted']:>5}")
        lines.append(f"  actors on correctly typed events: source {block['source_accuracy']:.3f}, "
                     f"target {block['target_accuracy']:.3f}, both {block['actors_accuracy']:.3f}")
        if block.get("halves"):
            lines += ["", f"  {'half':<18} {'sentences':>9} {'precision':>9} {'recall':>7} {'F1':>6} "
                          f"{'source':>7} {'target':>7} {'actors':>7}"]
            for h, label in ((TUNE, "tune (read, fixed)"), (HELD_OUT, "held-out (unread)")):
                b = block["halves"][h]
                o = b["overall"]
                lines.append(f"  {label:<18} {b['sentences']:>9} {o['precision']:>9.3f} {o['recall']:>7.3f} "
                             f"{o['f1']:>6.3f} {b['source_accuracy']:>7.3f} {b['target_accuracy']:>7.3f} "
                             f"{b['actors_accuracy']:>7.3f}")
        for label in ("misses", "false_alarms"):
            if block[label]:
                note = " (tune half only)" if block.get("halves") else ""
                lines += ["", f"  {label}{note}:"] + [f"    {x}" for x in block[label]]
        lines.append("")
    w = report.get("written")
    if w:
        lines += ["Sentences written blind for us (news style; gold types from CAMEO2PLOVER-2021)"
                  + (", dev only (--tune-only)" if w.get("tune_only") else "") + ":",
                  f"  {'set':<18} {'sentences':>9} {'precision':>9} {'recall':>7} {'F1':>6} "
                  f"{'source':>7} {'target':>7} {'actors':>7}"]
        for split, label in (("dev", "dev (read, fixed)"), ("fresh", "fresh (unread)")):
            b = w.get(split)
            if b:
                o = b["overall"]
                lines.append(f"  {label:<18} {b['sentences']:>9} {o['precision']:>9.3f} {o['recall']:>7.3f} "
                             f"{o['f1']:>6.3f} {b['source_accuracy']:>7.3f} {b['target_accuracy']:>7.3f} "
                             f"{b['actors_accuracy']:>7.3f}")
        for label in ("misses", "false_alarms"):
            if w["dev"][label]:
                lines += ["", f"  {label} (dev only):"] + [f"    {x}" for x in w["dev"][label]]
        lines.append("")
    return "\n".join(lines)
