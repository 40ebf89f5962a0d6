"""The output contract ``communique/1``, declared once as pydantic models.

Every layer writes into these shapes, the CLI prints them, ``communique schema``
prints the JSON Schema generated from them, and the corpus stores them. The
meaning of each key is documented in ``docs/output-contract.md``; keys and
meanings are stable, new optional keys may be added.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "communique/1"

MentionKind = Literal["actor", "person", "place", "organisation"]
Resolution = Literal["gazetteer", "issuer", "ner", "rule"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Actor(_Record):
    """A PLOVER-style actor: a country (or non-state code) and a sector."""

    code: str = Field(description="country and sector joined by a space, e.g. 'ARM GOV'")
    country: str = Field(
        description="ISO 3166-1 alpha-3, KOS, or a PLOVER non-state code (IGO, UNO, EUR, NGO, ...); '---' for an "
        "event's actor whose state the text does not give"
    )
    sector: str | None = Field(default=None, description="PLOVER sector code, e.g. GOV, MIL, LEG")
    name: str = Field(description="readable name, e.g. 'Government of Armenia'")
    text: str | None = Field(default=None, description="surface form in this statement")
    org: str | None = Field(
        default=None, description="organisation id for IGO/UNO/EUR/NGO actors, e.g. 'OSCE'"
    )


class Span(_Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Statement(_Record):
    id: str
    title: str | None = None
    issuer: Actor | None = None
    date: str | None = Field(default=None, description="ISO 8601 date of the statement")
    language: str = "en"
    source: str | None = Field(default=None, description="path or URL; null for stdin and the API")
    text: str = Field(description="the analysed text, after extraction and normalisation")


class Sentence(_Record):
    index: int
    start: int
    end: int
    checkworthiness: float | None = Field(default=None, ge=0, le=1)


class Mention(_Record):
    start: int
    end: int
    text: str
    kind: MentionKind
    actor: Actor
    sentence: int
    via: Resolution


class Event(_Record):
    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    source: Actor | None = None
    target: Actor | None = None
    sentence: int
    trigger: Span
    reported_by: Actor | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    intensity: float = Field(ge=-10, le=10)
    confidence: float = Field(ge=0, le=1)


ClaimKind = Literal["quantity", "event", "historical", "legal", "causal", "attribution", "other"]


class Claim(_Record):
    id: str
    sentence: int
    start: int
    end: int
    text: str
    checkworthiness: float = Field(ge=0, le=1)
    kinds: list[ClaimKind] = Field(default_factory=list)
    quantities: list[int] = Field(default_factory=list)
    dates: list[int] = Field(default_factory=list)
    references: list[int] = Field(default_factory=list)


class Quantity(_Record):
    start: int
    end: int
    text: str
    value: float | None = None
    qualifier: str | None = None
    unit: str | None = None


class DateExpression(_Record):
    start: int
    end: int
    text: str
    value: str | None = None
    duration: str | None = None


ReferenceKind = Literal["un_resolution", "treaty", "agreement", "statement", "speech", "law", "other"]


class Reference(_Record):
    start: int
    end: int
    text: str
    kind: ReferenceKind
    ids: list[str] = Field(default_factory=list)
    responds_to: bool = False


class Technique(_Record):
    start: int
    end: int
    text: str
    technique: str = Field(description="a SemEval-2023 Task 3 persuasion technique, e.g. 'Loaded_Language'")
    confidence: float = Field(ge=0, le=1)
    explanation: str = Field(description="what the technique does here, naming the cue")
    sentence: int | None = Field(default=None, description="index of the sentence it starts in")
    target: Actor | None = Field(default=None, description="the actor it is aimed at, when one is mentioned")
    via: Literal["model", "rule"] | None = Field(
        default=None, description="model: the technique model trained on PTC; rule: a rule for diplomatic rebuttals")


class Stance(_Record):
    actor: str = Field(description="country code for a state (e.g. 'ARM'), else organisation id or non-state code")
    name: str | None = Field(default=None, description="readable name of the actor")
    score: float = Field(ge=-1, le=1, description="the issuer's stance toward the actor: -1 hostile .. +1 friendly")
    sentences: list[int] = Field(default_factory=list, description="indexes of the sentences behind the score")


class Analysis(_Record):
    """One analysed statement: the whole ``communique/1`` record."""

    schema_: Literal["communique/1"] = Field(default=SCHEMA_ID, alias="schema")
    statement: Statement
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateExpression] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    techniques: list[Technique] = Field(default_factory=list)
    stance: list[Stance] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        """The contract as plain JSON-ready data (keys in contract order)."""
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)


def json_schema() -> dict:
    """The JSON Schema of ``communique/1``, generated from the models."""
    schema = Analysis.model_json_schema(by_alias=True)
    schema["$id"] = "https://communique.invalid/schema/communique-1.json"
    schema["title"] = "communique/1 analysis"
    return schema
