"""The web app's defences, in one ASGI middleware and two request checks.

Statements are hostile input and the server may be reachable by other pages in
the user's browser, so every response carries a strict Content-Security-Policy
(scripts, styles and images only from the app itself, no inline scripts, no
framing), request bodies are capped before they are read, the Host header is
checked when bound to loopback (no DNS rebinding), and writes need either the
start-up token or, on loopback without one, a same-origin request (no CSRF).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
log = logging.getLogger("communique.web")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
TOKEN_HEADER = "x-communique-token"


class WriteDenied(Exception):
    """A write (store, delete) that the server's settings do not allow."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


class BodyTooLarge(Exception):
    """The request body is over the server's cap."""

    def __init__(self, limit: int):
        super().__init__(f"request body over the {limit / 1e6:.1f} MB limit")
        self.limit = limit


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SecurityMiddleware:
    """Security headers on every response, a body cap, a Host check and a last
    line of defence that turns any unhandled exception into a plain 500 (no traceback)."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Iterable[str] | None, error_response):
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None
        self.error_response = error_response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if self.allowed_hosts is not None and _host_name(headers.get("host", "")) not in self.allowed_hosts:
            await self._plain(send, 400, "unknown Host header: this server answers only to its own address")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            response = self.error_response(scope, 413, BodyTooLarge(self.max_body).args[0])
            await response(scope, receive, _with_headers(send))
            return

        started = False
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await _with_headers(send)(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge as err:
            if started:
                raise
            response = self.error_response(scope, 413, err.args[0])
            await response(scope, receive, _with_headers(send))
        except Exception:  # noqa: BLE001 - never let a traceback reach the user
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            response = self.error_response(scope, 500, "internal error: the server could not answer this request")
            await response(scope, receive, _with_headers(send))

    @staticmethod
    async def _plain(send: Send, status: int, message: str) -> None:
        body = json.dumps({"error": {"status": status, "message": message}}).encode()
        await _with_headers(send)({"type": "http.response.start", "status": status,
                                   "headers": [(b"content-type", b"application/json"),
                                               (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_write(request: Request, token: str | None, *, token_required: bool, form_token: str | None = None) -> None:
    """Allow a write (analyse-and-store, delete) or raise :class:`WriteDenied`.

    With a token set, the request must carry it (``X-Communique-Token`` or
    ``Authorization: Bearer`` header, or a form field); bound to another
    address without a token, writes are off. Either way a cross-site request
    (a foreign Origin or Referer) is refused, so another page in the user's
    browser cannot write through the app.
    """
    _same_origin(request)
    if token:
        given = form_token or request.headers.get(TOKEN_HEADER) or _bearer(request.headers.get("authorization"))
        if not given:
            raise WriteDenied("this server needs its write token for that (the --token given at start)", 401)
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise WriteDenied("wrong write token", 403)
    elif token_required:
        raise WriteDenied(
            "writes are off: the server is bound to a non-loopback address without a token; "
            "restart it with --token or $COMMUNIQUE_TOKEN"
        )


def _bearer(value: str | None) -> str | None:
    if value and value.lower().startswith("bearer "):
        return value[7:].strip() or None
    return None


def _same_origin(request: Request) -> None:
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        if source == "null":
            raise WriteDenied("cross-site request refused")
        return
    parts = urlsplit(source)
    if parts.netloc.lower() != request.headers.get("host", "").lower():
        raise WriteDenied("cross-site request refused: writes must come from this app's own pages")
