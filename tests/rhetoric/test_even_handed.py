"""Even-handedness of the rhetoric layer on real statements: swapping two states
changes no technique span or label and swaps their stance scores.

The comparison itself lives in tests/actors/test_even_handed.py
(``assert_swap_invariant`` checks techniques and stance with everything else);
here we make sure the real speeches give it something to compare.
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.actors.swap import state_pairs, swap_states
from tests.actors.test_even_handed import stance_scores, technique_coding, ukraine_speeches


@pytest.mark.shared
def test_swapping_russia_and_ukraine_in_security_council_speeches(pipeline, shared):
    speeches = ukraine_speeches(shared)
    assert len(speeches) >= 3
    gaz, day = pipeline.gazetteer, date(2014, 3, 15)
    pairs = state_pairs(gaz, "RUS", "UKR")
    techniques = scored = 0
    for rec in speeches[:4]:
        swapped = swap_states(rec["text"], "RUS", "UKR", gaz, on=day, tokenizer=pipeline.nlp.tokenizer)
        original = pipeline.analyze(rec["text"], date="2014-03-15")
        mirrored = pipeline.analyze(swapped, date="2014-03-15")

        def swap(fragment: str) -> str:
            return swap_states(fragment, "RUS", "UKR", gaz, on=day, tokenizer=pipeline.nlp.tokenizer)

        assert technique_coding(mirrored) == technique_coding(original, pairs, swap)
        assert stance_scores(mirrored) == stance_scores(original, pairs)
        techniques += len(original.techniques)
        scored += sum(1 for s in original.stance if s.actor in ("RUS", "UKR") and s.score != 0)
    assert techniques >= 10 and scored >= 2
