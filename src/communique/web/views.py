"""What the API and the pages share: reading input, analysing, storing, fetching.

The API returns these results as JSON; the pages render the same results
as HTML. Blocking work (analysis, corpus queries) runs in worker threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from communique.contract import Analysis
from communique.ingest.records import StatementRecord
from communique.web import security
from communique.web.site import Site
from communique.web.uploads import UploadRejected, pasted, read_upload


def pasted_record(site: Site, text: str | None) -> StatementRecord:
    return pasted(text or "", max_chars=site.settings.max_text_chars)


async def read_form(site: Site, request: Request) -> FormData:
    """The multipart or urlencoded form, with at most one file and small text fields."""
    return await request.form(max_files=1, max_fields=20, max_part_size=site.settings.max_text_chars * 4 + 4096)


def form_fields(form: FormData) -> dict:
    def text(name: str) -> str | None:
        value = form.get(name)
        return (value.strip() or None) if isinstance(value, str) else None

    return {"text": form.get("text") if isinstance(form.get("text"), str) else None,
            "issuer": text("issuer"), "date": text("date"), "title": text("title"), "token": text("token"),
            "store": (text("store") or "").lower() in ("on", "true", "1", "yes")}


def form_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UploadRejected(422, f"date {value[:40]!r} is not a date in YYYY-MM-DD form") from None


async def record_from_form(site: Site, form: FormData, *, require_file: bool = False) -> StatementRecord:
    """The uploaded file if one was chosen, else the pasted text."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and (upload.filename or (upload.size or 0) > 0):
        cap = site.settings.max_upload_bytes
        data = await upload.read(cap + 1)
        return await run_in_threadpool(read_upload, upload.filename, data, max_bytes=cap,
                                       max_chars=site.settings.max_text_chars)
    if require_file:
        raise UploadRejected(422, "no file: send one text, HTML or PDF file in the 'file' field")
    fields = form_fields(form)
    return pasted_record(site, fields["text"])


def check_write(site: Site, request: Request, form_token: str | None = None) -> None:
    security.check_write(request, site.settings.token, token_required=site.settings.token_required,
                         form_token=form_token)


def require_corpus(site: Site):
    if site.corpus is None:
        raise HTTPException(503, "this server has no corpus")
    return site.corpus


async def analyze_and_maybe_store(site: Site, request: Request, record: StatementRecord, *, issuer: str | None,
                                  date: str | None, title: str | None, store: bool, form_token: str | None):
    """Analyse a record and, when asked, store it (a write: checked before any work)."""
    from communique.web.api import AnalyzeResult

    if store:
        check_write(site, request, form_token)
        require_corpus(site)
    analysis = await run_in_threadpool(site.analyze, record, issuer=issuer, date=date, title=title)
    if not store:
        return AnalyzeResult(stored=False, id=analysis.statement.id, url=None, analysis=analysis)
    statement_id = await run_in_threadpool(site.corpus.add, analysis)
    site.changed()
    return AnalyzeResult(stored=True, id=statement_id, url=statement_url(statement_id), analysis=analysis)


def statement_url(statement_id: str) -> str:
    from urllib.parse import quote

    return f"/statements/{quote(statement_id, safe='')}"


def get_statement(site: Site, statement_id: str) -> Analysis:
    analysis = require_corpus(site).get(statement_id)
    if analysis is None:
        raise HTTPException(404, f"no statement with id {statement_id!r} in this corpus")
    return analysis


def delete_statement(site: Site, statement_id: str) -> None:
    if not require_corpus(site).delete(statement_id):
        raise HTTPException(404, f"no statement with id {statement_id!r} in this corpus")
    site.changed()


# -- the corpus ----------------------------------------------------------------
@dataclass(frozen=True)
class SearchQuery:
    """A search's words and filters, as the search page and ``/api/search`` take them."""

    q: str = ""
    issuer: str | None = None
    target: str | None = None
    mentions: str | None = None
    event_type: str | None = None
    technique: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def filters(self) -> dict:
        return {"issuer": self.issuer, "target": self.target, "mentions": self.mentions, "event_type": self.event_type,
                "technique": self.technique, "date_from": self.date_from, "date_to": self.date_to}

    def params(self) -> dict[str, str]:
        """The non-empty parameters, for links (paging keeps the filters)."""
        return {k: str(v) for k, v in {"q": self.q, **self.filters()}.items() if v}


def check_range(date_from: str | None, date_to: str | None) -> None:
    """Dates (or their prefixes, as the corpus takes them) in order: '2024-05' is after '2024-04-30'."""
    for value in (date_from, date_to):
        if value and len(value) == 10:
            form_date(value)
    if date_from and date_to and date_from[: len(date_to)] > date_to:
        raise UploadRejected(422, f"date_from ({date_from}) is after date_to ({date_to})")


def search(site: Site, query: SearchQuery, *, limit: int, offset: int):
    check_range(query.date_from, query.date_to)
    filters = {k: (v.strip() if isinstance(v, str) else v) or None for k, v in query.filters().items()}
    return require_corpus(site).search(query.q.strip(), limit=limit, offset=offset, **filters)


def timeline(site: Site, a: str, b: str, *, by: str, date_from: str | None, date_to: str | None,
             include_all: bool = False):
    check_range(date_from, date_to)
    a, b = a.strip(), b.strip()
    if not a or not b:
        raise UploadRejected(422, "a timeline needs two actor codes, a and b")
    return require_corpus(site).timeline(a, b, by=by, date_from=date_from or None, date_to=date_to or None,
                                         include_all=include_all)


def thread(site: Site, statement_id: str):
    corpus = require_corpus(site)
    result = corpus.thread(statement_id)
    if result is None or not result.nodes:
        raise HTTPException(404, f"no statement with id {statement_id!r} in this corpus")
    return result


def ledger(site: Site, *, top: int, actor: str | None, min_count: int = 2, offset: int = 0, formulas: bool = False):
    return require_corpus(site).ledger(top=top, actor=(actor or "").strip() or None, min_count=min_count,
                                       offset=offset, formulas=formulas)


def stats(site: Site) -> dict:
    """The corpus's counts, without where its database lives (a path or URL is the server's business)."""
    return {k: v for k, v in require_corpus(site).stats().items() if k != "database"}


def marked(snippet: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A snippet cut into (text, is_match) pieces; marks are clamped, sorted and merged first."""
    spans: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(snippet), e)) for s, e in marks):
        if start >= end:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            pieces.append((snippet[pos:start], False))
        pieces.append((snippet[start:end], True))
        pos = end
    if pos < len(snippet):
        pieces.append((snippet[pos:], False))
    return pieces
