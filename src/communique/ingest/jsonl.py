"""JSONL batches: one statement a line with ``text`` and optional metadata."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from typing import IO

from communique.errors import InputError
from communique.ingest.records import StatementRecord
from communique.ingest.text import normalise

FIELDS = ("id", "title", "issuer", "date", "url")


def is_jsonl_name(name: str) -> bool:
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def open_lines(path: str) -> IO[bytes]:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read(stream: IO[bytes], *, source: str | None) -> Iterator[StatementRecord | InputError]:
    """Yield a record for each good line and an :class:`InputError` for each bad one."""
    try:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                yield parse_line(raw, source=source, line=number)
            except InputError as err:
                yield err
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield InputError(f"cannot read further ({err})", source=source)


def parse_line(raw: bytes, *, source: str | None, line: int) -> StatementRecord:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise InputError(f"invalid UTF-8 at byte {err.start}", source=source, line=line) from None
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON ({err.msg} at column {err.colno})", source=source, line=line) from None
    if not isinstance(data, dict):
        raise InputError("a JSONL line must be a JSON object", source=source, line=line)
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string", source=source, line=line)
    if not text.strip():
        raise InputError("record has an empty 'text'", source=source, line=line)
    meta = {key: _as_str(data.get(key)) for key in FIELDS}
    return StatementRecord(
        text=normalise(text),
        id=meta["id"],
        title=meta["title"],
        issuer=meta["issuer"],
        date=meta["date"],
        source=meta["url"] or source,
        line=line,
    )


def _as_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def looks_like_jsonl(data: bytes) -> bool:
    """Stdin sniffing: the first non-blank line is a JSON object with a ``text`` key."""
    for raw in io.BytesIO(data[:1_000_000]):
        if raw.strip():
            try:
                first = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                return False
            return isinstance(first, dict) and "text" in first
    return False
