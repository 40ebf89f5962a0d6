"""Even-handedness: swapping two states in a text swaps their codes and changes nothing else."""

from __future__ import annotations

import json
from datetime import date

import pytest

from communique.actors.swap import state_pairs, swap_states
from tests.conftest import EXAMPLES


def coding(analysis, pairs: dict[str, str] | None = None) -> list[tuple[str, str, str | None, str]]:
    """Mentions in order, as (kind, country, sector, via), countries swapped by ``pairs``."""
    pairs = pairs or {}
    return [(m.kind, pairs.get(m.actor.country, m.actor.country), m.actor.sector, m.via) for m in analysis.mentions]


def ukraine_speeches(shared) -> list[dict]:
    """The speeches of the Security Council's meeting S/PV.7138 (Ukraine, 2014) that name both states."""
    with (shared / "conflicts" / "umuc_speeches.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    return [r for r in records if "SPV.7138" in r["id"] and "Russia" in r["text"] and "Ukrain" in r["text"]]


def assert_swap_invariant(pipeline, text: str, a: str, b: str, **kw) -> int:
    """Analyse ``text`` and its swap; mentions, events, check-worthiness,
    claims, techniques (spans, labels, confidences, targets) and stance must be
    the same with the two states exchanged. Returns the number of mentions,
    events and techniques compared."""
    gaz = pipeline.gazetteer
    day = date.fromisoformat(kw["date"]) if kw.get("date") else None
    swapped = swap_states(text, a, b, gaz, on=day, tokenizer=pipeline.nlp.tokenizer)
    assert swapped != text
    pairs = state_pairs(gaz, a, b)
    original = pipeline.analyze(text, **kw)
    mirrored = pipeline.analyze(swapped, **{**kw, "issuer": _swap_issuer(kw.get("issuer"), pairs)})
    assert coding(mirrored) == coding(original, pairs)
    assert event_coding(mirrored) == event_coding(original, pairs)
    assert [x.checkworthiness for x in mirrored.sentences] == [x.checkworthiness for x in original.sentences]
    assert [(c.sentence, c.kinds) for c in mirrored.claims] == [(c.sentence, c.kinds) for c in original.claims]
    swap = lambda fragment: swap_states(fragment, a, b, gaz, on=day, tokenizer=pipeline.nlp.tokenizer)  # noqa: E731
    assert technique_coding(mirrored) == technique_coding(original, pairs, swap)
    assert stance_scores(mirrored) == stance_scores(original, pairs)
    return len(original.mentions) + len(original.events) + len(original.techniques)


def _swap_issuer(issuer, pairs):
    if not issuer:
        return issuer
    country, *rest = issuer.split()
    return " ".join([pairs.get(country, country), *rest])


def test_swap_replaces_every_form_once(fictional):
    text = "Ostravia accused Velmaria; the Velmarian side answered Belgrava, not Korvane."
    swapped = swap_states(text, "XOS", "XVL", fictional.gazetteer)
    assert swapped == "Velmaria accused Ostravia; the Ostravian side answered Korvane, not Belgrava."


def test_fictional_rebuttal_is_coded_even_handedly(fictional):
    text = (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8")
    n = assert_swap_invariant(fictional, text, "XOS", "XVL", issuer="XOS GOV", date="2024-03-02")
    assert n >= 25


@pytest.mark.shared
def test_real_security_council_speeches_are_coded_even_handedly(pipeline, shared):
    """UN Security Council speeches on Ukraine (2014): swap Russia and Ukraine."""
    speeches = ukraine_speeches(shared)
    assert len(speeches) >= 5
    total = 0
    for rec in speeches:
        total += assert_swap_invariant(pipeline, rec["text"], "RUS", "UKR", date="2014-03-15")
    assert total > 100


@pytest.mark.shared
def test_real_statements_swap_armenia_and_azerbaijan(pipeline, shared):
    """Singapore MFA statements naming states, with Armenia and Azerbaijan put in by a swap."""
    texts = []
    with (shared / "corpora" / "sg_mfa_statements.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if ("Armenia" in rec["text"] or "Azerbaijan" in rec["text"]) and len(rec["text"]) < 6000:
                texts.append(rec)
    if not texts:
        pytest.skip("no statement naming Armenia or Azerbaijan")
    for rec in texts[:5]:
        assert_swap_invariant(pipeline, rec["text"], "ARM", "AZE", issuer="SGP GOV", date=rec["date"])


def event_coding(analysis, pairs=None):
    pairs = pairs or {}

    def code(actor):
        return None if actor is None else (pairs.get(actor.country, actor.country), actor.sector)

    return [(e.type, e.mode, code(e.source), code(e.target), code(e.reported_by), e.negated, e.hypothetical,
             e.historical) for e in analysis.events]


def technique_coding(analysis, pairs=None, swap=lambda text: text):
    """Techniques in order as (label, via, confidence, sentence, text, target country), the
    text and target swapped by ``swap`` and ``pairs``."""
    pairs = pairs or {}
    return [(t.technique, t.via, t.confidence, t.sentence, swap(t.text),
             pairs.get(t.target.country, t.target.country) if t.target else None) for t in analysis.techniques]


def stance_scores(analysis, pairs=None):
    """The issuer's stance by actor, the actors swapped by ``pairs``."""
    pairs = pairs or {}
    return {pairs.get(s.actor, s.actor): (s.score, s.sentences) for s in analysis.stance}
