"""communique: official statements in, structured and checkable data out.

>>> import communique
>>> result = communique.analyze("We reject the statement of the Ministry of Foreign Affairs of Armenia.",
...                             issuer="AZE GOV", date="2023-05-30")
>>> [(m.text, m.actor.code) for m in result.mentions]
[('We', 'AZE GOV'), ('Ministry of Foreign Affairs of Armenia', 'ARM GOV')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from communique.contract import Analysis, json_schema
from communique.errors import CommuniqueError, InputError, IssuerError, ModelError
from communique.ingest.records import StatementRecord
from communique.pipeline import Pipeline, default_pipeline

__version__ = "0.1.0"

__all__ = [
    "Analysis", "CommuniqueError", "InputError", "IssuerError", "ModelError", "Pipeline",
    "StatementRecord", "analyze", "analyze_many", "json_schema", "load",
]


def load() -> Pipeline:
    """Load a new pipeline you own (the model and gazetteers, about two seconds)."""
    return Pipeline.load()


def analyze(
    text: str,
    issuer: str | None = None,
    date: str | Date | None = None,
    *,
    title: str | None = None,
    id: str | None = None,
) -> Analysis:
    """Analyse one statement with the shared default pipeline."""
    return default_pipeline().analyze(text, issuer=issuer, date=date, title=title, id=id)


def analyze_many(
    records: Iterable[StatementRecord | str | dict],
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[Analysis | InputError]:
    """Stream analyses of many statements, in order; bad records come out as InputError."""
    return default_pipeline().analyze_many(records, n_process=n_process, batch_size=batch_size)
