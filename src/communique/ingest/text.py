"""Decoding and normalising plain text.

Normalisation is documented because offsets point into its result:
a leading BOM is dropped, line ends become ``\\n``, the text is put in Unicode
NFC, and control characters other than tab and newline become spaces (same
length, so nothing shifts after that step).
"""

from __future__ import annotations

import re
import unicodedata

from communique.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KB mean a binary file, not text in any encoding we read."""
    return b"\x00" in data[:8192]


def decode(data: bytes, *, source: str | None) -> str:
    """UTF-8 (with or without BOM) or a clear error naming where decoding failed."""
    if looks_binary(data):
        raise InputError("binary data, not a text file", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"invalid UTF-8 at byte {err.start} (line {line}); re-save the file as UTF-8",
            source=source,
        ) from None


def normalise(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub(" ", text)


def require_text(text: str, *, source: str | None, line: int | None = None, what: str = "text") -> str:
    if not text.strip():
        raise InputError(f"empty {what}: nothing to analyse", source=source, line=line)
    return text
