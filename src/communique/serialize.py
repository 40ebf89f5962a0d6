"""Turn a finished spaCy ``Doc`` into the ``communique/1`` record."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from communique.actors.component import SPAN_KEY
from communique.contract import (
    Actor,
    Analysis,
    Claim,
    DateExpression,
    Event,
    Mention,
    Quantity,
    Reference,
    Sentence,
    Stance,
    Statement,
    Technique,
)


def to_analysis(doc: Doc, statement: Statement, warnings: list[str]) -> Analysis:
    scores = _ext(doc, "checkworthiness") or []
    sentences = [
        Sentence(index=i, start=s.start_char, end=s.end_char, checkworthiness=scores[i] if i < len(scores) else None)
        for i, s in enumerate(doc.sents)
    ]
    starts = [s.start for s in doc.sents]
    mentions = []
    for span in doc.spans.get(SPAN_KEY, []):
        actor = Actor(**span._.actor, text=span.text)
        mentions.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind=span.label_,
                actor=actor,
                sentence=bisect_right(starts, span.start) - 1,
                via=span._.via,
            )
        )
    return Analysis(
        statement=statement,
        sentences=sentences,
        mentions=mentions,
        events=[Event(**r) for r in _ext(doc, "events") or []],
        claims=[Claim(**r) for r in _ext(doc, "claims") or []],
        quantities=[Quantity(**r) for r in _ext(doc, "quantities") or []],
        dates=[DateExpression(**r) for r in _ext(doc, "dates") or []],
        references=[Reference(**r) for r in _ext(doc, "references") or []],
        techniques=[Technique(**r) for r in _ext(doc, "techniques") or []],
        stance=[Stance(**r) for r in _ext(doc, "stance") or []],
        warnings=warnings + list(doc.user_data.get("communique.warnings", [])),
    )


def _ext(doc: Doc, name: str):
    """A layer's output on the doc, or None when that layer did not run."""
    return getattr(doc._, name) if Doc.has_extension(name) else None
