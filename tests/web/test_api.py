"""The JSON API, endpoint by endpoint, through the real ASGI app: answers, and bad input as 4xx JSON."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest

from tests.conftest import EXAMPLES
from tests.web.conftest import make_client

STATEMENT = "We resolutely reject the baseless statement of the Velmarian Foreign Ministry."


def error(response, status: int) -> str:
    """The response is a JSON error with this status; its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert "Traceback" not in response.text
    return body["error"]["message"]


def pdf_bytes(*lines: str) -> bytes:
    """A one-page PDF with a text layer (matplotlib writes real text with fonttype 42)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.08, 0.9 - 0.04 * i, line, fontsize=11)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf")
        plt.close(fig)
    return buf.getvalue()


# -- health and OpenAPI ----------------------------------------------------------
def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["writable"] is True and body["token_required"] is False


def test_openapi_describes_every_endpoint_with_generated_schemas(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/analyze", "/api/analyze/file", "/api/statements/{statement_id}", "/api/search",
                 "/api/timeline", "/api/thread/{statement_id}", "/api/ledger", "/api/stats", "/api/health"):
        assert path in paths, path
    assert set(paths["/api/statements/{statement_id}"]) == {"get", "delete"}
    schemas = spec["components"]["schemas"]
    for name in ("Analysis", "SearchResults", "Hit", "Timeline", "Period", "Thread", "ClaimCluster", "AnalyzeResult"):
        assert name in schemas, name
    search_params = {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    assert search_params >= {"q", "issuer", "target", "mentions", "event_type", "technique", "date_from", "date_to",
                             "limit", "offset"}
    assert "multipart/form-data" in paths["/api/analyze/file"]["post"]["requestBody"]["content"]


def test_no_docs_page_that_would_load_scripts_from_a_cdn(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


# -- analysing ---------------------------------------------------------------------
def test_analyze_text_without_storing(client):
    body = client.post("/api/analyze", json={"text": STATEMENT, "issuer": "XOS GOV", "date": "2024-03-02"}).json()
    assert body["stored"] is False and body["url"] is None
    analysis = body["analysis"]
    assert analysis["schema"] == "communique/1" and analysis["statement"]["issuer"]["code"] == "XOS GOV"
    assert [(e["source"]["code"], e["type"]) for e in analysis["events"]][:1] == [("XOS GOV", "REJECT")]
    assert client.get(f"/api/statements/{body['id']}").status_code == 404  # not stored


def test_analyze_store_get_download_delete(writable_client):
    c = writable_client
    body = c.post("/api/analyze", json={"text": STATEMENT, "issuer": "XOS", "date": "2024-08-01",
                                        "title": "Stored", "store": True}).json()
    assert body["stored"] is True and body["url"] == f"/statements/{body['id']}"
    got = c.get(f"/api/statements/{body['id']}").json()
    assert got["statement"]["title"] == "Stored" and got["statement"]["text"] == STATEMENT
    download = c.get(f"/api/statements/{body['id']}", params={"download": "true"})
    assert download.headers["content-disposition"] == f'attachment; filename="statement-{body["id"]}.json"'
    assert download.json() == got
    assert c.delete(f"/api/statements/{body['id']}").json() == {"deleted": body["id"]}
    assert "no statement" in error(c.get(f"/api/statements/{body['id']}"), 404)
    error(c.delete(f"/api/statements/{body['id']}"), 404)


@pytest.mark.parametrize(("payload", "status", "says"), [
    ({"text": ""}, 422, "empty text"),
    ({"text": " \n\t "}, 422, "empty text"),
    ({}, 422, "text"),
    ({"text": STATEMENT, "date": "2024-13-01"}, 422, "date"),
    ({"text": STATEMENT, "date": "yesterday"}, 422, "date"),
    ({"text": STATEMENT, "issuer": "NOWHERE LAND"}, 422, "unknown issuer"),
    ({"text": 42}, 422, "text"),
    ({"text": STATEMENT, "store": "maybe"}, 422, "store"),
])
def test_analyze_bad_input(client, payload, status, says):
    assert says in error(client.post("/api/analyze", json=payload), status)


def test_analyze_rejects_a_body_that_is_not_json(client):
    error(client.post("/api/analyze", content=b"text=hello", headers={"content-type": "text/plain"}), 422)
    error(client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}), 422)


def test_analyze_text_over_the_limit_is_413(shared_corpus, fictional):
    with make_client(shared_corpus, fictional, max_text_chars=100) as c:
        assert "100-character limit" in error(c.post("/api/analyze", json={"text": "word " * 50}), 413)


def test_upload_text_html_and_pdf(client):
    r = client.post("/api/analyze/file", files={"file": ("s.txt", STATEMENT.encode(), "text/plain")},
                    data={"issuer": "XOS"})
    assert r.json()["analysis"]["events"][0]["type"] == "REJECT"
    html = (EXAMPLES / "velmaria-statement.html").read_bytes()
    st = client.post("/api/analyze/file", files={"file": ("page.html", html, "text/html")}).json()["analysis"]["statement"]
    assert st["title"] == "Statement by the Ministry of Foreign Affairs of Velmaria" and st["date"] == "2024-02-28"
    assert st["source"] is None  # nothing about the uploader's file system is kept
    pdf = pdf_bytes("Ostravia rejects the statement of Velmaria.", "We call on Korvane to withdraw its forces.")
    text = client.post("/api/analyze/file", files={"file": ("s.pdf", pdf, "application/pdf")}).json()
    assert "Korvane" in text["analysis"]["statement"]["text"]


def test_upload_fields_override_the_file(client):
    html = (EXAMPLES / "velmaria-statement.html").read_bytes()
    st = client.post("/api/analyze/file", files={"file": ("p.html", html)},
                     data={"title": "Mine", "date": "2024-03-01", "issuer": "XVL GOV"}).json()["analysis"]["statement"]
    assert (st["title"], st["date"], st["issuer"]["code"]) == ("Mine", "2024-03-01", "XVL GOV")


@pytest.mark.parametrize(("name", "data", "status", "says"), [
    ("tool.exe", b"MZ\x90\x00binary", 415, "unsupported file type"),
    ("image.png", b"\x89PNG\r\n\x1a\n", 415, "unsupported file type"),
    ("fake.pdf", b"plain words", 415, "not a PDF"),
    ("nul.txt", b"abc\x00\x01\x02", 415, "binary data"),
    ("empty.txt", b"", 422, "empty"),
    ("blank.txt", b"   \n", 422, "empty"),
    ("latin.txt", "Déclaration officielle".encode("latin-1"), 422, "UTF-8"),
    ("menu.html", b"<html><body><nav>Home | News</nav></body></html>", 422, "no main text"),
    ("broken.pdf", b"%PDF-1.7\n%garbage", 422, "PDF"),
])
def test_upload_bad_files(client, name, data, status, says):
    assert says in error(client.post("/api/analyze/file", files={"file": (name, data)}), status)


def test_upload_without_a_file_or_with_two(client):
    assert "no file" in error(client.post("/api/analyze/file", data={"issuer": "XOS"}), 422)
    error(client.post("/api/analyze/file", files=[("file", ("a.txt", b"one")), ("file", ("b.txt", b"two"))]), 400)


def test_oversized_upload_is_413_before_analysis(shared_corpus, fictional):
    with make_client(shared_corpus, fictional, max_upload_bytes=2_000) as c:
        assert "upload limit" in error(c.post("/api/analyze/file", files={"file": ("a.txt", b"word " * 1_000)}), 413)
        message = error(c.post("/api/analyze/file", files={"file": ("b.txt", b"word " * 100_000)}), 413)
        assert "limit" in message


# -- statements --------------------------------------------------------------------
def test_stored_statement_is_the_contract(client):
    body = client.get("/api/statements/xos-2024-03-02").json()
    assert body["schema"] == "communique/1" and body["statement"]["id"] == "xos-2024-03-02"
    assert body["statement"]["issuer"]["code"] == "XOS GOV"


@pytest.mark.parametrize("statement_id", ["nope", "../../etc/passwd", "x" * 200, "%00", "a/b/c"])
def test_unknown_statement_ids_are_404(client, statement_id):
    error(client.get(f"/api/statements/{quote(statement_id, safe='')}"), 404)


def test_statement_id_too_long_is_422(client):
    error(client.get("/api/statements/" + "x" * 201), 422)


# -- search ------------------------------------------------------------------------------
def test_search_words_with_marked_snippets(client):
    body = client.get("/api/search", params={"q": "ceasefire"}).json()
    assert body["total"] == 1 and body["hits"][0]["id"] == "xos-2024-01-15"
    hit = body["hits"][0]
    assert [hit["snippet"][s:e].lower() for s, e in hit["marks"]] == ["ceasefire"]


def test_search_filters(client):
    def ids(**params):
        return {h["id"] for h in client.get("/api/search", params={"limit": 100, **params}).json()["hits"]}

    xvl = ids(issuer="XVL")
    assert xvl == {"xvl-2024-01-20", "xvl-2024-03-04", "xvl-2024-04-10", "xvl-2024-06-03"}
    assert ids(issuer="XVL GOV") == xvl
    assert ids(issuer="XVL", date_from="2024-03-01", date_to="2024-04-30") == {"xvl-2024-03-04", "xvl-2024-04-10"}
    assert ids(issuer="XVL", date_to="2024-01") == {"xvl-2024-01-20"}
    assert "xvl-2024-04-10" in ids(event_type="THREATEN")
    assert ids(q="demining", issuer="XVL") == {"xvl-2024-06-03"}
    assert ids(target="XOS", issuer="XVL") >= {"xvl-2024-03-04"}
    assert ids(technique="no-such-technique") == set()


def test_search_paging(client):
    first = client.get("/api/search", params={"q": "demining", "limit": 10}).json()
    second = client.get("/api/search", params={"q": "demining", "limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] >= 27
    assert len(first["hits"]) == 10 and second["offset"] == 10
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"offset": -1}, {"date_from": "2024-13-01"},
    {"date_from": "13/01/2024"}, {"date_to": "2024-02-30"}, {"date_from": "2024-05-01", "date_to": "2024-04-01"},
    {"q": "-ceasefire"}, {"issuer": "A B C"}, {"q": "x" * 501},
])
def test_search_malformed_parameters_are_422(client, params):
    error(client.get("/api/search", params=params), 422)


# -- timeline, thread, ledger, stats ---------------------------------------------------------
def test_timeline_both_directions(client):
    body = client.get("/api/timeline", params={"a": "XOS", "b": "XVL"}).json()
    assert (body["a"], body["b"], body["by"]) == ("XOS", "XVL", "month")
    march = next(p for p in body["periods"] if p["period"] == "2024-03")
    assert march["a_to_b"].get("REJECT") and march["b_to_a"].get("REJECT")
    assert march["score_a_to_b"] < 0
    years = client.get("/api/timeline", params={"a": "XVL", "b": "XOS", "by": "year"}).json()
    assert [p["period"] for p in years["periods"]] == ["2024"]
    assert years["periods"][0]["b_to_a"]["REJECT"] >= march["a_to_b"]["REJECT"]


def test_timeline_of_actors_never_in_contact_is_empty(client):
    assert client.get("/api/timeline", params={"a": "XOS", "b": "BRA"}).json()["periods"] == []


@pytest.mark.parametrize("params", [
    {"a": "XOS"}, {"b": "XVL"}, {"a": "XOS", "b": "XVL", "by": "decade"}, {"a": "", "b": "XVL"},
    {"a": "XOS", "b": "XVL", "date_from": "2024-99"}, {"a": "X Y Z", "b": "XVL"}, {"a": "XOS", "b": "x" * 41},
])
def test_timeline_malformed_parameters_are_422(client, params):
    error(client.get("/api/timeline", params=params), 422)


def test_thread(client):
    body = client.get("/api/thread/xos-2024-03-06").json()
    assert body["root"] == "xos-2024-03-02"
    assert [n["id"] for n in body["nodes"]] == ["xos-2024-03-02", "xvl-2024-03-04", "xos-2024-03-06"]
    assert {(e["from_id"], e["to_id"]) for e in body["edges"]} == {
        ("xvl-2024-03-04", "xos-2024-03-02"), ("xos-2024-03-06", "xvl-2024-03-04")}
    error(client.get("/api/thread/nope"), 404)


def test_ledger(client):
    clusters = client.get("/api/ledger", params={"top": 5}).json()
    never = next(c for c in clusters if c["text"] == "Velmaria has never complied with the agreements it signed.")
    assert never["count"] >= 3 and never["asserted_by"] == ["XOS GOV"] and never["first_seen"] == "2024-03-02"
    assert len(client.get("/api/ledger", params={"top": 1}).json()) == 1
    assert client.get("/api/ledger", params={"actor": "BRA"}).json() == []
    shown = {c["id"] for c in client.get("/api/ledger", params={"top": 50}).json()}
    assert shown <= {c["id"] for c in client.get("/api/ledger", params={"top": 50, "formulas": "true"}).json()}
    for bad in ({"top": 0}, {"top": "all"}, {"min_count": 1}, {"actor": "A B C"}, {"formulas": "perhaps"}):
        error(client.get("/api/ledger", params=bad), 422)


def test_stats(client):
    body = client.get("/api/stats").json()
    assert body["counts"]["statements"] == 34 and body["counts"]["links"] >= 2
    assert "database" not in body  # where the server keeps its files is not the reader's business


def test_unknown_api_path_and_method(client):
    error(client.get("/api/nothing-here"), 404)
    error(client.put("/api/search"), 405)
