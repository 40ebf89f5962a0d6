"""The HTML pages through the real app: what a reader sees, and a readable page for every bad input."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from tests.conftest import EXAMPLES
from tests.web.conftest import make_client


def text_of(html: str) -> str:
    """The page's visible words, roughly: tags dropped, entities decoded, spaces collapsed."""
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def error_page(response, status: int) -> str:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text and 'class="error-message"' in response.text
    return text_of(response.text)


def test_home_shows_the_corpus_in_numbers(client):
    page = text_of(client.get("/").text)
    assert "34 statements" in page and "2024 year" in page and "2 issuers" in page


def test_statement_page(client):
    response = client.get("/statements/xos-2024-03-02")
    html, page = response.text, text_of(response.text)
    assert "Ostravia rejects remarks of the Velmarian Foreign Minister" in page
    assert "XOS GOV (Government of Ostravia) · 2024-03-02" in page
    for key in ("actors", "events", "claims", "facts", "techniques"):
        assert f'id="layer-{key}"' in html
    segments = re.findall(r'<span class="a ([^"]*)" data-refs="([^"]*)">([^<]*)</span>', html)
    assert ("k-actor l-actors", "m1", "Anton Kessel") in segments or any(
        set(css.split()) >= {"l-actors", "k-person"} and text == "Anton Kessel" for css, _, text in segments)
    assert "XOS GOV → REJECT → XVL GOV reject" in page  # the events panel: source → type → target, trigger
    details = json.loads(re.search(r'<script type="application/json" id="annotation-details">(.*?)</script>', html).group(1))
    assert {"layer": "events", "title": "XOS GOV → REJECT → XVL GOV"}.items() <= details["e0"].items()
    assert "Events (" in page and "Claims, most check-worthy first" in page and "Stance per actor" in page
    assert 'href="/api/statements/xos-2024-03-02?download=true"' in html
    assert 'href="/thread/xos-2024-03-02"' in html
    assert 'href="/timeline?a=XOS%20GOV&amp;b=XVL%20GOV"' in html


def test_claims_are_listed_most_check_worthy_first(client, shared_corpus):
    html = client.get("/statements/xos-2024-03-02").text
    panel = html[html.index('id="claims-panel"'):]
    panel = panel[:panel.index("</section>")]
    scores = [float(s) for s in re.findall(r'<span class="score">([01]\.\d\d)</span>', panel)]
    assert len(scores) == len(shared_corpus.get("xos-2024-03-02").claims) >= 2
    assert scores == sorted(scores, reverse=True)


def test_unknown_statement_page_is_404(client):
    page = error_page(client.get("/statements/nope"), 404)
    assert "no statement with id 'nope'" in page


def test_analyze_form_and_result_without_storing(client):
    form = client.get("/analyze").text
    assert 'enctype="multipart/form-data"' in form and 'accept=".htm,.html,.md,.pdf' in form
    text = (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8")
    response = client.post("/analyze", data={"text": text, "issuer": "XOS GOV", "date": "2024-03-02"})
    page = text_of(response.text)
    assert response.status_code == 200 and "Not stored in the corpus" in page
    assert 'id="analysis-json"' in response.text and 'id="download-json"' in response.text


def test_analyze_and_store_redirects_to_the_permalink(writable_client):
    c = writable_client
    response = c.post("/analyze", data={"text": "We reject the claims of Velmaria.", "issuer": "XOS", "store": "on",
                                        "title": "Kept"}, follow_redirects=False)
    assert response.status_code == 303
    url = response.headers["location"]
    assert url.startswith("/statements/")
    assert "Kept" in text_of(c.get(url).text)
    statement_id = url.rsplit("/", 1)[1]
    gone = c.post("/delete", data={"id": statement_id}, headers={"origin": "http://127.0.0.1:8000"})
    assert gone.status_code == 200 and "was deleted" in text_of(gone.text)
    assert c.get(url).status_code == 404


@pytest.mark.parametrize(("data", "files", "status", "says"), [
    ({"text": ""}, None, 422, "empty text"),
    ({"text": "We reject it.", "date": "2024-02-31"}, None, 422, "not a date"),
    ({"text": "We reject it.", "issuer": "ATLANTIS"}, None, 422, "unknown issuer"),
    ({}, {"file": ("x.exe", b"MZ\x00")}, 415, "unsupported file type"),
    ({}, {"file": ("x.pdf", b"not a pdf")}, 415, "not a PDF"),
    ({}, {"file": ("x.txt", b"")}, 422, "empty"),
])
def test_analyze_form_errors_keep_the_form_and_say_why(client, data, files, status, says):
    response = client.post("/analyze", data=data, files=files)
    assert response.status_code == status
    page = text_of(response.text)
    assert says in page and "Analyse a statement" in page and "Traceback" not in response.text
    if data.get("text"):
        assert data["text"] in response.text  # what the reader typed is still there


def test_oversized_upload_on_the_page_is_413(shared_corpus, fictional):
    with make_client(shared_corpus, fictional, max_upload_bytes=1_000) as c:
        response = c.post("/analyze", files={"file": ("big.txt", b"word " * 400)})
        assert response.status_code == 413 and "upload limit" in text_of(response.text)
        huge = c.post("/analyze", files={"file": ("huge.txt", b"word " * 200_000)})
        assert "limit" in error_page(huge, 413)


def test_search_page(client):
    html = client.get("/search", params={"q": "demining", "issuer": "XOS"}).text
    page = text_of(html)
    assert "statements match “demining”; showing 1–20" in page
    assert "<mark>demining</mark>" in html
    assert 'href="/search?q=demining&amp;issuer=XOS&amp;page=2"' in html  # paging keeps the filters
    second = text_of(client.get("/search", params={"q": "demining", "issuer": "XOS", "page": 2}).text)
    assert "showing 21–" in second


def test_search_page_says_when_the_total_is_an_estimate(client, shared_corpus, monkeypatch):
    real = type(shared_corpus).search

    def estimated(self, *args, **kwargs):
        return real(self, *args, **kwargs).model_copy(update={"total_estimated": True})

    monkeypatch.setattr(type(shared_corpus), "search", estimated)
    page = text_of(client.get("/search", params={"q": "demining"}).text)
    assert re.search(r"about [\d,]+ statements match “demining”", page), page[:300]
    assert client.get("/api/search", params={"q": "demining"}).json()["total_estimated"] is True


def test_search_page_without_words_lists_newest_first(client):
    html = client.get("/search", params={"issuer": "XVL"}).text
    dates = re.findall(r'class="meta">XVL GOV · (\d{4}-\d\d-\d\d)', html)
    assert dates == sorted(dates, reverse=True) and len(dates) == 4


def test_search_page_with_empty_filters_from_the_form(client):
    response = client.get("/search?q=ceasefire&issuer=&target=&mentions=&event_type=&technique=&date_from=&date_to=")
    assert response.status_code == 200 and "1 statement match" in text_of(response.text)


@pytest.mark.parametrize(("params", "says"), [
    ({"page": 0}, "page"), ({"page": "two"}, "page"), ({"date_from": "2024-13-45"}, "date"),
    ({"q": "-only"}, "not excluded"), ({"date_from": "2024-05", "date_to": "2024-04"}, "after"),
])
def test_search_page_bad_parameters(client, params, says):
    assert says in error_page(client.get("/search", params=params), 422)


def test_timeline_page(client):
    html = client.get("/timeline", params={"a": "XOS", "b": "XVL"}).text
    assert 'data-api="/api/timeline?a=XOS&amp;b=XVL&amp;by=month"' in html
    assert "timeline.js" in html and "Timeline of an exchange: XOS and XVL" in text_of(html)
    assert "Pick two actors" in text_of(client.get("/timeline").text)
    assert "Give two actors" in text_of(client.get("/timeline", params={"a": "XOS"}).text)


@pytest.mark.parametrize("params", [{"a": "XOS", "b": "XVL", "by": "century"}, {"a": "XOS", "b": "XVL", "date_to": "May"}])
def test_timeline_page_bad_parameters(client, params):
    error_page(client.get("/timeline", params=params), 422)


def test_thread_page_nests_replies_under_what_they_answer(client):
    html = client.get("/thread/xos-2024-03-06").text
    page = text_of(html)
    assert "3 statements, 2 replies" in page
    first, second, third = (html.index(f'href="/statements/{i}"') for i in
                            ("xos-2024-03-02", "xvl-2024-03-04", "xos-2024-03-06"))
    assert first < second < third
    assert html.count("<ul>") >= 2  # nested: a reply to a reply
    assert "this statement" in page
    error_page(client.get("/thread/nope"), 404)


def test_ledger_page(client):
    page = text_of(client.get("/ledger").text)
    assert "Velmaria has never complied with the agreements it signed." in page
    assert "No recurring claims for BRA" in text_of(client.get("/ledger", params={"actor": "BRA"}).text)
    error_page(client.get("/ledger", params={"top": "many"}), 422)


def test_api_index_page(client):
    page = text_of(client.get("/api").text)
    assert "GET /api/search" in page and "POST /api/analyze/file" in page and "DELETE /api/statements/{statement_id}" in page


def test_unknown_page_and_method(client):
    assert "nothing at this address" in error_page(client.get("/no/such/page"), 404)
    assert "not allowed" in error_page(client.put("/search"), 405)


def test_home_counts_follow_the_apps_own_writes(writable_client):
    c = writable_client
    assert "34 statements" in text_of(c.get("/").text)
    stored = c.post("/api/analyze", json={"text": "We reject the claims of Velmaria.", "issuer": "XOS", "store": True})
    assert "35 statements" in text_of(c.get("/").text)
    c.delete(f"/api/statements/{stored.json()['id']}")
    assert "34 statements" in text_of(c.get("/").text)


def test_techniques_and_stance_show_when_the_rhetoric_layer_fills_them(writable_client, corpus):
    from communique.contract import Stance, Technique

    analysis = corpus.get("xos-2024-03-02")
    text = analysis.statement.text
    start = text.index("baseless")
    analysis = analysis.model_copy(update={
        "techniques": [Technique(start=start, end=start + 8, text="baseless", technique="loaded_language",
                                 confidence=0.8, explanation="an emotionally charged word <b>about</b> the other side")],
        "stance": [Stance(actor="XVL GOV", score=-0.6, sentences=[0, 1]), Stance(actor="UNO", score=0.3, sentences=[2])]})
    corpus.add(analysis)
    html = writable_client.get("/statements/xos-2024-03-02").text
    page = text_of(html)
    assert "Rhetorical techniques (1)" in page and "loaded language 0.80" in page
    assert "&lt;b&gt;about&lt;/b&gt;" in html
    assert re.search(r'<span class="a [^"]*l-techniques[^"]*" data-refs="[^"]*\bt0\b[^"]*">baseless</span>', html)
    assert "Stance per actor (2)" in page and "XVL GOV -0.60" in page and "UNO +0.30" in page
    assert '<rect x="-0.6" y="0" width="0.6"' in html  # the hostile-to-friendly bar, drawn without inline style
    found = writable_client.get("/api/search", params={"technique": "loaded_language"}).json()
    assert [h["id"] for h in found["hits"]] == ["xos-2024-03-02"]
