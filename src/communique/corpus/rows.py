"""One analysis as table rows: the stored record and every layer's records.

``pack``/``unpack`` turn a ``communique/1`` record into the compressed blob
kept in ``statements.analysis`` (the text lives in its own column) and back.
``layer_rows`` flattens the layers into the derived tables; it reads
techniques and stance generically (``model_dump``), so fields the rhetoric
layer adds are kept in their ``data`` column.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from typing import Any

from communique.contract import Analysis

INSERT_STATEMENT = (
    "INSERT INTO statements (id, title, issuer, issuer_country, issuer_sector, date, language, source, text, "
    "content_hash, analysis, analysis_version, added_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING n"
)

INSERTS = {
    "sentences": "INSERT INTO sentences (statement, idx, char_start, char_end, checkworthiness) VALUES (?, ?, ?, ?, ?)",
    "mentions": "INSERT INTO mentions (statement, idx, char_start, char_end, sentence, kind, code, country, sector, org, via) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events (statement, idx, event_id, type, mode, source_code, source_country, source_sector, "
              "target_code, target_country, target_sector, reported_by, sentence, trigger_start, trigger_end, negated, "
              "hypothetical, historical, intensity, confidence, contexts) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "quantities": "INSERT INTO quantities (statement, idx, char_start, char_end, value, qualifier, unit) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "dates": "INSERT INTO dates (statement, idx, char_start, char_end, value, duration) VALUES (?, ?, ?, ?, ?, ?)",
    "refs": "INSERT INTO refs (statement, idx, char_start, char_end, kind, ids, responds_to, actor_country, actor_sector, "
            "ref_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "techniques": "INSERT INTO techniques (statement, idx, char_start, char_end, technique, confidence, data) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "stances": "INSERT INTO stances (statement, idx, actor, score, data) VALUES (?, ?, ?, ?, ?)",
}

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# -- the stored record ---------------------------------------------------------------------
def pack(analysis: Analysis) -> bytes:
    """The record as compressed JSON, without the statement text (stored apart)."""
    data = analysis.to_dict()
    data["statement"]["text"] = None
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def unpack(blob: bytes, text: str) -> Analysis:
    data = json.loads(zlib.decompress(bytes(blob)))
    data["statement"]["text"] = text
    return Analysis.model_validate(data)


# -- ids and content ---------------------------------------------------------------------------
def statement_id(text: str, issuer: str | None, date: str | None) -> str:
    """The stable id of a statement without one of its own: 16 hex digits of the
    sha256 of its whitespace-normalised text, issuer and date."""
    key = "\x1f".join((" ".join(text.split()), _norm_issuer(issuer), (date or "").strip()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str, issuer: str | None, date: str | None, title: str | None) -> str:
    """What must stay equal for a re-ingested statement to count as unchanged."""
    key = "\x1f".join((text, _norm_issuer(issuer), (date or "").strip(), title or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _norm_issuer(issuer: str | None) -> str:
    return " ".join((issuer or "").upper().split())


# -- derived rows ----------------------------------------------------------------------------------
def statement_row(analysis: Analysis, *, content: str, version: str, now: str, date: str | None = None) -> tuple:
    st = analysis.statement
    issuer = st.issuer
    return (
        st.id, st.title, issuer.code if issuer else None, issuer.country if issuer else None,
        issuer.sector if issuer else None, date or st.date, st.language, st.source, st.text,
        content, pack(analysis), version, now, now,
    )


def layer_rows(analysis: Analysis, n: int) -> dict[str, list[tuple]]:
    """Rows for every derived table but claims (see ``Corpus``), keyed by table."""
    a = analysis
    rows: dict[str, list[tuple]] = {
        "sentences": [(n, s.index, s.start, s.end, s.checkworthiness) for s in a.sentences],
        "mentions": [
            (n, i, m.start, m.end, m.sentence, m.kind, m.actor.code, m.actor.country, m.actor.sector, m.actor.org, m.via)
            for i, m in enumerate(a.mentions)
        ],
        "events": [
            (n, i, e.id, e.type, e.mode, *_actor(e.source), *_actor(e.target),
             e.reported_by.code if e.reported_by else None, e.sentence, e.trigger.start, e.trigger.end,
             int(e.negated), int(e.hypothetical), int(e.historical), e.intensity, e.confidence, ";".join(e.contexts))
            for i, e in enumerate(a.events)
        ],
        "quantities": [(n, i, q.start, q.end, q.value, q.qualifier, q.unit) for i, q in enumerate(a.quantities)],
        "dates": [(n, i, d.start, d.end, d.value, d.duration) for i, d in enumerate(a.dates)],
        "refs": [
            (n, i, r.start, r.end, r.kind, " ".join(r.ids), int(r.responds_to), *reference_actor(a, r.start, r.end),
             reference_date(a, r))
            for i, r in enumerate(a.references)
        ],
        "techniques": [],
        "stances": [],
    }
    for i, t in enumerate(a.techniques):
        data = t.model_dump(mode="json")
        rows["techniques"].append(
            (n, i, data.get("start"), data.get("end"), str(data.get("technique") or data.get("label") or ""),
             data.get("confidence"), json.dumps(data, ensure_ascii=False))
        )
    for i, s in enumerate(a.stance):
        data = s.model_dump(mode="json")
        rows["stances"].append((n, i, data.get("actor"), data.get("score"), json.dumps(data, ensure_ascii=False)))
    return rows


def _actor(actor: Any) -> tuple:
    if actor is None:
        return (None, None, None)
    return (actor.code, actor.country, actor.sector)


def reference_actor(analysis: Analysis, start: int, end: int) -> tuple[str | None, str | None]:
    """Who made the statement a reference names: the first actor mention inside it."""
    for m in analysis.mentions:
        if m.start >= start and m.end <= end and m.kind != "place":
            return m.actor.country, m.actor.sector
    return None, None


def reference_date(analysis: Analysis, ref) -> str | None:
    """The date of the referenced statement: from its id, else a date inside it."""
    for ident in ref.ids:
        last = ident.rsplit(":", 1)[-1]
        if _ISO.match(last):
            return last
    for d in analysis.dates:
        if d.start >= ref.start and d.end <= ref.end and d.value and _ISO.match(d.value[:10]):
            return d.value[:10]
    return None
