"""Input: turn paths (files, folders, ``-`` for stdin) into statement records.

Each reader yields :class:`StatementRecord` for good input and
:class:`~communique.errors.InputError` for bad input, so that one bad file or
JSONL line is reported and skipped while every good record still goes through.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from communique.errors import InputError
from communique.ingest import html, jsonl, pdf
from communique.ingest.records import StatementRecord
from communique.ingest.text import decode, normalise, require_text

__all__ = ["StatementRecord", "read_inputs", "read_bytes", "MAX_FILE_BYTES", "MAX_TEXT_CHARS"]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest single text/HTML/PDF file read (JSONL batches are streamed, not capped)."""
MAX_TEXT_CHARS = 1_000_000
"""Longest statement text analysed (spaCy's own default limit)."""

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".jsonl", ".ndjson"}


def read_inputs(
    paths: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[StatementRecord | InputError]:
    """Yield records (and errors) for each path; folders are read recursively."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _checked(read_bytes(stream.read(), source=None))
        elif os.path.isdir(path):
            for child in _folder_files(Path(path)):
                yield from _read_path(str(child), max_bytes)
        else:
            yield from _read_path(path, max_bytes)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and (p.suffix.lower() in TEXT_SUFFIXES or p.name.endswith((".jsonl.gz", ".ndjson.gz")))
    )


def _read_path(path: str, max_bytes: int) -> Iterator[StatementRecord | InputError]:
    if not os.path.exists(path):
        yield InputError("no such file", source=path)
        return
    if jsonl.is_jsonl_name(path):
        try:
            with jsonl.open_lines(path) as stream:
                yield from _checked(jsonl.read(stream, source=path))
        except OSError as err:
            yield InputError(f"cannot read ({err.strerror or err})", source=path)
        return
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            yield InputError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one statement"
                " (split it, or pass --max-size)",
                source=path,
            )
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        yield InputError(f"cannot read ({err.strerror or err})", source=path)
        return
    yield from _checked(read_bytes(data, source=path))


def read_bytes(data: bytes, *, source: str | None) -> Iterator[StatementRecord | InputError]:
    """Read one input's bytes, sniffing PDF, HTML and JSONL; plain text otherwise."""
    try:
        if not data.strip():
            raise InputError("empty input: nothing to analyse", source=source)
        if pdf.looks_like_pdf(data) or (source or "").lower().endswith(".pdf"):
            text, title = pdf.extract(data, source=source)
            yield StatementRecord(text=text, title=title, source=source)
        elif source is None and jsonl.looks_like_jsonl(data):
            yield from jsonl.read(io.BytesIO(data), source="<stdin>")
        elif html.looks_like_html(data) or (source or "").lower().endswith((".html", ".htm", ".xhtml")):
            text, title, date = html.extract(decode(data, source=source), source=source)
            yield StatementRecord(text=text, title=title, date=date, source=source)
        else:
            text = require_text(normalise(decode(data, source=source)), source=source)
            yield StatementRecord(text=text, source=source)
    except InputError as err:
        yield err


def _checked(items: Iterable[StatementRecord | InputError]) -> Iterator[StatementRecord | InputError]:
    for item in items:
        if isinstance(item, StatementRecord) and len(item.text) > MAX_TEXT_CHARS:
            yield InputError(
                f"text is {len(item.text):,} characters, over the {MAX_TEXT_CHARS:,} limit for one statement",
                source=item.source,
                line=item.line,
            )
        else:
            yield item
