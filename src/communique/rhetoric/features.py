"""Features of the rhetoric models, shared by training and use.

Everything here reads the masked view (``view.py``): words as the models see
them, with one stand-in for every state name, so no feature can depend on
which state is named.

* Span identification tags tokens: is this token inside a persuasion
  technique? Its features are the word, lemma, shape and part of speech of
  the token and its neighbours, the syntactic head, quotes, sentence cues
  (exclamation, question, length), how often the lemma recurs in the text, and
  en_core_web_sm's contextual token vector.
* Technique classification labels a span: its words and character n-grams,
  the words around it, its length, how often it recurs in the text (the cue of
  Repetition), capitals, exclamation and question marks, quotes, and the mean
  contextual vector of its tokens.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from communique.rhetoric.embeddings import Embeddings, context_features
from communique.rhetoric.view import View

VECTOR_SCALE = 0.2
"""Weight of spaCy's contextual token vectors next to the sparse features (tagger)."""
CONTEXT_SCALE = 0.5
"""Weight of the word-vector context features (tagger)."""
SPAN_VECTOR_SCALE = 0.3
"""Weight of the span's and its sentence's mean word vectors (classifier)."""
CUE_WEIGHT = 0.3
"""Value of each cue feature of a span (its lexical features share a unit norm)."""

CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "ADV"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})
_DIGIT = re.compile(r"\d")


def shape(word: str) -> str:
    if not word:
        return "empty"
    if word.isspace():
        return "space"
    if _DIGIT.search(word):
        return "num"
    if word.isupper() and len(word) > 1:
        return "CAPS"
    if word[:1].isupper():
        return "Cap"
    if word.isalpha():
        return "low"
    return "punct" if not any(c.isalnum() for c in word) else "mixed"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


class TokenTable:
    """Per-token facts of one view, computed once for all feature functions."""

    def __init__(self, view: View):
        tokens = view.tokens
        self.view = view
        # line breaks and other whitespace tokens read as one word (feature names are stored one a line)
        self.lower = [t.text.lower() if t.text.strip() else "<ws>" for t in tokens]
        self.lemma = [t.lemma if t.text.strip() else "<ws>" for t in tokens]
        self.pos = [t.pos for t in tokens]
        self.shape = [shape(t.text) for t in tokens]
        counts = Counter(lem for lem, p in zip(self.lemma, self.pos, strict=True) if p in CONTENT_POS)
        self.recur = [_bucket(counts[lem], (1, 2, 4)) if p in CONTENT_POS else "-"
                      for lem, p in zip(self.lemma, self.pos, strict=True)]
        self.quoted = _inside_quotes(view)
        self.content_lemmas = [lem for lem, p in zip(self.lemma, self.pos, strict=True) if p not in ("PUNCT", "SPACE")]
        self._index: dict[str, list[int]] | None = None
        self.sentence_of = np.zeros(len(tokens), dtype=np.int64)
        self.sentence_cues: list[list[str]] = []
        for k, (a, b) in enumerate(view.sentences):
            self.sentence_of[a:b] = k
            words = self.lower[a:b]
            cues = [f"slen={_bucket(b - a, (5, 12, 25, 40))}"]
            if "!" in words:
                cues.append("s!")
            if "?" in words:
                cues.append("s?")
            if any(w in QUOTES for w in words):
                cues.append("s\"")
            self.sentence_cues.append(cues)


    def lemma_index(self) -> dict[str, list[int]]:
        """Positions of each lemma in the text's word sequence (punctuation left out)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for k, lem in enumerate(self.content_lemmas):
                index.setdefault(lem, []).append(k)
            self._index = index
        return self._index


def _inside_quotes(view: View) -> list[bool]:
    """Tokens between an opening and a closing quote mark in the same sentence."""
    out = [False] * len(view.tokens)
    for a, b in view.sentences:
        open_at = None
        for i in range(a, b):
            word = view.tokens[i].text
            if word in ('"', "“", "”", "«", "»"):
                if open_at is None and word != "”" and word != "»":
                    open_at = i
                else:
                    for k in range(open_at + 1 if open_at is not None else a, i):
                        out[k] = True
                    open_at = None
    return out


def token_columns(table: TokenTable) -> list[list[str | None]]:
    """Sparse features of every token for span identification, one column per
    feature template (None where a token lacks that feature): the word, lemma,
    part of speech, tag, dependency, shape and suffix of the token; the words
    two to the left and right, the parts of speech beside it, the bigrams with
    its neighbours; its syntactic head; how often its lemma recurs in the
    text; quotes around it; and its sentence's length, '!', '?' and quotes."""
    t = table
    low, lem, pos = t.lower, t.lemma, t.pos
    tokens = t.view.tokens
    left = ["<s>", *low[:-1]]
    right = [*low[1:], "</s>"]
    left2 = ["<s>", "<s>", *low[:-2]][:len(low)]
    right2 = [*low[2:], "</s>", "</s>"][-len(low):] if low else []
    heads = [lem[tok.head] for tok in tokens]
    cues = [t.sentence_cues[k] for k in t.sentence_of.tolist()]
    return [
        ["w=" + x for x in low], ["l=" + x for x in lem], ["p=" + x for x in pos],
        ["t=" + tok.tag for tok in tokens], ["d=" + tok.dep for tok in tokens], ["sh=" + x for x in t.shape],
        ["suf=" + x[-3:] for x in low], ["w-1=" + x for x in left], ["w+1=" + x for x in right],
        ["w-2=" + x for x in left2], ["w+2=" + x for x in right2],
        ["p-1=" + x for x in ["<s>", *pos[:-1]]], ["p+1=" + x for x in [*pos[1:], "</s>"]],
        [f"b-={a}|{b}" for a, b in zip(left, low, strict=True)], [f"b+={a}|{b}" for a, b in zip(low, right, strict=True)],
        ["h=" + h for h in heads], [f"dh={tok.dep}|{h}" for tok, h in zip(tokens, heads, strict=True)],
        ["rec=" + r for r in t.recur], [f"pr={p}|{r}" for p, r in zip(pos, t.recur, strict=True)],
        ["quoted" if q else None for q in t.quoted],
        [c[0] for c in cues], ["s!" if "s!" in c else None for c in cues], ["s?" if "s?" in c else None for c in cues],
        ['s"' if 's"' in c else None for c in cues],
    ]


def token_features(table: TokenTable, i: int) -> list[str]:
    """The sparse features of token ``i`` (``token_columns`` read across)."""
    return [f for col in token_columns(table) if (f := col[i]) is not None]


def token_rows(table: TokenTable) -> list[list[str]]:
    """The sparse features of every token, token by token (for training)."""
    columns = token_columns(table)
    return [[f for f in row if f is not None] for row in zip(*columns, strict=True)]


CUES: dict[str, frozenset[str]] = {
    "flag": frozenset("nation national nations patriot patriots patriotic homeland country countries our we us people "
                      "flag america american americans sovereignty motherland fatherland citizens heritage".split()),
    "authority": frozenset("said says according expert experts professor scientist scientists study research law "
                           "charter court official officials report reports declared stated warned explained "
                           "resolution resolutions doctor dr institute".split()),
    "doubt": frozenset("really question questions whether why allegedly alleged so-called claim claims supposedly "
                       "reportedly apparently if doubt doubts credibility truth true lie lies actually".split()),
    "fear": frozenset("threat threats danger dangerous fear risk destroy destruction kill killed death deaths "
                      "attack attacks war terror terrorist terrorists crisis catastrophe disaster collapse "
                      "invasion invaders violence chaos".split()),
    "causal": frozenset("because therefore thus so result results resulted cause caused causes lead leads led due "
                        "since consequence reason why blame".split()),
    "dilemma": frozenset("either or only must no choice alternative unless else never always nothing "
                         "everything".split()),
    "crowd": frozenset("everyone everybody all majority millions most people world whole know knows "
                       "popular".split()),
    "reviled": frozenset("hitler nazi nazis fascist fascists fascism stalin communist communists "
                         "totalitarian".split()),
    "intensity": frozenset("very so most much many extremely totally completely absolutely huge massive "
                           "enormous greatest biggest worst best record ever never all every".split()),
}
"""Small cue-word lists (our own) that name what a technique typically leans on."""


def span_features(view: View, table: TokenTable, first: int, last: int, *, same: int = 0) -> tuple[list[str], list[str]]:
    """Features of the span of tokens first..last (inclusive) for technique
    classification: (lexical features, which share a unit norm; cue features,
    each worth ``CUE_WEIGHT``). ``same``: how many other spans under
    classification in this text have the same words (Repetition's cue)."""
    t = table
    words = t.lower[first:last + 1]
    kinds = t.pos[first:last + 1]
    content = [w for w, p in zip(words, kinds, strict=True) if p not in ("PUNCT", "SPACE")]
    lemmas = [x for x, p in zip(t.lemma[first:last + 1], kinds, strict=True) if p not in ("PUNCT", "SPACE")]
    n_words = len(content)
    lexical = ["w=" + w for w in content] + [f"b={a} {b}" for a, b in zip(content, content[1:], strict=False)]
    lexical += ["l=" + x for x in lemmas]
    lowered = " ".join(content)
    if len(lowered) <= 40:
        padded = f" {lowered} "
        lexical += ["c=" + padded[k:k + 4] for k in range(max(1, len(padded) - 3))]
    a, b = view.sentences[int(t.sentence_of[first])]
    lexical += ["ctx=" + w for w in t.lower[max(a, first - 6):first] + t.lower[last + 1:min(b, last + 7)] if w.isalpha()]

    recur = _recurrence(t, first, last, lemmas)
    cues = [f"len={_bucket(n_words, (1, 2, 3, 5, 8, 13, 21, 34))}", f"occ={_bucket(recur, (1, 2, 3, 5))}",
            f"occlen={_bucket(recur, (1, 2, 3))}|{_bucket(n_words, (1, 3, 8))}", f"same={min(same, 3)}"]
    if n_words <= 4:
        cues.append("full=" + lowered)
    cues += ["p=" + x for x in kinds]
    cues.append("first=" + (content[0] if content else ""))
    cues.append("last=" + (content[-1] if content else ""))
    cues.append("shape0=" + t.shape[first])
    caps = sum(1 for w in view.tokens[first:last + 1] if w.text.isupper() and len(w.text) > 1)
    if caps:
        cues.append("caps" if caps < n_words else "allcaps")
    if "!" in words or (last + 1 < b and t.lower[last + 1] == "!"):
        cues.append("!")
    if "?" in words or (last + 1 < b and t.lower[last + 1] == "?"):
        cues.append("?")
    if any(w in QUOTES for w in words):
        cues.append("quote-in")
    before = t.lower[first - 1] if first > a else "<s>"
    after = t.lower[last + 1] if last + 1 < b else "</s>"
    cues += ["before=" + before, "after=" + after]
    if before in QUOTES or after in QUOTES or t.quoted[first]:
        cues.append("quoted")
    cover = (last + 1 - first) / max(1, b - a)
    cues.append(f"cover={_bucket(int(cover * 10), (1, 3, 6, 8, 10))}")
    for name, vocabulary in CUES.items():
        hits = sum(1 for w in content if w in vocabulary)
        if hits:
            cues.append(f"cue={name}|{_bucket(hits, (1, 2))}")
    cues += t.sentence_cues[int(t.sentence_of[first])]
    return lexical, cues


def _recurrence(t: TokenTable, first: int, last: int, lemmas: list[str]) -> int:
    """How often the span's lemma sequence occurs in the whole text (1 = only here)."""
    if not lemmas:
        return 0
    key = tuple(lemmas)
    index = t.lemma_index()
    starts = index.get(lemmas[0], ())
    n = 0
    seq = t.content_lemmas
    for s in starts:
        if tuple(seq[s:s + len(key)]) == key:
            n += 1
    return n


def token_dense(view: View, table: TokenTable, embeddings: Embeddings) -> np.ndarray:
    """Dense features of every token for span identification: spaCy's
    contextual vector and the word-vector context (``embeddings.context_features``)."""
    return np.hstack([view.vectors * VECTOR_SCALE,
                      context_features(embeddings, table.lower, view.sentences) * CONTEXT_SCALE])


def span_dense(view: View, table: TokenTable, embeddings: Embeddings, first: int, last: int) -> np.ndarray:
    """Mean word vector of the span and of its sentence (classifier)."""
    a, b = view.sentences[int(table.sentence_of[first])]
    inside = embeddings.lookup([w for w in table.lower[first:last + 1] if w in embeddings.index])
    around = embeddings.lookup([w for w in table.lower[a:b] if w in embeddings.index])
    mean = [x.mean(axis=0) if len(x) else embeddings.zero for x in (inside, around)]
    return np.concatenate(mean) * SPAN_VECTOR_SCALE
