"""Check-worthiness of sentences: a linear model over word and character n-grams
and syntax n-grams (part-of-speech tags, dependency labels and entity types from
the spaCy parse the pipeline already makes), blended with a linear model over
word vectors.

Trained on the CheckThat! 2024 English data by ``communique train checkworthy``
(see ``model/CARD.md``); this module holds the feature functions shared by
training and inference and a numpy-only scorer, so that running the model
needs nothing beyond numpy (scikit-learn is needed only to train).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
CHAR_CACHE_WORDS = 50_000  # words whose character n-gram columns are remembered (about 350 bytes each)


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


# closed-class tags: the hybrid sequence keeps these words and writes the rest as tags
CLOSED_TAGS = frozenset({"DT", "IN", "PRP", "PRP$", "MD", "CC", "TO", "WDT", "WP", "WRB", "EX", "RP", "PDT", "POS",
                         "WP$"})

Token = tuple[str, str, str, str, str]  # masked word, coarse POS, fine tag, dependency label, entity type


def sentence_tokens(doc, start: int, end: int) -> list[Token]:
    """The tokens ``start``-``end`` of a parsed ``doc`` as the masked doc has
    them: a masked name of several tokens counts once (its last token carries
    the stand-in's tag, label and entity type; see ``pipeline._copy_annotations``),
    with its stand-in as its word. So the tokens, like the masked text, cannot
    depend on which state is named or on how long its name is."""
    reading = getattr(doc._, "masked", None) if hasattr(doc, "_") else None
    n = len(doc)
    out: list[Token] = []
    for i in range(start, end):
        token = doc[i]
        if reading:
            if i + 1 < n and reading[i + 1] == "":
                continue  # not the last token of a masked name
            first = i
            while first > 0 and reading[first] == "":
                first -= 1
            word = reading[first].strip()
        else:
            word = token.text
        out.append((word, token.pos_, token.tag_, token.dep_, token.ent_type_))
    return out


def syntax_features(tokens: list[Token]) -> list[str]:
    """Fine-tag 1-3-grams; dependency labels, alone and with the coarse POS;
    entity types; and 1-3-grams of a hybrid sequence that keeps function words,
    writes other words as their tag and an entity as its type ("in <DATE> ,
    PRP VBD <CARDINAL> NNS")."""
    tags = [t[2] for t in tokens]
    out = [f"T:{' '.join(tags[i:i + n])}" for n in (1, 2, 3) for i in range(len(tags) - n + 1)]
    out += [f"D:{t[3]}" for t in tokens]
    out += [f"DP:{t[3]}/{t[1]}" for t in tokens]
    out += [f"E:{t[4]}" for t in tokens if t[4]]
    hybrid: list[str] = []
    for word, _pos, tag, _dep, ent in tokens:
        if ent:
            item = f"<{ent}>"
            if hybrid and hybrid[-1] == item:
                continue
            hybrid.append(item)
        else:
            hybrid.append(word.lower() if tag in CLOSED_TAGS else tag)
    out += [f"H:{' '.join(hybrid[i:i + n])}" for n in (1, 2, 3) for i in range(len(hybrid) - n + 1)]
    return out


@dataclass
class Block:
    """One TF-IDF block of the n-gram model (sublinear term frequency, the
    block L2-normalised) with its logistic-regression weights."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray

    def indices(self, features: Iterable[str]) -> list[int]:
        """The column of each feature in the vocabulary (unknown ones left out)."""
        return [j for j in map(self.vocabulary.get, features) if j is not None]

    def contribution(self, features: Iterable[str]) -> float:
        return self.contribution_of(self.indices(features))

    def contribution_of(self, columns: list[int]) -> float:
        """The block's share of the logit, given the column of every feature occurrence."""
        if not columns:
            return 0.0
        counts = Counter(columns)
        n = len(counts)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=n)
        weights = (np.log(np.fromiter(counts.values(), dtype=np.float64, count=n)) + 1.0) * self.idf[idx]
        norm = math.sqrt(float(np.dot(weights, weights)))
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
    syntax: Block | None = None  # syntax n-grams, part of the n-gram model
    _char_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def sparse_logit(self, sentence: str, tokens: list[Token] | None = None) -> float:
        """The n-gram model's logit for a masked sentence; ``tokens`` (from
        ``sentence_tokens``) are its parse, read when the model has syntax
        n-grams (without them the sentence is parsed here)."""
        text = normalise_digits(sentence) if self.digits else sentence
        z = self.intercept + self.words.contribution(word_features(text)) + self.chars.contribution_of(self._char_columns(text))
        if self.syntax is not None:
            if tokens is None:
                tokens = parse([sentence])[0][1]
            z += self.syntax.contribution(syntax_features(tokens))
        return z

    def _char_columns(self, text: str) -> list[int]:
        """The character n-gram columns of ``text``: those of each word in turn
        (character n-grams never cross words), remembered per word, since
        words recur."""
        cache = self._char_cache
        out: list[int] = []
        for word in text.lower().split():
            columns = cache.get(word)
            if columns is None:
                columns = tuple(self.chars.indices(char_features(word)))
                if len(cache) < CHAR_CACHE_WORDS:
                    cache[word] = columns
            out += columns
        return out

    def score(self, sentence: str, tokens: list[Token] | None = None) -> float:
        """Check-worthiness (0-1) of a masked sentence; pass its ``tokens``
        (``sentence_tokens``) when a parse is at hand, as the pipeline does."""
        z = self.sparse_logit(sentence, tokens)
        if self.dense is not None and self.blend:
            z = (1.0 - self.blend) * z + self.blend * self.dense.logit(sentence)
        return 1.0 / (1.0 + math.exp(-z))

    def scores(self, sentences: Iterable[str], tokens: Iterable[list[Token]] | None = None) -> list[float]:
        if tokens is None:
            return [self.score(s) for s in sentences]
        return [self.score(s, t) for s, t in zip(sentences, tokens, strict=True)]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = {}
        if self.dense is not None:
            d = self.dense
            extra = dict(dense_words=_blob(d.index), dense_codes=d.codes.astype(np.int8),
                         dense_scale=d.scale.astype(np.float32), dense_mean=d.mean.astype(np.float64),
                         dense_std=d.std.astype(np.float64), dense_coef=d.coef.astype(np.float64),
                         dense_intercept=np.array([d.intercept]))
        if self.syntax is not None:
            extra.update(syntax_vocab=_blob(self.syntax.vocabulary), syntax_idf=self.syntax.idf.astype(np.float32),
                         syntax_coef=self.syntax.coef.astype(np.float32))
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


def parse(texts: Iterable[str]) -> list[tuple[str, list[Token]]]:
    """Each text masked and parsed as the pipeline does it (``Pipeline.process``
    without communique's layers): its masked text and its ``sentence_tokens``,
    the whole text read as one sentence. Used to train and evaluate, and by
    ``score`` when no parse is given."""
    return [reading(doc) for doc in parsed_docs(texts)]


def parsed_docs(texts: Iterable[str]) -> Iterator:
    """Each text as the pipeline's spaCy stage leaves it: masked, tagged,
    parsed, with entities (``Pipeline.process`` without communique's layers)."""
    pipeline = _pipeline()
    return pipeline.process((pipeline.nlp.make_doc(t) for t in texts), batch_size=256)


def reading(doc, start: int = 0, end: int | None = None) -> tuple[str, list[Token]]:
    """What the model reads of the tokens ``start``-``end`` of a parsed doc
    (default: all of it): the masked text and the ``sentence_tokens``."""
    end = len(doc) if end is None else end
    masked = doc._.masked
    text = "".join(masked[start:end]) if masked else doc[start:end].text
    return text, sentence_tokens(doc, start, end)


@lru_cache(maxsize=1)
def _pipeline():
    from communique.pipeline import Pipeline

    return Pipeline.load(layers=())


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
            syntax=Block(_vocab(data["syntax_vocab"]), data["syntax_idf"].astype(np.float64),
                         data["syntax_coef"].astype(np.float64)) if "syntax_vocab" in data.files else None,
        )
