"""The SemEval-2020 Task 11 measures, checked on cases worked out by hand."""

from __future__ import annotations

import pytest

from communique.rhetoric.data import merged, split_of
from communique.rhetoric.metrics import classification_scores, labelled_span_scores, span_scores


def test_partial_overlap_earns_partial_credit():
    # gold [0, 10), predicted [5, 15): |s ∩ t| = 5; P = 5/10, R = 5/10
    r = span_scores({"a": [(5, 15)]}, {"a": [(0, 10)]})
    assert r["precision"] == pytest.approx(0.5) and r["recall"] == pytest.approx(0.5)
    assert r["f1"] == pytest.approx(0.5)


def test_a_short_prediction_inside_a_long_span_is_precise_but_recalls_little():
    r = span_scores({"a": [(10, 20)]}, {"a": [(0, 100)]})
    assert r["precision"] == pytest.approx(1.0)
    assert r["recall"] == pytest.approx(0.1)


def test_precision_averages_over_predictions_and_recall_over_gold_spans():
    predicted = {"a": [(0, 10), (50, 60)], "b": [(0, 4)]}
    gold = {"a": [(0, 10)], "b": [(2, 6)]}
    r = span_scores(predicted, gold)
    # predictions: 1.0, 0.0, 2/4 -> 1.5/3; gold: 1.0, 2/4 -> 1.5/2
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(0.75)
    assert r["predicted"] == 3 and r["gold"] == 2


def test_overlapping_spans_are_merged_before_scoring():
    assert merged([(5, 9), (0, 6), (20, 25), (9, 12)]) == [(0, 9), (9, 12), (20, 25)]
    # two overlapping gold spans count as one; touching ones stay apart
    r = span_scores({"a": [(0, 12)]}, {"a": [(0, 6), (3, 12)]})
    assert r["gold"] == 1 and r["f1"] == pytest.approx(1.0)


def test_nothing_predicted_and_nothing_to_find():
    assert span_scores({}, {"a": [(0, 3)]})["f1"] == 0.0
    assert span_scores({}, {})["f1"] == 1.0  # the task scorer's convention


def test_full_task_credits_only_matching_labels():
    predicted = {"a": [(0, 10, "Doubt"), (20, 30, "Loaded_Language")]}
    gold = {"a": [(0, 10, "Doubt"), (20, 30, "Repetition")]}
    r = labelled_span_scores(predicted, gold)
    assert r["precision"] == pytest.approx(0.5) and r["recall"] == pytest.approx(0.5)
    assert r["per_label"]["Doubt"]["f1"] == pytest.approx(1.0)
    assert r["per_label"]["Repetition"]["recall"] == 0.0


def test_classification_matches_the_labels_of_one_span_in_the_best_way():
    pairs = [
        ("s1", ["Loaded_Language", "Repetition"], ["Repetition", "Loaded_Language"]),  # both right, any order
        ("s2", ["Doubt"], ["Slogans"]),
        ("s3", ["Doubt"], ["Doubt"]),
    ]
    r = classification_scores(pairs)
    assert r["micro_f1"] == pytest.approx(3 / 4)
    assert r["per_label"]["Doubt"]["recall"] == pytest.approx(0.5)
    assert r["per_label"]["Slogans"]["precision"] == 0.0


def test_the_split_is_fixed_by_article_id():
    assert [split_of(i) for i in ("111111111", "111111111")] == [split_of("111111111")] * 2
    shares = [split_of(str(i)) for i in range(2000)]
    assert 0.15 < shares.count("test") / 2000 < 0.25
    assert 0.10 < shares.count("dev") / 2000 < 0.20
