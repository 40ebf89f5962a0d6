"""A lightweight stand-in pipeline for the corpus's crash-safety tests.

``COMMUNIQUE_LIGHT_PIPELINE=1 communique ingest ...`` analyses with this instead
of the real pipeline: it makes ``communique/1`` records with the statement and
its sentences only (no models are loaded, so a process starts in a fraction of
a second), which lets a test kill and restart a real ``communique ingest``
dozens of times. A number other than 1 (``0.02``) also waits that many seconds
per statement, so that kills land in the middle of a run. Its records are
stored with the analysis version ``<release>+light``, so a later ingest with
``--reanalyse`` redoes them with the real pipeline. Not for real use.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator

from communique.contract import Actor, Analysis, Sentence, Statement
from communique.corpus.version import LIGHT
from communique.errors import InputError
from communique.ingest.records import StatementRecord

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_CODE = re.compile(r"^[A-Z]{3}(?: [A-Z]{3})?$")


class LightPipeline:
    version_tag = LIGHT

    def __init__(self, delay: float | None = None):
        if delay is None:
            raw = os.environ.get("COMMUNIQUE_LIGHT_PIPELINE", "1")
            try:
                delay = float(raw) if raw not in ("1", "") else 0.0
            except ValueError:
                delay = 0.0
        self.delay = delay

    def analyze_many(self, records: Iterable[StatementRecord], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Analysis | InputError]:
        for record in records:
            if isinstance(record, InputError):
                yield record
                continue
            if self.delay:
                time.sleep(self.delay)
            issuer = None
            if record.issuer:
                code = " ".join(record.issuer.upper().split())
                if not _CODE.match(code):
                    yield InputError(f"unknown issuer {record.issuer!r}", source=record.source, line=record.line)
                    continue
                country, _, sector = code.partition(" ")
                issuer = Actor(code=code, country=country, sector=sector or None, name=code)
            text = record.text
            sentences = [Sentence(index=i, start=m.start(), end=m.end())
                         for i, m in enumerate(m for m in _SENTENCE.finditer(text) if m.group().strip())]
            yield Analysis(
                statement=Statement(
                    id=record.id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], title=record.title,
                    issuer=issuer, date=record.date, source=record.source, text=text,
                ),
                sentences=sentences,
            )
