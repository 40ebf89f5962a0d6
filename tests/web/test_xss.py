"""Hostile statements in the real browser: 26 payloads in statement text, titles and metadata (source
URLs, query parameters, issuer codes, upload names). None may run (no dialog, no ``window.__xss``), none
may add an element (no ``[data-pwned]``, no iframe/object/embed/base/meta refresh), and each shows as text."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from tests.web.conftest import screenshot
from tests.web.payloads import HOSTILE_URL, PAYLOADS

pytestmark = pytest.mark.browser

INJECTED = """() => ({
  xss: window.__xss === undefined ? null : String(window.__xss),
  pwned: document.querySelectorAll('[data-pwned]').length,
  frames: document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], form[action^="javascript"]').length,
  inlineScripts: Array.from(document.scripts).filter(s => !s.src && s.type !== 'application/json').length,
  foreignScripts: Array.from(document.scripts).filter(s => s.src && new URL(s.src).origin !== location.origin).length,
  jsLinks: Array.from(document.querySelectorAll('a[href]')).filter(a => a.protocol === 'javascript:').length,
  styles: document.querySelectorAll('style').length,
})"""
CLEAN = {"xss": None, "pwned": 0, "frames": 0, "inlineScripts": 0, "foreignScripts": 0, "jsLinks": 0, "styles": 0}


def assert_clean(page, where: str) -> None:
    p = page.page
    p.wait_for_timeout(50)  # let any timer, autofocus or onload that slipped through fire
    assert p.evaluate(INJECTED) == CLEAN, where
    assert page.dialogs == [], (where, page.dialogs)
    assert page.errors == [], (where, page.errors)
    assert p.url.startswith("http://127.0.0.1"), (where, p.url)  # no meta refresh or javascript: navigation


def poke(page) -> None:
    """Do what a reader does: point at and click highlighted passages (a few for real, then every one
    through its events, so the details code shows every span's data)."""
    p = page.page
    for seg in p.locator("#statement-text .a").all()[:2]:
        seg.hover()
        seg.click()
    p.evaluate("""() => document.querySelectorAll('#statement-text .a, a[data-ref]').forEach(e => {
        e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        e.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    })""")
    p.mouse.move(5, 5)


def settled(page) -> None:
    """The page and what its script fetches have arrived (timeline chart, thread graph)."""
    p = page.page
    p.wait_for_load_state("load")
    p.wait_for_function("""() => {
        const status = document.getElementById('timeline-status');
        const graph = document.getElementById('thread-graph');
        return (!status || !status.textContent.startsWith('Loading')) && (!graph || graph.hidden || graph.querySelector('svg'));
    }""")


@pytest.mark.parametrize("i", range(len(PAYLOADS)))
def test_stored_statement_with_hostile_text_title_and_source(live_server, page, i):
    p = page.page
    p.goto(f"{live_server.url}/statements/hostile-{i:02d}")
    poke(page)
    assert_clean(page, f"statement page, payload {i}")
    payload = PAYLOADS[i]
    assert p.inner_text("h1") == f"Hostile {i}: {payload}"  # the title, as text
    visible = p.inner_text("#statement-text")
    assert " ".join(payload.split()) in " ".join(visible.split())
    assert HOSTILE_URL in p.inner_text(".meta") and p.locator(".meta a[href^=javascript]").count() == 0
    if i == 0:
        screenshot(p, "xss-statement")


def test_lists_of_hostile_titles_and_snippets(live_server, page):
    p = page.page
    for path in ("/search?q=demining", "/search?q=demining&page=2", "/thread/xvl-2024-06-03", "/ledger",
                 "/search?q=Korvane&issuer=XOS"):
        p.goto(live_server.url + path)
        settled(page)
        for link in p.locator(".hit h2 a, #thread-list a").all()[:30]:
            link.hover()
        assert_clean(page, path)
    p.goto(live_server.url + "/thread/xvl-2024-06-03")
    p.wait_for_selector("#thread-graph circle")
    assert p.locator("#thread-graph circle").count() == 27
    assert_clean(page, "thread graph")
    titles = " ".join(p.locator("#thread-list").inner_text().split())
    assert all(" ".join(f"Hostile {i}: {x}".split()) in titles for i, x in enumerate(PAYLOADS))


@pytest.mark.parametrize("payload", [PAYLOADS[i] for i in (0, 1, 4, 6, 11, 18)])
def test_reflected_parameters(live_server, page, payload):
    p = page.page
    urls = [
        "/search?" + urlencode({"q": payload}),
        "/search?" + urlencode({"q": "demining", "issuer": payload[:40]}),
        "/timeline?" + urlencode({"a": payload[:40], "b": "XVL"}),
        "/timeline?" + urlencode({"a": "XOS", "b": payload[:40], "date_from": payload[:10]}),
        "/ledger?" + urlencode({"actor": payload[:40]}),
        "/statements/" + quote(payload[:200], safe=""),
        "/thread/" + quote(payload[:200], safe=""),
    ]
    for url in urls:
        p.goto(live_server.url + url)
        settled(page)
        assert_clean(page, url)


def test_hostile_text_pasted_into_the_analyse_form(live_server, page):
    p = page.page
    text = "Ostravia rejects the statement of Velmaria. " + " ".join(PAYLOADS) + " We call on Korvane to withdraw."
    p.goto(live_server.url + "/analyze")
    p.fill("#text", text)
    p.fill("#title", PAYLOADS[1])
    p.uncheck("input[name=store]")
    p.click("button[type=submit]")
    p.wait_for_selector("#statement-text")
    poke(page)
    assert_clean(page, "analysed, not stored")
    assert p.inner_text("h1") == PAYLOADS[1]
    with p.expect_download() as info:
        p.click("#download-json")
    assert PAYLOADS[0] in open(info.value.path(), encoding="utf-8").read()
    assert_clean(page, "after download")


def test_hostile_issuer_and_upload_name_in_error_messages(live_server, page, tmp_path):
    p = page.page
    p.goto(live_server.url + "/analyze")
    p.fill("#text", "We reject the claims.")
    p.fill("#issuer", PAYLOADS[1][:200])
    p.click("button[type=submit]")
    assert "unknown issuer" in p.inner_text(".alert")
    assert_clean(page, "hostile issuer")
    assert p.input_value("#issuer") == PAYLOADS[1][:200]  # kept in the form, as a value
    hostile = tmp_path / '<img src=x onerror=alert(1) data-pwned>.exe'
    hostile.write_bytes(b"MZ")
    p.set_input_files("#file", str(hostile))
    p.click("button[type=submit]")
    assert "unsupported file type" in p.inner_text(".alert")
    assert_clean(page, "hostile file name")
