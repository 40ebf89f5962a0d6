"""Claims in the full pipeline: every sentence scored, claims linked to what they contain."""

from __future__ import annotations

from tests.conftest import EXAMPLES


def test_every_sentence_has_a_checkworthiness(fictional):
    text = (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8")
    result = fictional.analyze(text, issuer="XOS GOV", date="2024-03-02")
    assert result.sentences and all(0 <= s.checkworthiness <= 1 for s in result.sentences)
    assert result.claims, "a rebuttal full of numbers and dates has claims"
    for claim in result.claims:
        assert result.statement.text[claim.start:claim.end] == claim.text
        assert claim.checkworthiness >= 0.5
        linked = ([result.quantities[i] for i in claim.quantities] + [result.dates[i] for i in claim.dates]
                  + [result.references[i] for i in claim.references])
        for item in linked:
            assert claim.start <= item.start and item.end <= claim.end
    assert any(c.dates for c in result.claims) and any(c.references for c in result.claims)


def test_claim_kinds_and_links(fictional):
    text = ("It is absurd that Korvane, which for three decades kept more than 2,700 mines in the fields around "
            "Tessin, should now accuse Ostravia of obstructing the return of displaced persons.")
    result = fictional.analyze(text, issuer="XOS GOV", date="2024-03-02")
    [claim] = result.claims
    assert {"quantity", "historical"} <= set(claim.kinds)
    [q] = [result.quantities[i] for i in claim.quantities]
    assert (q.value, q.qualifier, q.unit) == (2700, "more than", "mines")
    assert [result.dates[i].duration for i in claim.dates] == ["P30Y"]


def test_references_resolve_resolutions_and_treaties(pipeline):
    text = ("Armenia has never complied with Security Council resolutions 822, 853, 874 and 884 of 1993, "
            "in breach of the UN Charter.")
    result = pipeline.analyze(text, issuer="AZE GOV", date="2023-05-30")
    ids = {i for r in result.references for i in r.ids}
    assert {"S/RES/822(1993)", "S/RES/853(1993)", "S/RES/874(1993)", "S/RES/884(1993)", "un-charter"} <= ids


def test_datelines_are_not_claims(fictional):
    result = fictional.analyze("Ministry of Foreign Affairs of the Republic of Ostravia\nBelgrava, 2 March 2024\n")
    assert result.claims == []


def test_claims_command_ranks(run_cli):
    proc = run_cli("claims", str(EXAMPLES / "ostravia-rejects.txt"), "--gazetteer", str(EXAMPLES / "gazetteer.jsonl"),
                   "--issuer", "XOS", "--date", "2024-03-02", "--format", "jsonl", "--top", "3")
    assert proc.returncode == 0, proc.stderr
    import json

    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 3
    assert [r["checkworthiness"] for r in rows] == sorted((r["checkworthiness"] for r in rows), reverse=True)


def test_a_sentence_that_only_announces_a_quotation_is_no_claim(fictional):
    text = ("Velmaria's minister spoke in Korvane on 3 June 2024. He said:\n\n\"Ostravia fired 300 shells at "
            "Upper Varn in May.\"\n\nThat figure was invented.")
    result = fictional.analyze(text, issuer="XOS GOV", date="2024-06-05")
    scores = {result.statement.text[s.start:s.end].strip(): s.checkworthiness for s in result.sentences}
    assert scores["He said:"] >= 0.5, "the model scores it high: the rule, not the model, keeps it out"
    assert not any(c.text.strip() == "He said:" for c in result.claims), scores
    assert any("300 shells" in c.text for c in result.claims), scores
