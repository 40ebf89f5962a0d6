"""End to end in headless Chromium (Debian's chromium package) against the real server on loopback:
analyse a statement, toggle layers, search, open a timeline, follow a thread. Each test asserts what a
person would see; screenshots of the main pages go to test-artifacts/web/."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import EXAMPLES
from tests.web.conftest import screenshot

pytestmark = pytest.mark.browser


def no_script_errors(page) -> None:
    assert page.errors == [], page.errors
    assert page.dialogs == [], page.dialogs


def test_analyse_a_statement_toggle_layers_and_read_details(live_server, page):
    p = page.page
    p.goto(live_server.url + "/analyze")
    p.fill("#text", (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8"))
    p.fill("#issuer", "XOS GOV")
    p.fill("#date", "2024-03-02")
    p.fill("#title", "Ostravia rejects the remarks (browser test)")
    p.click("button[type=submit]")
    p.wait_for_url("**/statements/**")
    assert p.inner_text("h1") == "Ostravia rejects the remarks (browser test)"
    assert "XOS GOV (Government of Ostravia)" in p.inner_text(".meta")

    actor = p.locator("#statement-text .l-actors", has_text="Anton Kessel").first
    assert actor.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    event = p.locator("#statement-text .l-events", has_text="reject").first
    event.hover()
    details = p.inner_text("#details-body")
    assert "XOS GOV → REJECT → XVL GOV" in details and "intensity" in details
    screenshot(p, "statement")

    # layers off and on again, as a reader clicks them
    p.uncheck("#layer-actors")
    assert actor.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    p.uncheck("#layer-events")
    assert event.evaluate("e => getComputedStyle(e).fontWeight") == "400"
    p.check("#layer-actors")
    assert actor.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    event.click()  # with events off, the click shows the claim around the trigger, not the event
    shown = p.inner_text("#details-body")
    assert "claim, check-worthiness" in shown and "REJECT" not in shown

    # the ranked claims panel leads to the claim in the text
    first = p.locator("#claims-panel .claim-text").first
    first.click()
    assert re.search(r"claim, check-worthiness (0\.\d+|1\.0)", p.inner_text("#details-body"))
    assert p.locator("#statement-text .a.flash").count() > 0
    no_script_errors(page)


def test_download_json_of_a_stored_statement(live_server, page):
    p = page.page
    p.goto(live_server.url + "/statements/xos-2024-03-02")
    with p.expect_download() as info:
        p.click("text=Download JSON")
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["schema"] == "communique/1" and data["statement"]["id"] == "xos-2024-03-02"


def test_upload_an_html_file_and_download_the_unstored_analysis(live_server, page, tmp_path):
    p = page.page
    p.goto(live_server.url + "/analyze")
    p.set_input_files("#file", str(EXAMPLES / "velmaria-statement.html"))
    p.uncheck("input[name=store]")
    p.click("button[type=submit]")
    p.wait_for_selector("#statement-text")
    assert p.inner_text("h1") == "Statement by the Ministry of Foreign Affairs of Velmaria"
    assert "Not stored in the corpus" in p.inner_text(".actions")
    with p.expect_download() as info:
        p.click("#download-json")
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["statement"]["date"] == "2024-02-28" and "Saltmere" in data["statement"]["text"]
    no_script_errors(page)


def test_bad_input_shows_a_clear_message(live_server, page, tmp_path):
    p = page.page
    p.goto(live_server.url + "/analyze")
    p.click("button[type=submit]")
    assert "empty text" in p.inner_text(".alert")
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot a statement")
    p.set_input_files("#file", str(bad))
    p.click("button[type=submit]")
    assert "photo.png: unsupported file type" in p.inner_text(".alert")
    p.goto(live_server.url + "/statements/no-such-statement")
    assert "Not found" in p.inner_text("h1") and "no-such-statement" in p.inner_text(".error-message")
    p.goto(live_server.url + "/search?date_from=2024-99-01")
    assert "date" in p.inner_text(".error-message")
    no_script_errors(page)


def test_search_with_filters_and_paging(live_server, page):
    p = page.page
    p.goto(live_server.url + "/")
    p.fill("input[name=q]", "demining")
    p.press("input[name=q]", "Enter")
    p.wait_for_url("**/search?q=demining*")
    assert "statements match “demining”" in p.inner_text("#result-count")
    marks = p.locator(".hit mark").all_inner_texts()
    assert marks and all(m.lower() == "demining" for m in marks)
    p.fill("#f-issuer", "XVL")
    p.press("#f-issuer", "Enter")
    p.wait_for_load_state()
    assert p.locator(".hit").count() == 1 and "Velmaria on the demining protocol" in p.inner_text(".hit h2")
    p.fill("#f-issuer", "")
    p.press("#f-issuer", "Enter")
    p.wait_for_load_state()
    screenshot(p, "search")
    p.click("text=next →")
    p.wait_for_url("**page=2*")
    assert "showing 21–" in p.inner_text("#result-count")
    p.locator(".hit h2 a").first.click()
    p.wait_for_url("**/statements/**")
    assert p.locator("#statement-text").count() == 1
    no_script_errors(page)


def test_timeline_chart_hover_and_toggles(live_server, page):
    p = page.page
    p.goto(live_server.url + "/timeline")
    p.fill("#t-a", "XOS")
    p.fill("#t-b", "XVL")
    p.click("text=Show")
    p.wait_for_selector("#counts-chart rect.bar")
    assert "events in" in p.inner_text("#timeline-status")
    both = {d for d in p.locator("#counts-chart rect.bar").evaluate_all("r => r.map(x => x.dataset.direction)")}
    assert both == {"a_to_b", "b_to_a"}
    p.locator('#counts-chart rect.band[data-period="2024-03"]').hover()
    tip = p.inner_text("#counts-chart .tooltip")
    assert "2024-03" in tip and "XOS → XVL" in tip and "REJECT" in tip and "score" in tip
    screenshot(p, "timeline")

    p.check("input[name=direction][value=ab]")
    directions = p.locator("#counts-chart rect.bar").evaluate_all("r => r.map(x => x.dataset.direction)")
    assert set(directions) == {"a_to_b"}
    assert p.locator("#score-chart path.line-ba, #score-chart circle.dot-ba").count() == 0
    p.uncheck("#type-controls input[value=REJECT]")
    types = set(p.locator("#counts-chart rect.bar").evaluate_all("r => r.map(x => x.dataset.type)"))
    assert "REJECT" not in types and types
    rows = p.locator("#timeline-table tbody tr").all_inner_texts()
    assert any(r.startswith("2024-03") for r in rows) and not any("REJECT" in r for r in rows)
    no_script_errors(page)


def test_follow_a_thread(live_server, page):
    p = page.page
    p.goto(live_server.url + "/statements/xvl-2024-03-04")
    p.click("text=Thread of replies")
    p.wait_for_url("**/thread/xvl-2024-03-04")
    p.wait_for_selector("#thread-graph circle")
    assert p.locator("#thread-graph circle").count() == 3
    items = p.locator("#thread-list a").all_inner_texts()
    assert items == ["Ostravia rejects remarks of the Velmarian Foreign Minister", "Velmaria answers Ostravia",
                     "Ostravia on the statement of Velmaria"]
    reply = p.locator("#thread-list li li li").first
    assert "answers the statement above" in reply.inner_text()
    screenshot(p, "thread")
    p.click("#thread-list >> text=Ostravia on the statement of Velmaria")
    p.wait_for_url("**/statements/xos-2024-03-06")
    assert p.inner_text("h1") == "Ostravia on the statement of Velmaria"
    no_script_errors(page)


def test_claim_ledger_and_home(live_server, page):
    p = page.page
    p.goto(live_server.url + "/ledger")
    assert "Velmaria has never complied with the agreements it signed." in p.inner_text("table.ledger")
    screenshot(p, "ledger")
    p.goto(live_server.url + "/")
    assert "statements" in p.inner_text(".stats")
    screenshot(p, "home")
    no_script_errors(page)


def test_readable_on_a_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    p = context.new_page()
    try:
        for path in ("/statements/xos-2024-03-02", "/search?q=demining", "/timeline?a=XOS&b=XVL", "/ledger"):
            p.goto(live_server.url + path)
            p.wait_for_load_state("networkidle")
            overflow = p.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        p.goto(live_server.url + "/statements/xos-2024-03-02")
        assert not p.locator("#details").is_visible()  # the details sheet opens on a tap
        p.locator("#statement-text .l-events").first.tap()
        assert p.locator("#details").is_visible() and "→" in p.inner_text("#details-body")
        screenshot(p, "statement-phone")
        p.click("#details-close")
        assert not p.locator("#details").is_visible()
    finally:
        context.close()
