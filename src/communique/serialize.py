"""Turn a finished spaCy ``Doc`` into the ``communique/1`` record."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from communique.actors.component import SPAN_KEY
from communique.contract import Actor, Analysis, Event, Mention, Sentence, Statement


def to_analysis(doc: Doc, statement: Statement, warnings: list[str]) -> Analysis:
    sentences = [Sentence(index=i, start=s.start_char, end=s.end_char) for i, s in enumerate(doc.sents)]
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
    events = [Event(**record) for record in (doc._.events or [])] if Doc.has_extension("events") else []
    return Analysis(statement=statement, sentences=sentences, mentions=mentions, events=events, warnings=warnings)
