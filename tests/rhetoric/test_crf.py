"""The numpy linear-chain CRF scorer (model.ChainCRF) against brute force over every label sequence."""

from __future__ import annotations

import itertools

import numpy as np

from communique.rhetoric.model import ChainCRF, forward_backward

LABELS = ("O", "B", "I")


def _brute(scores: np.ndarray, transitions: np.ndarray) -> tuple[np.ndarray, tuple[int, ...]]:
    n, width = scores.shape
    marginals = np.zeros((n, width))
    best, total = None, 0.0
    for path in itertools.product(range(width), repeat=n):
        s = sum(scores[t, j] for t, j in enumerate(path)) + sum(transitions[a, b] for a, b in zip(path, path[1:], strict=False))
        w = np.exp(s)
        total += w
        for t, j in enumerate(path):
            marginals[t, j] += w
        if best is None or s > best[0]:
            best = (s, path)
    return marginals / total, best[1]


def test_marginals_and_viterbi_match_brute_force_sentence_by_sentence():
    rng = np.random.default_rng(7)
    sentences = [(0, 1), (1, 4), (4, 6), (6, 10)]  # chains of 1, 3, 2 and 4 tokens, scored side by side
    scores = rng.normal(size=(10, 3)) * 2
    transitions = rng.normal(size=(3, 3)) * 2
    crf = ChainCRF(np.zeros((1, 3)), np.zeros((1, 3)), np.zeros(3), transitions, LABELS)
    got = crf.marginals(scores, sentences)
    path = crf.viterbi(scores, sentences)
    for a, b in sentences:
        want, best = _brute(scores[a:b], transitions)
        assert np.allclose(got[a:b], want, atol=1e-9)
        assert path[a:b] == [LABELS[j] for j in best]


def test_tokens_outside_every_sentence_are_outside_a_technique():
    scores = np.full((5, 3), 3.0)
    scores[:, 0] = -3.0  # every token would rather be inside
    got = forward_backward(scores, np.zeros((3, 3)), [(1, 3)], outside=0)
    assert got[0, 0] == 1.0 and got[4, 0] == 1.0 and got[3, 0] == 1.0
    assert got[1, 0] < 0.01 and np.allclose(got.sum(axis=1), 1.0)


def test_state_scores_add_sparse_and_dense_parts():
    coef = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    crf = ChainCRF(coef, np.eye(3)[:2], np.array([0.5, 0.0, 0.0]), np.zeros((3, 3)), LABELS)
    dense = np.array([[1.0, 0.0], [0.0, 1.0]])
    s = crf.state_scores(np.array([0, 1, 1]), np.array([1, 0, 1]), dense)
    assert np.allclose(s, [[1.5, 2.0, 0.0], [1.5, 3.0, 0.0]])


def test_a_model_with_a_crf_survives_saving_and_loading(tmp_path):
    from communique.rhetoric.model import load

    shipped = load()
    rng = np.random.default_rng(3)
    tagger = shipped.tagger
    crf = ChainCRF(rng.normal(size=(len(tagger.vocabulary), 3)), rng.normal(size=(len(tagger.dense_coef), 3)),
                   rng.normal(size=3), rng.normal(size=(3, 3)), LABELS)
    original = (tagger.crf, tagger.crf_weight)
    tagger.crf, tagger.crf_weight = crf, 0.3
    try:
        shipped.save(tmp_path / "m.npz")
    finally:
        tagger.crf, tagger.crf_weight = original
    back = load(tmp_path / "m.npz").tagger
    assert back.crf_weight == 0.3 and back.crf.labels == LABELS
    for name in ("coef", "dense_coef", "intercept", "transitions"):
        assert np.allclose(getattr(back.crf, name), getattr(crf, name), atol=1e-6)
