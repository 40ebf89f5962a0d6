"""The claim ledger: masking, similarity, and even-handedness."""

from __future__ import annotations

import random

import numpy as np
import pytest

from communique.actors.swap import swap_states
from communique.corpus import Corpus, ledger
from communique.errors import StoreError


def _key(pipeline, text: str, issuer: str = "XOS GOV"):
    analysis = pipeline.analyze(text, issuer=issuer, date="2024-01-10")
    [claim] = [c for c in analysis.claims] or [None]
    assert claim is not None, f"no claim in {text!r}"
    return ledger.claim_key(analysis, claim)


def test_masking_makes_similarity_blind_to_names_but_keys_keep_who_did_what(fictional):
    a = _key(fictional, "Velmarian forces shelled the village of Tessin on 8 January 2024, damaging a school.")
    b = _key(fictional, "Ostravian forces shelled the village of Hollin on 8 January 2024, damaging a school.")
    assert np.array_equal(a.shingles, b.shingles)  # the same content
    assert a.key == "XVL XOS|2024 8" and b.key == "XOS XVL|2024 8"  # but not the same claim
    c = _key(fictional, "Velmarian forces shelled the village of Tessin on 9 January 2024, damaging a school.")
    assert c.key != a.key  # another number, another claim


def test_denials_are_recognised(fictional):
    assert _key(fictional, "The claim that Ostravian forces shelled the village of Hollin is false.").denial
    assert not _key(fictional, "Ostravian forces shelled the village of Hollin on 8 January 2024.").denial


def test_a_denial_denies_something_said():
    for text in ("We categorically reject the baseless allegations.", "We deny that our forces crossed the border.",
                 "The claim that our forces shelled the village is false.", "Korvane denies any involvement.",
                 "This is disinformation.", "Korvane keeps spreading lies about the border."):
        assert ledger.is_denial(text), text
    for text in ("Those peoples are still denied their fundamental freedoms.", "The people rejected the old order.",
                 "We firmly reject any acts of intervention.", "the issues under dispute that divide them",
                 "the continued denial of their rights", "the answer lies in dialogue",
                 "No one can deny that the talks have helped.", "No one can now deny that the talks helped.",
                 "Korvane rejects and condemns violence in all its forms.", "We cannot deny the right of every state to exist."):
        assert not ledger.is_denial(text), text


def test_sharing_a_treaty_name_is_no_dispute():
    def shingled(text: str):
        return ledger.shingles(ledger._TOKEN.findall(text.lower()))

    claim = shingled("this programme follows on the treaty on the non-proliferation of nuclear weapons")
    denial = shingled("we did not sign the treaty on the non-proliferation of nuclear weapons and reject the claims")
    assert not ledger.disputes(claim, denial)
    restated = shingled("we reject the claim that this programme follows on the treaty on the non-proliferation")
    assert ledger.disputes(claim, restated)


def test_only_claims_naming_a_state_are_disputed():
    assert ledger.disputable("XOS XVL|2024") and ledger.disputable("UNO XOS|")
    assert not ledger.disputable("|") and not ledger.disputable("UNO|") and not ledger.disputable("--- IGO|3")


def test_minhash_estimates_jaccard():
    rnd = random.Random(3)
    errors = []
    for _ in range(300):
        base = [rnd.randrange(5000) for _ in range(40)]
        other = [w if rnd.random() < rnd.random() else rnd.randrange(5000) for w in base]
        a, b = ledger.shingles([str(w) for w in base]), ledger.shingles([str(w) for w in other])
        estimate = float(np.mean(ledger.signature(a) == ledger.signature(b)))
        errors.append(abs(estimate - ledger.jaccard(a, b)))
    assert np.mean(errors) < 0.1
    same = ledger.shingles("the same words in the same order".split())
    assert ledger.bands(ledger.signature(same)) == ledger.bands(ledger.signature(same.copy()))


def _mirror(records, gazetteer):
    """The exchange with Ostravia and Velmaria swapped everywhere (texts, issuers, ids)."""
    swap = {"XOS": "XVL", "XVL": "XOS"}
    out = []
    for r in records:
        country, _, sector = r["issuer"].partition(" ")
        out.append({
            "id": swap[r["id"][:3].upper()].lower() + r["id"][3:],
            "issuer": f"{swap[country]} {sector}".strip(),
            "date": r["date"],
            "title": swap_states(r["title"], "XOS", "XVL", gazetteer),
            "text": swap_states(r["text"], "XOS", "XVL", gazetteer),
        })
    return out


def test_swapping_the_two_states_swaps_the_ledger_threads_and_timeline(fictional, records, analyses, tmp_path):
    mirrored = list(fictional.analyze_many(_mirror(records, fictional.gazetteer)))
    swap_code = {"XOS GOV": "XVL GOV", "XVL GOV": "XOS GOV"}

    def swap_id(sid: str) -> str:
        return {"xos": "xvl", "xvl": "xos"}[sid[:3]] + sid[3:]

    with Corpus.open(tmp_path / "a.db") as a, Corpus.open(tmp_path / "b.db") as b:
        a.ingest(analyses)
        b.ingest(mirrored)
        la, lb = a.ledger(top=50, min_count=1), b.ledger(top=50, min_count=1)
        view_a = sorted((c.count, tuple(map(swap_id, c.statements)), tuple(swap_code[x] for x in c.asserted_by),
                         tuple(swap_code[x] for x in c.disputed_by)) for c in la)
        view_b = sorted((c.count, tuple(c.statements), tuple(c.asserted_by), tuple(c.disputed_by)) for c in lb)
        assert view_a == view_b
        assert any(c.disputed_by for c in la)
        ta = a.thread("xos-2024-01-11")
        tb = b.thread("xvl-2024-01-11")
        assert [swap_id(n.id) for n in ta.nodes] == [n.id for n in tb.nodes]
        assert {(swap_id(e.from_id), swap_id(e.to_id)) for e in ta.edges} == {(e.from_id, e.to_id) for e in tb.edges}
        assert a.timeline("XOS", "XVL").periods == b.timeline("XVL", "XOS").periods


def test_a_ledger_built_with_other_settings_must_be_reclustered(tmp_path, analyses, monkeypatch):
    path = tmp_path / "c.db"
    with Corpus.open(path) as corpus:
        corpus.ingest(analyses)
        before = corpus.ledger(top=50)
    monkeypatch.setattr(ledger, "THRESHOLD", 0.95)
    with Corpus.open(path) as corpus:
        with pytest.raises(StoreError, match="--recluster"):
            corpus.ledger()
        assert corpus.recluster() == len(analyses)
        after = corpus.ledger(top=50)
    shelling = [c for c in before if c.text.startswith("Ostravian forces shelled")]
    assert shelling[0].count == 3
    again = [c for c in after if c.text.startswith("Ostravian forces shelled")]
    assert again[0].statements == ["xvl-2024-01-10", "xvl-2024-01-15"]  # only the verbatim repeats are that similar


def test_a_claim_repeated_within_one_statement_is_not_a_recurring_claim(corpus, fictional):
    said = "Velmarian forces shelled the village of Tessin on 8 January 2024, damaging a school."
    once = fictional.analyze(f"{said} We remember. {said} We remember it all. {said}", issuer="XOS GOV",
                             date="2024-01-10", id="xos-a")
    corpus.add(once)
    assert corpus.ledger() == []
    corpus.add(fictional.analyze(said, issuer="XOS GOV", date="2024-01-12", id="xos-b"))
    [cluster] = corpus.ledger()
    assert cluster.count == 4 and cluster.statements == ["xos-a", "xos-b"]


def test_formulas_of_the_record_and_of_ceremony_are_recognised():
    for text in ("The President returned to the Chair.", "* *The Acting President took the Chair.",
                 "The meeting rose at 1.05 p.m.", "He said:", "Representation on the Council of the Union.",
                 "I warmly congratulate Ms. Ilse Varga on her unanimous election as President of the Assembly."):
        assert ledger.is_formula(text), text
    for text in ("We congratulate Ostravia on the success of its elections.",
                 "Velmarian forces shelled the village of Tessin on 8 January 2024.",
                 "The President of Ostravia took the decision to close the border."):
        assert not ledger.is_formula(text), text


def test_the_ledger_leaves_formulas_out_unless_asked(corpus, fictional, monkeypatch):
    said = "Velmarian forces shelled the village of Tessin on 8 January 2024, damaging a school."
    formula = "We congratulate Mr. Arvo Tessel on his election as President of the General Assembly."
    # whatever the check-worthiness model makes of the formula, let both sentences be claims here
    monkeypatch.setattr(fictional.nlp.get_pipe("communique_claims").model, "threshold", 0.0)
    for day, issuer in ((10, "XOS GOV"), (12, "XVL GOV"), (14, "XOS GOV")):
        text = f"{formula} {said}" if day < 14 else formula
        corpus.add(fictional.analyze(text, issuer=issuer, date=f"2024-01-{day}", id=f"s{day}"))
    assert any(c.text == formula for c in corpus.ledger(formulas=True))  # it is clustered, and it is a claim
    shown = corpus.ledger()
    assert [c.text for c in shown] == [said]
    assert corpus.ledger(offset=1) == []  # paging counts only what is shown
    assert [c.text for c in corpus.ledger(formulas=True, top=1)] == [formula]  # made in the most statements


def test_claims_sharing_only_a_long_name_are_not_the_same_claim():
    def content(text: str):
        return ledger.content_shingles(text, list(ledger._TOKEN.finditer(text)))

    name = "the Second Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons"
    failed = content(f"Regrettably, {name} failed to agree on a final document.")
    success = content(f"We welcome the fact that {name} was a success.")
    assert ledger.jaccard(failed, success) < 0.1 < ledger.jaccard(
        ledger.shingles(ledger._TOKEN.findall(f"regrettably, {name.lower()} failed")),
        ledger.shingles(ledger._TOKEN.findall(f"we welcome the fact that {name.lower()} was a success")))
    restated = content(f"Regrettably, {name} failed to agree on any final document.")
    assert ledger.jaccard(failed, restated) >= ledger.THRESHOLD  # the same claim still matches itself
    assert content("THE TREATY ON THE NON-PROLIFERATION").size > 0  # nothing but a name keeps its shingles
