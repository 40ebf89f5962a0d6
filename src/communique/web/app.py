"""The app factory: routes, templates, static files, error pages and defences in one place."""

from __future__ import annotations

import hashlib
import logging
import threading
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from communique import __version__
from communique.errors import CommuniqueError
from communique.web.security import LOOPBACK_NAMES, SecurityMiddleware, WriteDenied, is_loopback
from communique.web.site import Settings, Site
from communique.web.uploads import UploadRejected

log = logging.getLogger("communique.web")

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
REASONS = {400: "Bad request", 401: "Token needed", 403: "Not allowed", 404: "Not found", 405: "Method not allowed",
           413: "Too large", 415: "Unsupported file type", 422: "Cannot use this input", 500: "Internal error",
           503: "Not available"}


class StaticFiles:
    """The package's static files, read once into memory: a request names a key of a dict, never a path."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        root = resources.files("communique.web") / "static"
        for entry in root.iterdir():
            suffix = "." + entry.name.rsplit(".", 1)[-1]
            if entry.is_file() and suffix in STATIC_TYPES:
                self.files[entry.name] = (entry.read_bytes(), STATIC_TYPES[suffix])
        self.versions = {name: hashlib.sha256(data).hexdigest()[:10] for name, (data, _) in self.files.items()}

    def url(self, name: str) -> str:
        return f"/static/{name}?v={self.versions[name]}"

    def response(self, name: str) -> Response:
        if name not in self.files:
            raise StarletteHTTPException(404, "no such static file")
        data, media_type = self.files[name]
        return Response(data, media_type=media_type, headers={"cache-control": "public, max-age=86400"})


def make_templates(static: StaticFiles) -> Environment:
    env = Environment(loader=PackageLoader("communique.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(static=static.url, version=__version__)
    env.filters["pathpart"] = lambda value: quote(str(value), safe="")
    env.filters["num"] = lambda value: f"{value:,}" if isinstance(value, int) else value
    return env


def create_app(
    corpus: Any = None,
    *,
    pipeline=None,
    host: str = "127.0.0.1",
    token: str | None = None,
    max_upload_bytes: int | None = None,
    max_text_chars: int | None = None,
    allowed_hosts: list[str] | None = None,
    gazetteers: list[str] | None = None,
) -> FastAPI:
    """The ASGI app over a corpus (a :class:`~communique.corpus.Corpus` or a database path/URL).

    ``host`` is the address the server is bound to: on loopback the app answers
    only to loopback Host names; elsewhere writes need ``token`` (and are off
    without one). ``pipeline``: an already loaded pipeline (else one is loaded
    on first analysis, with ``gazetteers`` added).
    """
    settings = Settings(host=host, token=token or None, gazetteers=list(gazetteers or []))
    if max_upload_bytes:
        settings.max_upload_bytes = max_upload_bytes
    if max_text_chars:
        settings.max_text_chars = max_text_chars
    if allowed_hosts is None and is_loopback(host):
        allowed_hosts = sorted(LOOPBACK_NAMES)
    settings.allowed_hosts = allowed_hosts
    owned = isinstance(corpus, str)
    if owned:
        from communique.corpus import Corpus

        corpus = Corpus.open(corpus)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if corpus is not None:  # the ledger's first page takes a while on a big corpus: work it out before anyone asks
            threading.Thread(target=_warm_ledger, args=(corpus,), name="communique-ledger", daemon=True).start()
        yield
        if owned:
            corpus.close()

    app = FastAPI(
        title="communique",
        version=__version__,
        description="Official statements, analysed: the annotated statement, search, timelines of an exchange "
                    "between two actors, threads of replies and the claim ledger. Every page of the web app is "
                    "built from these endpoints. Errors are JSON: `{\"error\": {\"status\", \"message\"}}`.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan,
    )
    static = StaticFiles()
    app.state.site = Site(corpus, settings, pipeline=pipeline)
    app.state.templates = make_templates(static)
    app.state.static = static

    from communique.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        return static.response(name)

    _install_error_handlers(app)
    app.add_middleware(SecurityMiddleware, max_body=settings.max_upload_bytes + 256 * 1024,
                       allowed_hosts=allowed_hosts, error_response=lambda scope, status, message:
                       error_response(app, scope.get("path", ""), status, message))
    return app


def _warm_ledger(corpus) -> None:
    try:
        corpus.ledger()
    except Exception:  # noqa: BLE001 - a stale ledger or a closed corpus: the page itself will say so
        pass


def wants_json(path: str) -> bool:
    return path.startswith("/api/")


def error_response(app: FastAPI, path: str, status: int, message: str, details: list | None = None) -> Response:
    """A 4xx/5xx answer: JSON under /api/, a readable page elsewhere. Never a traceback."""
    if wants_json(path):
        body: dict = {"status": status, "message": message}
        if details:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status)
    html = app.state.templates.get_template("error.html").render(
        status=status, reason=REASONS.get(status, "Error"), message=message, details=details or [], page="error")
    return HTMLResponse(html, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else REASONS.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = "there is nothing at this address"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed here"
        response = error_response(app, request.url.path, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [_problem(e) for e in exc.errors()]
        message = "bad request: " + "; ".join(details[:3])
        return error_response(app, request.url.path, 422, message, details)

    @app.exception_handler(UploadRejected)
    async def upload_error(request: Request, exc: UploadRejected) -> Response:
        return error_response(app, request.url.path, exc.status, exc.message)

    @app.exception_handler(WriteDenied)
    async def write_denied(request: Request, exc: WriteDenied) -> Response:
        return error_response(app, request.url.path, exc.status, exc.message)

    @app.exception_handler(CommuniqueError)
    async def project_error(request: Request, exc: CommuniqueError) -> Response:
        """Bad input (a text, an issuer, a date, a search query, an actor code) is 422; a corpus
        or model that cannot be used is 503 (and logged)."""
        from communique.errors import InputError, ModelError, StoreError

        status = 503 if isinstance(exc, StoreError | ModelError) else 422
        message = exc.message if isinstance(exc, InputError) else str(exc)
        if status == 503:
            log.error("communique error on %s: %s", request.url.path, exc)
        return error_response(app, request.url.path, status, message)


def _problem(error: dict) -> str:
    """``date_from: Input should be a valid date`` from a pydantic error."""
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
    return f"{where or 'request'}: {error.get('msg', 'invalid value')}"
