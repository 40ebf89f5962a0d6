"""The JSON API under ``/api/``: everything the pages show, described by OpenAPI (``/api/openapi.json``).

Errors are ``{"error": {"status": ..., "message": ...}}`` with a 4xx status
(422 for bad parameters or input, 404 for unknown ids, 413/415 for uploads).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from communique.contract import Analysis
from communique.corpus.models import ClaimCluster, SearchResults, Thread, Timeline
from communique.web import views
from communique.web.site import Site
from communique.web.uploads import ACCEPT

router = APIRouter(prefix="/api", tags=["api"])

StatementId = Annotated[str, Path(min_length=1, max_length=200, description="a statement id from the corpus")]


def site_of(request: Request) -> Site:
    return request.app.state.site


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the statement's text")
    issuer: str | None = Field(default=None, max_length=200, description="AZE, 'AZE GOV', or a state name")
    date: dt.date | None = Field(default=None, description="date of the statement, YYYY-MM-DD")
    title: str | None = Field(default=None, max_length=1000)
    store: bool = Field(default=False, description="store it in the corpus (needs the write token when one is set)")
    token: str | None = Field(default=None, description="the write token, if not sent as a header")


class AnalyzeResult(BaseModel):
    stored: bool
    id: str = Field(description="the statement id (its permalink when stored)")
    url: str | None = Field(description="the statement page, when stored")
    analysis: Analysis


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    pipeline_loaded: bool
    writable: bool
    token_required: bool


class Deleted(BaseModel):
    deleted: str


@router.get("/health", response_model=Health, summary="Is the server up, is the pipeline loaded, are writes on")
def health(request: Request) -> Health:
    site = site_of(request)
    from communique import __version__

    return Health(status="ok", version=__version__, pipeline_loaded=site.pipeline_loaded,
                  writable=site.settings.writable, token_required=site.settings.token_required)


@router.post("/analyze", response_model=AnalyzeResult, summary="Analyse a statement's text (and optionally store it)",
             responses={413: {"description": "text too long"}, 422: {"description": "empty text, bad issuer or date"}})
async def analyze(request: Request, body: Annotated[AnalyzeRequest, Body()]) -> AnalyzeResult:
    site = site_of(request)
    record = views.pasted_record(site, body.text)
    date = body.date.isoformat() if body.date else None
    return await views.analyze_and_maybe_store(site, request, record, issuer=body.issuer, date=date,
                                               title=body.title, store=body.store, form_token=body.token)


@router.post(
    "/analyze/file", response_model=AnalyzeResult, summary="Analyse an uploaded text, HTML or PDF file",
    openapi_extra={"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"], "properties": {
            "file": {"type": "string", "format": "binary", "description": f"one file: {ACCEPT}"},
            "issuer": {"type": "string"}, "date": {"type": "string", "format": "date"},
            "title": {"type": "string"}, "store": {"type": "boolean", "default": False},
            "token": {"type": "string"}}}}}}},
    responses={413: {"description": "file too large"}, 415: {"description": "not a text, HTML or PDF file"},
               422: {"description": "empty or unreadable file, bad issuer or date"}},
)
async def analyze_file(request: Request) -> AnalyzeResult:
    site = site_of(request)
    form = await views.read_form(site, request)
    record = await views.record_from_form(site, form, require_file=True)
    fields = views.form_fields(form)
    return await views.analyze_and_maybe_store(site, request, record, issuer=fields["issuer"],
                                               date=views.form_date(fields["date"]), title=fields["title"],
                                               store=fields["store"], form_token=fields["token"])


@router.get("/statements/{statement_id:path}", response_model=Analysis, summary="One stored statement: the communique/1 record",
            responses={404: {"description": "no statement with this id"}})
async def statement(request: Request, statement_id: StatementId,
                    download: Annotated[bool, Query(description="as a file download")] = False):
    analysis = await run_in_threadpool(views.get_statement, site_of(request), statement_id)
    if not download:
        return analysis
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in statement_id)[:80]
    return JSONResponse(analysis.to_dict(), headers={"content-disposition": f'attachment; filename="statement-{name}.json"'})


@router.delete("/statements/{statement_id:path}", response_model=Deleted, summary="Delete a stored statement (a write)",
               responses={401: {"description": "token needed"}, 403: {"description": "writes not allowed"},
                          404: {"description": "no statement with this id"}})
async def delete_statement(request: Request, statement_id: StatementId) -> Deleted:
    site = site_of(request)
    views.check_write(site, request)
    await run_in_threadpool(views.delete_statement, site, statement_id)
    return Deleted(deleted=statement_id)


# -- the corpus ----------------------------------------------------------------
Code = Annotated[str | None, Query(max_length=40, description="an actor code, e.g. 'XOS' or 'XOS GOV'")]
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: not given (a form's empty field)
DateFrom = Annotated[str | None, Query(pattern=DATE, description="earliest statement date: YYYY-MM-DD, YYYY-MM or YYYY")]
DateTo = Annotated[str | None, Query(pattern=DATE, description="latest statement date (inclusive): YYYY-MM-DD, YYYY-MM or YYYY")]


@router.get("/search", response_model=SearchResults, summary="Full-text search with filters, paged")
async def search(
    request: Request,
    q: Annotated[str, Query(max_length=500, description='words to find (all of them; "a phrase", a OR b, -not, '
                                                        'prefix*); empty: every statement that passes the filters, '
                                                        'newest first')] = "",
    issuer: Code = None,
    target: Annotated[str | None, Query(max_length=40, description="an actor code that the statement's events target")] = None,
    mentions: Annotated[str | None, Query(max_length=40, description="an actor code the statement mentions")] = None,
    event_type: Annotated[str | None, Query(max_length=40, description="a PLOVER event type, e.g. REJECT")] = None,
    technique: Annotated[str | None, Query(max_length=60, description="a rhetorical technique")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SearchResults:
    query = views.SearchQuery(q=q, issuer=issuer, target=target, mentions=mentions, event_type=event_type,
                              technique=technique, date_from=date_from, date_to=date_to)
    return await run_in_threadpool(views.search, site_of(request), query, limit=limit, offset=offset)


@router.get("/timeline", response_model=Timeline,
            summary="Events between two actors over time, by type and cooperation-conflict score, both directions")
async def timeline(
    request: Request,
    a: Annotated[str, Query(min_length=1, max_length=40, description="one actor code, e.g. 'XOS'")],
    b: Annotated[str, Query(min_length=1, max_length=40, description="the other actor code")],
    by: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
    date_from: DateFrom = None,
    date_to: DateTo = None,
    include_all: Annotated[bool, Query(description="also negated, hypothetical and historical events")] = False,
) -> Timeline:
    return await run_in_threadpool(views.timeline, site_of(request), a, b, by=by, date_from=date_from,
                                   date_to=date_to, include_all=include_all)


@router.get("/thread/{statement_id:path}", response_model=Thread,
            summary="The thread a statement belongs to: which statement answers which",
            responses={404: {"description": "no statement with this id"}})
async def thread(request: Request, statement_id: StatementId) -> Thread:
    return await run_in_threadpool(views.thread, site_of(request), statement_id)


@router.get("/ledger", response_model=list[ClaimCluster],
            summary="The claim ledger: recurring claims, who makes them and who disputes them")
async def ledger(
    request: Request,
    top: Annotated[int, Query(ge=1, le=500, description="how many claims, most repeated first")] = 20,
    actor: Annotated[str | None, Query(max_length=40, description="only claims this actor makes or disputes")] = None,
    min_count: Annotated[int, Query(ge=2, le=10_000, description="made in at least this many statements")] = 2,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    formulas: Annotated[bool, Query(description="also formulas of the record and of ceremony (\"The President "
                                                "returned to the Chair.\", congratulations on an election)")] = False,
) -> list[ClaimCluster]:
    return await run_in_threadpool(views.ledger, site_of(request), top=top, actor=actor, min_count=min_count,
                                   offset=offset, formulas=formulas)


@router.get("/stats", response_model=dict, summary="What the corpus holds: counts of statements, events, claims")
async def stats(request: Request) -> dict:
    return await run_in_threadpool(views.stats, site_of(request))
