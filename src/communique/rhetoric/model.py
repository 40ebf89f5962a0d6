"""The technique model: span identification and technique classification, scored with numpy.

Trained by ``communique train techniques`` on PTC (see ``model/CARD.md``);
scikit-learn is needed only to train. Two linear models over the masked text:

* a token tagger (logistic regression over ``features.token_columns``,
  spaCy's contextual token vectors and our word vectors, blended with a small
  network over the dense part) gives each token a probability of lying inside
  a persuasion technique; runs of probable tokens
  become spans by hysteresis (a run starts at a token above ``high`` and
  extends over its neighbours above ``low``, within one sentence);
* a span classifier (multinomial logistic regression over
  ``features.span_features`` and mean word vectors) labels each span with one
  of PTC's 14 techniques, mapped to SemEval-2023's names (``labels.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from communique.errors import ModelError
from communique.rhetoric.embeddings import Embeddings
from communique.rhetoric.features import (
    CUE_WEIGHT,
    TokenTable,
    span_dense,
    span_features,
    token_columns,
    token_dense,
)
from communique.rhetoric.view import View

MODEL_PATH = Path(str(resources.files("communique.rhetoric") / "model" / "techniques.npz"))


@dataclass(frozen=True)
class SpanGuess:
    """A span the tagger found, in tokens of the masked view (inclusive)."""

    first: int
    last: int
    probability: float
    """Mean tagger probability of its tokens."""


@dataclass(frozen=True)
class LabelGuess:
    label: str
    """A PTC label."""
    probability: float
    cues: tuple[str, ...]
    """The words of the span that weighed most for this label."""


@dataclass
class Perceptron:
    """A network with one hidden layer (ReLU, logistic output) over the dense token features."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        hidden = np.maximum(0.0, ((x - self.mean) / self.scale) @ self.w1 + self.b1)
        return 1.0 / (1.0 + np.exp(-(hidden @ self.w2 + self.b2)))


@dataclass
class Tagger:
    vocabulary: dict[str, int]
    coef: np.ndarray
    dense_coef: np.ndarray
    intercept: float
    high: float
    low: float
    perceptron: Perceptron | None = None
    blend: float = 1.0
    """Weight of the logistic regression's probability; the perceptron's gets the rest."""

    def probabilities(self, view: View, table: TokenTable, embeddings: Embeddings) -> np.ndarray:
        n = len(view.tokens)
        if n == 0:
            return np.zeros(0)
        get = self.vocabulary.get
        columns = token_columns(table)
        k = np.array([get(f, -1) for column in columns for f in column], dtype=np.int64)
        known = k >= 0
        rows = np.tile(np.arange(n), len(columns))[known]
        dense = token_dense(view, table, embeddings)
        z = dense @ self.dense_coef + self.intercept
        z += np.bincount(rows, weights=self.coef[k[known]], minlength=n)
        p = 1.0 / (1.0 + np.exp(-z))
        if self.perceptron is not None and self.blend < 1.0:
            p = self.blend * p + (1.0 - self.blend) * self.perceptron.probabilities(dense)
        return p


def decode(view: View, probs: np.ndarray, high: float, low: float) -> list[SpanGuess]:
    """Hysteresis within each sentence; one weak token between two strong runs
    is bridged; spans neither start nor end with punctuation."""
    tokens = view.tokens
    word = [bool(t.text.strip()) and t.pos != "SPACE" for t in tokens]
    out: list[SpanGuess] = []
    for a, b in view.sentences:
        i = a
        while i < b:
            if not (word[i] and probs[i] >= high and tokens[i].pos != "PUNCT"):
                i += 1
                continue
            s = e = i
            while s - 1 >= a and word[s - 1] and probs[s - 1] >= low:
                s -= 1
            while e + 1 < b and word[e + 1] and probs[e + 1] >= low:
                e += 1
            while e + 2 < b and probs[e + 1] < low and word[e + 2] and probs[e + 2] >= high:
                e += 2
                while e + 1 < b and word[e + 1] and probs[e + 1] >= low:
                    e += 1
            first, last = s, e
            while first <= last and tokens[first].pos == "PUNCT":
                first += 1
            while last >= first and tokens[last].pos == "PUNCT":
                last -= 1
            if first <= last:
                out.append(SpanGuess(first, last, float(np.mean(probs[first:last + 1]))))
            i = e + 1
    return out


@dataclass
class Classifier:
    vocabulary: dict[str, int]
    coef: np.ndarray
    """(labels, sparse features)"""
    dense_coef: np.ndarray
    """(labels, dense features)"""
    intercept: np.ndarray
    labels: tuple[str, ...]

    def probabilities(self, view: View, table: TokenTable, embeddings: Embeddings, first: int, last: int,
                      same: int = 0) -> tuple[np.ndarray, list[int]]:
        """Label probabilities of a span; ``same``: how many other spans of the
        text have the same words (a cue of Repetition). Also returns the
        span's lexical feature indices (for naming cues)."""
        lexical, cues = span_features(view, table, first, last, same=same)
        lex = sorted({self.vocabulary[f] for f in lexical if f in self.vocabulary})
        cue = sorted({self.vocabulary[f] for f in cues if f in self.vocabulary})
        z = self.intercept + self.dense_coef @ span_dense(view, table, embeddings, first, last)
        if lex:
            z = z + self.coef[:, lex].sum(axis=1) / np.sqrt(len(lex))
        if cue:
            z = z + self.coef[:, cue].sum(axis=1) * CUE_WEIGHT
        p = np.exp(z - z.max())
        return p / p.sum(), lex

    def classify(self, view: View, table: TokenTable, embeddings: Embeddings, first: int, last: int, *,
                 same: int = 0, top: int = 1) -> list[LabelGuess]:
        p, lex = self.probabilities(view, table, embeddings, first, last, same=same)
        return [LabelGuess(self.labels[k], float(p[k]), self._cues(int(k), lex)) for k in np.argsort(-p)[:top]]

    def _cues(self, k: int, lex: list[int]) -> tuple[str, ...]:
        """The span's words that push most towards label ``k`` (against the mean label)."""
        if not lex:
            return ()
        weights = self.coef[k, lex] - self.coef[:, lex].mean(axis=0)
        words: list[str] = []
        for j in np.argsort(-weights):
            if weights[j] <= 0 or len(words) == 2:
                break
            name = self._names[lex[j]]
            if name.startswith(("w=", "b=")) and name[2:] not in words:
                words.append(name[2:])
        return tuple(words)

    @cached_property
    def _names(self) -> list[str]:
        return sorted(self.vocabulary, key=self.vocabulary.__getitem__)


@dataclass
class TechniqueModel:
    embeddings: Embeddings
    tagger: Tagger
    classifier: Classifier
    meta: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        t, c = self.tagger, self.classifier
        codes, scale = self.embeddings.quantised()
        words = sorted(self.embeddings.index, key=self.embeddings.index.__getitem__)
        np.savez_compressed(
            path,
            emb_words=_text("\n".join(words)), emb_codes=codes, emb_scale=scale,
            si_vocab=_blob(t.vocabulary), si_coef=t.coef.astype(np.float32), si_dense=t.dense_coef.astype(np.float32),
            si_scalars=np.array([t.intercept, t.high, t.low, t.blend]),
            **_perceptron_arrays(t.perceptron),
            tc_vocab=_blob(c.vocabulary), tc_coef=c.coef.astype(np.float32), tc_dense=c.dense_coef.astype(np.float32),
            tc_intercept=c.intercept.astype(np.float64), tc_labels=_text("\n".join(c.labels)),
            meta=_text(json.dumps(self.meta, sort_keys=True)),
        )


def _perceptron_arrays(net: Perceptron | None) -> dict[str, np.ndarray]:
    if net is None:
        return {}
    return {"mlp_mean": net.mean.astype(np.float32), "mlp_scale": net.scale.astype(np.float32),
            "mlp_w1": net.w1.astype(np.float32), "mlp_b1": net.b1.astype(np.float32),
            "mlp_w2": net.w2.astype(np.float32), "mlp_b2": np.array([net.b2])}


def _perceptron(data) -> Perceptron | None:
    if "mlp_w1" not in data:
        return None
    return Perceptron(*(data[k].astype(np.float64) for k in ("mlp_mean", "mlp_scale", "mlp_w1", "mlp_b1", "mlp_w2")),
                      float(data["mlp_b2"][0]))


def _text(value: str) -> np.ndarray:
    return np.frombuffer(value.encode("utf-8"), dtype=np.uint8)


def _untext(blob: np.ndarray) -> str:
    return blob.tobytes().decode("utf-8")


def _blob(vocabulary: dict[str, int]) -> np.ndarray:
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    if any("\n" in name for name in names):
        raise ValueError("a feature name contains a line break")
    return _text("\n".join(names))


def _vocab(blob: np.ndarray) -> dict[str, int]:
    return {term: i for i, term in enumerate(_untext(blob).split("\n"))}


@lru_cache(maxsize=2)
def load(path: Path = MODEL_PATH) -> TechniqueModel:
    """The technique model at ``path`` (default: the one shipped in the package)."""
    if not path.exists():
        raise ModelError(f"technique model not found at {path}; rebuild it with `communique train techniques`")
    try:
        with np.load(path, allow_pickle=False) as data:
            embeddings = Embeddings.from_quantised(_untext(data["emb_words"]).split("\n"), data["emb_codes"],
                                                   data["emb_scale"])
            intercept, high, low, *rest = (float(x) for x in data["si_scalars"])
            tagger = Tagger(_vocab(data["si_vocab"]), data["si_coef"].astype(np.float64),
                            data["si_dense"].astype(np.float64), intercept, high, low,
                            _perceptron(data), rest[0] if rest else 1.0)
            classifier = Classifier(_vocab(data["tc_vocab"]), data["tc_coef"].astype(np.float64),
                                    data["tc_dense"].astype(np.float64), data["tc_intercept"].astype(np.float64),
                                    tuple(_untext(data["tc_labels"]).split("\n")))
            meta = json.loads(_untext(data["meta"]))
    except (KeyError, ValueError, OSError, EOFError) as err:
        raise ModelError(f"{path}: not a technique model ({err}); rebuild it with `communique train techniques`") from None
    return TechniqueModel(embeddings, tagger, classifier, meta)
