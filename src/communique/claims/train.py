"""``communique train checkworthy``: rebuild the check-worthiness model.

Data: CheckThat! 2024 Task 1 English (../shared/data/checkworthy/): train to
fit, dev to choose, dev-test to report. Every sentence is masked and parsed as
the pipeline does it. Method: TF-IDF over word 1-2-grams and character
2-5-grams of the masked sentence with digits written as 0, and over syntax
n-grams of its parse (tags, dependency labels, entity types; see
``checkworthy.syntax_features``), sublinear term frequency, one logistic
regression with balanced class weights, blended in logit space with a logistic
regression over the mean and maximum of the sentence's word vectors (the
rhetoric layer's, copied into the model file).

Dev is a random sample of the same debates as train, so a model fit on train
scores dev as if it had seen it (dev F1 0.88 against 0.69 on debates it never
saw). The blend weight and the threshold are therefore chosen on
*out-of-debate* predictions: train, sorted by sentence id (the debates in
order), is cut into five contiguous blocks, and every train and dev sentence
is scored by the model fit on the train blocks outside its own. The blend
weight maximises F1 over all of them; the threshold maximises F1 on the
latest block alone, the one part scored by a model that saw only earlier
debates, as any later use of the model is. Needs scikit-learn (``pip install
communique[train]``); the model it writes is scored with numpy alone
(``checkworthy.py``).
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from communique.claims.checkworthy import (
    MODEL_PATH,
    Block,
    CheckworthinessModel,
    DenseBlock,
    Token,
    char_features,
    normalise_digits,
    parse,
    syntax_features,
    word_features,
)
from communique.errors import CommuniqueError

THRESHOLD = 0.5
FILES = {"train": "CT24_checkworthy_english_train.tsv", "dev": "CT24_checkworthy_english_dev.tsv",
         "dev-test": "CT24_checkworthy_english_dev-test.tsv"}


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: bool
    tokens: tuple[Token, ...] = ()


def read_split(folder: Path, split: str) -> list[Example]:
    """One CT24 split. One train row holds two records run together (id 24098
    and 29286, five fields); it is split in two, as the data's README says."""
    path = folder / FILES[split]
    out: list[Example] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        if header[:3] != ["Sentence_id", "Text", "class_label"]:
            raise CommuniqueError(f"{path}: unexpected header {header}")
        for number, row in enumerate(reader, start=2):
            if len(row) == 3:
                out.append(Example(row[0], row[1], row[2].strip() == "Yes"))
            elif len(row) == 5 and row[2].strip().startswith("No"):
                out.append(Example(row[0], row[1], False))
                out.append(Example(row[2].strip()[2:], row[3], row[4].strip() == "Yes"))
            else:
                raise CommuniqueError(f"{path}:{number}: expected 3 tab-separated fields, got {len(row)}")
    return out


def parsed(examples: list[Example]) -> list[Example]:
    """The examples masked and parsed as in use (``checkworthy.parse``): states,
    capitals, office holders and places replaced by one stand-in, so that the
    model cannot learn which states are named."""
    readings = parse(e.text for e in examples)
    return [Example(e.id, text, e.label, tuple(tokens)) for e, (text, tokens) in zip(examples, readings, strict=True)]


def f1(labels: list[bool], predicted: list[bool]) -> dict:
    tp = sum(a and b for a, b in zip(labels, predicted, strict=True))
    fp = sum(b and not a for a, b in zip(labels, predicted, strict=True))
    fn = sum(a and not b for a, b in zip(labels, predicted, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _vectors(path: Path | None) -> DenseBlock:
    """The rhetoric layer's word vectors, as a feature reader (its model is set later)."""
    from communique.rhetoric.model import MODEL_PATH as RHETORIC_PATH

    path = path or RHETORIC_PATH
    if not path.exists():
        raise CommuniqueError(f"word vectors not found at {path}; rebuild them with `communique train techniques`")
    with np.load(path, allow_pickle=False) as data:
        words = data["emb_words"].tobytes().decode("utf-8").split("\n")
        codes, scale = data["emb_codes"], data["emb_scale"]
    width = 2 * codes.shape[1]
    return DenseBlock({w: i for i, w in enumerate(words)}, codes, scale, np.zeros(width), np.ones(width),
                      np.zeros(width), 0.0)


def debate_blocks(ids: list[str], extra: list[str], folds: int) -> tuple[np.ndarray, np.ndarray]:
    """Block numbers for the train ``ids`` (sorted by id and cut into ``folds``
    contiguous blocks of equal size) and for the ``extra`` ids (the block
    whose id range holds each; ids run in debate order)."""
    numbers = np.array([int(i) for i in ids])
    order = np.argsort(numbers, kind="stable")
    blocks = np.empty(len(ids), dtype=np.int64)
    blocks[order] = np.arange(len(ids)) * folds // len(ids)
    starts = [int(numbers[blocks == b].min()) for b in range(folds)]
    extra_blocks = np.searchsorted(starts, np.array([int(i) for i in extra]), side="right") - 1
    return blocks, np.maximum(extra_blocks, 0)


THRESHOLDS = np.round(np.arange(0.30, 0.701, 0.01), 2)
SMOOTH = 2  # the F1 of a threshold t is the mean over t - 0.02 ... t + 0.02


def smoothed_f1(labels: np.ndarray, proba: np.ndarray) -> dict[float, float]:
    """F1 of the positive class at each threshold of ``THRESHOLDS``, averaged
    over its neighbours (+-0.02), so that a lucky spike does not set it."""
    def at(t: float) -> float:
        pred = proba >= t
        tp = int((pred & labels).sum())
        return 2 * tp / (int(pred.sum()) + int(labels.sum())) if tp else 0.0

    return {float(t): float(np.mean([at(t + k / 100) for k in range(-SMOOTH, SMOOTH + 1)])) for t in THRESHOLDS}


def train(data: Path, out: Path = MODEL_PATH, *, max_words: int = 60_000, max_chars: int = 150_000,
          max_syntax: int = 50_000, c: float = 1.0, dense_c: float = 1.0,
          blends: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5), folds: int = 5, limit: int | None = None,
          vectors: Path | None = None, log=print) -> dict:
    try:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        raise CommuniqueError("training needs scikit-learn: pip install 'communique[train]'") from None

    raw = {name: read_split(data, name) for name in ("train", "dev")}
    if limit:
        raw["train"] = raw["train"][:limit]
    log(f"masking and parsing {sum(map(len, raw.values())):,} train and dev sentences (about 2-3 minutes) ...")
    start = time.perf_counter()
    splits = {name: parsed(examples) for name, examples in raw.items()}
    train_set, dev_set = splits["train"], splits["dev"]
    log(f"train {len(train_set)}, dev {len(dev_set)} sentences masked and parsed "
        f"({time.perf_counter() - start:.0f} s)")
    reader = _vectors(vectors)
    texts = [normalise_digits(e.text) for e in train_set]
    dev_texts = [normalise_digits(e.text) for e in dev_set]
    syntax = [syntax_features(list(e.tokens)) for e in train_set]
    dev_syntax = [syntax_features(list(e.tokens)) for e in dev_set]
    y_train = np.array([e.label for e in train_set])
    y_dev = np.array([e.label for e in dev_set])
    dense_train = np.array([reader.features(e.text) for e in train_set])
    dense_dev = np.array([reader.features(e.text) for e in dev_set])

    def fit(rows: np.ndarray):
        """The two models fit on the train sentences ``rows``."""
        words = TfidfVectorizer(analyzer=word_features, sublinear_tf=True, min_df=2, max_features=max_words)
        chars = TfidfVectorizer(analyzer=char_features, sublinear_tf=True, min_df=3, max_features=max_chars)
        syn = TfidfVectorizer(analyzer=_given, sublinear_tf=True, min_df=3, max_features=max_syntax)
        x = hstack([words.fit_transform([texts[i] for i in rows]), chars.fit_transform([texts[i] for i in rows]),
                    syn.fit_transform([syntax[i] for i in rows])]).tocsr()
        sparse = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(x, y_train[rows])
        scaler = StandardScaler().fit(dense_train[rows])
        dense = LogisticRegression(C=dense_c, class_weight="balanced", max_iter=3000).fit(
            scaler.transform(dense_train[rows]), y_train[rows])

        def logits(sentences: list[str], features: list[list[str]], dense_x: np.ndarray):
            xs = hstack([words.transform(sentences), chars.transform(sentences), syn.transform(features)]).tocsr()
            return sparse.decision_function(xs), dense.decision_function(scaler.transform(dense_x))

        return logits, (words, chars, syn, sparse, scaler, dense)

    # out-of-debate predictions for train and dev: the selection set
    blocks, dev_blocks = debate_blocks([e.id for e in train_set], [e.id for e in dev_set], folds)
    oof = np.zeros((len(train_set), 2))
    oof_dev = np.zeros((len(dev_set), 2))
    for b in range(folds):
        start = time.perf_counter()
        logits, _ = fit(np.flatnonzero(blocks != b))
        inside = np.flatnonzero(blocks == b)
        oof[inside] = np.column_stack(logits([texts[i] for i in inside], [syntax[i] for i in inside],
                                             dense_train[inside]))
        inside_dev = np.flatnonzero(dev_blocks == b)
        if len(inside_dev):
            oof_dev[inside_dev] = np.column_stack(logits([dev_texts[i] for i in inside_dev],
                                                         [dev_syntax[i] for i in inside_dev], dense_dev[inside_dev]))
        log(f"  block {b + 1}/{folds}: {len(inside)} train and {len(inside_dev)} dev sentences scored by a model "
            f"that never saw their debates ({time.perf_counter() - start:.0f} s)")
    z = np.vstack([oof, oof_dev])
    y = np.concatenate([y_train, y_dev])
    latest = np.concatenate([blocks, dev_blocks]) == folds - 1
    choices = []
    for w in blends:
        proba = 1.0 / (1.0 + np.exp(-((1.0 - w) * z[:, 0] + w * z[:, 1])))
        curve = smoothed_f1(y, proba)
        t = max(curve, key=curve.get)
        choices.append((curve[t], w, t, proba))
        log(f"  blend {w:.1f}: out-of-debate smoothed F1 {curve[t]:.4f} at threshold {t:.2f}")
    best, blend, _t, proba = max(choices, key=lambda x: x[0])
    # the threshold: best on the latest block, scored by a model fit on earlier debates only
    forward = smoothed_f1(y[latest], proba[latest])
    threshold = max(forward, key=forward.get)
    selection = {"blend": blend, "threshold": threshold, "smoothed_f1": round(best, 4),
                 "latest_block_smoothed_f1": round(forward[threshold], 4),
                 "latest_block_sentences": int(latest.sum()),
                 "train_and_dev": f1(list(y), list(proba >= threshold)),
                 "latest_block": f1(list(y[latest]), list(proba[latest] >= threshold)),
                 "dev_only": f1(list(y_dev), list(proba[len(y_train):] >= threshold)),
                 "per_blend": {str(w): round(s, 4) for s, w, _t, _p in choices}}
    log(f"  chosen: blend {blend}; threshold {threshold} (best on the latest block, "
        f"{int(latest.sum())} sentences: smoothed F1 {forward[threshold]:.4f})")

    logits, (words, chars, syn, sparse, scaler, dense) = fit(np.arange(len(train_set)))
    n_words, n_chars = len(words.vocabulary_), len(chars.vocabulary_)
    coef = sparse.coef_[0]
    model = CheckworthinessModel(
        words=Block(dict(words.vocabulary_), words.idf_, coef[:n_words]),
        chars=Block(dict(chars.vocabulary_), chars.idf_, coef[n_words:n_words + n_chars]),
        intercept=float(sparse.intercept_[0]), threshold=threshold, meta={},
        dense=DenseBlock(reader.index, reader.codes, reader.scale, scaler.mean_, scaler.scale_,
                         dense.coef_[0], float(dense.intercept_[0])),
        blend=blend, digits=True,
        syntax=Block(dict(syn.vocabulary_), syn.idf_, coef[n_words + n_chars:]),
    )
    # the numpy scorer must agree with scikit-learn
    sample = dev_set[:200]
    ours = np.array(model.scores((e.text for e in sample), (list(e.tokens) for e in sample)))
    zs, zd = logits(dev_texts[:200], dev_syntax[:200], dense_dev[:200])
    theirs = 1.0 / (1.0 + np.exp(-((1.0 - blend) * zs + blend * zd)))
    if float(np.max(np.abs(ours - theirs))) > 1e-6:
        raise CommuniqueError("exported model disagrees with scikit-learn; refusing to write it")
    report = {
        "method": "TF-IDF word 1-2-grams + char 2-5-grams (digits as 0) + syntax n-grams (tags, dependency "
                  "labels, entity types), logistic regression (balanced), blended in logit space with logistic "
                  "regression over mean and max word vectors",
        "C": c, "dense_C": dense_c, "blend": blend, "threshold": threshold,
        "features": {"words": n_words, "chars": n_chars, "syntax": len(syn.vocabulary_),
                     "vectors": len(reader.index)},
        "train_sentences": len(train_set), "trained": date.today().isoformat(),
        "out_of_debate_selection": selection,
    }
    model.meta = report
    model.save(out)
    report.update(evaluate(data, out))
    model.meta = report
    model.save(out)
    report["model_bytes"] = out.stat().st_size
    return report


def _given(features: list[str]) -> list[str]:
    """The analyzer for features computed beforehand (picklable, unlike a lambda)."""
    return features


def evaluate(data: Path, path: Path = MODEL_PATH, *, speed_repeats: int = 5) -> dict:
    """Scores of a saved model on dev and dev-test, and its speed and size.

    Speed: ``sentences_per_s`` is what the claims layer pays per sentence in the
    pipeline, whose spaCy stage has already masked and parsed the text: reading
    the masked text and the parse off the Doc, and scoring.
    ``sentences_per_s_with_parse`` also counts masking and parsing each
    sentence on its own, as scoring a bare sentence (``model.score(text)``) does.
    """
    from communique.claims.checkworthy import load, parsed_docs, reading

    load.cache_clear()
    model = load(path)
    out = {}
    for split in ("dev", "dev-test"):
        examples = parsed(read_split(data, split))
        scores = model.scores((e.text for e in examples), (list(e.tokens) for e in examples))
        out[split] = f1([e.label for e in examples], [s >= model.threshold for s in scores])
    texts = [e.text for e in read_split(data, "dev")]
    start = time.perf_counter()
    docs = list(parsed_docs(texts))
    model.scores(*zip(*(reading(doc) for doc in docs), strict=True))
    out["sentences_per_s_with_parse"] = round(len(texts) / (time.perf_counter() - start))
    start = time.perf_counter()
    for _ in range(speed_repeats):
        for doc in docs:
            model.score(*reading(doc))
    out["sentences_per_s"] = round(len(docs) * speed_repeats / (time.perf_counter() - start))
    out["model_bytes"] = path.stat().st_size
    out["threshold"] = model.threshold
    return out
