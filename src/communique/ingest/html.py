"""Main text, title and date from an HTML page (navigation and boilerplate dropped)."""

from __future__ import annotations

import re

from communique.errors import InputError
from communique.ingest.text import normalise

MIN_WORDS = 8
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:2048]))


def extract(html: str, *, source: str | None) -> tuple[str, str | None, str | None]:
    """Return ``(text, title, date)``; ``date`` is ISO 8601 when the page states one."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    options = {"with_metadata": True, "include_comments": False, "include_tables": True}
    doc = trafilatura.bare_extraction(html, favor_precision=True, fast=True, **options)
    if doc is None or not (doc.text or "").strip():
        # the precise extractor found nothing: accept the fuller one's text only
        # when it is more than a menu ("Home | News")
        doc = trafilatura.bare_extraction(html, **options)
        if doc is not None and len((doc.text or "").split()) < MIN_WORDS:
            doc = None
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise InputError("HTML page has no main text to analyse", source=source)
    title = (doc.title or None) if doc is not None else None
    date = (doc.date or None) if doc is not None else None
    return normalise(text), title, date
