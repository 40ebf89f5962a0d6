"""Fixtures for the web app: a small corpus of our own fictional statements (plus hostile ones),
the app over it (TestClient), the real server on a loopback port, and headless Chromium."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web.payloads import HOSTILE_URL, PAYLOADS

DATA = Path(__file__).parent / "data"
CHROMIUM = os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium")  # Debian's chromium package
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "web"
HOSTILE_PREFIX = "hostile-"


def exchange_records() -> list[dict]:
    with (DATA / "exchange.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def hostile_records() -> list[dict]:
    """One statement per payload, in its text and title; each answers xvl-2024-06-03 (so the thread
    view lists them) and repeats a claim (so the claim ledger lists it)."""
    records = []
    for i, payload in enumerate(PAYLOADS):
        records.append({
            "id": f"{HOSTILE_PREFIX}{i:02d}", "title": f"Hostile {i}: {payload}", "issuer": "XOS GOV",
            "date": f"2024-07-{i + 1:02d}",
            "text": f"Ostravia rejects the statement of the Ministry of Foreign Affairs of Velmaria of 3 June 2024 "
                    f"on the demining maps. {payload} Velmaria has never complied with the agreements it signed. "
                    f"Ostravia notes the remark {payload} made in Korvane.",
        })
    return records


def build_corpus(path: Path, pipeline) -> None:
    from communique.corpus import Corpus

    with Corpus.open(str(path)) as corpus:
        for record in [*exchange_records(), *hostile_records()]:
            analysis = pipeline.analyze(record["text"], issuer=record["issuer"], date=record["date"],
                                        title=record["title"], id=record["id"])
            if record["id"].startswith(HOSTILE_PREFIX):
                analysis.statement.source = HOSTILE_URL
            corpus.add(analysis)


@pytest.fixture(scope="session")
def corpus_path(tmp_path_factory, fictional) -> Path:
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    build_corpus(path, fictional)
    return path


@pytest.fixture()
def corpus(corpus_path, tmp_path):
    """A private copy of the test corpus (tests that write get their own)."""
    import shutil

    from communique.corpus import Corpus

    copy = tmp_path / "corpus.db"
    shutil.copy(corpus_path, copy)
    with Corpus.open(str(copy)) as opened:
        yield opened


@pytest.fixture(scope="session")
def shared_corpus(corpus_path):
    """The session's corpus, for tests that only read."""
    from communique.corpus import Corpus

    with Corpus.open(str(corpus_path)) as opened:
        yield opened


def make_client(corpus, pipeline, **options):
    import warnings

    with warnings.catch_warnings():  # starlette's note that its TestClient will move to httpx2
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from communique.web import create_app

    app = create_app(corpus, pipeline=pipeline, **options)
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(shared_corpus, fictional):
    """The app over the session corpus, as on loopback without a token (reads; analyses without storing)."""
    with make_client(shared_corpus, fictional) as c:
        yield c


@pytest.fixture()
def writable_client(corpus, fictional):
    with make_client(corpus, fictional) as c:
        yield c


class LiveServer:
    """The real app served by uvicorn on a free loopback port, in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY, see web/cli.py
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="session")
def live_corpus(corpus_path, tmp_path_factory):
    """A copy of the corpus for the live server (the browser tests store a statement in it)."""
    import shutil

    from communique.corpus import Corpus

    copy = tmp_path_factory.mktemp("live") / "corpus.db"
    shutil.copy(corpus_path, copy)
    with Corpus.open(str(copy)) as opened:
        yield opened


@pytest.fixture(scope="session")
def live_server(live_corpus, fictional):
    from communique.web import create_app

    with LiveServer(create_app(live_corpus, pipeline=fictional)) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("COMMUNIQUE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and COMMUNIQUE_REQUIRE_BROWSER=1 (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A browser page that records every dialog (and dismisses it) and every page error."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    watched.page.set_default_timeout(30_000)  # generous: CI machines and a loaded 2-core box are slow
    yield watched
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/web/ (kept as a CI artefact)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
