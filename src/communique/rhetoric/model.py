"""The technique model: span identification and technique classification, scored with numpy.

Trained by ``communique train techniques`` on PTC (see ``model/CARD.md``);
scikit-learn is needed only to train. Two linear models over the masked text:

* a token tagger (logistic regression over ``features.token_columns``,
  spaCy's contextual token vectors and our word vectors, blended with a small
  network over the dense part and, where the model has one, with the
  marginals of a linear-chain CRF over the same features) gives each token a
  probability of lying inside a persuasion technique; runs of probable tokens
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
class ChainCRF:
    """A linear-chain CRF over the tagger's token features (labels O, B, I; one
    chain per sentence), trained with CRFsuite and scored here: the state
    scores are linear in the tagger's sparse features (``coef``, aligned with
    the tagger's vocabulary) and its dense ones (``dense_coef``, the CRF's
    projection of them folded in), and ``transitions`` scores each pair of
    neighbouring labels. ``inside`` gives each token's marginal probability of
    not being O (forward-backward)."""

    coef: np.ndarray
    """(tagger's sparse features, labels)"""
    dense_coef: np.ndarray
    """(dense features, labels)"""
    intercept: np.ndarray
    transitions: np.ndarray
    """(from label, to label)"""
    labels: tuple[str, ...]

    def state_scores(self, rows: np.ndarray, k: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """Per-token label scores from the tagger's known sparse features (``rows``:
        token of each, ``k``: its index) and the dense features."""
        n = len(dense)
        s = dense @ self.dense_coef + self.intercept
        for j in range(s.shape[1]):
            s[:, j] += np.bincount(rows, weights=self.coef[k, j], minlength=n)
        return s

    def marginals(self, scores: np.ndarray, sentences: list[tuple[int, int]]) -> np.ndarray:
        """Each token's label marginals, each sentence a chain (tokens outside a sentence: O)."""
        return forward_backward(scores, self.transitions, sentences, self.labels.index("O"))

    def viterbi(self, scores: np.ndarray, sentences: list[tuple[int, int]]) -> list[str]:
        """The most probable labels, each sentence a chain (for checking against CRFsuite)."""
        out = ["O"] * len(scores)
        for a, b in sentences:
            if b <= a:
                continue
            best = scores[a].copy()
            back = np.zeros((b - a, len(self.labels)), dtype=np.int64)
            for t in range(1, b - a):
                cand = best[:, None] + self.transitions
                back[t] = cand.argmax(axis=0)
                best = cand.max(axis=0) + scores[a + t]
            j = int(best.argmax())
            for t in range(b - a - 1, -1, -1):
                out[a + t] = self.labels[j]
                j = int(back[t, j])
        return out


def forward_backward(scores: np.ndarray, transitions: np.ndarray, sentences: list[tuple[int, int]],
                     outside: int = 0) -> np.ndarray:
    """Marginals (tokens, labels) of a linear-chain CRF, every sentence at once
    (scaled forward and backward passes over positions, sentences side by side)."""
    n, width = scores.shape
    out = np.zeros((n, width))
    out[:, outside] = 1.0
    chains = [(a, b) for a, b in sentences if b > a]
    if not chains:
        return out
    starts = np.array([a for a, _ in chains])
    lengths = np.array([b - a for a, b in chains])
    longest = int(lengths.max())
    pos = np.minimum(starts[None, :] + np.arange(longest)[:, None], n - 1)  # (position, chain)
    valid = np.arange(longest)[:, None] < lengths[None, :]
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    step = np.exp(transitions - transitions.max())
    alpha = np.empty((longest, len(chains), width))
    a = e[pos[0]]
    alpha[0] = a = a / a.sum(axis=1, keepdims=True)
    for t in range(1, longest):
        nxt = (a @ step) * e[pos[t]]
        nxt /= nxt.sum(axis=1, keepdims=True)
        alpha[t] = a = np.where(valid[t][:, None], nxt, a)
    beta = np.ones_like(alpha)
    b = beta[-1]
    for t in range(longest - 2, -1, -1):
        nxt = (e[pos[t + 1]] * b) @ step.T
        nxt /= nxt.sum(axis=1, keepdims=True)
        beta[t] = b = np.where(valid[t + 1][:, None], nxt, 1.0)
    g = alpha * beta
    g /= g.sum(axis=2, keepdims=True)
    out[pos[valid]] = g[valid]
    return out


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
    crf: ChainCRF | None = None
    crf_weight: float = 0.0
    """Weight of the CRF's marginal probability in the final blend (the two above share the rest)."""

    def probabilities(self, view: View, table: TokenTable, embeddings: Embeddings) -> np.ndarray:
        return self.combine(*self.components(view, table, embeddings))

    def components(self, view: View, table: TokenTable,
                   embeddings: Embeddings) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """Each token's probability of lying inside a technique from the logistic
        regression, the network and the CRF (None for a part the model lacks)."""
        n = len(view.tokens)
        if n == 0:
            return np.zeros(0), None, None
        get = self.vocabulary.get
        columns = token_columns(table)
        k = np.array([get(f, -1) for column in columns for f in column], dtype=np.int64)
        known = k >= 0
        rows = np.tile(np.arange(n), len(columns))[known]
        k = k[known]
        dense = token_dense(view, table, embeddings)
        z = dense @ self.dense_coef + self.intercept
        z += np.bincount(rows, weights=self.coef[k], minlength=n)
        p = 1.0 / (1.0 + np.exp(-z))
        net = self.perceptron.probabilities(dense) if self.perceptron is not None and self.blend < 1.0 else None
        chain = None
        if self.crf is not None and self.crf_weight > 0.0:
            marginals = self.crf.marginals(self.crf.state_scores(rows, k, dense), view.sentences)
            chain = 1.0 - marginals[:, self.crf.labels.index("O")]
        return p, net, chain

    def combine(self, p: np.ndarray, net: np.ndarray | None, chain: np.ndarray | None) -> np.ndarray:
        if net is not None and self.blend < 1.0:
            p = self.blend * p + (1.0 - self.blend) * net
        if chain is not None and self.crf_weight > 0.0:
            p = (1.0 - self.crf_weight) * p + self.crf_weight * chain
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
            si_scalars=np.array([t.intercept, t.high, t.low, t.blend, t.crf_weight]),
            **_perceptron_arrays(t.perceptron), **_crf_arrays(t.crf),
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


def _crf_arrays(crf: ChainCRF | None) -> dict[str, np.ndarray]:
    if crf is None:
        return {}
    return {"crf_coef": crf.coef.astype(np.float32), "crf_dense": crf.dense_coef.astype(np.float32),
            "crf_intercept": crf.intercept.astype(np.float64), "crf_transitions": crf.transitions.astype(np.float64),
            "crf_labels": _text("\n".join(crf.labels))}


def _crf(data) -> ChainCRF | None:
    if "crf_coef" not in data:
        return None
    return ChainCRF(data["crf_coef"].astype(np.float64), data["crf_dense"].astype(np.float64),
                    data["crf_intercept"].astype(np.float64), data["crf_transitions"].astype(np.float64),
                    tuple(_untext(data["crf_labels"]).split("\n")))


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
                            _perceptron(data), rest[0] if rest else 1.0, _crf(data),
                            rest[1] if len(rest) > 1 else 0.0)
            classifier = Classifier(_vocab(data["tc_vocab"]), data["tc_coef"].astype(np.float64),
                                    data["tc_dense"].astype(np.float64), data["tc_intercept"].astype(np.float64),
                                    tuple(_untext(data["tc_labels"]).split("\n")))
            meta = json.loads(_untext(data["meta"]))
    except (KeyError, ValueError, OSError, EOFError) as err:
        raise ModelError(f"{path}: not a technique model ({err}); rebuild it with `communique train techniques`") from None
    return TechniqueModel(embeddings, tagger, classifier, meta)
