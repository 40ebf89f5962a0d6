"""The statement as the rhetoric models read it: one token per masked name.

The actors layer replaces every state name, adjective, capital, institution,
office holder and place by one stand-in word before spaCy's models run
(``doc._.masked``; see ``ActorResolver.masked``). The rhetoric layer works on
the same masked token sequence: its features, its rules and the repetition
counts never see which state is named, nor how long its name is. Spans found
on the masked text are mapped back to character offsets in the real text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, POS, SPACY, TAG
from spacy.tokens import Doc

VECTOR_WIDTH = 96
"""Width of en_core_web_sm's contextual token vectors (``doc.tensor``)."""


@dataclass(slots=True)
class Token:
    """One token of the masked reading."""

    text: str
    """The word as the models read it (a stand-in for a masked name)."""
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    """Index of the syntactic head, in the masked view."""
    sentence: int
    start: int
    end: int
    """Character offsets in ``View.text``."""
    real_start: int
    real_end: int
    """Character offsets in the real statement text."""
    masked: bool


@dataclass
class View:
    text: str
    """The masked text (state names replaced by one stand-in each)."""
    tokens: list[Token]
    vectors: np.ndarray
    """One contextual vector per token (zeros when the parse brought none)."""
    sentences: list[tuple[int, int]]
    """Token ranges [start, end) of each sentence."""
    real_text: str

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]

    def token_at(self, char: int) -> int:
        """The token covering masked character ``char`` (or the one before a gap)."""
        return max(0, bisect_right(self._starts, char) - 1)

    def real_span(self, start: int, end: int) -> tuple[int, int]:
        """Masked character offsets [start, end) as offsets in the real text.

        Inside an unmasked token an offset moves by the token's shift; a
        masked name is taken whole."""
        first, last = self.token_at(start), self.token_at(max(start, end - 1))
        a, b = self.tokens[first], self.tokens[last]
        real_start = a.real_start if a.masked else a.real_start + min(max(start - a.start, 0), a.end - a.start)
        real_end = b.real_end if b.masked else b.real_start + min(max(end - b.start, 0), b.end - b.start)
        return real_start, max(real_start, real_end)

    def token_span_real(self, first: int, last: int) -> tuple[int, int]:
        """Real character offsets of tokens first..last (inclusive)."""
        return self.tokens[first].real_start, self.tokens[last].real_end


def build(doc: Doc) -> View:
    """The masked view of a parsed Doc (from ``Pipeline.process``)."""
    from communique.doc_facts import sentence_starts, text_of

    n = len(doc)
    text = text_of(doc)
    reading = doc._.masked if Doc.has_extension("masked") else None
    if not reading or len(reading) != n:
        reading = [t.text_with_ws for t in doc]
    table = doc.to_array([IDX, LENGTH, HEAD, SPACY, POS, TAG, DEP, LEMMA]) if n else np.zeros((0, 8), np.uint64)
    numbers = table[:, :4].astype(np.int64)  # HEAD is a signed offset stored unsigned
    idx, length, head_offset, spacy_ = numbers[:, 0], numbers[:, 1], numbers[:, 2], numbers[:, 3]
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def name(key: int) -> str:
        value = names.get(key)
        if value is None:
            value = names[key] = strings[key] if key else ""
        return value

    groups: list[tuple[int, int]] = []
    for i, piece in enumerate(reading):
        if piece or not groups:
            groups.append((i, i + 1))
        else:
            groups[-1] = (groups[-1][0], i + 1)
    starts = sorted(sentence_starts(doc)) if n else []
    bounds = [*starts, n]
    sent_of = np.zeros(n, dtype=np.int64)
    for k in range(len(starts)):
        sent_of[bounds[k]:bounds[k + 1]] = k
    group_of = np.zeros(n, dtype=np.int64)
    for j, (a, b) in enumerate(groups):
        group_of[a:b] = j
    heads = (np.arange(n) + head_offset).tolist()
    idx_l, len_l, space_l = idx.tolist(), length.tolist(), spacy_.tolist()
    pos_l, tag_l, dep_l, lemma_l = (table[:, c].tolist() for c in (4, 5, 6, 7))
    group_l, sent_l = group_of.tolist(), sent_of.tolist()
    tokens: list[Token] = []
    at = 0
    rows = []
    for a, b in groups:
        z = b - 1
        piece = reading[a]
        word = piece[:-1] if space_l[z] and piece.endswith(" ") else piece
        masked = b - a > 1 or word != text[idx_l[a]:idx_l[a] + len_l[a]]
        lemma = word.lower() if masked else (name(lemma_l[a]) or word).lower()
        tokens.append(Token(word, lemma, name(pos_l[z]), name(tag_l[z]), name(dep_l[z]), group_l[heads[z]], sent_l[a],
                            at, at + len(word), idx_l[a], idx_l[z] + len_l[z], masked))
        at += len(piece)
        rows.append(a)
    has_vectors = doc.tensor is not None and doc.tensor.ndim == 2 and doc.tensor.shape[0] == n \
        and doc.tensor.shape[1] == VECTOR_WIDTH
    vectors = doc.tensor[rows].astype(np.float32) if has_vectors and rows else np.zeros((len(tokens), VECTOR_WIDTH), np.float32)
    sentences = [(group_l[bounds[k]], group_l[bounds[k + 1] - 1] + 1) for k in range(len(starts)) if bounds[k] < bounds[k + 1]]
    return View(text="".join(reading), tokens=tokens, vectors=vectors, sentences=sentences, real_text=text)
