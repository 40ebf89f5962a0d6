"""Uploaded files and pasted text as statement records, with caps on size and type.

The uploaded file's name is only ever used to pick a reader (by its suffix)
and to name the file in messages: nothing from a request reaches the filesystem.
"""

from __future__ import annotations

import re
import unicodedata

from communique.errors import InputError
from communique.ingest import read_bytes
from communique.ingest.pdf import looks_like_pdf
from communique.ingest.records import StatementRecord
from communique.ingest.text import looks_binary, normalise

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".pdf": "pdf"}
"""What an upload may be, by its name's suffix."""
ACCEPT = ",".join(sorted(SUFFIXES)) + ",text/plain,text/html,application/pdf"
"""The file input's ``accept`` attribute."""
_UNSAFE = re.compile(r"[^\w.\- ()+,]")


class UploadRejected(Exception):
    """An upload or pasted text the app will not analyse; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def display_name(filename: str | None) -> str:
    """A short, harmless name for messages: the last path component, odd characters replaced."""
    name = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip() or "upload"
    return name[:80]


def read_upload(filename: str | None, data: bytes, *, max_bytes: int, max_chars: int) -> StatementRecord:
    """One uploaded text, HTML or PDF file as a record, or :class:`UploadRejected`."""
    name = display_name(filename)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = SUFFIXES.get(suffix)
    if kind is None:
        allowed = ", ".join(sorted(SUFFIXES))
        raise UploadRejected(415, f"{name}: unsupported file type; upload a text, HTML or PDF file ({allowed})")
    if len(data) > max_bytes:
        raise UploadRejected(413, f"{name}: file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB upload limit")
    if not data.strip():
        raise UploadRejected(422, f"{name}: the file is empty: nothing to analyse")
    if kind == "pdf" and not looks_like_pdf(data):
        raise UploadRejected(415, f"{name}: this is not a PDF file")
    if kind != "pdf" and (looks_like_pdf(data) or looks_binary(data)):
        raise UploadRejected(415, f"{name}: binary data, not a {kind} file")
    [item] = list(read_bytes(data, source=name))
    if isinstance(item, InputError):
        raise UploadRejected(422, str(item))
    return check_length(item, max_chars)


def pasted(text: str, *, max_chars: int) -> StatementRecord:
    """Pasted text as a record, or :class:`UploadRejected` when empty or too long."""
    text = normalise(text or "")
    if not text.strip():
        raise UploadRejected(422, "empty text: paste a statement or upload a file")
    return check_length(StatementRecord(text=text), max_chars)


def check_length(record: StatementRecord, max_chars: int) -> StatementRecord:
    if len(record.text) > max_chars:
        raise UploadRejected(
            413, f"text is {len(record.text):,} characters, over the {max_chars:,}-character limit for one statement")
    return record
