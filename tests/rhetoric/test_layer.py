"""The rhetoric layer in the pipeline: techniques and stance in the contract, the page and the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest

from communique.errors import ModelError
from communique.rhetoric import model as technique_model
from communique.rhetoric.labels import PTC, PTC_TO_2023, SEMEVAL2023, split_merged
from tests.conftest import EXAMPLES

FICTION = ("--gazetteer", str(EXAMPLES / "gazetteer.jsonl"), "--issuer", "XOS GOV", "--date", "2024-03-02")


@pytest.fixture(scope="module")
def rebuttal(fictional):
    text = (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8")
    return fictional.analyze(text, issuer="XOS GOV", date="2024-03-02")


def test_techniques_are_valid_spans_with_taxonomy_labels(rebuttal):
    assert len(rebuttal.techniques) >= 5
    for t in rebuttal.techniques:
        assert rebuttal.statement.text[t.start:t.end] == t.text and t.text.strip() == t.text
        assert t.technique in SEMEVAL2023
        assert 0 <= t.confidence <= 1 and t.explanation
        assert t.via in ("model", "rule")
        sent = rebuttal.sentences[t.sentence]
        assert sent.start <= t.start < sent.end
    assert {t.via for t in rebuttal.techniques} == {"model", "rule"}


def test_stance_of_a_rebuttal_is_hostile_to_the_other_side(rebuttal):
    stance = {s.actor: s for s in rebuttal.stance}
    assert "XOS" not in stance  # the issuer's own country
    assert stance["XVL"].score < -0.3 and stance["XVL"].name == "Velmaria"
    assert len(stance["XVL"].sentences) >= 3
    assert all(-1 <= s.score <= 1 for s in rebuttal.stance)


def test_stance_of_a_friendly_statement_is_positive(fictional):
    text = ("We warmly welcome the visit of the President of Velmaria and thank the Velmarian Government for its "
            "constructive cooperation. Both sides agreed to deepen their fruitful partnership.")
    result = fictional.analyze(text, issuer="XOS GOV", date="2024-03-02")
    stance = {s.actor: s for s in result.stance}
    assert stance["XVL"].score > 0.2
    assert not [t for t in result.techniques if t.target and t.target.country == "XVL" and t.via == "rule"]


def test_the_layer_can_be_left_out(fictional):
    import communique

    plain = communique.Pipeline.load(layers=("events", "claims"), gazetteers=[str(EXAMPLES / "gazetteer.jsonl")])
    result = plain.analyze("The so-called peace plan of Velmaria is a pack of lies.", issuer="XOS GOV")
    assert result.techniques == [] and result.stance == []


def test_the_shipped_model_is_small_and_numpy_only():
    model = technique_model.load()
    assert technique_model.MODEL_PATH.stat().st_size < 8_000_000
    assert set(model.classifier.labels) == set(PTC)
    assert model.tagger.low < model.tagger.high < 1
    assert model.embeddings.vectors.shape[1] == 100 and np.isfinite(model.tagger.coef).all()
    assert "test" in model.meta  # the card's numbers are stored with the model


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "techniques.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="techniques.npz: not a technique model"):
        technique_model.load(bad)
    with pytest.raises(ModelError, match="communique train techniques"):
        technique_model.load(tmp_path / "missing.npz")


def test_ptc_labels_map_onto_semeval_2023():
    assert set(PTC_TO_2023) == set(PTC) and set(PTC_TO_2023.values()) <= set(SEMEVAL2023)
    assert split_merged("Bandwagon,Reductio_ad_hitlerum", "just like the Nazis did") == "Guilt_by_Association"
    assert split_merged("Bandwagon,Reductio_ad_hitlerum", "everybody agrees") == "Appeal_to_Popularity"
    assert split_merged("Whataboutism,Straw_Men,Red_Herring", "they want us to believe that") == "Straw_Man"


def test_html_page_underlines_techniques_with_label_and_explanation(fictional):
    from communique.render import render_html

    text = 'We reject the <script>alert(1)</script> groundless and provocative statement of Velmaria "<b>x</b>".'
    page = render_html([fictional.analyze(text, issuer="XOS GOV")])
    assert "<script>" not in page and "<b>" not in page
    assert "default-src 'none'" in page  # the CSP stays
    assert '<span class="tq attack" title="Loaded Language (0.80): loaded words aimed at the other side' in page
    assert "<h2>Persuasion techniques</h2>" in page and "<h2>Stance of the issuer</h2>" in page


def test_rhetoric_command_prints_techniques_by_sentence_and_stance(run_cli):
    proc = run_cli("rhetoric", str(EXAMPLES / "ostravia-rejects.txt"), *FICTION)
    assert proc.returncode == 0, proc.stderr
    assert "techniques in 11 sentences" in proc.stdout
    assert "Loaded_Language" in proc.stdout and "[rule]" in proc.stdout
    assert "Stance of XOS GOV toward each actor mentioned" in proc.stdout and "XVL" in proc.stdout


def test_rhetoric_command_json_and_bad_input(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = run_cli("rhetoric", str(EXAMPLES / "ostravia-rejects.txt"), str(empty), *FICTION, "-f", "json")
    assert proc.returncode == 0
    [record] = json.loads(proc.stdout)
    assert record["techniques"] and record["stance"]
    assert {"start", "end", "text", "technique", "confidence", "explanation", "target", "via"} <= set(record["techniques"][0])
    assert "empty.txt" in proc.stderr and "Traceback" not in proc.stderr
    lines = run_cli("rhetoric", "-", "-f", "jsonl", stdin=b"The so-called experts repeat the same lies.").stdout
    assert json.loads(lines)["techniques"]
