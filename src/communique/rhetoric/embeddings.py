"""Word vectors of our own, learnt from unlabelled statements and speeches.

PTC is small (371 articles), so most loaded words occur in it once or never.
Word vectors from a large unlabelled corpus let the models treat a word they
never saw ("despicable") like the words it keeps company with ("outrageous",
"shameful"). They are built by ``communique train techniques`` from the UN
General Debate speeches and the Singapore MFA statements in
``../shared/data/corpora`` and the training articles of PTC (not its held-out
ones): positive pointwise mutual information over a ±4-word window
(context distribution smoothed with exponent 0.75), reduced to 100 dimensions
by truncated SVD, each vector scaled to unit length and stored as int8.

State names never reach the vectors at run time: the rhetoric layer reads
the masked text, where every state is one stand-in word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

WORD = re.compile(r"[a-z]+(?:[-'’][a-z]+)*")
DIMENSIONS = 100
WINDOW = 4


class Embeddings:
    """Unit-length word vectors looked up by lower-cased word (zeros when unknown)."""

    def __init__(self, words: list[str], vectors: np.ndarray):
        self.index = {w: i for i, w in enumerate(words)}
        self.vectors = vectors.astype(np.float32)
        self.zero = np.zeros(vectors.shape[1], np.float32)

    @property
    def width(self) -> int:
        return self.vectors.shape[1]

    def lookup(self, words: list[str]) -> np.ndarray:
        rows = np.fromiter((self.index.get(w, -1) for w in words), dtype=np.int64, count=len(words))
        out = self.vectors[np.maximum(rows, 0)]
        out[rows < 0] = 0.0
        return out

    def quantised(self) -> tuple[np.ndarray, np.ndarray]:
        scale = np.abs(self.vectors).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        return np.round(self.vectors / scale[:, None]).astype(np.int8), scale.astype(np.float32)

    @classmethod
    def from_quantised(cls, words: list[str], codes: np.ndarray, scale: np.ndarray) -> Embeddings:
        return cls(words, codes.astype(np.float32) * scale[:, None])


def context_features(emb: Embeddings, words: list[str], sentences: list[tuple[int, int]]) -> np.ndarray:
    """Per token: its vector, its left and right neighbours', the mean of the
    words two away, and the mean vector of its sentence (5 x 100 columns)."""
    m = emb.lookup(words)
    n, d = m.shape
    z1 = np.zeros((1, d), np.float32)
    z2 = np.zeros((2, d), np.float32)
    left = np.vstack([z1, m[:-1]])[:n]
    right = np.vstack([m[1:], z1])[:n]
    far = (np.vstack([z2, m[:-2]])[:n] + np.vstack([m[2:], z2])[:n]) / 2
    sent = np.zeros_like(m)
    for a, b in sentences:
        if b > a:
            sent[a:b] = m[a:b].mean(axis=0)
    return np.hstack([m, left, right, far, sent])


def train(texts: Iterable[str], *, vocabulary: int = 30_000, dimensions: int = DIMENSIONS, log=print) -> Embeddings:
    """PPMI + truncated SVD word vectors (needs scikit-learn)."""
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    docs = [WORD.findall(t.lower()) for t in texts]
    counts = Counter(w for doc in docs for w in doc)
    words = [w for w, _ in counts.most_common(vocabulary)]
    index = {w: i for i, w in enumerate(words)}
    size = len(words)
    log(f"  word vectors: {sum(map(len, docs)):,} words, vocabulary {size:,}")
    cooc = sparse.csr_matrix((size, size), dtype=np.float32)
    for chunk in range(0, len(docs), 500):
        ids = np.array([index.get(w, -1) for doc in docs[chunk:chunk + 500] for w in doc + [""] * WINDOW], dtype=np.int64)
        rows, cols, vals = [], [], []
        for d in range(1, WINDOW + 1):
            a, b = ids[:-d], ids[d:]
            ok = (a >= 0) & (b >= 0)
            rows += [a[ok], b[ok]]
            cols += [b[ok], a[ok]]
            vals += [np.full(int(ok.sum()), 1.0 / d, np.float32)] * 2
        cooc = cooc + sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                                        shape=(size, size))
    coo = cooc.tocoo()
    total = coo.data.sum()
    row_sums = np.asarray(cooc.sum(axis=1)).ravel()
    context = row_sums ** 0.75
    context /= context.sum()
    pmi = np.log(coo.data / total / (row_sums[coo.row] / total) / context[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep].astype(np.float32), (coo.row[keep], coo.col[keep])), shape=(size, size))
    u, s, _ = randomized_svd(ppmi, dimensions, n_iter=5, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return Embeddings(words, vectors)
