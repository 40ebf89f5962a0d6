"""What the web app serves from: a corpus, a lazily loaded pipeline, and the write rules."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from communique.contract import Analysis
from communique.ingest.records import StatementRecord

if TYPE_CHECKING:
    from communique.pipeline import Pipeline

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest upload (text, HTML or PDF file) the app accepts by default."""
MAX_TEXT_CHARS = 200_000
"""Longest statement text the app analyses by default (a long UN speech is ~40,000)."""
STATS_MAX_AGE = 60.0
"""Seconds the home page's corpus counts may be old (another process may be ingesting)."""


@dataclass
class Settings:
    """How the app was started: where it is bound, its write token and its caps."""

    host: str = "127.0.0.1"
    token: str | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    allowed_hosts: list[str] | None = None
    gazetteers: list[str] = field(default_factory=list)

    @property
    def token_required(self) -> bool:
        """Bound to another address than loopback: writes need the token (and are off without one)."""
        from communique.web.security import is_loopback

        return bool(self.token) or not is_loopback(self.host)

    @property
    def writable(self) -> bool:
        from communique.web.security import is_loopback

        return bool(self.token) or is_loopback(self.host)


class Site:
    """The corpus the app browses and the pipeline it analyses with.

    The pipeline is loaded once, on first use (or by :meth:`warm_up` in the
    background at start), and used by one analysis at a time: spaCy pipelines
    are not meant to be shared between threads.
    """

    def __init__(self, corpus: Any, settings: Settings, *, pipeline: Pipeline | None = None):
        self.corpus = corpus
        self.settings = settings
        self._pipeline = pipeline
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._stats: tuple[float, dict] | None = None

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            with self._load_lock:
                if self._pipeline is None:
                    from communique.pipeline import Pipeline

                    self._pipeline = Pipeline.load(gazetteers=self.settings.gazetteers)
        return self._pipeline

    @property
    def pipeline_loaded(self) -> bool:
        return self._pipeline is not None

    def warm_up(self) -> threading.Thread:
        """Load the pipeline in a background thread, so the first analysis does not wait for it."""
        thread = threading.Thread(target=self._warm, name="communique-pipeline-load", daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        try:
            self.pipeline()
        except Exception:  # noqa: BLE001 - the error is raised again, to the user, on first use
            pass

    def headline_stats(self, max_age: float = STATS_MAX_AGE) -> dict:
        """The corpus's stats for the home page, at most ``max_age`` seconds old: counting every
        table of a large corpus takes a second, and the home page should not."""
        now = time.monotonic()
        if self._stats is None or now - self._stats[0] > max_age:
            self._stats = (now, self.corpus.stats())
        return self._stats[1]

    def changed(self) -> None:
        """The app stored or deleted a statement: recount on the next home page."""
        self._stats = None

    def analyze(self, record: StatementRecord, *, issuer: str | None, date: str | None, title: str | None) -> Analysis:
        """Analyse one statement (blocking: call it from a worker thread)."""
        pipeline = self.pipeline()
        with self._run_lock:
            return pipeline.analyze(
                record.text,
                issuer=issuer or record.issuer,
                date=date or record.date,
                title=title or record.title,
                id=record.id,
                source=None,
            )


def clean_fields(values: Iterable[str | None]) -> list[str | None]:
    """Form fields trimmed; empty ones become None."""
    return [(v.strip() or None) if isinstance(v, str) else None for v in values]
