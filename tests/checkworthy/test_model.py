"""The shipped check-worthiness model: loads offline, scores sensibly, and can be rebuilt."""

from __future__ import annotations

import pytest

from communique.claims import checkworthy


def test_the_shipped_model_loads_and_scores_in_range():
    model = checkworthy.load()
    assert 0 < model.threshold < 1
    factual = "The ministry said that more than 2,700 mines were laid in the region between 1993 and 2020."
    chatter = "Thank you very much, it is a pleasure to be here with all of you tonight."
    assert 0 <= model.score(chatter) < model.score(factual) <= 1
    assert model.score(factual) >= model.threshold > model.score(chatter)


def test_features_are_deterministic():
    assert checkworthy.word_features("We reject it") == ["we", "reject", "it", "we reject", "reject it"]
    assert checkworthy.char_features("No")[:3] == [" n", "no", "o "]


@pytest.mark.shared
def test_training_end_to_end_on_a_sample(shared, tmp_path):
    pytest.importorskip("sklearn")
    from communique.claims.train import train

    report = train(shared / "checkworthy", tmp_path / "cw.npz", limit=3000, grid=(1.0,), log=lambda m: None)
    assert (tmp_path / "cw.npz").exists()
    assert report["dev-test"]["f1"] > 0.5  # a small sample still learns the task
    model = checkworthy.load(tmp_path / "cw.npz")
    assert model.meta["train_sentences"] == 3000


@pytest.mark.shared
def test_shipped_model_quality_on_dev_test(shared):
    from communique.claims.train import evaluate

    report = evaluate(shared / "checkworthy", speed_repeats=1)
    assert report["dev-test"]["f1"] >= 0.75
