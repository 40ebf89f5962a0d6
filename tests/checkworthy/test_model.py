"""The shipped check-worthiness model: loads offline, scores sensibly, and can be rebuilt."""

from __future__ import annotations

import math

import numpy as np
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

    report = train(shared / "checkworthy", tmp_path / "cw.npz", limit=3000, blends=(0.0, 0.3), folds=3,
                   log=lambda m: None)
    assert (tmp_path / "cw.npz").exists()
    assert report["dev-test"]["f1"] > 0.5  # a small sample still learns the task
    model = checkworthy.load(tmp_path / "cw.npz")
    assert model.meta["train_sentences"] == 3000
    # the blend weight and threshold are the ones the out-of-debate selection chose
    selection = model.meta["out_of_debate_selection"]
    assert (model.blend, model.threshold) == (selection["blend"], selection["threshold"])
    assert model.dense is not None and model.digits and model.syntax is not None
    # the threshold is the best on the latest block, the blend the best over all blocks
    assert selection["latest_block_sentences"] > 0


@pytest.mark.shared
def test_shipped_model_quality_on_dev_test(shared):
    from communique.claims.train import evaluate

    report = evaluate(shared / "checkworthy", speed_repeats=1)
    assert report["dev-test"]["f1"] >= 0.75


def test_digits_are_one_kind_of_number():
    assert checkworthy.normalise_digits("nearly 1,500 shells in 2019") == "nearly 0,000 shells in 0000"
    model = checkworthy.load()
    assert model.digits
    # the n-gram part reads digits as 0, so two counts of the same shape score alike there
    assert model.sparse_logit("They fired 1,500 shells.") == model.sparse_logit("They fired 2,700 shells.")


def test_the_shipped_model_blends_word_vectors():
    model = checkworthy.load()
    assert model.dense is not None and 0 < model.blend < 1
    sentence = "The army laid more than 2,700 mines along the border in 1994."
    z = (1 - model.blend) * model.sparse_logit(sentence) + model.blend * model.dense.logit(sentence)
    assert model.score(sentence) == pytest.approx(1 / (1 + math.exp(-z)))
    # unknown words count as zero vectors; an empty sentence has all-zero features
    assert not model.dense.features("").any()
    width = model.dense.vectors.shape[1]
    x = model.dense.features("mines qqqzzz")
    known = model.dense.vectors[model.dense.index["mines"]]
    assert np.allclose(x[:width], known / 2) and np.allclose(x[width:], np.maximum(known, 0))


def test_a_model_round_trips_and_old_files_still_load(tmp_path):
    model = checkworthy.load()
    model.save(tmp_path / "cw.npz")
    again = checkworthy.load(tmp_path / "cw.npz")
    sentence = "Unemployment fell by 3 percent last year."
    assert again.score(sentence) == pytest.approx(model.score(sentence), abs=1e-6)
    # a file written before the blend and the syntax n-grams (n-grams only) loads as an n-gram model
    with np.load(tmp_path / "cw.npz") as data:
        old = {k: data[k] for k in data.files
               if not k.startswith(("dense_", "syntax_")) and k not in ("blend", "digits")}
    np.savez_compressed(tmp_path / "old.npz", **old)
    legacy = checkworthy.load(tmp_path / "old.npz")
    assert legacy.dense is None and legacy.syntax is None and legacy.blend == 0.0 and not legacy.digits
    plain = "Unemployment fell sharply last year."  # no digits: the old reading and the new agree
    z = (model.intercept + model.words.contribution(checkworthy.word_features(plain))
         + model.chars.contribution(checkworthy.char_features(plain)))
    assert legacy.score(plain) == pytest.approx(1 / (1 + math.exp(-z)), abs=1e-6)


def test_debate_blocks_keep_debates_together():
    from communique.claims.train import debate_blocks

    blocks, extra = debate_blocks(["30", "10", "20", "40", "50", "60"], ["15", "5", "55"], 3)
    assert blocks.tolist() == [1, 0, 0, 1, 2, 2]  # ids 10, 20 | 30, 40 | 50, 60
    assert extra.tolist() == [0, 0, 2]


def test_smoothed_f1_averages_neighbouring_thresholds():
    from communique.claims.train import smoothed_f1

    labels = np.array([True, True, False, False])
    proba = np.array([0.9, 0.6, 0.4, 0.505])
    curve = smoothed_f1(labels, proba)
    assert curve[0.45] == pytest.approx(0.8)  # every threshold 0.43-0.47 lets 0.505 in: F1 0.8
    assert curve[0.5] == pytest.approx((0.8 * 3 + 1.0 * 2) / 5)  # 0.51 and 0.52 keep it out
    assert curve[0.55] == pytest.approx(1.0)


def test_syntax_features_read_the_parse():
    tokens = [("In", "ADP", "IN", "prep", ""), ("0000", "NUM", "CD", "pobj", "DATE"), ("we", "PRON", "PRP", "nsubj", ""),
              ("fired", "VERB", "VBD", "ROOT", ""), ("0,000", "NUM", "CD", "nummod", "CARDINAL"),
              ("shells", "NOUN", "NNS", "dobj", "")]
    features = checkworthy.syntax_features(tokens)
    assert "T:IN CD PRP" in features and "D:nsubj" in features and "DP:dobj/NOUN" in features
    assert "E:CARDINAL" in features
    assert "H:in <DATE> we" in features and "H:VBD <CARDINAL> NNS" in features
    assert checkworthy.syntax_features(tokens) == features


def test_character_columns_are_those_of_the_whole_sentence():
    model = checkworthy.load()
    text = "the talks failed because the talks had no mandate"
    whole = model.chars.indices(checkworthy.char_features(text))
    assert sorted(model._char_columns(text)) == sorted(whole)
    assert sorted(model._char_columns(text)) == sorted(whole)  # and again, from the remembered words


def test_the_parse_the_model_reads_does_not_depend_on_the_state_named():
    """A state or an office holder named in one token or in several, or
    another one: the same masked text, the same parse, the same score."""
    model = checkworthy.load()
    pairs = [("The Russian Federation fired 1,500 shells at the border in 2019.",
              "The United States of America fired 1,500 shells at the border in 2019."),
             ("Mr. Sergey Lavrov said that Moscow will reply.", "Mr. Blinken said that Washington will reply.")]
    for one, other in pairs:
        (text_a, tokens_a), (text_b, tokens_b) = checkworthy.parse([one, other])
        assert text_a == text_b and tokens_a == tokens_b
        assert len(tokens_a) < len(one.split()) + 3  # a name of several tokens counts once
        assert model.score(text_a, tokens_a) == model.score(text_b, tokens_b)
        assert model.score(text_a, tokens_a) == model.score(text_a)  # parsed here when not given


def test_the_pipeline_scores_a_sentence_as_training_read_it(pipeline):
    """Training masks and parses each sentence on its own (``parse``); the
    claims layer reads the same masked text and parse off the pipeline's Doc:
    a one-sentence statement gets the score training would give it."""
    model = checkworthy.load()
    for text in ("Mr. Sergey Lavrov said that the Russian Federation fired more than 1,500 shells in 2019.",
                 "Unemployment in Canada fell by 3 percent last year, the lowest rate since 1974."):
        analysis = pipeline.analyze(text)
        assert len(analysis.sentences) == 1
        assert analysis.sentences[0].checkworthiness == round(model.score(*checkworthy.parse([text])[0]), 4)
