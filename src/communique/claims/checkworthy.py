"""Check-worthiness of sentences: a linear model over word and character n-grams,
blended with a linear model over word vectors.

Trained on the CheckThat! 2024 English data by ``communique train checkworthy``
(see ``model/CARD.md``); this module holds the feature functions shared by
training and inference and a numpy-only scorer, so that running the model
needs nothing beyond numpy (scikit-learn is needed only to train).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from communique.errors import ModelError

MODEL_PATH = Path(str(resources.files("communique.claims") / "model" / "checkworthy.npz"))
_WORD = re.compile(r"(?u)\b\w\w+\b")
_DIGIT = re.compile(r"\d")
_VECTOR_WORD = re.compile(r"[a-z]+(?:[-'’][a-z]+)*")
CHAR_NGRAMS = (2, 5)


def normalise_digits(text: str) -> str:
    """Every digit written as 0: "1,500" and "2,700" are the same kind of number."""
    return _DIGIT.sub("0", text)


def word_features(text: str) -> list[str]:
    """Lower-cased words of two or more characters, and their bigrams."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def char_features(text: str) -> list[str]:
    """Character 2- to 5-grams inside each space-padded word."""
    out: list[str] = []
    lo, hi = CHAR_NGRAMS
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(lo, hi + 1):
            if len(padded) <= n:
                out.append(padded)
                break
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out


@dataclass
class Block:
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray

    def contribution(self, features: list[str]) -> float:
        counts = Counter(f for f in features if f in self.vocabulary)
        if not counts:
            return 0.0
        idx = np.fromiter((self.vocabulary[f] for f in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts))
        weights = tf * self.idf[idx]
        norm = float(np.sqrt(np.dot(weights, weights)))
        return float(np.dot(weights, self.coef[idx]) / norm) if norm else 0.0


@dataclass
class DenseBlock:
    """A logistic model over the mean and the maximum of a sentence's word
    vectors (int8 codes times a per-word scale; unknown words count as zeros),
    each of the 2 x width columns standardised first."""

    index: dict[str, int]
    codes: np.ndarray
    scale: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    coef: np.ndarray
    intercept: float

    def __post_init__(self) -> None:
        self.vectors = self.codes.astype(np.float32) * self.scale.astype(np.float32)[:, None]
        self._zero = np.zeros((1, self.vectors.shape[1]), np.float32)

    def features(self, text: str) -> np.ndarray:
        """The mean and the maximum of the word vectors (2 x width floats)."""
        rows = [self.index.get(w, -1) for w in _VECTOR_WORD.findall(text.lower())]
        if not rows:
            return np.zeros(2 * self.vectors.shape[1], np.float32)
        m = self.vectors[np.maximum(np.array(rows, dtype=np.int64), 0)]
        if min(rows) < 0:
            m[np.array(rows) < 0] = 0.0
        return np.concatenate([m.mean(axis=0), m.max(axis=0)])

    def logit(self, text: str) -> float:
        x = (self.features(text).astype(np.float64) - self.mean) / self.std
        return float(np.dot(x, self.coef)) + self.intercept


@dataclass
class CheckworthinessModel:
    words: Block
    chars: Block
    intercept: float
    threshold: float
    meta: dict
    dense: DenseBlock | None = None
    blend: float = 0.0  # weight of the dense model's logit; the n-gram model has 1 - blend
    digits: bool = False  # digits written as 0 before the n-grams

    def sparse_logit(self, sentence: str) -> float:
        text = normalise_digits(sentence) if self.digits else sentence
        return self.intercept + self.words.contribution(word_features(text)) + self.chars.contribution(char_features(text))

    def score(self, sentence: str) -> float:
        z = self.sparse_logit(sentence)
        if self.dense is not None and self.blend:
            z = (1.0 - self.blend) * z + self.blend * self.dense.logit(sentence)
        return 1.0 / (1.0 + math.exp(-z))

    def scores(self, sentences: Iterable[str]) -> list[float]:
        return [self.score(s) for s in sentences]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = {}
        if self.dense is not None:
            d = self.dense
            extra = dict(dense_words=_blob(d.index), dense_codes=d.codes.astype(np.int8),
                         dense_scale=d.scale.astype(np.float32), dense_mean=d.mean.astype(np.float64),
                         dense_std=d.std.astype(np.float64), dense_coef=d.coef.astype(np.float64),
                         dense_intercept=np.array([d.intercept]))
        np.savez_compressed(
            path,
            word_vocab=_blob(self.words.vocabulary), word_idf=self.words.idf.astype(np.float32),
            word_coef=self.words.coef.astype(np.float32),
            char_vocab=_blob(self.chars.vocabulary), char_idf=self.chars.idf.astype(np.float32),
            char_coef=self.chars.coef.astype(np.float32),
            intercept=np.array([self.intercept]), threshold=np.array([self.threshold]),
            blend=np.array([self.blend]), digits=np.array([self.digits]),
            meta=np.frombuffer(_json(self.meta).encode("utf-8"), dtype=np.uint8),
            **extra,
        )


def _blob(vocabulary: dict[str, int]) -> np.ndarray:
    ordered = sorted(vocabulary, key=vocabulary.__getitem__)
    return np.frombuffer("\n".join(ordered).encode("utf-8"), dtype=np.uint8)


def _vocab(blob: np.ndarray) -> dict[str, int]:
    return {term: i for i, term in enumerate(blob.tobytes().decode("utf-8").split("\n"))}


def _json(data: dict) -> str:
    import json

    return json.dumps(data, sort_keys=True)


@lru_cache(maxsize=2)
def load(path: Path = MODEL_PATH) -> CheckworthinessModel:
    import json

    if not path.exists():
        raise ModelError(f"check-worthiness model not found at {path}; rebuild it with `communique train checkworthy`")
    with np.load(path, allow_pickle=False) as data:
        dense = None
        if "dense_coef" in data.files:
            dense = DenseBlock(_vocab(data["dense_words"]), data["dense_codes"], data["dense_scale"],
                               data["dense_mean"], data["dense_std"], data["dense_coef"],
                               float(data["dense_intercept"][0]))
        return CheckworthinessModel(
            words=Block(_vocab(data["word_vocab"]), data["word_idf"].astype(np.float64), data["word_coef"].astype(np.float64)),
            chars=Block(_vocab(data["char_vocab"]), data["char_idf"].astype(np.float64), data["char_coef"].astype(np.float64)),
            intercept=float(data["intercept"][0]),
            threshold=float(data["threshold"][0]),
            meta=json.loads(data["meta"].tobytes().decode("utf-8")),
            dense=dense,
            blend=float(data["blend"][0]) if "blend" in data.files else 0.0,
            digits=bool(data["digits"][0]) if "digits" in data.files else False,
        )
