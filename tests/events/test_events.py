"""The events layer on sentences we wrote: the issuer as speaker, reported speech,
nominal events, negation, modality and history."""

from __future__ import annotations


def events(pipeline, text, **kw):
    result = pipeline.analyze(text, **kw)
    return [
        (e.source.code if e.source else None, e.type, e.mode, e.target.code if e.target else None,
         e.reported_by.code if e.reported_by else None, e.negated, e.hypothetical, e.historical)
        for e in result.events
    ]


def has(found, source, type_, target, **flags):
    for s, t, _m, g, rep, neg, hyp, hist in found:
        if (s, t, g) == (source, type_, target):
            actual = {"reported_by": rep, "negated": neg, "hypothetical": hyp, "historical": hist}
            if all(actual[k] == v for k, v in flags.items()):
                return True
    return False


AZE = {"issuer": "AZE GOV", "date": "2023-05-30"}


def test_the_issuer_rejects(pipeline):
    found = events(pipeline, "We categorically refute the remarks of the Armenian Foreign Ministry.", **AZE)
    assert has(found, "AZE GOV", "REJECT", "ARM GOV", negated=False, reported_by=None)


def test_impersonal_frames_are_the_issuers_accusations(pipeline):
    found = events(pipeline, "It is absurd that Armenia should accuse others of aggression.", **AZE)
    assert has(found, "AZE GOV", "ACCUSE", "ARM")
    found = events(pipeline, "Everyone knows that it is Armenia that is blocking the peace process.", **AZE)
    assert has(found, "AZE GOV", "ACCUSE", "ARM")
    found = events(pipeline, "Armenia's deliberate misrepresentation of the facts misleads the public.", **AZE)
    assert has(found, "AZE GOV", "ACCUSE", "ARM")


def test_reported_speech_is_the_reporters_claim(pipeline):
    found = events(pipeline, "Armenia asserts that Azerbaijan is preparing an attack on its territory.", **AZE)
    assert has(found, "ARM", "ACCUSE", "AZE")
    assert not any(t == "ASSAULT" and rep is None for _s, t, _m, _g, rep, *_ in found)


def test_the_issuer_rejecting_a_reported_claim(pipeline):
    found = events(pipeline, "We reject Armenia's claim that Azerbaijan shelled the village of Tegh.", **AZE)
    assert has(found, "AZE GOV", "REJECT", "ARM")
    assert not any(t == "ASSAULT" and rep is None for _s, t, _m, _g, rep, *_ in found)


def test_nominal_events(pipeline):
    found = events(pipeline, "We condemn Russia's invasion of Ukraine.", issuer="POL GOV", date="2022-03-01")
    assert has(found, "POL GOV", "ACCUSE", "RUS")
    assert has(found, "RUS", "ASSAULT", "UKR")


def test_withdrawal(pipeline):
    found = events(pipeline, "Armenia pulled its troops out of Lachin.", **AZE)
    assert any(t == "RETREAT" and s == "ARM" for s, t, *_ in found)


def test_negation(pipeline):
    found = events(pipeline, "Armenia has never complied with the resolutions of the Security Council.", **AZE)
    assert any(s == "ARM" and neg for s, _t, _m, _g, _r, neg, *_ in found)


def test_requests_are_not_assertions(pipeline):
    found = events(pipeline, "We call on Armenia to withdraw its forces from our territory.", **AZE)
    assert has(found, "AZE GOV", "REQUEST", "ARM")
    assert all(hyp for s, t, *_rest, hyp, _hist in found if t == "RETREAT")


def test_history(pipeline):
    found = events(pipeline, "In 1993 Armenia occupied the Kalbajar district of Azerbaijan.", **AZE)
    assert any(s == "ARM" and hist for s, _t, _m, _g, _r, _n, _h, hist in found)


def test_event_records_fit_the_contract(pipeline):
    result = pipeline.analyze("We reject the statement of the Ministry of Foreign Affairs of Armenia.", **AZE)
    [event] = [e for e in result.events if e.type == "REJECT"]
    assert result.statement.text[event.trigger.start:event.trigger.end] == event.trigger.text == "reject"
    assert event.intensity == -2.0 and 0 <= event.confidence <= 1
    assert event.id == "e0" and event.sentence == 0


def test_plover_export_leaves_out_what_did_not_happen(pipeline):
    from communique.events.render import plover_records

    result = pipeline.analyze("We call on Armenia to withdraw its forces. Armenia has never complied with the resolutions.",
                              issuer="AZE GOV", date="2023-05-30")
    records = plover_records(result)
    assert records and not any(r["negated"] or r["hypothetical"] for r in records)
    assert {r["event"] for r in records} >= {"REQUEST", "REJECT"}
    assert len(plover_records(result, asserted_only=False)) > len(records)
    assert all(set(r) >= {"event", "mode", "context", "actor", "recipient", "event_text", "date"} for r in records)


def test_condemning_words_are_the_issuers_accusations(pipeline):
    found = events(pipeline, "We reject the baseless statement of the Armenian Foreign Ministry.", **AZE)
    assert has(found, "AZE GOV", "ACCUSE", "ARM GOV")
    found = events(pipeline, "The actions of Armenia are illegal.", **AZE)
    assert has(found, "AZE GOV", "ACCUSE", "ARM")
    # the issuer's own conduct is not an accusation against itself
    assert events(pipeline, "Our actions are lawful.", **AZE) == []
