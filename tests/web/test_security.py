"""Safe by default: headers on every answer, no inline scripts, escaping, caps, the Host check,
write tokens, no cross-site writes, no traceback ever (checked over HTTP; the browser checks are in test_xss)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web.conftest import make_client

PAGES = ["/", "/search?q=demining", "/statements/hostile-00", "/timeline?a=XOS&b=XVL", "/thread/xvl-2024-06-03",
         "/ledger", "/analyze", "/api", "/statements/nope"]
STORE = {"text": "We reject the claims of Velmaria.", "issuer": "XOS", "store": True}
SAME_ORIGIN = {"origin": "http://127.0.0.1:8000"}


def test_security_headers_on_every_kind_of_answer(client):
    answers = [client.get(p) for p in PAGES]
    answers += [client.get("/api/search?q=demining"), client.get("/static/app.css"), client.get("/api/nope"),
                client.get("/api/search?limit=0"), client.post("/api/analyze", json={"text": ""})]
    for r in answers:
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "same-origin"
        assert "server" not in r.headers or "uvicorn" not in r.headers["server"]


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser sees them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_no_inline_script_or_style_and_no_outside_resource(client):
    for path in PAGES:
        for tag, attrs in Tags(client.get(path).text).tags:
            where = (path, tag, attrs)
            assert tag not in ("style", "iframe", "object", "embed", "base", "form") or (
                tag == "form" and attrs.get("action", "").startswith("/")), where
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", where
            assert "style" not in attrs, where
            assert not any(name.startswith("on") for name in attrs), where
            for name in ("src", "href", "action"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "//", "http:", "https:")) or (
                    tag == "a" and name == "href" and value.startswith(("http:", "https:"))), where


def test_hostile_text_comes_out_escaped(client):
    html = client.get("/statements/hostile-00").text
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in html
    templated = client.get("/statements/hostile-06").text
    assert "{{ 7*7 }}" in templated and "jinja{% endfor %}" in templated and ">49<" not in templated


def test_hostile_source_url_is_never_a_link(client):
    html = client.get("/statements/hostile-03").text
    assert "javascript:" in html  # shown, as text
    assert not re.search(r'href="\s*javascript:', html, flags=re.I)


def test_json_inside_the_page_cannot_close_its_script_tag(client):
    html = client.get("/statements/hostile-11").text  # the payload has </script><script>
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, flags=re.S):
        assert "<" not in block


def test_static_files_come_from_memory_by_name(client):
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    for path in ("/static/..%2fapp.py", "/static/%2e%2e%2fapp.py", "/static/templates", "/static/nothing.css",
                 "/static/..%5c..%5cpyproject.toml", "/static/app.css%00.py"):
        assert client.get(path).status_code == 404, path


def test_static_files_are_read_once_at_start(client, monkeypatch):
    client.get("/static/app.css")

    def no_files(*args, **kwargs):
        raise AssertionError("a request touched the filesystem")

    monkeypatch.setattr("builtins.open", no_files)
    monkeypatch.setattr("pathlib.Path.read_bytes", no_files)
    assert client.get("/static/timeline.js").status_code == 200


def test_upload_file_names_do_not_reach_the_filesystem(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = client.post("/api/analyze/file", files={"file": ("../../../../tmp/evil.txt", b"We reject the claims of Velmaria.")})
    assert r.status_code == 200 and r.json()["analysis"]["statement"]["source"] is None
    assert list(tmp_path.iterdir()) == []
    r = client.post("/api/analyze/file", files={"file": ("/etc/passwd", b"root:x:0:0")})
    assert r.status_code == 415 and "passwd" in r.json()["error"]["message"] and "/etc" not in r.json()["error"]["message"]


def test_host_header_check_on_loopback(shared_corpus, fictional):
    with make_client(shared_corpus, fictional) as c:
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/", headers={"host": "[::1]:8000"}).status_code == 200
        r = c.get("/", headers={"host": "attacker.example"})
        assert r.status_code == 400 and "Host" in r.json()["error"]["message"]


def test_request_bodies_are_capped_before_reading(shared_corpus, fictional):
    with make_client(shared_corpus, fictional, max_upload_bytes=10_000) as c:
        big = b"x" * 400_000
        r = c.post("/api/analyze", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["message"].startswith("request body over")

        def chunks():  # no Content-Length: the cap applies while reading
            for _ in range(50):
                yield b"y" * 10_000

        r = c.post("/api/analyze/file", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
        assert r.status_code == 413
        assert c.post("/analyze", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"}).status_code == 413


# -- writes ------------------------------------------------------------------------------
def test_loopback_without_token_allows_same_origin_writes_only(corpus, fictional):
    with make_client(corpus, fictional) as c:
        assert c.post("/api/analyze", json=STORE).json()["stored"] is True
        assert c.post("/api/analyze", json=STORE, headers=SAME_ORIGIN).status_code == 200
        r = c.post("/api/analyze", json=STORE, headers={"origin": "https://attacker.example"})
        assert r.status_code == 403 and "cross-site" in r.json()["error"]["message"]
        r = c.post("/delete", data={"id": "xos-2024-01-15"}, headers={"referer": "https://attacker.example/page"})
        assert r.status_code == 403 and "cross-site" in r.text
        assert c.get("/api/statements/xos-2024-01-15").status_code == 200
        assert c.delete("/api/statements/xos-2024-01-15", headers={"origin": "null"}).status_code == 403


def test_token_set_means_every_write_needs_it(corpus, fictional):
    with make_client(corpus, fictional, token="s3cret") as c:
        r = c.post("/api/analyze", json=STORE)
        assert r.status_code == 401 and "token" in r.json()["error"]["message"]
        assert c.post("/api/analyze", json=STORE, headers={"x-communique-token": "wrong"}).status_code == 403
        assert c.post("/api/analyze", json=STORE, headers={"x-communique-token": "s3cret"}).json()["stored"]
        assert c.post("/api/analyze", json={**STORE, "token": "s3cret"}).json()["stored"]
        assert c.delete("/api/statements/xos-2024-01-15").status_code == 401
        assert c.delete("/api/statements/xos-2024-01-15", headers={"authorization": "Bearer s3cret"}).status_code == 200
        assert c.post("/api/analyze", json={"text": "We reject it."}).status_code == 200  # reading needs none
        form = c.get("/analyze").text
        assert 'name="token" type="password"' in form
        page = c.post("/analyze", data={"text": "We reject it.", "store": "on"})
        assert page.status_code == 401 and "token" in page.text
        stored = c.post("/analyze", data={"text": "We reject it.", "store": "on", "token": "s3cret"}, follow_redirects=False)
        assert stored.status_code == 303


def test_bound_elsewhere_without_token_writes_are_off(corpus, fictional):
    with make_client(corpus, fictional, host="0.0.0.0") as c:
        r = c.post("/api/analyze", json=STORE, headers={"host": "192.0.2.10:8000"})
        assert r.status_code == 403 and "--token" in r.json()["error"]["message"]
        assert c.delete("/api/statements/xos-2024-01-15").status_code == 403
        assert c.get("/api/statements/xos-2024-01-15").status_code == 200
        assert c.post("/api/analyze", json={"text": "We reject it."}).status_code == 200
        assert c.get("/api/health").json() == {**c.get("/api/health").json(), "writable": False, "token_required": True}
        assert "writes are off on this server" in c.get("/analyze").text


def test_bound_elsewhere_with_token(corpus, fictional):
    with make_client(corpus, fictional, host="0.0.0.0", token="t") as c:
        assert c.post("/api/analyze", json=STORE).status_code == 401
        assert c.post("/api/analyze", json=STORE, headers={"x-communique-token": "t"}).status_code == 200


# -- no traceback, ever --------------------------------------------------------------------
def test_an_unexpected_failure_is_a_plain_500(corpus, fictional, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail /srv/db")

    monkeypatch.setattr(corpus, "search", broken)
    with make_client(corpus, fictional) as c:
        api = c.get("/api/search?q=x")
        assert api.status_code == 500 and api.json() == {
            "error": {"status": 500, "message": "internal error: the server could not answer this request"}}
        page = c.get("/search?q=x")
        assert page.status_code == 500 and "internal error" in page.text
        for r in (api, page):
            assert "Traceback" not in r.text and "secret internal detail" not in r.text
            assert "script-src 'self'" in r.headers["content-security-policy"]


def test_a_broken_corpus_is_503_with_its_message(corpus, fictional, monkeypatch):
    from communique.errors import StoreError

    def unreachable(*args, **kwargs):
        raise StoreError("corpus.db: database disk image is malformed")

    monkeypatch.setattr(corpus, "get", unreachable)
    with make_client(corpus, fictional) as c:
        r = c.get("/api/statements/x")
        assert r.status_code == 503 and "malformed" in r.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/search?q=%00", "/search?q=%ff%fe", "/api/search?q=%22unclosed", "/api/search?q=a%20OR",
                                  "/api/search?q=***", "/api/search?q=NEAR(", "/api/search?q=%5E", "/api/timeline?a=%00&b=XOS"])
def test_odd_queries_never_crash(client, path):
    r = client.get(path)
    assert r.status_code in (200, 422), (path, r.status_code, r.text[:300])
    assert "Traceback" not in r.text
