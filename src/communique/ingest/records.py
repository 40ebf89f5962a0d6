"""The unit that every reader produces: one statement's text and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StatementRecord:
    """One statement as read from a file, a JSONL line, stdin or the API.

    ``issuer`` is kept as the code string the user gave ("AZE", "AZE GOV");
    the pipeline resolves it, so a bad code is reported for this record only.
    """

    text: str
    id: str | None = None
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    source: str | None = None
    line: int | None = None
    warnings: tuple[str, ...] = field(default=())
