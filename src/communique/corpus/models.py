"""The corpus's result types, declared once as pydantic models.

The CLI prints them, the web app serves them as they are (FastAPI generates
its schema from them), and ``--format json`` is their ``model_dump``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Failure(_Result):
    """A record that was not stored: where it came from and why."""

    where: str = Field(description="the statement id, or file:line for a record without one")
    message: str


class IngestReport(_Result):
    """What one ``ingest`` run did. Every input record is counted once."""

    added: int = 0
    unchanged: int = Field(default=0, description="already stored with the same content (and version, unless stale)")
    reanalysed: int = Field(default=0, description="stored with an older analysis version and analysed again")
    updated: int = Field(default=0, description="stored under the same id with a different text or metadata")
    stale: int = Field(default=0, description="left unchanged although analysed by another version (see reanalyse)")
    failed: list[Failure] = Field(default_factory=list)
    links: int = Field(default=0, description="new thread links found between statements")
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        """Statements written by this run."""
        return self.added + self.reanalysed + self.updated


class Hit(_Result):
    """One statement that matches a search."""

    id: str
    title: str | None = None
    issuer: str | None = Field(default=None, description="actor code, e.g. 'ARM GOV'")
    date: str | None = None
    score: float = Field(description="relevance, higher is better (0 for a search without words)")
    snippet: str = Field(description="plain text around the best match")
    marks: list[tuple[int, int]] = Field(
        default_factory=list, description="character offsets [start, end) of matched words inside the snippet"
    )


class SearchResults(_Result):
    query: str
    total: int = Field(description="statements matching the query and filters")
    total_estimated: bool = Field(
        default=False, description="true when total is an estimate (PostgreSQL, phrases, more than 1,000 candidates)")
    offset: int = 0
    hits: list[Hit] = Field(default_factory=list)


class Period(_Result):
    """Events between two actors in one period, in each direction."""

    period: str = Field(description="'2024', '2024-03', '2024-W09' or '2024-03-02'")
    a_to_b: dict[str, int] = Field(default_factory=dict, description="event counts by PLOVER type, a as source")
    b_to_a: dict[str, int] = Field(default_factory=dict)
    score_a_to_b: float | None = Field(default=None, description="mean PLOVER intensity (-10 conflict .. +10 cooperation)")
    score_b_to_a: float | None = None


class Timeline(_Result):
    a: str
    b: str
    by: str
    periods: list[Period] = Field(default_factory=list)
    statements: int = Field(default=0, description="statements with at least one counted event")
    undated: int = Field(default=0, description="events left out: their statement has no date precise enough for `by`")


class ThreadNode(_Result):
    id: str
    title: str | None = None
    issuer: str | None = None
    date: str | None = None


class ThreadEdge(_Result):
    """``from_id`` responds to ``to_id`` (an earlier statement)."""

    from_id: str
    to_id: str
    reason: str


class Thread(_Result):
    root: str = Field(description="the earliest statement of the thread")
    nodes: list[ThreadNode] = Field(default_factory=list)
    edges: list[ThreadEdge] = Field(default_factory=list)


class ClaimCluster(_Result):
    """Near-identical claims made in several statements."""

    id: int
    text: str = Field(description="the claim as first seen")
    first_seen: str | None = Field(default=None, description="date of the earliest statement making it")
    count: int = Field(description="claims in the cluster (a statement may repeat one); the ledger lists clusters made in two or more statements")
    statements: list[str] = Field(default_factory=list, description="ids of the statements making it, earliest first")
    asserted_by: list[str] = Field(default_factory=list, description="issuers (actor codes) making the claim")
    disputed_by: list[str] = Field(
        default_factory=list, description="issuers rejecting or denying it in a claim of their own"
    )
