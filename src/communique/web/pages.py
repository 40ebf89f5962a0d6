"""The HTML pages: server-side templates over the same results the JSON API returns."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from communique.contract import Analysis
from communique.errors import InputError
from communique.web import api, views
from communique.web.annotate import LAYERS, annotate, event_flags
from communique.web.app import REASONS
from communique.web.security import WriteDenied
from communique.web.site import Site
from communique.web.uploads import ACCEPT, UploadRejected

router = APIRouter(include_in_schema=False)


def site_of(request: Request) -> Site:
    return request.app.state.site


def render(request: Request, name: str, *, status: int = 200, **context) -> HTMLResponse:
    site = site_of(request)
    context.setdefault("page", name.removesuffix(".html"))
    html = request.app.state.templates.get_template(name).render(
        writable=site.settings.writable, token_required=site.settings.token_required, **context)
    return HTMLResponse(html, status_code=status)


# -- analyse -----------------------------------------------------------------
@router.get("/analyze")
def analyze_form(request: Request) -> HTMLResponse:
    return _form(request)


def _form(request: Request, *, status: int = 200, error: str | None = None, fields: dict | None = None) -> HTMLResponse:
    site = site_of(request)
    return render(request, "analyze.html", status=status, error=error, reason=REASONS.get(status, ""),
                  fields=fields or {}, accept=ACCEPT, max_upload_mb=site.settings.max_upload_bytes / 1e6,
                  max_chars=site.settings.max_text_chars, has_corpus=site.corpus is not None)


@router.post("/analyze")
async def analyze_submit(request: Request) -> Response:
    site = site_of(request)
    form = await views.read_form(site, request)
    fields = views.form_fields(form)
    try:
        record = await views.record_from_form(site, form)
        result = await views.analyze_and_maybe_store(
            site, request, record, issuer=fields["issuer"], date=views.form_date(fields["date"]),
            title=fields["title"], store=fields["store"], form_token=fields["token"])
    except UploadRejected as err:
        return _form(request, status=err.status, error=err.message, fields=fields)
    except WriteDenied as err:
        return _form(request, status=err.status, error=err.message, fields=fields)
    except InputError as err:
        return _form(request, status=422, error=err.message, fields=fields)
    if result.stored:
        return RedirectResponse(result.url, status_code=303)
    return await run_in_threadpool(_statement_page, request, result.analysis, stored_id=None)


# -- one statement -----------------------------------------------------------
@router.get("/statements/{statement_id:path}")
async def statement_page(request: Request, statement_id: Annotated[str, Path(min_length=1, max_length=200)]) -> HTMLResponse:
    site = site_of(request)
    # a long speech is thousands of segments: fetch and render off the event loop
    return await run_in_threadpool(lambda: _statement_page(request, views.get_statement(site, statement_id),
                                                           stored_id=statement_id))


def _statement_page(request: Request, analysis: Analysis, *, stored_id: str | None) -> HTMLResponse:
    annotated = annotate(analysis)
    st = analysis.statement
    sentences = {s.index: st.text[s.start:s.end].strip() for s in analysis.sentences}
    return render(
        request, "statement.html", analysis=analysis, st=st, stored_id=stored_id, annotated=annotated,
        layers=LAYERS, event_flags=event_flags, sentences=sentences,
        claims=sorted(enumerate(analysis.claims), key=lambda ic: -ic[1].checkworthiness),
        actors=_actor_counts(analysis), source_link=safe_link(st.source),
        title=st.title or f"Statement {st.id}",
    )


def _actor_counts(analysis: Analysis) -> list[tuple[str, str, int]]:
    counts: dict[str, list] = {}
    for m in analysis.mentions:
        counts.setdefault(m.actor.code, [m.actor.code, m.actor.name, 0])[2] += 1
    return sorted((tuple(v) for v in counts.values()), key=lambda v: (-v[2], v[0]))


def safe_link(url: str | None) -> str | None:
    """A statement's source as a link only when it is an http(s) URL (never ``javascript:``)."""
    if url and url.lower().startswith(("http://", "https://")) and not any(c in url for c in "\"'<> \n\t"):
        return url
    return None


@router.post("/delete")
async def delete_submit(request: Request) -> Response:
    site = site_of(request)
    form = await views.read_form(site, request)
    statement_id = form.get("id")
    if not isinstance(statement_id, str) or not statement_id:
        raise UploadRejected(422, "no statement id given")
    fields = views.form_fields(form)
    views.check_write(site, request, fields["token"])
    await run_in_threadpool(views.delete_statement, site, statement_id)
    return render(request, "message.html", title="Statement deleted",
                  message=f"Statement {statement_id} was deleted from the corpus.")


@router.get("/api")
def api_index(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [(p["name"], p.get("in", ""), p.get("description") or p.get("schema", {}).get("type", ""))
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params})
    return render(request, "api.html", title="JSON API", endpoints=endpoints)


@router.get("/")
async def home(request: Request) -> HTMLResponse:
    site = site_of(request)
    stats = await run_in_threadpool(site.headline_stats) if site.corpus is not None else {}
    return render(request, "home.html", stats=_headline(stats))


def _headline(stats: dict) -> list[tuple[str, str | int]]:
    """The corpus in a few numbers: statements, issuers, dates, events, claims, replies."""
    if not stats:
        return []
    counts = stats.get("counts", {})
    first, last = (stats.get("date_range") or [None, None])[:2]
    shown: list[tuple[str, str | int]] = [
        ("statements", counts.get("statements", 0)), ("issuers", len(stats.get("issuers", {}))),
        ("events", counts.get("events", 0)), ("claims", counts.get("claims", 0)),
        ("replies linked", counts.get("links", 0)), ("rhetorical techniques", counts.get("techniques", 0)),
    ]
    if first:
        years = first[:4] if first[:4] == (last or first)[:4] else f"{first[:4]}–{last[:4]}"
        shown.insert(1, ("year" if len(years) == 4 else "years", years))
    return shown


# -- the corpus ----------------------------------------------------------------
PAGE_SIZE = 20


@router.get("/search")
async def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    issuer: api.Code = None,
    target: api.Code = None,
    mentions: api.Code = None,
    event_type: Annotated[str | None, Query(max_length=40)] = None,
    technique: Annotated[str | None, Query(max_length=60)] = None,
    date_from: api.DateFrom = None,
    date_to: api.DateTo = None,
    page: Annotated[int, Query(ge=1, le=50_000)] = 1,
) -> HTMLResponse:
    site = site_of(request)
    query = views.SearchQuery(q=q, issuer=issuer, target=target, mentions=mentions, event_type=event_type,
                              technique=technique, date_from=date_from, date_to=date_to)
    results = await run_in_threadpool(views.search, site, query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-results.total // PAGE_SIZE))
    params = query.params()
    return render(
        request, "search.html", title=f"Search: {q}" if q else "Search", query=query, results=results,
        hits=[(hit, views.marked(hit.snippet, hit.marks)) for hit in results.hits], page_no=page, pages=pages,
        page_links=_page_links(page, pages), page_url=lambda n: "/search?" + urlencode({**params, "page": n}),
        first=(page - 1) * PAGE_SIZE + 1, api_url="/api/search?" + urlencode({**params, "offset": (page - 1) * PAGE_SIZE}),
    )


def _page_links(page: int, pages: int) -> list[int | None]:
    """Page numbers to link: the first, the last and two either side of the current one (None: a gap)."""
    keep = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for n in keep:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


@router.get("/timeline")
async def timeline_page(
    request: Request,
    a: Annotated[str | None, Query(max_length=40)] = None,
    b: Annotated[str | None, Query(max_length=40)] = None,
    by: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
    date_from: api.DateFrom = None,
    date_to: api.DateTo = None,
    include_all: bool = False,
) -> HTMLResponse:
    """The page is a form and a chart: the chart's script fetches ``/api/timeline`` with the same parameters."""
    views.check_range(date_from, date_to)
    a, b = (a or "").strip() or None, (b or "").strip() or None
    date_from, date_to = date_from or None, date_to or None
    params = {k: v for k, v in {"a": a, "b": b, "by": by, "date_from": date_from, "date_to": date_to,
                                "include_all": "true" if include_all else None}.items() if v}
    api_url = "/api/timeline?" + urlencode(params) if a and b else None
    return render(request, "timeline.html", title=f"Timeline {a} and {b}" if api_url else "Timeline", a=a, b=b, by=by,
                  date_from=date_from, date_to=date_to, include_all=include_all, api_url=api_url,
                  missing=bool(a) != bool(b))


@router.get("/thread/{statement_id:path}")
async def thread_page(request: Request, statement_id: Annotated[str, Path(min_length=1, max_length=200)]) -> HTMLResponse:
    thread = await run_in_threadpool(views.thread, site_of(request), statement_id)
    return render(request, "thread.html", title="Thread of replies", thread=thread, current=statement_id,
                  tree=thread_tree(thread), api_url="/api/thread/" + quote(statement_id, safe=""))


def thread_tree(thread) -> list[dict]:
    """The thread as nested replies: each node with the statements answering it (and why), earliest first.

    An edge ``from_id -> to_id`` means ``from_id`` answers ``to_id``. Every node
    appears once: under the first statement it answers, or at the top.
    """
    nodes = {n.id: n for n in thread.nodes}
    answered: dict[str, list] = {}
    parent: dict[str, tuple[str, str]] = {}
    for e in sorted(thread.edges, key=lambda e: (_date_key(nodes.get(e.from_id)), e.from_id)):
        if e.from_id in nodes and e.to_id in nodes and e.from_id not in parent and e.from_id != e.to_id:
            parent[e.from_id] = (e.to_id, e.reason)
            answered.setdefault(e.to_id, []).append(e.from_id)
    seen: set[str] = set()

    def build(node_id: str, reason: str | None) -> dict:
        seen.add(node_id)
        children = [build(c, parent[c][1]) for c in answered.get(node_id, []) if c not in seen]
        return {"node": nodes[node_id], "reason": reason, "children": children}

    tops = [n for n in sorted(nodes.values(), key=lambda n: (_date_key(n), n.id)) if n.id not in parent]
    tops.sort(key=lambda n: n.id != thread.root)
    roots = [build(n.id, None) for n in tops if n.id not in seen]
    roots += [build(i, None) for i in nodes if i not in seen]  # a cycle with no top: still shown
    return roots


def _date_key(node) -> str:
    return (node.date or "9999") if node is not None else "9999"


@router.get("/ledger")
async def ledger_page(
    request: Request,
    actor: api.Code = None,
    top: Annotated[int, Query(ge=1, le=500)] = 20,
) -> HTMLResponse:
    clusters = await run_in_threadpool(views.ledger, site_of(request), top=top, actor=actor)
    params = {k: v for k, v in {"actor": actor, "top": top}.items() if v}
    return render(request, "ledger.html", title="Claim ledger", clusters=clusters, actor=actor or "", top=top,
                  api_url="/api/ledger?" + urlencode(params))
