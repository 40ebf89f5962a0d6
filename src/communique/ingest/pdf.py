"""Text from a PDF's text layer (no OCR: a scanned PDF is reported, not guessed)."""

from __future__ import annotations

import io
import logging

from communique.errors import InputError
from communique.ingest.text import normalise


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def extract(data: bytes, *, source: str | None) -> tuple[str, str | None]:
    """Return ``(text, title)``."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("PDF is encrypted; decrypt it first", source=source)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise InputError(f"unreadable PDF ({type(err).__name__}: {err})", source=source) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise InputError(
            "PDF has no text layer (a scanned image?); run OCR first", source=source
        )
    return normalise(text), (str(title).strip() or None) if title else None
