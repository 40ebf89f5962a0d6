"""Exports: a corpus table as CSV, Parquet or JSONL, the events as PLOVER JSONL."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from communique.corpus import rows
from communique.errors import CommuniqueError

TABLES = ("statements", "events", "claims", "techniques")
FORMATS = ("csv", "parquet", "jsonl", "plover")

_QUERIES = {
    "statements": (
        ["id", "title", "issuer", "date", "language", "source", "sentences", "mentions", "events", "claims",
         "analysis_version", "text"],
        "SELECT s.id, s.title, s.issuer, s.date, s.language, s.source, "
        "(SELECT count(*) FROM sentences x WHERE x.statement = s.n), (SELECT count(*) FROM mentions x WHERE x.statement = s.n), "
        "(SELECT count(*) FROM events x WHERE x.statement = s.n), (SELECT count(*) FROM claims x WHERE x.statement = s.n), "
        "s.analysis_version, s.text FROM statements s ORDER BY s.n",
    ),
    "events": (
        ["statement_id", "date", "issuer", "event_id", "type", "mode", "source", "target", "reported_by", "negated",
         "hypothetical", "historical", "intensity", "confidence", "contexts", "trigger", "trigger_start",
         "trigger_end", "sentence"],
        "SELECT s.id, s.date, s.issuer, e.event_id, e.type, e.mode, e.source_code, e.target_code, e.reported_by, "
        "e.negated, e.hypothetical, e.historical, e.intensity, e.confidence, e.contexts, "
        "substr(s.text, e.trigger_start + 1, e.trigger_end - e.trigger_start), e.trigger_start, e.trigger_end, "
        "e.sentence FROM events e JOIN statements s ON s.n = e.statement ORDER BY s.n, e.idx",
    ),
    "claims": (
        ["statement_id", "date", "issuer", "claim_id", "text", "checkworthiness", "kinds", "cluster", "denial",
         "start", "end", "sentence"],
        "SELECT s.id, s.date, s.issuer, c.claim_id, substr(s.text, c.char_start + 1, c.char_end - c.char_start), "
        "c.checkworthiness, c.kinds, c.cluster, c.denial, c.char_start, c.char_end, c.sentence "
        "FROM claims c JOIN statements s ON s.n = c.statement ORDER BY s.n, c.idx",
    ),
    "techniques": (
        ["statement_id", "date", "issuer", "technique", "text", "confidence", "start", "end", "data"],
        "SELECT s.id, s.date, s.issuer, t.technique, substr(s.text, t.char_start + 1, t.char_end - t.char_start), "
        "t.confidence, t.char_start, t.char_end, t.data FROM techniques t JOIN statements s ON s.n = t.statement "
        "ORDER BY s.n, t.idx",
    ),
}
_BOOLEAN = {"negated", "hypothetical", "historical", "denial"}


def export(corpus, out: str | os.PathLike | IO, *, fmt: str = "csv", table: str | None = None) -> int:
    table = table or ("events" if fmt == "plover" else "statements")
    if fmt not in FORMATS:
        raise CommuniqueError(f"export: format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if table not in TABLES:
        raise CommuniqueError(f"export: table must be one of {', '.join(TABLES)}, not {table!r}")
    if fmt == "plover" and table != "events":
        raise CommuniqueError("export: the plover format is for the events table (--table events)")
    if fmt == "plover":
        return _write_jsonl(out, _plover(corpus))
    if fmt == "jsonl" and table == "statements":
        return _write_jsonl(out, _records(corpus))
    columns, sql = _QUERIES[table]
    found = _rows(corpus, sql)
    if fmt == "csv":
        return _write_csv(out, columns, found)
    if fmt == "jsonl":
        return _write_jsonl(out, (_as_dict(columns, r) for r in found))
    return _write_parquet(out, columns, found, table)


def _rows(corpus, sql: str) -> Iterator[tuple]:
    """Rows in pages, so a large corpus is never held in memory at once."""
    page, offset = 2000, 0
    while True:
        found = corpus.backend.query(f"{sql} LIMIT {page} OFFSET {offset}")
        yield from found
        if len(found) < page:
            return
        offset += page


def _as_dict(columns: list[str], row: tuple) -> dict:
    out = dict(zip(columns, row, strict=True))
    for key in _BOOLEAN & out.keys():
        out[key] = bool(out[key])
    if "data" in out and isinstance(out["data"], str):
        out["data"] = json.loads(out["data"])
    return out


def _records(corpus) -> Iterator[dict]:
    for n in [r[0] for r in corpus.backend.query("SELECT n FROM statements ORDER BY n")]:
        blob, text = corpus.backend.one("SELECT analysis, text FROM statements WHERE n = ?", (n,))
        yield rows.unpack(blob, text).to_dict()


def _plover(corpus) -> Iterator[dict]:
    """PLOVER records of the asserted events (``communique events --format plover``)."""
    from communique.events.render import plover_records

    for n in [r[0] for r in corpus.backend.query("SELECT DISTINCT statement FROM events ORDER BY statement")]:
        blob, text = corpus.backend.one("SELECT analysis, text FROM statements WHERE n = ?", (n,))
        yield from plover_records(rows.unpack(blob, text))


@contextmanager
def _opened(out, mode: str):
    if hasattr(out, "write"):
        yield out
    elif str(out) == "-":
        yield sys.stdout.buffer if "b" in mode else sys.stdout
    else:
        try:
            fh = open(out, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""}))
        except OSError as err:
            raise CommuniqueError(f"{out}: cannot write ({err.strerror or err})") from None
        with fh:
            yield fh


def _write_jsonl(out, records) -> int:
    n = 0
    with _opened(out, "w") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_csv(out, columns, found) -> int:
    n = 0
    with _opened(out, "w") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        for row in found:
            writer.writerow(row)
            n += 1
    return n


def _write_parquet(out, columns, found, table) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if hasattr(out, "write") or str(out) == "-":
        raise CommuniqueError("export: parquet needs a file (-o FILE)")
    writer = None
    n = 0
    try:
        batch: list[tuple] = []
        for row in found:
            batch.append(row)
            if len(batch) >= 5000:
                writer = _write_batch(pq, pa, writer, out, columns, batch)
                n += len(batch)
                batch = []
        if batch or writer is None:
            writer = _write_batch(pq, pa, writer, out, columns, batch)
            n += len(batch)
    finally:
        if writer is not None:
            writer.close()
    return n


def _write_batch(pq, pa, writer, out, columns, batch):
    data = {c: [r[i] for r in batch] for i, c in enumerate(columns)}
    for key in _BOOLEAN & data.keys():
        data[key] = [bool(v) for v in data[key]]
    arrays = {c: pa.array(v, type=_TYPES.get(c, pa.string)()) for c, v in data.items()}
    table = pa.table(arrays)
    if writer is None:
        try:
            writer = pq.ParquetWriter(str(out), table.schema)
        except OSError as err:
            raise CommuniqueError(f"{out}: cannot write ({err})") from None
    writer.write_table(table)
    return writer


def _pa_types():
    import pyarrow as pa

    ints = ("sentences", "mentions", "events", "claims", "trigger_start", "trigger_end", "sentence", "start", "end",
            "cluster")
    floats = ("intensity", "confidence", "checkworthiness")
    return {**{c: pa.int64 for c in ints}, **{c: pa.float64 for c in floats}, **{c: pa.bool_ for c in _BOOLEAN}}


class _LazyTypes(dict):
    def get(self, key, default=None):
        if not self:
            self.update(_pa_types())
        return super().get(key, default)


_TYPES = _LazyTypes()
