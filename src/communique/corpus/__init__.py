"""The corpus: ingest thousands of statements, then search them, follow threads,
track claims over time and export (see :class:`Corpus`).

>>> from communique.corpus import Corpus
>>> with Corpus.open("corpus.db") as corpus:          # or "postgresql://user@host/db"
...     corpus.ingest(["statements.jsonl"])
...     corpus.search("ceasefire", issuer="ARM").hits
"""

from __future__ import annotations

from communique.corpus.corpus import BY, Corpus
from communique.corpus.models import (
    ClaimCluster,
    Failure,
    Hit,
    IngestReport,
    Period,
    SearchResults,
    Thread,
    ThreadEdge,
    ThreadNode,
    Timeline,
)
from communique.corpus.search import QueryError
from communique.errors import StoreError

__all__ = [
    "BY", "ClaimCluster", "Corpus", "Failure", "Hit", "IngestReport", "Period", "QueryError", "SearchResults",
    "StoreError", "Thread", "ThreadEdge", "ThreadNode", "Timeline",
]
