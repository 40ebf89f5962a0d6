"""The actor evaluation runs on the shared data and stays above its floor."""

from __future__ import annotations

import pytest

from communique.eval import actors


@pytest.mark.shared
def test_actor_resolution_holds_its_measured_quality(pipeline, shared):
    report = actors.evaluate(shared, pipeline=pipeline)
    overall = report["overall"]
    assert overall["precision"] >= 0.95
    assert overall["recall"] >= 0.80
    assert report["unscon"]["mentions"]["recall"] >= 0.90
    assert report["unscon"]["target_found"]["edus_naming_target"] >= 0.95


def test_gold_files_hold_no_text():
    import json

    for name in ("mfa_singapore_actors.jsonl", "unsc_negeval_actors.jsonl"):
        with (actors.GOLD / name).open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                assert "text" not in record
                assert all(set(m) <= {"start", "end", "country", "sector"} for m in record["mentions"])
