"""Non-state armed groups and movements (``armed_groups.jsonl``): each resolves
to its state's code with PLOVER's REB (or PRM) sector, or to IMG when it is
transnational; and a swap of the state carries its groups with it."""

from __future__ import annotations

import json

import pytest

from communique.actors import gazetteer as gz
from communique.actors.codes import NON_STATE, SECTORS
from communique.actors.swap import state_pairs, swap_states
from tests.actors.test_even_handed import event_coding

ROWS = [json.loads(line) for line in (gz.DATA_DIR / "armed_groups.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]


def test_rows_are_well_formed_and_coded_as_a_state_or_a_transnational_group():
    countries = {json.loads(line)["country"] for line in (gz.DATA_DIR / "countries.jsonl").open(encoding="utf-8")}
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)) >= 30
    for row in ROWS:
        assert row["name"] in row["names"], row["id"]
        if row["code"] == "IMG":
            assert row["sector"] is None, row["id"]
        else:
            assert row["code"] in countries and row["code"] not in NON_STATE, row["id"]
            assert row["sector"] in {"REB", "PRM"} and row["sector"] in SECTORS, row["id"]


def test_no_group_form_is_also_a_state_form(pipeline):
    gaz = pipeline.gazetteer
    for row in ROWS:
        for form in row["names"]:
            targets = gaz.terms.get(form)
            assert targets and targets[0].role == "org" and targets[0].entity == row["id"], form


@pytest.mark.parametrize(("text", "group", "code"), [
    ("Hamas fired rockets at Israel on Tuesday.", "Hamas", "PSE REB"),
    ("Hezbollah fighters crossed into Israel.", "Hezbollah", "LBN REB"),
    ("The Taliban released two Pakistani hostages.", "Taliban", "AFG REB"),
    ("Al-Qaeda threatened to attack the United States.", "Al-Qaeda", "IMG"),
    ("ISIL militants seized an oil field in Syria.", "ISIL", "IMG"),
    ("Turkey blamed the PKK for the bombing.", "PKK", "TUR REB"),
    ("Boko Haram abducted schoolgirls in Nigeria.", "Boko Haram", "NGA REB"),
    ("Kenya accused al-Shabaab of the attack.", "al-Shabaab", "SOM REB"),
    ("The Houthis launched a drone at Saudi Arabia.", "Houthis", "YEM REB"),
    ("Colombia signed a peace agreement with the FARC.", "FARC", "COL REB"),
    ("The Irish Republican Army declared a ceasefire.", "Irish Republican Army", "GBR REB"),
    ("Spain rejected talks with ETA.", "ETA", "ESP REB"),
    ("The Liberation Tigers of Tamil Eelam attacked a naval base.", "Liberation Tigers of Tamil Eelam", "LKA REB"),
])
def test_groups_resolve_to_their_codes(pipeline, text, group, code):
    found = {m.text: m.actor.code for m in pipeline.analyze(text).mentions}
    assert found.get(group) == code, found


def test_events_of_a_group_are_coded_with_its_state_and_sector(pipeline):
    events = pipeline.analyze("Hamas fired rockets at Israel on Tuesday.").events
    assert [(e.type, e.source.code, e.target.code) for e in events] == [("ASSAULT", "PSE REB", "ISR")]


def test_a_swap_carries_the_states_armed_groups(pipeline):
    swapped = swap_states("Hamas fired rockets at Israel.", "ISR", "PSE", pipeline.gazetteer)
    assert swapped == "Israeli rebels fired rockets at Palestine."


def test_group_sentences_are_coded_even_handedly(pipeline):
    """A group swapped for "<adjective> rebels" is described rather than named (its
    mention's kind and provenance change), but every code and event swaps exactly."""
    text = ("Hamas fired rockets at Israel on Tuesday. Israel accused Hezbollah of smuggling weapons. "
            "Lebanon condemned the Israeli strikes.")
    gaz = pipeline.gazetteer
    compared = 0
    for a, b in (("ISR", "PSE"), ("ISR", "LBN")):
        pairs = state_pairs(gaz, a, b)
        original = pipeline.analyze(text)
        mirrored = pipeline.analyze(swap_states(text, a, b, gaz, tokenizer=pipeline.nlp.tokenizer))
        assert [(pairs.get(m.actor.country, m.actor.country), m.actor.sector) for m in original.mentions] == \
            [(m.actor.country, m.actor.sector) for m in mirrored.mentions]
        assert event_coding(mirrored) == event_coding(original, pairs)
        compared += len(original.events)
    assert compared >= 4
