"""The statement text cut into layered segments: every character kept, every span found, overlaps allowed."""

from __future__ import annotations

import pytest

from communique.web.annotate import annotate
from communique.web.views import marked
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def analysis(fictional):
    text = (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8")
    return fictional.analyze(text, issuer="XOS GOV", date="2024-03-02")


def test_segments_rebuild_the_text_exactly(analysis):
    annotated = annotate(analysis)
    assert "".join(s.text for s in annotated.segments) == analysis.statement.text


def test_every_span_of_every_layer_is_covered_by_its_segments(analysis):
    annotated = annotate(analysis)
    pos = 0
    covered: dict[str, str] = {}
    for seg in annotated.segments:
        for ref in seg.refs:
            covered[ref] = covered.get(ref, "") + seg.text
        pos += len(seg.text)
    text = analysis.statement.text
    for i, m in enumerate(analysis.mentions):
        assert covered[f"m{i}"] == text[m.start:m.end]
    for i, e in enumerate(analysis.events):
        assert covered[f"e{i}"] == e.trigger.text
    for i, c in enumerate(analysis.claims):
        assert covered[f"c{i}"] == text[c.start:c.end]
    assert annotated.counts["actors"] == len(analysis.mentions)
    assert annotated.counts["facts"] == len(analysis.quantities) + len(analysis.dates) + len(analysis.references)


def test_overlapping_layers_share_a_segment(analysis):
    annotated = annotate(analysis)
    both = [s for s in annotated.segments if "l-actors" in s.css and "l-claims" in s.css]
    assert both, "a mention inside a claim carries both layers"


def test_details_say_what_a_person_needs(analysis):
    details = annotate(analysis).details_json()
    reject = next(d for d in details.values() if d["layer"] == "events" and "REJECT" in d["title"])
    assert reject["title"] == "XOS GOV → REJECT → XVL GOV"
    rows = dict(reject["rows"])
    assert rows["trigger"] == "reject" and rows["intensity"].startswith("-2.0")
    claim = next(d for d in details.values() if d["layer"] == "claims")
    assert dict(claim["rows"])["check-worthiness"] == claim["title"].rsplit(" ", 1)[1]


def test_techniques_and_stance_render_from_the_contract(analysis):
    from communique.contract import Stance, Technique

    text = analysis.statement.text
    start = text.index("baseless")
    record = analysis.model_copy(update={
        "techniques": [Technique(start=start, end=start + 8, text="baseless", technique="loaded_language",
                                 confidence=0.8, explanation="an emotionally charged word")],
        "stance": [Stance(actor="XVL GOV", score=-0.7, sentences=[1])]})
    annotated = annotate(record)
    assert annotated.counts["techniques"] == 1
    detail = annotated.details["t0"]
    assert detail.title == "loaded language" and ("explanation", "an emotionally charged word") in detail.rows


def test_spans_outside_the_text_are_dropped(analysis):
    from communique.contract import Technique

    bad = analysis.model_copy(update={"techniques": [Technique(start=10**6, end=10**6 + 5, text="x", technique="t",
                                                               confidence=0.5, explanation="")]})
    assert "t0" not in annotate(bad).details


def test_snippet_marks_are_clamped_sorted_and_merged():
    assert marked("a ceasefire now", [(2, 11)]) == [("a ", False), ("ceasefire", True), (" now", False)]
    assert marked("abcdef", [(4, 99), (0, 2), (1, 3), (5, 4)]) == [("abc", True), ("d", False), ("ef", True)]
    assert marked("", [(0, 3)]) == []
