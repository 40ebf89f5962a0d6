"""``communique train techniques``: rebuild the technique model from PTC.

Data: ``../shared/data/propaganda/ptc/train.jsonl`` split by article
(``data.py``): fit on ``train``, choose on ``dev``, refit on train + dev with
the choices made, report on ``test`` (never used to fit or choose). Word
vectors come from the unlabelled corpora in ``../shared/data/corpora`` and the
non-test PTC articles (``embeddings.py``). Every text is read masked, as in
use: the models never learn which states are named. Needs scikit-learn and
python-crfsuite (``pip install 'communique[train]'``); the model it writes is
scored with numpy alone (``model.py``).
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from communique.errors import CommuniqueError
from communique.rhetoric import embeddings as emb
from communique.rhetoric.data import Article, merged, read_ptc
from communique.rhetoric.features import (
    CUE_WEIGHT,
    TokenTable,
    span_dense,
    span_features,
    token_dense,
    token_rows,
)
from communique.rhetoric.model import (
    MODEL_PATH,
    ChainCRF,
    Classifier,
    Perceptron,
    Tagger,
    TechniqueModel,
    decode,
)
from communique.rhetoric.view import View, build

TAGGER_C = 0.1
"""Regularisation of the tagger, chosen on dev among 0.03, 0.1 and 0.3 while the features were developed."""
CLASSIFIER_GRID = (1.0, 3.0, 10.0)
RIDGE_ALPHA = 1.0
"""Regularisation of the ridge half of the span classifier, chosen by 5-fold cross-validation over the
train and dev articles (0.3, 1 and 3; with the blend weights 0.5, 1, 2 and 4, equal weights best)."""
HIGH_GRID = (0.3, 0.35, 0.4, 0.45, 0.5)
LOW_GRID = (0.05, 0.1, 0.15, 0.2)
BLEND_GRID = (0.5, 0.6, 0.7, 0.8, 1.0)
PERCEPTRON_HIDDEN, PERCEPTRON_EPOCHS = 128, 6
CRF_C2, CRF_DIMENSIONS, CRF_ITERATIONS = 5.0, 64, 400
"""The linear-chain CRF (BIO labels, one chain per sentence): L2 regularisation, how many whitened principal
components of the dense token features it reads, and L-BFGS iterations (chosen on dev, see model/CARD.md)."""
CRF_WEIGHT_GRID = (0.0, 0.2, 0.3, 0.4)
"""Weights of the CRF's marginals in the tagger's blend tried on dev (0: the CRF is not used)."""
CRF_LABELS = ("O", "B", "I")


@dataclass
class Parsed:
    article: Article
    view: View
    table: TokenTable


def parse(articles: list[Article], progress: Callable[[Iterable], Iterable] = lambda x: x) -> list[Parsed]:
    """Each article through the pipeline's masking and spaCy, as in use."""
    from communique.ingest.records import StatementRecord
    from communique.pipeline import Pipeline

    pipeline = Pipeline.load(layers=())
    docs = (pipeline.prepare(StatementRecord(text=a.text))[0] for a in articles)
    out = []
    for article, doc in zip(articles, progress(pipeline.process(docs)), strict=True):
        view = build(doc)
        out.append(Parsed(article, view, TokenTable(view)))
    return out


def token_labels(p: Parsed) -> np.ndarray:
    """1 for tokens inside a (merged) gold span."""
    spans = merged([(s.start, s.end) for s in p.article.spans])
    y = np.zeros(len(p.view.tokens), dtype=np.int8)
    k = 0
    for i, t in enumerate(p.view.tokens):
        while k < len(spans) and spans[k][1] <= t.real_start:
            k += 1
        if k < len(spans) and t.text.strip() and spans[k][0] < t.real_end:
            y[i] = 1
    return y


def run_weights(y: np.ndarray) -> np.ndarray:
    """Each run of positive tokens weighs 1 in all, as each span counts once in the
    span metric; negatives weigh 1 each (positives are rescaled later)."""
    w = np.ones(len(y))
    i = 0
    while i < len(y):
        if y[i]:
            j = i
            while j + 1 < len(y) and y[j + 1]:
                j += 1
            w[i:j + 1] = 1.0 / (j - i + 1)
            i = j + 1
        else:
            i += 1
    return w


def _sklearn():
    try:
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise CommuniqueError("training needs scikit-learn: pip install 'communique[train]'") from None
    return sparse, LogisticRegression


# -- the tagger ---------------------------------------------------------------------------------
def _tagger_rows(items: list[Parsed], vectors: emb.Embeddings):
    feats = [token_rows(p.table) for p in items]
    dense = [token_dense(p.view, p.table, vectors) for p in items]
    return feats, dense


def fit_tagger(items: list[Parsed], vectors: emb.Embeddings, c: float, log) -> Tagger:
    sparse, LogisticRegression = _sklearn()
    feats, dense = _tagger_rows(items, vectors)
    counts = Counter(f for doc in feats for fs in doc for f in set(fs))
    vocabulary = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    x = _matrix(sparse, feats, dense, vocabulary)
    y = np.concatenate([token_labels(p) for p in items])
    w = np.concatenate([run_weights(token_labels(p)) for p in items])
    w[y == 1] *= (y == 1).sum() / w[y == 1].sum()
    log(f"  tagger: {x.shape[0]:,} tokens, {len(vocabulary):,} sparse features, C={c}")
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000).fit(x, y, sample_weight=w)
    coef = clf.coef_[0]
    tagger = Tagger(vocabulary, coef[:len(vocabulary)], coef[len(vocabulary):], float(clf.intercept_[0]), 0.5, 0.1,
                    fit_perceptron(np.vstack(dense), y, w), 1.0)
    # the numpy scorer must agree with scikit-learn
    sample = items[0]
    ours = tagger.probabilities(sample.view, sample.table, vectors)
    theirs = clf.predict_proba(_matrix(sparse, feats[:1], dense[:1], vocabulary))[:, 1]
    if float(np.max(np.abs(ours - theirs))) > 1e-5:
        raise CommuniqueError("exported tagger disagrees with scikit-learn; refusing to use it")
    return tagger


def fit_perceptron(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> Perceptron:
    """A small network over the dense token features, stopped early (it overfits
    after a few epochs; the epochs were chosen on dev)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    net = MLPClassifier(hidden_layer_sizes=(PERCEPTRON_HIDDEN,), alpha=1e-3, batch_size=512,
                        max_iter=PERCEPTRON_EPOCHS, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit((x - mean) / scale, y, sample_weight=w)
    ours = Perceptron(mean, scale, net.coefs_[0], net.intercepts_[0], net.coefs_[1][:, 0], float(net.intercepts_[1][0]))
    sample = x[:500]
    if float(np.max(np.abs(ours.probabilities(sample) - net.predict_proba((sample - mean) / scale)[:, 1]))) > 1e-5:
        raise CommuniqueError("exported network disagrees with scikit-learn; refusing to use it")
    return ours


def _crfsuite():
    try:
        import pycrfsuite
    except ImportError:
        raise CommuniqueError("training needs python-crfsuite: pip install 'communique[train]'") from None
    return pycrfsuite


def chain_tags(p: Parsed) -> list[str]:
    """BIO labels of the tokens: B on the first word token of each (merged) gold span, I on the rest of it
    (whitespace tokens are O, as in ``token_labels``)."""
    spans = merged([(s.start, s.end) for s in p.article.spans])
    out, k, previous = [], 0, -1
    for t in p.view.tokens:
        while k < len(spans) and spans[k][1] <= t.real_start:
            k += 1
        if k < len(spans) and t.text.strip() and spans[k][0] < t.real_end:
            out.append("B" if k != previous else "I")
            previous = k
        else:
            out.append("O")
            if t.text.strip():
                previous = -1
    return out


def fit_crf(items: list[Parsed], vectors: emb.Embeddings, vocabulary: dict[str, int], log) -> ChainCRF:
    """A linear-chain CRF (CRFsuite, L-BFGS, L2 ``CRF_C2``) over the tagger's sparse features (those in its
    ``vocabulary``) and the first ``CRF_DIMENSIONS`` whitened principal components of its dense ones, one chain
    per sentence; exported for the numpy scorer, which must agree with CRFsuite."""
    import tempfile

    pycrfsuite = _crfsuite()
    feats, dense = _tagger_rows(items, vectors)
    x = np.vstack(dense).astype(np.float64)
    mean = x.mean(axis=0)
    sample = x[::5] - mean
    _, spread, axes = np.linalg.svd(sample, full_matrices=False)
    projection = axes[:CRF_DIMENSIONS].T / (spread[:CRF_DIMENSIONS] / np.sqrt(len(sample)))

    def chains(p: Parsed, fs: list[list[str]], d: np.ndarray):
        z = (d - mean) @ projection
        for a, b in p.view.sentences:
            if b > a:
                yield a, b, [_crf_item(fs[i], vocabulary, z[i]) for i in range(a, b)]

    trainer = pycrfsuite.Trainer(verbose=False)
    for p, fs, d in zip(items, feats, dense, strict=True):
        tags = chain_tags(p)
        for a, b, xs in chains(p, fs, d):
            trainer.append(xs, tags[a:b])
    trainer.set_params({"c1": 0.0, "c2": CRF_C2, "max_iterations": CRF_ITERATIONS,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "chain.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        label = {name: j for j, name in enumerate(CRF_LABELS)}
        coef = np.zeros((len(vocabulary), len(CRF_LABELS)))
        components = np.zeros((CRF_DIMENSIONS, len(CRF_LABELS)))
        intercept = np.zeros(len(CRF_LABELS))
        for (attribute, name), weight in info.state_features.items():
            if attribute == "\tbias":
                intercept[label[name]] = weight
            elif attribute.startswith("\tv"):
                components[int(attribute[2:]), label[name]] = weight
            else:
                coef[vocabulary[attribute], label[name]] = weight
        transitions = np.zeros((len(CRF_LABELS), len(CRF_LABELS)))
        for (a, b), weight in info.transitions.items():
            transitions[label[a], label[b]] = weight
        dense_coef = projection @ components
        crf = ChainCRF(coef, dense_coef, intercept - mean @ dense_coef, transitions, CRF_LABELS)
        log(f"  CRF: {len(info.state_features):,} state features, c2={CRF_C2}, {CRF_DIMENSIONS} dense components, "
            f"{trainer.logparser.last_iteration['num']} iterations")
        # the numpy scorer must agree with CRFsuite, marginals and Viterbi path
        p, fs, d = items[0], feats[0], dense[0]
        ours = crf.marginals(_crf_scores(crf, p, vocabulary, fs, d), p.view.sentences)
        path_ours = crf.viterbi(_crf_scores(crf, p, vocabulary, fs, d), p.view.sentences)
        worst, same = 0.0, True
        for a, b, xs in chains(p, fs, d):
            tagger.set(xs)
            same &= tagger.tag() == path_ours[a:b]
            theirs = np.array([[tagger.marginal(name, i) for name in CRF_LABELS] for i in range(b - a)])
            worst = max(worst, float(np.abs(ours[a:b] - theirs).max()))
        tagger.close()
    if worst > 1e-4 or not same:
        raise CommuniqueError(f"exported CRF disagrees with CRFsuite (marginals by {worst:.1e}, paths "
                              f"{'agree' if same else 'differ'}); refusing to use it")
    return crf


def _crf_item(features: list[str], vocabulary: dict[str, int], z: np.ndarray) -> dict[str, float]:
    item = {f: 1.0 for f in features if f in vocabulary}
    item["\tbias"] = 1.0
    item.update({f"\tv{j}": float(v) for j, v in enumerate(z)})
    return item


def _crf_scores(crf: ChainCRF, p: Parsed, vocabulary: dict[str, int], feats: list[list[str]],
                dense: np.ndarray) -> np.ndarray:
    pairs = [(i, vocabulary[f]) for i, fs in enumerate(feats) for f in fs if f in vocabulary]
    rows = np.array([i for i, _ in pairs], dtype=np.int64)
    k = np.array([j for _, j in pairs], dtype=np.int64)
    return crf.state_scores(rows, k, dense.astype(np.float64))


def _matrix(sparse, feats, dense, vocabulary):
    rows, cols = [], []
    r = 0
    for doc in feats:
        for fs in doc:
            for f in fs:
                k = vocabulary.get(f)
                if k is not None:
                    rows.append(r)
                    cols.append(k)
            r += 1
    x = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(r, len(vocabulary)))
    return sparse.hstack([x, sparse.csr_matrix(np.vstack(dense).astype(np.float32))]).tocsr()


def predicted_spans(items: list[Parsed], probs: list[np.ndarray], high: float, low: float) -> dict[str, list]:
    return {p.article.id: [p.view.token_span_real(g.first, g.last) for g in decode(p.view, pr, high, low)]
            for p, pr in zip(items, probs, strict=True)}


def choose_thresholds(items: list[Parsed], tagger: Tagger, vectors: emb.Embeddings, log,
                      blends: tuple[float, ...] = BLEND_GRID,
                      crf_weights: tuple[float, ...] = CRF_WEIGHT_GRID) -> tuple[float, float, float, float, float]:
    """The blend of the token models (the network's share, then the CRF's) and the hysteresis thresholds
    that score best on ``items``: (span F1, high, low, blend, CRF weight)."""
    from communique.rhetoric.metrics import span_scores

    gold = {p.article.id: [(s.start, s.end) for s in p.article.spans] for p in items}
    tagger.blend, tagger.crf_weight = 0.0, 1.0  # so that every part is computed
    parts = [tagger.components(p.view, p.table, vectors) for p in items]
    best = (-1.0, 0.0, 0.0, 1.0, 0.0)
    for blend in blends:
        for crf_weight in crf_weights if tagger.crf is not None else (0.0,):
            tagger.blend, tagger.crf_weight = blend, crf_weight
            probs = [tagger.combine(*part) for part in parts]
            top = max((span_scores(predicted_spans(items, probs, high, low), gold)["f1"], high, low, blend, crf_weight)
                      for high in HIGH_GRID for low in LOW_GRID)
            if tagger.crf is not None:
                log(f"    blend {blend}, CRF weight {crf_weight}: span F1 {top[0]:.3f} (high {top[1]}, low {top[2]})")
            best = max(best, top)
    log(f"  tagger on dev: blend {best[3]}, CRF weight {best[4]}, thresholds high {best[1]}, low {best[2]} "
        f"(span F1 {best[0]:.3f})")
    return best


# -- the classifier ------------------------------------------------------------------------------
@dataclass
class Instance:
    article: str
    start: int
    end: int
    labels: list[str]
    lexical: list[str]
    cues: list[str]
    dense: np.ndarray


def token_range(view: View, start: int, end: int) -> tuple[int, int] | None:
    idx = [i for i, t in enumerate(view.tokens) if t.real_start < end and t.real_end > start and t.text.strip()]
    return (idx[0], idx[-1]) if idx else None


def instances(items: list[Parsed], vectors: emb.Embeddings,
              spans: Callable[[Parsed], dict[tuple[int, int], list[str]]] | None = None) -> list[Instance]:
    """One instance per distinct span with all its labels (gold spans by default)."""
    out = []
    for p in items:
        groups = spans(p) if spans else _gold_groups(p.article)
        ranges = {key: token_range(p.view, *key) for key in groups}
        words = {key: _words(p, r) for key, r in ranges.items() if r}
        same = Counter(words.values())
        for key, labels in groups.items():
            r = ranges[key]
            if r is None:
                continue
            lexical, cues = span_features(p.view, p.table, *r, same=same[words[key]] - 1)
            out.append(Instance(p.article.id, key[0], key[1], labels, lexical, cues,
                                span_dense(p.view, p.table, vectors, *r)))
    return out


def _gold_groups(article: Article) -> dict[tuple[int, int], list[str]]:
    groups: dict[tuple[int, int], list[str]] = defaultdict(list)
    for s in article.spans:
        groups[(s.start, s.end)].append(s.technique)
    return groups


def _words(p: Parsed, r: tuple[int, int]) -> tuple[str, ...]:
    return tuple(p.table.lemma[i] for i in range(r[0], r[1] + 1) if p.table.pos[i] not in ("PUNCT", "SPACE"))


def _classifier_matrix(sparse, items: list[Instance], vocabulary: dict[str, int], expand: bool):
    rows, cols, vals, dense, y = [], [], [], [], []
    r = 0
    for x in items:
        for label in (x.labels if expand else x.labels[:1]):
            lex = sorted({vocabulary[f] for f in x.lexical if f in vocabulary})
            for k in lex:
                rows.append(r)
                cols.append(k)
                vals.append(1.0 / np.sqrt(len(lex)))
            for k in sorted({vocabulary[f] for f in x.cues if f in vocabulary}):
                rows.append(r)
                cols.append(k)
                vals.append(CUE_WEIGHT)
            dense.append(x.dense)
            y.append(label)
            r += 1
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(r, len(vocabulary)))
    return sparse.hstack([m, sparse.csr_matrix(np.vstack(dense))]).tocsr(), y


def fit_classifier(items: list[Instance], c: float, temperature: float = 1.0) -> tuple[Classifier, object]:
    """The span classifier: a multinomial logistic regression (``C=c``) and a
    one-vs-rest ridge classifier (``RIDGE_ALPHA``) over the same features,
    blended as one linear model. Each model's label scores are centred per span
    and divided by their spread on the training spans, then added (centring
    changes no ranking, so the blend is the sum of the scaled coefficients);
    ``temperature`` scales the sum so that its softmax is a probability
    (chosen on dev, ``fit_temperature``)."""
    sparse, LogisticRegression = _sklearn()
    from sklearn.linear_model import RidgeClassifier

    counts = Counter(f for x in items for f in set(x.lexical) | set(x.cues))
    vocabulary = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    x, y = _classifier_matrix(sparse, items, vocabulary, expand=True)
    clf = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    ridge = RidgeClassifier(alpha=RIDGE_ALPHA).fit(x, y)
    if list(ridge.classes_) != list(clf.classes_):
        raise CommuniqueError("the two span classifiers disagree on the labels; refusing to blend them")
    scale_lr, scale_ridge = _spread(clf.decision_function(x)), _spread(ridge.decision_function(x))
    coef = (clf.coef_ / scale_lr + ridge.coef_ / scale_ridge) * temperature
    intercept = (clf.intercept_ / scale_lr + ridge.intercept_ / scale_ridge) * temperature
    n = len(vocabulary)
    model = Classifier(vocabulary, coef[:, :n], coef[:, n:], intercept, tuple(clf.classes_))
    return model, (clf, ridge, scale_lr, scale_ridge, vocabulary)


def _spread(scores: np.ndarray) -> float:
    """Standard deviation of label scores centred per row (a model's scale)."""
    return float((scores - scores.mean(axis=1, keepdims=True)).std())


def label_scores(classifier: Classifier, x: Instance) -> np.ndarray:
    """The classifier's score of every label for an instance (numpy scorer)."""
    lex = sorted({classifier.vocabulary[f] for f in x.lexical if f in classifier.vocabulary})
    cue = sorted({classifier.vocabulary[f] for f in x.cues if f in classifier.vocabulary})
    z = classifier.intercept + classifier.dense_coef @ x.dense
    if lex:
        z = z + classifier.coef[:, lex].sum(axis=1) / np.sqrt(len(lex))
    if cue:
        z = z + classifier.coef[:, cue].sum(axis=1) * CUE_WEIGHT
    return z


def fit_temperature(classifier: Classifier, items: list[Instance]) -> float:
    """The factor on the label scores whose softmax best fits ``items``' labels (log-likelihood)."""
    z = np.vstack([label_scores(classifier, x) for x in items])
    index = {label: k for k, label in enumerate(classifier.labels)}
    rows = [(i, index[label]) for i, x in enumerate(items) for label in x.labels if label in index]  # a small sample may miss some
    r, k = np.array([a for a, _ in rows]), np.array([b for _, b in rows])

    def loss(t: float) -> float:
        s = z * t
        s = s - s.max(axis=1, keepdims=True)
        return float(-(s[r, k] - np.log(np.exp(s).sum(axis=1))[r]).mean())

    return min(np.exp(np.linspace(np.log(0.1), np.log(10.0), 93)), key=loss)


def classification_report(classifier: Classifier, items: list[Instance], predict) -> dict:
    """TC scores: each distinct span gets as many predicted labels as it has gold ones."""
    from communique.rhetoric.metrics import classification_scores

    pairs = []
    for x in items:
        ranked = predict(x)
        pairs.append(((x.article, x.start, x.end), x.labels, ranked[:len(x.labels)]))
    return classification_scores(pairs)


def rank_labels(classifier: Classifier, x: Instance) -> list[str]:
    """Labels of an instance, most probable first (numpy scorer, from its features)."""
    return [classifier.labels[k] for k in np.argsort(-label_scores(classifier, x))]


# -- the whole run ---------------------------------------------------------------------------------
def corpus_texts(shared: Path, extra: Iterable[str], limit: int | None = None) -> Iterable[str]:
    """The unlabelled texts the word vectors are learnt from (``limit``: only the
    first N speeches and statements, for a quick check)."""
    corpora = shared / "corpora"
    ungdc = corpora / "ungdc.jsonl.gz"
    mfa = corpora / "sg_mfa_statements.jsonl"
    for path in (ungdc, mfa):
        if not path.exists():
            raise CommuniqueError(f"{path}: not found (needed for the word vectors)")
    for path in (ungdc, mfa):
        with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")) as fh:
            for n, line in enumerate(fh):
                if limit is not None and n >= limit:
                    break
                yield json.loads(line)["text"]
    yield from extra


def train(shared: Path, out: Path = MODEL_PATH, *, limit: int | None = None, tagger_c: float = TAGGER_C,
          log=print, progress=lambda x, **kw: x) -> dict:
    """Train, choose on dev, refit on train + dev, write the model, report on test."""
    _sklearn()  # fail at once, with the install hint, when scikit-learn or python-crfsuite is missing
    _crfsuite()
    started = time.perf_counter()
    articles = read_ptc(shared / "propaganda" / "ptc" / "train.jsonl")
    if limit:
        articles = articles[:limit]
    log(f"PTC: {len(articles)} articles, {sum(len(a.spans) for a in articles):,} spans")
    parsed = parse(articles, lambda docs: progress(docs, total=len(articles), desc="parsing"))
    split = {name: [p for p in parsed if p.article.split == name] for name in ("train", "dev", "test")}
    log("  " + ", ".join(f"{k} {len(v)} articles" for k, v in split.items()))
    if not split["train"] or not split["dev"]:
        raise CommuniqueError("too few articles to train and choose (train and dev must not be empty)")
    texts = corpus_texts(shared, (p.article.text for p in parsed if p.article.split != "test"),
                         limit=2 * limit if limit else None)
    vectors = emb.train(texts, vocabulary=5_000 if limit else 30_000, log=log)
    # round-trip through int8 now, so selection sees the vectors that ship
    vectors = emb.Embeddings.from_quantised(sorted(vectors.index, key=vectors.index.get), *vectors.quantised())

    tagger = fit_tagger(split["train"], vectors, tagger_c, log)
    tagger.crf = fit_crf(split["train"], vectors, tagger.vocabulary, log)
    quick = limit is not None  # a quick check: no search over the blend and the classifier's C
    dev_span_f1, high, low, blend, crf_weight = choose_thresholds(split["dev"], tagger, vectors, log,
                                                                  blends=(0.8,) if quick else BLEND_GRID)

    train_inst, dev_inst = instances(split["train"], vectors), instances(split["dev"], vectors)
    best = None
    for c in (3.0,) if quick else CLASSIFIER_GRID:
        classifier, _ = fit_classifier(train_inst, c)
        score = classification_report(classifier, dev_inst, lambda x, m=classifier: rank_labels(m, x))["micro_f1"]
        log(f"  classifier C={c} (blended with ridge, alpha {RIDGE_ALPHA}): dev micro-F1 {score:.3f}")
        if best is None or score > best[0]:
            best = (score, c, classifier)
    dev_tc, classifier_c, classifier = best
    temperature = float(fit_temperature(classifier, dev_inst))
    log(f"  classifier temperature on dev: {temperature:.3f}")

    log("  refitting on train + dev")
    fit_set = split["train"] + split["dev"]
    tagger = fit_tagger(fit_set, vectors, tagger_c, log)
    tagger.high, tagger.low, tagger.blend, tagger.crf_weight = high, low, blend, crf_weight
    if crf_weight > 0:
        tagger.crf = fit_crf(fit_set, vectors, tagger.vocabulary, log)
    classifier, (clf, ridge, scale_lr, scale_ridge, vocabulary) = fit_classifier(train_inst + dev_inst, classifier_c,
                                                                                temperature)
    sparse, _ = _sklearn()
    x, _ = _classifier_matrix(sparse, dev_inst[:50], vocabulary, expand=False)
    theirs = clf.classes_[np.argmax(clf.decision_function(x) / scale_lr + ridge.decision_function(x) / scale_ridge,
                                    axis=1)]
    ours = [rank_labels(classifier, i)[0] for i in dev_inst[:50]]
    if list(theirs) != ours:
        raise CommuniqueError("exported classifier disagrees with scikit-learn; refusing to write it")

    meta = {
        "method": "token tagger (logistic regression over sparse features + spaCy vectors + word vectors, blended "
                  "with a one-hidden-layer network over the dense part and with the marginals of a linear-chain CRF "
                  "over the same features) with hysteresis decoding; span classifier "
                  "(multinomial logistic regression blended with a ridge classifier)",
        "tagger_C": tagger_c, "classifier_C": classifier_c, "ridge_alpha": RIDGE_ALPHA,
        "classifier_temperature": round(temperature, 4), "high": high, "low": low, "blend": blend,
        "crf_weight": crf_weight, "crf_c2": CRF_C2, "crf_dimensions": CRF_DIMENSIONS,
        "split": {k: len(v) for k, v in split.items()},
        "dev_before_refit": {"span_f1": round(dev_span_f1, 4), "tc_micro_f1": round(dev_tc, 4)},
        "features": {"tagger": len(tagger.vocabulary), "classifier": len(classifier.vocabulary),
                     "word_vectors": len(vectors.index)},
        "trained": date.today().isoformat(), "train_seconds": round(time.perf_counter() - started),
    }
    model = TechniqueModel(vectors, tagger, classifier, meta)
    model.save(out)
    report = {**meta}
    if split["test"]:
        from communique.rhetoric.evaluate import evaluate_parsed

        report["test"] = evaluate_parsed(split["test"], model)
        model.meta = {**meta, "test": {k: report["test"][k] for k in ("tc", "si", "flc") if k in report["test"]}}
        model.save(out)
    report["model_bytes"] = out.stat().st_size
    return report
