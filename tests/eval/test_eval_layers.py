"""The events and claims evaluations run on the shared data and hold their measured floors."""

from __future__ import annotations

import pytest

from communique.eval import claims, events


@pytest.mark.shared
def test_event_coding_holds_its_measured_quality(pipeline, shared):
    report = events.evaluate(shared, pipeline=pipeline)
    gsr = report["plover_gsr"]
    assert gsr["overall"]["f1"] >= 0.55 and gsr["overall"]["precision"] >= 0.65
    assert gsr["actors_accuracy"] >= 0.6
    assert set(gsr["per_type"]) <= set(events.TYPES)


@pytest.mark.shared
def test_quantities_and_dates_hold_their_measured_quality(shared):
    report = claims.quantities_and_dates(shared)
    assert report["dates"]["precision"] >= 0.95 and report["dates"]["recall"] >= 0.90
    assert report["quantities"]["recall"] >= 0.90


@pytest.mark.shared
def test_resolution_references_resolve_on_a_sample(shared):
    report = claims.references(shared, limit=400)
    assert report["resolution_mentions"] > 50
    assert report["share_resolved"] >= 0.85
