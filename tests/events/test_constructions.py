"""Constructions of news and diplomatic English the events layer codes, each on
sentences we wrote: light verbs, promises, transfers, easing and cutting,
conditional threats, obligations, refusals, and where the target sits."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ModelError
from communique.events import lexicon as lx


def asserted(pipeline, text, **kw):
    """(source country, type, target country) of the events the text asserts:
    not hypothetical, not negated, not told in passing."""
    return {
        (e.source.country if e.source else None, e.type, e.target.country if e.target else None)
        for e in pipeline.analyze(text, **kw).events
        if not e.hypothetical and not e.negated and e.confidence >= 0.5
    }


def types(found):
    return {t for _s, t, _g in found}


def test_light_verbs_carry_their_objects_event(pipeline):
    assert ("NOR", "CONSULT", "CHL") in asserted(pipeline, "Norwegian diplomats held a meeting with Chile on Monday.")
    assert ("ISR", "CONSULT", "LBN") in asserted(pipeline, "Israel and Lebanon renewed negotiations on Tuesday.")
    assert ("ITA", "SANCTION", "SRB") in asserted(pipeline, "Italy announced a suspension of air links with Serbia.")
    assert ("QAT", "CONSULT", "SAU") in asserted(
        pipeline, "Qatar launched a mediation effort between Saudi Arabia and Oman.")


def test_promised_aid_is_agree_and_given_aid_is_aid(pipeline):
    promised = asserted(pipeline, "Japan will provide 5,000 tons of food aid to Haiti.")
    assert ("JPN", "AGREE", "HTI") in promised and "AID" not in types(promised)
    assert ("JPN", "AGREE", "HTI") in asserted(pipeline, "Japan will give Haiti a grant.")
    about = asserted(pipeline, "Norway is about to restore full diplomatic ties with Chile.")
    assert ("NOR", "AGREE", "CHL") in about and "SUPPORT" not in types(about)
    assert ("JPN", "AID", "HTI") in asserted(pipeline, "Japan gave Haiti a grant of ten million dollars.")
    assert ("CHE", "AID", "NPL") in asserted(pipeline, "Swiss doctors handed over medicine to Nepal.")
    assert ("DEU", "AID", "UKR") in asserted(pipeline, "Germany donated medical equipment to Ukraine.")
    # handing over people is a release, not aid
    assert ("UGA", "RETREAT", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Uganda handed over the rebel commander to Rwanda.")}


def test_signing_and_upgrading_ties_are_support(pipeline):
    # CAMEO2PLOVER: signing a formal agreement (057) and diplomatic cooperation (05x) are SUPPORT
    assert ("ESP", "SUPPORT", "MAR") in asserted(pipeline, "Spain and Morocco signed a treaty of friendship.")
    assert ("VNM", "SUPPORT", "LAO") in asserted(pipeline, "Vietnam upgraded its diplomatic ties with Laos.")
    assert ("ARG", "SUPPORT", "BRA") in asserted(pipeline, "Argentina apologized to Brazil for the incident.")


def test_sharing_information_is_cooperation(pipeline):
    assert ("FRA", "COOPERATE", "BEL") in asserted(pipeline, "France shared intelligence with Belgium.")
    assert ("FRA", "COOPERATE", "BEL") in asserted(pipeline, "France shared its expertise with Belgium.")


def test_easing_restrictions_and_calling_off_strikes_are_concessions(pipeline):
    assert "CONCEDE" in types(asserted(pipeline, "Thailand lifted the state of emergency in the south."))
    assert "CONCEDE" in types(asserted(pipeline, "The Kenyan government lifted the curfew in Mombasa."))
    assert "CONCEDE" in types(asserted(pipeline, "Serbia eased the emergency measures in the province."))
    lifted = asserted(pipeline, "Thailand lifted martial law.")
    assert "CONCEDE" in types(lifted) and "COERCE" not in types(lifted)


def test_receiving_inspectors_and_returning_property_are_retreats(pipeline):
    assert ("IRQ", "RETREAT", "UNO") in asserted(pipeline, "Iraq received the United Nations inspectors.")
    assert "RETREAT" in types(asserted(pipeline, "Georgia returned the seized ship to Russia."))


def test_cutting_ties_aid_and_talks_are_sanctions(pipeline):
    assert ("DEU", "SANCTION", "MLI") in asserted(pipeline, "Germany suspended its development aid to Mali.")
    assert ("QAT", "SANCTION", "EGY") in asserted(pipeline, "Qatar broke off diplomatic relations with Egypt.")
    assert ("IND", "SANCTION", "PAK") in asserted(pipeline, "India halted the peace talks with Pakistan.")


def test_threats(pipeline):
    threat = asserted(pipeline, "Algeria threatened to break off relations with Morocco.")
    assert ("DZA", "THREATEN", "MAR") in threat and "SANCTION" not in types(threat) and "CONSULT" not in types(threat)
    # a withdrawal announced unless the other side acts is a threat, not a promise
    unless = asserted(pipeline, "Nigeria will withdraw its troops from Chad unless Chad holds elections.")
    assert ("NGA", "THREATEN", "TCD") in unless and "AGREE" not in types(unless)
    # a possible sanction on a condition is a threat aimed at the condition's subject
    assert ("EUR", "THREATEN", "MLI") in asserted(
        pipeline, "The European Union may suspend its aid if Mali postpones the elections.")
    # withdrawing inspectors in future is a threat (CAMEO 136)
    assert ("UNO", "THREATEN", "IRQ") in asserted(
        pipeline, "The United Nations announced that it will withdraw its inspectors from Iraq.")
    # a promise on a condition stays a promise
    assert ("NGA", "AGREE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Nigeria will support the plan if the region agrees.")}


def test_demands_and_obligations_are_requests(pipeline):
    assert ("GRC", "REQUEST", "TUR") in asserted(pipeline, "Greece demanded that Turkey withdraw its troops.")
    assert ("CHN", "REQUEST", "USA") in asserted(
        pipeline, "China demanded that the US cancel plans to sell weapons to Taiwan.")
    assert ("RUS", "REQUEST", "SDN") in asserted(pipeline, "Russia said that Sudan must return the helicopter.")
    own_voice = asserted(pipeline, "Armenia must withdraw its forces from our territory.", issuer="AZE GOV",
                         date="2023-05-30")
    assert ("AZE", "REQUEST", "ARM") in own_voice and "RETREAT" not in types(own_voice)
    assert ("AZE", "REQUEST", "ARM") in asserted(pipeline, "Armenia ought to respect the ceasefire.", issuer="AZE GOV",
                                                 date="2023-05-30")
    # the speaker's own duty is no demand; a question is none either
    assert asserted(pipeline, "We must remain vigilant.", issuer="AZE GOV", date="2023-05-30") == set()
    assert "REQUEST" not in types(asserted(pipeline, "Must Armenia withdraw its forces?", issuer="AZE GOV",
                                           date="2023-05-30"))


def test_refusals(pipeline):
    assert "REJECT" in types(asserted(pipeline, "North Korea refused to allow the inspectors into the country."))
    assert ("ISR", "REJECT", "FRA") in asserted(pipeline, "Israel is opposed to French mediation.")
    # a refusal demanded of a third party is not itself a refusal
    demanded = asserted(pipeline, "Greece demanded that its partners refuse to recognize Macedonia.")
    assert "REJECT" not in types(demanded) and "REQUEST" in types(demanded)


def test_passive_voice(pipeline):
    assert ("RUS", "ASSAULT", "UKR") in asserted(pipeline, "Ukraine was invaded by Russia in 2022.")
    assert ("SRB", "ACCUSE", "ALB") in asserted(pipeline, "Albania was criticised by Serbia on Friday.")


def test_people_named_by_a_participle_are_not_an_event(pipeline):
    found = asserted(pipeline, "Jordan evacuated the wounded to hospitals in Amman.")
    assert "AID" in types(found) and "ASSAULT" not in types(found)


def test_where_the_target_sits(pipeline):
    assert ("PAK", "REJECT", "AFG") in asserted(pipeline, "Pakistan rejected a fresh offer of talks from Afghanistan.")
    assert ("GBR", "MOBILIZE", "IRQ") in asserted(pipeline, "Britain mobilized army reservists for a war against Iraq.")
    assert ("LKA", "SUPPORT", "IRN") in asserted(pipeline, "Sri Lanka established diplomatic ties with Iran.")
    # where the act took place, when nothing else names the other side
    assert ("TUR", "MOBILIZE", "IRQ") in asserted(pipeline, "Turkey deployed troops in Iraq.")
    assert ("SRB", "CONCEDE", "MNE") in asserted(pipeline, "Serbia eased the emergency measures in Montenegro.")
    assert ("ALB", "ACCUSE", "SRB") in asserted(pipeline, "Albania denounced Serbia's suppression of the protests.")
    # calling for sanctions against X rallies opposition against X (CAMEO 113): ACCUSE
    assert ("USA", "ACCUSE", "GBR") in asserted(pipeline, "The United States called for sanctions against Britain.")
    assert ("USA", "REQUEST", "GBR") in asserted(pipeline, "The United States called for talks with Britain.")


def test_news_attributions_are_not_accusations(pipeline):
    after = asserted(pipeline, "Serbian troops shelled the village on Monday, Croatian officials said.")
    assert ("SRB", "ASSAULT", None) in {(s, t, None) for s, t, _g in after}
    assert "ACCUSE" not in types(after)
    # a state asserting, before the fact, that another attacked is still accusing it
    before = asserted(pipeline, "Croatia said that Serbian troops shelled the village.")
    assert ("HRV", "ACCUSE", "SRB") in before


def test_claims_are_the_claimants_not_facts(pipeline):
    found = asserted(pipeline, "Uganda alleged that Rwanda was backing the rebels.")
    assert ("UGA", "ACCUSE", "RWA") in found and "SUPPORT" not in types(found)


def test_lexicon_word_classes(tmp_path: Path):
    tsv = tmp_path / "triggers.tsv"
    tsv.write_text(
        "trigger\tpos\ttype\tmode\tcontexts\ttarget\tnote\n"
        "@relax\tlift, ease, roll back\n"
        "@restriction\tcurfew, state of emergency\n"
        "{relax} {restriction}\tVERB\tCONCEDE\t\t\ton\t\n"
        "lift\tVERB\tRETREAT\t\t\t\t\n",
        encoding="utf-8",
    )
    lexicon = lx.load(tsv)
    lift = [t.words for t in lexicon.verb_triggers("lift")]
    assert lift[0] == ("lift", "state", "of", "emergency") and ("lift", "curfew") in lift and lift[-1] == ("lift",)
    assert ("roll", "back", "curfew") in [t.words for t in lexicon.verb_triggers("roll")]
    bad = tmp_path / "bad.tsv"
    bad.write_text("trigger\tpos\ttype\tmode\tcontexts\ttarget\tnote\nlift {nothing}\tVERB\tCONCEDE\t\t\t\t\n",
                   encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad.tsv:2: unknown word class \{nothing\}"):
        lx.load(bad)


UK = {"issuer": "GBR GOV", "date": "2014-05-02"}


def test_the_speakers_judgements_of_another_states_conduct(pipeline):
    # evaluative adverbs and the speaker's own dismay
    assert ("GBR", "ACCUSE", "RUS") in asserted(pipeline, "Regrettably, Russia has refused to engage in dialogue.", **UK)
    assert ("GBR", "ACCUSE", "RUS") in asserted(
        pipeline, "We are deeply concerned about Russia's military build-up on the border.", **UK)
    assert ("GBR", "ACCUSE", "RUS") in asserted(pipeline, "We are alarmed by the actions of Russia.", **UK)
    # a hostile act the speaker says X is set on, or X's continued violations
    assert ("GBR", "ACCUSE", "RUS") in asserted(pipeline, "Russia is trying to annex Crimea.", **UK)
    assert ("GBR", "ACCUSE", "RUS") in asserted(pipeline, "Russia continues to violate the ceasefire.", **UK)
    assert ("GBR", "ACCUSE", "RUS") in asserted(pipeline, "Russia is spreading propaganda about Ukraine.", **UK)
    # the victim of a condemned act is not the accused
    annexation = asserted(pipeline, "The illegal annexation of Crimea by Russia must end.", **UK)
    assert ("GBR", "ACCUSE", "RUS") in annexation and ("GBR", "ACCUSE", "UKR") not in annexation
    assert ("NOR", "ACCUSE", "TCD") not in asserted(pipeline, "Norway condemned the attack on Chad.")
    assert ("NOR", "ACCUSE", "SDN") in asserted(pipeline, "Norway condemned the attack on Chad by Sudanese troops.")
    # no judgement: the speaker's own misfortune, a victim, a legal code
    assert "ACCUSE" not in types(asserted(pipeline, "Unfortunately, we could not attend the meeting.", **UK))
    assert ("GBR", "ACCUSE", "UKR") not in asserted(pipeline, "Unfortunately, Ukraine was attacked last night.", **UK)
    assert "ACCUSE" not in types(asserted(pipeline, "Article 5 of the criminal code of Russia applies.", **UK))


SWAPPED_CONSTRUCTIONS = [
    "Velmaria will withdraw its troops from Ostravia unless Ostravia holds elections.",
    "Velmaria said that Ostravia must return the seized ship.",
    "Regrettably, Velmaria has refused to engage in dialogue with Ostravia.",
    "Ostravia handed over medicine to Velmaria and held a meeting with the Velmarian side.",
    "Velmaria threatened to break off diplomatic relations with Ostravia.",
    "Ostravia is trying to annex the Velmarian province of Saltmere.",
]


@pytest.mark.parametrize("text", SWAPPED_CONSTRUCTIONS)
def test_constructions_are_coded_even_handedly(fictional, text):
    from tests.actors.test_even_handed import assert_swap_invariant

    assert assert_swap_invariant(fictional, text, "XOS", "XVL", issuer="XOS GOV", date="2024-03-02") >= 3


def test_warnings_hold_out_the_act(pipeline):
    found = asserted(pipeline, "Turkey warned that it would pull its troops out of Cyprus.")
    assert ("TUR", "THREATEN", "CYP") in found and "AGREE" not in types(found) and "RETREAT" not in types(found)
    assert ("PSE", "THREATEN", "ISR") in asserted(
        pipeline, "The Palestinians threatened to pull out of the peace talks with Israel.")


def test_joint_exercises_are_cooperation(pipeline):
    assert ("FRA", "COOPERATE", "EGY") in asserted(
        pipeline, "French and Egyptian warships launched ten days of war games in the Mediterranean.")
    assert ("IND", "COOPERATE", "JPN") in asserted(pipeline, "India held naval drills with Japan.")
    # alone, near another state's border, they are a show of force
    alone = asserted(pipeline, "Russia held military exercises near the Ukrainian border.")
    assert "MOBILIZE" in types(alone) and "COOPERATE" not in types(alone)


def test_crowds_and_modifiers(pipeline):
    # a protest in the protesters' own country is a domestic one, aimed at that country (as CAMEO codes it)
    assert ("EGY", "PROTEST", "EGY") in asserted(
        pipeline, "Thousands of Egyptians gathered in Cairo on Friday to demand the resignation of the government.")
    assert ("IRQ", "PROTEST", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Demonstrators in Baghdad blocked a road to protest against the new law.")}
    # "Russian-backed forces" names who the forces are, no act of support
    assert "SUPPORT" not in types(asserted(pipeline, "Ukrainian and Russian-backed forces clashed near Donetsk."))
    # "insisted (that) X was ..." asserts, "insisted that X withdraw" demands
    assert "REQUEST" not in types(asserted(pipeline, "The United States insisted the unrest reflected old tensions."))
    assert "REQUEST" in types(asserted(pipeline, "Greece insisted that Turkey withdraw its troops."))


def test_more_threats(pipeline):
    refusal = asserted(pipeline, "Syria said it would not attend the conference unless Israel withdrew from the Golan.")
    assert ("SYR", "THREATEN", "ISR") in refusal and "REJECT" not in types(refusal)
    vow = asserted(pipeline, "The Colombian rebels vowed to continue their armed struggle against the government.")
    assert "THREATEN" in types(vow) and "AGREE" not in types(vow) and "ASSAULT" not in types(vow)
    force = asserted(pipeline, "Serbia said it would not hesitate to use force against Kosovo.")
    assert ("SRB", "THREATEN", "XKX") in force or ("SRB", "THREATEN", None) in {(s, t, None) for s, t, _g in force}
    assert "ASSAULT" not in types(force)
    assert "THREATEN" in types(asserted(
        pipeline, "The opposition in Kenya said it would call a general strike unless the government released its leaders."))
    assert ("PAK", "THREATEN", "IND") in asserted(
        pipeline, "Pakistan said it would reconsider its participation in the talks with India if the shelling continued.")


def test_the_owner_of_deployed_forces_is_the_one_acting(pipeline):
    found = asserted(pipeline, "Chile is deeply concerned by the deployment of Peruvian artillery near the border.",
                     issuer="CHL")
    assert ("CHL", "ACCUSE", "PER") in found
    assert not any(s == "CHL" and t == "MOBILIZE" for s, t, _g in found)
    swapped = asserted(pipeline, "Peru is deeply concerned by the deployment of Chilean artillery near the border.",
                       issuer="PER")
    assert ("PER", "ACCUSE", "CHL") in swapped


def test_actors_the_gazetteer_cannot_place_keep_their_text_and_no_country(pipeline):
    """Persons and groups with no state named ("President Varga", "the rebels") still
    act: country '---' (CAMEO's unknown country), the sector their title or group
    noun gives, their own words as text; no state is guessed."""
    def coded(text, **kw):
        return [(e.source.code if e.source else None, e.type, e.target.code if e.target else None,
                 e.source.text if e.source else None)
                for e in pipeline.analyze(text, **kw).events if not e.hypothetical and not e.negated]

    assert ("--- GOV", "RETREAT", None, "President Tomas Varga") in coded("President Tomas Varga resigned on Monday.")
    assert ("--- REB", "ASSAULT", None, "The rebels") in coded("The rebels attacked the village.")
    assert ("--- LAB", "CONCEDE", None, "The National Union of Dockworkers") in coded(
        "The National Union of Dockworkers called off the strike.")
    assert ("--- OPP", "AGREE", None, "Leaders of the opposition coalition") in coded(
        "Leaders of the opposition coalition agreed to postpone the march.")
    # a known actor still wins, and the unplaced one can be the target
    assert ("RUS MIL", "ASSAULT", "--- REB", "Russian troops") in coded("Russian troops attacked the rebels.")
    # the postponed march is not a protest; a place or a date is never an actor
    assert "PROTEST" not in {t for _s, t, _g, _x in coded("Leaders of the opposition coalition agreed to postpone the march.")}
    assert not any((s or "").startswith("---") for s, _t, _g, _x in coded("Geneva hosted the talks on Monday."))
    # "all parties must ..." names no one in particular
    assert all(g is None or not g.startswith("---") for _s, _t, g, _x in coded(
        "All parties must respect the ceasefire.", issuer="NOR GOV"))
    # the contract takes them, and nothing downstream needs a state
    analysis = pipeline.analyze("The rebels attacked the village.")
    assert analysis.events[0].source.country == "---" and analysis.events[0].source.name.startswith("Armed opposition")


def test_unplaced_actors_swap_nothing(fictional):
    from tests.actors.test_even_handed import assert_swap_invariant

    assert assert_swap_invariant(fictional, "The rebels attacked Ostravian troops near the Velmarian border.",
                                 "XOS", "XVL", issuer="XOS GOV", date="2024-03-02") >= 2


def test_negative_evaluations_of_another_states_conduct(pipeline):
    """The issuer's charges in its own voice, on sentences we wrote about invented
    and real states: X's hostile conduct, X's use of propaganda, X's failures,
    X's backing of armed groups, X's efforts to undermine."""
    chile = {"issuer": "CHL GOV"}
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "Peru continues to fuel the conflict in the border region.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "The unrest was orchestrated by Peru.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "We note Peru's use of propaganda against our citizens.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "The talks collapsed because of the Peruvian failure to negotiate.",
                                                **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "Peru has brutally raised the price of gas.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "Peruvian subversive activities continue.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(
        pipeline, "Peru has made little secret of its efforts to undermine the peace process.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(
        pipeline, "The crisis has been made worse by Peruvian support for the separatists.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "Peru has jeopardized the peace process.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "The world has seen enough of Peruvian arrogance.", **chile)
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "Peru has unjustifiably closed the border crossings.", **chile)
    # support for a government, a possibility, a denial, a reported charge: no charge by the issuer
    assert ("CHL", "ACCUSE", "PER") not in asserted(pipeline, "Peru supports the Bolivian government.", **chile)
    assert ("CHL", "ACCUSE", "PER") not in asserted(pipeline, "Peru could fuel the conflict.", **chile)
    assert ("CHL", "ACCUSE", "PER") not in asserted(pipeline, "Peru has not fuelled the conflict.", **chile)
    assert ("CHL", "ACCUSE", "PER") not in asserted(pipeline, "Bolivia claims that Peru orchestrated the unrest.", **chile)


@pytest.mark.parametrize("text", [
    "Velmaria continues to fuel the conflict in Ostravia.",
    "The unrest in Ostravia was orchestrated by Velmaria, whose use of propaganda is well known.",
    "Velmaria has made little secret of its efforts to undermine the Ostravian government.",
])
def test_negative_evaluations_are_coded_even_handedly(fictional, text):
    from tests.actors.test_even_handed import assert_swap_invariant

    assert assert_swap_invariant(fictional, text, "XOS", "XVL", issuer="XOS GOV", date="2024-03-02") >= 2


def test_no_charge_against_victims_witnesses_or_targets_of_anti(pipeline):
    """Who sees or suffers an act does not commit it; "anti-X" propaganda is not X's;
    "de-escalate" is not escalating; a fragment without a subject is not the issuer
    speaking (sentences we wrote)."""
    chile = {"issuer": "CHL GOV"}
    seen = asserted(pipeline, "We have witnessed the brutal shooting of the Mayor of Lima.", **chile)
    assert not any(s == "CHL" and t == "ASSAULT" for s, t, _g in seen) and ("CHL", "ACCUSE", "PER") not in seen
    assert ("CHL", "ACCUSE", "PER") not in asserted(pipeline, "We are concerned over the escalation of tensions in Peru.",
                                                    **chile)
    assert ("CHL", "ACCUSE", "PER") not in asserted(pipeline, "Bolivian media spread anti-Peruvian propaganda.", **chile)
    assert ("CHL", "ACCUSE", "BOL") in asserted(pipeline, "Bolivian media spread anti-Peruvian propaganda.", **chile)
    assert "ASSAULT" not in types(asserted(pipeline, "Peru and Bolivia agreed on steps to de-escalate the crisis.", **chile))
    assert not any(s == "CHL" for s, _t, _g in asserted(pipeline, "to destabilize the Peruvian state.", **chile))
    # a statement's own subjectless verb is still the issuer speaking
    assert ("CHL", "ACCUSE", "PER") in asserted(pipeline, "Strongly condemns the attack by Peruvian troops.", **chile)


def test_culprits_did_what_they_are_guilty_of(pipeline):
    assert ("PER", "ASSAULT", None) in asserted(pipeline, "Peru is responsible for shelling the villages.")
    assert ("CHL", "ASSAULT", None) in asserted(pipeline, "The Chilean military is guilty of violating the ceasefire.")
    assert "ASSAULT" not in types(asserted(pipeline, "Peru is not responsible for shelling the villages."))


def test_reportedly_attributes_allegedly_doubts(pipeline):
    assert ("PER", "RETREAT", "BOL") in asserted(pipeline, "Peru has reportedly withdrawn its troops from Bolivia.")
    assert ("PER", "RETREAT", "BOL") not in asserted(pipeline, "Peru has allegedly withdrawn its troops from Bolivia.")


def test_state_words_on_people_the_gazetteer_does_not_compose(pipeline):
    # a state's adjective on a group noun: that state's people, with the noun's sector
    found = asserted(pipeline, "A roadside bomb near Mosul killed three Iraqi youths on Friday.")
    assert ("IRQ", "ASSAULT", "IRQ") in found  # no longer dropped as "the same actor" as the place
    assert ("BDI", "ASSAULT", None) in asserted(pipeline, "A market was attacked by Burundian militiamen.")
    # a people named by nationality that the text places in another state belongs to that state
    assert ("BIH", "REQUEST", "HRV") in asserted(pipeline, "Bosnian Serbs demanded talks with Croatia.")
    assert ("SRB", "REQUEST", "ALB") in asserted(pipeline, "The Albanians of southern Serbia demanded help from Albania.")
    assert ("TUR", "ASSAULT", "SYR") in asserted(pipeline, "A camp for Syrian refugees was shelled by Turkish artillery.")
    assert ("GRC", "PROTEST", "TUR") in asserted(pipeline, "Greek students rioted on Monday at a stadium in Turkey.")
    # an unnamed group whose own phrase says where it is
    assert ("JPN", "AID", "LBR") in asserted(pipeline, "Japan gave food aid to refugees fleeing the fighting in Liberia.")
    found = asserted(pipeline, "About 200 ethnic Albanians protested in Serbia on Monday.")
    assert any(source == "SRB" and kind == "PROTEST" for source, kind, _target in found)


@pytest.mark.parametrize("text", [
    "Ostravian Velmarians demanded talks with the Velmarian government.",
    "The Velmarians of Ostravia demanded help from Velmaria.",
    "Velmarian militiamen attacked a school near Tessin.",
])
def test_people_placed_by_the_text_are_coded_even_handedly(fictional, text):
    from tests.actors.test_even_handed import assert_swap_invariant

    assert assert_swap_invariant(fictional, text, "XOS", "XVL", issuer="XOS GOV", date="2024-03-02") >= 1


def test_a_press_release_is_a_document_not_a_release(pipeline):
    found = asserted(pipeline, "The rebels said so in a press release, and Norway released two prisoners.")
    assert [t for t in types(found) if t == "RETREAT"] == ["RETREAT"]
    assert all(s == "NOR" for s, t, _g in found if t == "RETREAT")


def test_what_is_received_from_x_is_xs_act(pipeline):
    assert ("JPN", "AID", "SDN") in asserted(pipeline, "Sudan received 2,000 tons of food aid from Japan.")
    assert ("GEO", "AID", "GEO") in asserted(pipeline, "Georgian rebels received weapons from the Georgian government.")
    assert ("FRA", "AGREE", "MLI") in asserted(pipeline, "Mali received assurances from France on Monday.")
    # receiving a delegation is still a meeting hosted by the receiver
    assert ("PAK", "CONSULT", "IND") in asserted(pipeline, "Pakistan received a delegation from India.")


def test_warrants_evidence_and_fire_at(pipeline):
    assert ("GUY", "COERCE", "BRA") in asserted(pipeline, "A court in Guyana issued arrest warrants for two Brazilian men.")
    assert ("USA", "ACCUSE", "RUS") in asserted(pipeline, "The US presented evidence against Russia.")
    assert ("USA", "ASSAULT", "RUS") in asserted(pipeline, "The United States fired anti-aircraft batteries at Russia.")
    assert "ASSAULT" not in types(asserted(pipeline, "Norway fired its finance minister on Monday."))


def test_a_mislemmatised_light_verb_still_carries_its_noun(pipeline):
    # spaCy's small model lemmatises "staged" as "stag"
    assert ("USA", "PROTEST", "CHN") in asserted(pipeline, "American activists staged a protest in Beijing on Wednesday.")


def test_wanting_or_seeking_to_cooperate_is_intent_and_wanting_to_attack_is_not_asserted(pipeline):
    assert ("USA", "AGREE", "ISR") in asserted(pipeline, "The US Secretary of State wants to help Israel.")
    assert ("BRA", "AGREE", "ARG") in asserted(pipeline, "Brazil seeks to deepen cooperation with Argentina.")
    assert asserted(pipeline, "Germany wants to attack Poland.") == set()
    assert "AGREE" not in types(asserted(pipeline, "France does not want to help Mali."))
    assert "AGREE" not in types(asserted(pipeline, "Russia wants Ukraine to withdraw its troops."))


def test_a_tried_assault_is_an_assault_and_a_planned_one_is_not(pipeline):
    assert ("AFG", "ASSAULT", "PAK") in asserted(pipeline, "Afghan militants tried to assassinate the Pakistani envoy.")
    assert ("AFG", "ASSAULT", "PAK") not in asserted(pipeline, "Afghan militants are trying to kill the Pakistani envoy.")
    assert ("AFG", "ASSAULT", "PAK") not in asserted(pipeline, "Afghan militants plan to kill the Pakistani envoy.")
    assert ("AFG", "ASSAULT", "PAK") not in asserted(pipeline, "Afghan militants never tried to kill the Pakistani envoy.")


def test_regular_past_tenses_the_lemmatiser_misses_are_still_read(pipeline):
    # spaCy's small model lemmatises "raped" as "rap"
    assert ("MMR", "ASSAULT", "THA") in asserted(pipeline, "Burmese soldiers raped Thai women.")
    assert ("SYR", "RETREAT", None) in asserted(pipeline, "Syria allowed aid convoys to enter the besieged town.")


def test_a_vow_parsed_as_a_purpose_clause_is_still_a_vow(pipeline):
    found = asserted(pipeline, "Kosovar rebels have sworn to fight until they gain control of the villages, "
                               "Serbian officials said.")
    assert ("KOS", "THREATEN", None) in found and "ASSAULT" not in types(found)


def test_talks_between_two_sides_are_their_talks(pipeline):
    assert ("SDN", "CONSULT", "SSD") in asserted(pipeline, "Talks between Sudan and South Sudan resumed in Juba on Tuesday.")


def test_people_sent_to_investigate_start_an_investigation(pipeline):
    assert ("UNO", "ACCUSE", "LBY") in asserted(
        pipeline, "The United Nations sent 30 experts to Libya on Monday to investigate the killings.")
    assert ("UNO", "ACCUSE", "LBY") not in asserted(
        pipeline, "The United Nations may send experts to Libya to investigate the killings.")


def test_forces_massed_in_the_passive_are_moved_by_their_owner(pipeline):
    assert ("TUR", "MOBILIZE", "SYR") in asserted(pipeline, "Turkish troops were massed near Aleppo in Syria on Monday.")
    assert ("TUR", "RETREAT", None) in asserted(pipeline, "Turkish troops were withdrawn on Monday.")


def test_a_past_unreal_condition_asserts_what_it_denies(pipeline):
    found = asserted(pipeline, "The massacre would not have happened if Moldova had not armed the militias.",
                     issuer="ROU GOV")
    assert ("MDA", "MOBILIZE", None) in found and ("ROU", "ACCUSE", "MDA") in found
    found = asserted(pipeline, "None of this would have happened if Moldova had not supported the rebels.",
                     issuer="ROU GOV")
    assert ("MDA", "SUPPORT", "---") in found and ("ROU", "ACCUSE", "MDA") in found
    assert "REJECT" not in types(asserted(pipeline, "Peace would have come if Moldova had not armed the militias."))
    # an open condition is not a counterfactual
    assert ("MDA", "ACCUSE", None) not in asserted(pipeline, "If Moldova does not arm the militias, peace is possible.")


def test_preventing_the_adoption_of_a_resolution_is_a_rejection(pipeline):
    found = asserted(pipeline, "Russia prevented the adoption of a resolution today.", issuer="LTU GOV")
    assert ("RUS", "REJECT", None) in found and ("LTU", "ACCUSE", "RUS") in found


def test_breaking_ones_commitments_makes_one_the_violator(pipeline):
    found = asserted(pipeline, "This adds to the breaches of Serbia's international commitments.", issuer="HRV GOV")
    assert ("SRB", "REJECT", None) in found and ("HRV", "ACCUSE", "SRB") in found
    assert "AGREE" not in types(found)  # the commitments broken are not a new promise
    assert ("SRB", "AGREE", None) in asserted(pipeline, "Serbia reaffirmed its commitment to peace.")


def test_a_state_that_is_wrong_is_criticised(pipeline):
    assert ("HRV", "ACCUSE", "SRB") in asserted(pipeline, "Serbia is wrong now.", issuer="HRV GOV")


def test_concern_over_an_act_is_aimed_at_its_agent_not_its_victim(pipeline):
    found = asserted(pipeline, "We express concern over the killing of Malaysian citizens.", issuer="KOR GOV")
    assert ("KOR", "ACCUSE", "MYS") not in found
    found = asserted(pipeline, "We express outrage at the shelling of Ukrainian towns by Russia.", issuer="KOR GOV")
    assert ("KOR", "ACCUSE", "RUS") in found


def test_armed_men_storming_a_place_attack_it_and_protesters_riot(pipeline):
    assert ("NGA", "ASSAULT", None) in asserted(pipeline, "Nigerian troops stormed the rebel camp on Friday.")
    assert ("IRN", "PROTEST", "GBR") in asserted(pipeline, "Iranian students stormed the British embassy in Tehran.")


def test_strikes_people_are_on_and_roads_they_block(pipeline):
    assert "PROTEST" in types(asserted(pipeline, "Turkish prisoners have been on hunger strike for 40 days."))
    assert ("FRA", "PROTEST", "ESP") in asserted(
        pipeline, "French farmers blocked the border crossing with Spain with tractors.")


def test_suspects_handed_over_doctors_sent_people_driven_out(pipeline):
    assert ("THA", "COOPERATE", "MYS") in asserted(pipeline, "Thailand handed over a suspect to Malaysia.")
    assert ("CUB", "AID", "HTI") in asserted(pipeline, "Cuba sent 300 doctors to Haiti after the earthquake.")
    assert ("MMR", "ASSAULT", None) in asserted(pipeline, "Myanmar's army drove thousands of villagers out of the country.")


def test_an_order_to_ones_own_forces_is_the_act_itself(pipeline):
    assert ("KEN", "RETREAT", None) in asserted(
        pipeline, "The Kenyan government ordered the army to withdraw from the border.")
    assert ("CHN", "COERCE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "The Chinese government ordered police to arrest the protesters.")}
    # an order to another state's forces is only a demand
    assert ("GBR", "RETREAT", None) not in asserted(pipeline, "Britain ordered Iraq's army to withdraw from Kuwait.")
    assert ("KEN", "RETREAT", None) not in asserted(
        pipeline, "The Kenyan government may order the army to withdraw from the border.")


def test_votes_troop_cuts_and_vows_to_retaliate(pipeline):
    assert ("MEX", "SUPPORT", "CUB") in asserted(pipeline, "Mexico voted in favour of the Cuban draft resolution.")
    assert ("USA", "RETREAT", "AFG") in asserted(pipeline, "The United States reduced its troop levels in Afghanistan.")
    vow = asserted(pipeline, "Armenia vowed to retaliate against any Azerbaijani attack.")
    assert ("ARM", "THREATEN", "AZE") in vow and "AGREE" not in types(vow)


def test_an_act_in_the_actors_own_country_is_aimed_at_that_country(pipeline):
    assert ("SDN", "CONCEDE", "SDN") in asserted(
        pipeline, "Sudan's government lifted a state of emergency in West Darfur on Sunday.")
    assert ("DZA", "THREATEN", "DZA") in asserted(
        pipeline, "The Algerian government threatened to impose a curfew in Algiers.")
    # a place in another state still names that state
    assert ("RUS", "MOBILIZE", "UKR") in {(s, t, g) for s, t, g in asserted(
        pipeline, "Russia deployed troops in Crimea.")}


def test_a_state_act_told_in_the_passive_is_the_places_state(pipeline):
    assert ("IRN", "COERCE", "GBR") in asserted(pipeline, "Two British journalists were arrested in Iran on Monday.")
    assert ("ITA", "ACCUSE", "USA") in asserted(
        pipeline, "A US national has been put under investigation in Italy for her role in the riots.")
    # an attack has no such default author
    assert ("IRQ", "ASSAULT", "GBR") not in asserted(pipeline, "Two British soldiers were attacked in Iraq on Monday.")


def test_readiness_reinforcement_sealing_and_tighter_controls(pipeline):
    assert ("KOR", "MOBILIZE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "South Korea placed its troops on combat readiness on Monday.")}
    assert "MOBILIZE" in types(asserted(pipeline, "Georgia strengthened its forces near the Russian border."))
    assert "COERCE" in types(asserted(pipeline, "Belarusian police sealed off the centre of Minsk."))
    assert ("CHN", "COERCE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "China tightened controls on foreign journalists.")}


def test_more_forms_of_dissent(pipeline):
    assert "PROTEST" in types(asserted(pipeline, "Moldovan activists began collecting signatures against the new law."))
    assert ("SRB", "PROTEST", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Thousands of Serbs took part in a rally in Belgrade.")}
    assert "PROTEST" not in types(asserted(pipeline, "Serbian officials took part in a meeting with Croatia."))
    assert "PROTEST" in types(asserted(pipeline, "Jailed Kurdish activists have refused food for two weeks."))
    assert ("PSE", "ASSAULT", "ISR") in asserted(pipeline, "Palestinian youths threw stones at Israeli soldiers.")
    # a past tense the parser hung on a noun is still the clause's verb
    assert "PROTEST" in types(asserted(pipeline, "The Sri Lankan opposition boycotted parliament."))


def test_a_body_set_up_to_investigate_and_weapons_handed_in(pipeline):
    assert ("KEN", "ACCUSE", None) in asserted(
        pipeline, "The Kenyan parliament set up a commission to investigate the killings.")
    assert ("KEN", "ACCUSE", None) not in asserted(
        pipeline, "The Kenyan parliament will set up a commission to investigate the killings.")
    found = asserted(pipeline, "Colombian guerrillas handed in their weapons on Monday.")
    assert "RETREAT" in types(found) and "AID" not in types(found)


def test_the_fighting_a_place_was_taken_after_is_reported_too(pipeline):
    found = asserted(pipeline, "Ethiopian troops captured the border town after three days of fighting.")
    assert {("ETH", "COERCE"), ("ETH", "ASSAULT")} <= {(s, t) for s, t, _g in found}
    # a meeting after fighting is only dated by it
    assert "ASSAULT" not in types(asserted(pipeline, "The Pakistani president met Indian officials after the fighting."))


def test_hearings_questioning_and_subjects_that_negate(pipeline):
    assert ("ISR", "ACCUSE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Israel's supreme court opened a hearing into the detention of Lebanese prisoners.")}
    found = asserted(pipeline, "French police questioned two Algerian suspects about the bombing.")
    assert ("FRA", "ACCUSE", "DZA") in found and "ASSAULT" not in types(found)
    assert asserted(pipeline, "Nobody questions Poland's right to defend itself.") == set()
    assert asserted(pipeline, "No one has attacked Chad.") == set()


def test_a_verb_the_parser_hung_on_its_object_keeps_that_object(pipeline):
    # parsed as the noun phrase "(The United States trained) Georgian troops"
    assert ("USA", "AID", "GEO") in asserted(pipeline, "The United States trained and equipped Georgian troops.")


def test_prohibiting_aid_is_stopping_it(pipeline):
    assert ("USA", "SANCTION", "NIC") in asserted(pipeline, "The United States prohibited all aid to Nicaragua.")


def test_when_the_main_clause_asserts_nothing_its_subordinate_event_is_the_news(pipeline):
    assert "ASSAULT" in types(asserted(pipeline, "There were twelve Russian soldiers killed in Georgia on Friday."))
    assert ("PER", "AGREE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "The visit came as Peru announced it would free forty Bolivian prisoners.")}
    # a purpose, a condition or a clausal subject is not told as having happened
    assert "CONCEDE" not in types(asserted(
        pipeline, "Lifting the sanctions on Cuba is out of the question, Canadian officials said."))
    assert "RETREAT" not in types(asserted(
        pipeline, "There can be no peace in Darfur unless the Janjaweed militias are disarmed."))
    # a main clause with an event of its own keeps the background one in the background
    assert "ASSAULT" not in types(asserted(
        pipeline, "Chile recalled its ambassador from Peru, whose troops had attacked a border post."))


def test_fire_comes_from_where_it_is_fired_from(pipeline):
    assert ("LBN", "ASSAULT", "ISR") in asserted(
        pipeline, "Two rockets were fired from Lebanon into northern Israel overnight, the army said.")


def test_protesters_who_wreck_property_vandalise_it_and_soldiers_destroy_it(pipeline):
    assert ("UKR", "PROTEST", "RUS") in asserted(pipeline, "The Russian consulate was wrecked by Ukrainian protesters.")
    found = asserted(pipeline, "Serbian soldiers destroyed the Bosnian village's mosque.")
    assert "ASSAULT" in types(found) and "PROTEST" not in types(found)


def test_calling_for_someone_to_act_requests_it_of_them(pipeline):
    assert ("GBR", "REQUEST", "IRN") in asserted(pipeline, "Britain called for Iran to release the sailors.")
    assert ("FRA", "REQUEST", "DEU") in asserted(pipeline, "France pressed for Germany to support the plan.")


def test_a_motive_a_topic_or_a_charge_is_told_in_passing(pipeline):
    found = asserted(pipeline, "Norway suspended talks with Chile in protest at the arrest of its consul.")
    assert ("NOR", "SANCTION", "CHL") in found and "PROTEST" not in types(found) and "COERCE" not in types(found)
    assert "THREATEN" not in types(asserted(
        pipeline, "Hungary froze its contacts with Austria in retaliation for an Austrian vote."))
    assert "ASSAULT" not in types(asserted(
        pipeline, "Peru's ombudsman began an inquiry on Monday into the killing of six miners by the police."))
    found = asserted(pipeline, "A court in Lima found four Peruvian officers guilty of torturing prisoners.")
    assert "ASSAULT" not in types(found)
    # said in one's own voice, guilt asserts the act
    assert "ASSAULT" in types(asserted(pipeline, "Both Chad and Sudan are guilty of violating the ceasefire."))
    # an eventless verb's manner noun is still the act
    assert "PROTEST" in types(asserted(pipeline, "Greek dockworkers walked off the job in protest."))


def test_a_government_protesting_complains_and_people_protesting_demonstrate(pipeline):
    found = asserted(pipeline, "Chile summoned the Peruvian ambassador to protest against the minister's visit.")
    assert "PROTEST" not in types(found) and ("CHL", "ACCUSE", "PER") in found
    assert "PROTEST" in types(asserted(pipeline, "Thousands of Chileans protested in Santiago against the reform."))


def test_rioters_and_protesting_drivers_vandalise_and_obstruct(pipeline):
    assert "PROTEST" in types(asserted(pipeline, "Rioters torched shops in the Chilean city of Valparaiso."))
    assert "PROTEST" in types(asserted(
        pipeline, "Truck drivers protesting against fuel taxes blocked depots across Ireland on Monday."))
    assert "PROTEST" not in types(asserted(pipeline, "Turkish police blocked access to the Kurdish town of Cizre."))


def test_peacekeepers_deploying_and_joint_offensives(pipeline):
    found = asserted(pipeline, "U.N. peacekeepers deployed to the Malian town of Gao on Monday.")
    assert ("UNO", "AID", "MLI") in found and "MOBILIZE" not in types(found)
    assert "MOBILIZE" in types(asserted(pipeline, "Russia deployed troops to its border with Ukraine."))
    found = asserted(pipeline, "Malian troops and French forces launched a joint offensive against the rebels.")
    assert ("MLI", "COOPERATE", "FRA") in found and "ASSAULT" in types(found)
    assert "COOPERATE" not in types(asserted(pipeline, "Malian troops launched an offensive against the rebels."))


def test_the_one_who_escapes_an_attack_is_its_target(pipeline):
    found = asserted(pipeline, "The Afghan president escaped an assassination attempt in Kabul on Friday.")
    assert ("---", "ASSAULT", "AFG") in found


def test_a_forecast_of_harm_without_an_actor_is_no_threat(pipeline):
    assert "THREATEN" not in types(asserted(
        pipeline, "Mali argued that the new arrest warrant would undermine efforts to bring peace to the north."))
    # with an actor who would do it, the same construction threatens
    assert ("MLI", "THREATEN", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Mali said it would impose sanctions on the junta.")}


def test_given_with_the_by_of_a_nominal_and_inquiries_into_acts(pipeline):
    found = asserted(pipeline, "Norway provided Chilean investigators with bank records.")
    assert ("NOR", "AID", "CHL") in found and "ACCUSE" not in types(found)
    assert ("NOR", "AID", "CHL") in asserted(pipeline, "Norwegian officers handed Chilean police detailed information.")
    assert ("RUS", "COOPERATE", "BLR") in asserted(pipeline, "Russia and Belarus launched a customs union on Friday.")
    found = asserted(pipeline, "The expulsion of ten Chilean diplomats by Peru came after the incident.")
    assert ("PER", "SANCTION", "CHL") in found
    assert "ASSAULT" not in types(asserted(
        pipeline, "Experts exhumed graves near Tuzla as part of their inquiry into the killing of prisoners."))
    assert "ASSAULT" not in types(asserted(
        pipeline, "A court in Lima found four Peruvian officers guilty of kidnapping and torturing prisoners."))


def test_a_clause_that_only_dates_or_describes_is_not_promoted_to_the_news(pipeline):
    # the main clause has no coded event; its "after" and relative clauses stay background:
    # the event is found, and not asserted
    for text, kind in (("Chilean troops landed in Arica, a month after Peru and Chile signed the peace accord.",
                        "SUPPORT"),
                       ("Peruvian troops landed in Tumbes, where Ecuadorian forces have shelled villages since May.",
                        "ASSAULT")):
        assert kind in {e.type for e in pipeline.analyze(text).events}
        assert kind not in types(asserted(pipeline, text))


def test_the_means_of_an_act_and_broken_truces(pipeline):
    found = asserted(pipeline, "Chadian rebels broke the ceasefire on Friday by shelling army positions near Abeche.")
    assert ("TCD", "ASSAULT", None) in {(s, t, None) for s, t, _g in found}


def test_forces_blocking_roads_restrict_and_seizing_people_is_abduction(pipeline):
    found = asserted(pipeline, "Georgian police blocked all roads into the town of Gori on Tuesday.")
    assert "COERCE" in types(found) and "PROTEST" not in types(found)
    assert "PROTEST" in types(asserted(pipeline, "Demonstrators in Tbilisi blocked a road on Tuesday."))
    found = asserted(pipeline, "Liberian rebels seized hundreds of children in Monrovia.")
    assert "ASSAULT" in types(found) and "COERCE" not in types(found)
    assert "COERCE" in types(asserted(pipeline, "Liberian rebels seized the port of Buchanan."))


def test_a_labour_strike_is_a_protest_and_an_air_strike_an_attack(pipeline):
    found = asserted(pipeline, "Ghana's main labour federation launched a nationwide strike on Wednesday.")
    assert "PROTEST" in types(found) and "ASSAULT" not in types(found)
    assert "ASSAULT" in types(asserted(pipeline, "Israeli jets launched a strike on Gaza."))


def test_two_sides_doing_something_jointly_cooperate(pipeline):
    assert ("CHN", "COOPERATE", "PAK") in asserted(
        pipeline, "Chinese engineers and Pakistani officials began joint construction of a harbour at Gwadar.")
    assert ("CHN", "COOPERATE", "VNM") in asserted(
        pipeline, "Chinese and Vietnamese survey teams began jointly planting boundary markers on Monday.")
    assert "COOPERATE" not in types(asserted(pipeline, "France and Germany issued a joint statement on Monday."))
    assert "COOPERATE" not in types(asserted(
        pipeline, "China and Pakistan will begin joint construction of a harbour next year."))


def test_energy_sold_is_trade_police_sent_missions_closed_and_peacekeepers_let_in(pipeline):
    found = asserted(pipeline, "Algeria started supplying natural gas to Spain on Thursday.")
    assert ("DZA", "COOPERATE", "ESP") in found and "AID" not in types(found)
    assert ("IDN", "MOBILIZE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Indonesia sent 2,000 riot police to the town of Poso on Monday.")}
    assert ("TUN", "SANCTION", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Tunisia closed its interest office in Tel Aviv on Sunday.")}
    assert ("SDN", "RETREAT", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Sudan allowed the peacekeeping force to deploy in Darfur on Monday.")}
    found = asserted(pipeline, "Saudi Arabia flew tents and food to Afghan refugees on Saturday.")
    assert "AID" in types(found) and "CONSULT" not in types(found)


def test_rallying_states_against_or_behind_someone(pipeline):
    assert ("SYR", "ACCUSE", "TUR") in asserted(pipeline, "Syria rallied Arab states against Turkey on Sunday.")
    assert "PROTEST" in types(asserted(pipeline, "Thousands of Syrians rallied against the government in Homs."))


def test_an_audience_is_not_an_event(pipeline):
    text = "The Libyan leader told a rally in Tripoli that the farm seizures were legitimate."
    assert "PROTEST" in {e.type for e in pipeline.analyze(text).events}  # found, as what it is: an audience
    assert "PROTEST" not in types(asserted(pipeline, text))
    assert "PROTEST" in types(asserted(pipeline, "Thousands of Libyans held a rally in Tripoli."))


def test_money_given_talks_concluded_populations_expelled_and_captives_executed(pipeline):
    assert ("EUR", "AGREE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "The European Union will provide 120 million euros to rebuild Bosnia's power grid.")}
    found = asserted(pipeline, "Peruvian and Chilean negotiators ended three days of talks in Lima on Friday.")
    assert "CONSULT" in types(found) and "SANCTION" not in types(found)
    assert "SANCTION" in types(asserted(pipeline, "Peru ended its talks with Chile on Friday."))
    found = asserted(pipeline, "Serbian authorities expelled the remaining Albanians from the town.")
    assert "COERCE" in types(found) and "SANCTION" not in types(found)
    assert "SANCTION" in types(asserted(pipeline, "Serbia expelled two Albanian diplomats."))
    assert "ASSAULT" in types(asserted(pipeline, "Serbian forces executed dozens of Albanian men near Pec."))
    assert "ASSAULT" not in types(asserted(pipeline, "Serbia executed its plan to build a new port."))
    found = asserted(pipeline, "Members of a Chilean sect released sarin gas on a crowded train in Santiago.")
    assert "ASSAULT" in types(found) and "RETREAT" not in types(found)


def test_bodies_set_up_to_inquire_and_meetings_ahead(pipeline):
    assert ("KEN", "ACCUSE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Kenya's parliament voted on Tuesday to set up a commission of inquiry into the killings.")}
    found = asserted(pipeline, "Brazil and Argentina agreed on a common position ahead of the summit in Lima.")
    assert "CONSULT" not in types(found)


def test_an_ultimatum_threatens_and_a_missile_over_a_country_is_a_show_of_force(pipeline):
    assert ("FRA", "THREATEN", "MLI") in asserted(
        pipeline, "France gave Malian rebels ten days to withdraw from Gao or face air strikes.")
    found = asserted(pipeline, "North Korea fired a ballistic missile over Japan into the Pacific on Monday.")
    assert "MOBILIZE" in types(found) and "ASSAULT" not in types(found)
    assert "ASSAULT" in types(asserted(pipeline, "Hezbollah fired rockets at northern Israel on Monday."))


def test_visits_hosted_and_arrivals_of_leaders_not_troops(pipeline):
    assert ("VNM", "CONSULT", "KHM") in asserted(
        pipeline, "Vietnam played host on Thursday to Cambodian Prime Minister Hun Sen.")
    assert ("JPN", "CONSULT", "CHN") in {(s, t, g) for s, t, g in asserted(
        pipeline, "Japanese Prime Minister Toshiki Kaifu arrived in Beijing on Saturday.")}
    assert "CONSULT" not in types(asserted(pipeline, "Japanese troops arrived in Iraq on Saturday."))


def test_regret_to_a_state_apologises_and_regret_at_an_act_deplores(pipeline):
    assert ("USA", "SUPPORT", "PAK") in asserted(
        pipeline, "Washington expressed its regret to Pakistan over the bombing of a border post.")


def test_more_ways_to_reject_coerce_and_mobilise(pipeline):
    assert "REJECT" in types(asserted(pipeline, "Panama's leader brushed aside American calls for his resignation."))
    assert "REJECT" in types(asserted(pipeline, "Ethiopia balked at pulling its troops out of Badme."))
    assert ("IND", "COERCE", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Indian authorities clamped a curfew on the old city of Hyderabad.")}
    assert "MOBILIZE" in types(asserted(pipeline, "North Korea paraded missiles and tanks through Pyongyang."))
    assert ("RUS", "SANCTION", "SYR") in asserted(pipeline, "Russia pulled its military advisers out of Syria.")
    found = asserted(pipeline, "Indonesian police fired tear gas at students in Jakarta.")
    assert "ASSAULT" in types(found)
    assert "ASSAULT" in types(asserted(pipeline, "Philippine gunmen snatched twelve teachers on Basilan island."))


def test_a_charge_is_a_claim_and_a_vetoed_draft_condemns_no_one(pipeline):
    found = asserted(pipeline, "Amnesty charged that Turkish police tortured Kurdish detainees.")
    assert "ASSAULT" not in types(found) and "ACCUSE" in types(found)
    found = asserted(pipeline, "The United States vetoed a draft resolution condemning Israeli settlement building.")
    assert "REJECT" in types(found) and "ACCUSE" not in types(found)


def test_an_act_under_an_accord_and_a_massacre_reported(pipeline):
    assert "AGREE" not in types(asserted(
        pipeline, "Angolan rebels sent home 5,000 fighters under the Lusaka peace accord."))
    assert "ASSAULT" in types(asserted(
        pipeline, "The massacre of 40 villagers by Guatemalan soldiers was reported by a church office."))


def test_a_purpose_a_subjunctive_demand_and_saying_no(pipeline):
    found = asserted(pipeline, "Bolivian police fired tear gas to break up a protest by students in La Paz.")
    assert "ASSAULT" in types(found) and "COERCE" not in types(found)
    assert ("KEN", "REQUEST", None) in {(s, t, None) for s, t, _g in asserted(
        pipeline, "Kenya's opposition insisted that the constitution be rewritten before the election.")}
    assert "REQUEST" not in types(asserted(
        pipeline, "Kenya's opposition insisted that the election was rigged."))
    assert "REJECT" in types(asserted(pipeline, "The Turkish government said no to demands by Kurdish deputies."))
    found = asserted(pipeline, "French fishermen blocked the port of Calais with their trawlers, protesting against imports.")
    assert "PROTEST" in types(found) and "COERCE" not in types(found)


def test_what_evidence_or_fears_are_of_is_not_asserted(pipeline):
    assert "ASSAULT" not in types(asserted(
        pipeline, "Experts searched a grave near Tuzla for evidence that Serbian forces executed Bosnian men there."))
    assert "ASSAULT" in types(asserted(pipeline, "Serbian forces executed Bosnian men near Tuzla."))


def test_calling_on_a_leader_visits_and_other_domestic_politics(pipeline):
    assert ("IRN", "CONSULT", "SYR") in asserted(
        pipeline, "Iran's foreign minister called on Syrian President Assad in Damascus on Saturday.")
    assert ("GBR", "REQUEST", "IRN") in asserted(pipeline, "Britain called on Iran to release the sailors.")
    found = asserted(pipeline, "Thousands of Serbian coal miners struck on Tuesday for higher wages.")
    assert "PROTEST" in types(found) and "ASSAULT" not in types(found)
    found = asserted(pipeline, "Bolivian coca farmers blockaded the main highway near Cochabamba on Thursday.")
    assert "PROTEST" in types(found) and "COERCE" not in types(found)
    assert ("BEL", "COOPERATE", "RWA") in asserted(
        pipeline, "Belgian authorities turned over a former Rwandan minister to the UN tribunal in Arusha.")
    found = asserted(pipeline, "Indonesian soldiers frog-marched student activists out of a campus in Jakarta.")
    assert "PROTEST" not in types(found)


def test_an_agent_announcing_a_possible_sanction_threatens_and_ruling_out(pipeline):
    assert ("USA", "THREATEN", "KEN") in asserted(
        pipeline, "The United States said it could freeze new lending to Kenya over corruption.")
    assert "THREATEN" not in types(asserted(pipeline, "Analysts said Russia could attack Georgia."))
    found = asserted(pipeline, "Ethiopia ruled out pulling its troops back from Badme.")
    assert "REJECT" in types(found) and "RETREAT" not in types(found)


def test_aid_workers_released_are_people_and_naval_exercises(pipeline):
    found = asserted(pipeline, "Two Japanese aid workers were released by Tajik gunmen on Sunday.")
    assert "RETREAT" in types(found) and "AID" not in types(found)
    assert "RETREAT" in types(asserted(pipeline, "Myanmar allowed U.N. aid workers into the delta on Friday."))


def test_a_stated_intention_to_cooperate_and_welcoming_an_act(pipeline):
    assert ("JPN", "AGREE", "PHL") in asserted(
        pipeline, "The Government of Japan expressed its intention to extend a new loan to the Philippines.")
    found = asserted(pipeline, "The Foreign Office welcomed the release by Iran of three British aid workers.")
    assert "SUPPORT" in types(found) and "RETREAT" not in types(found)
    assert "RETREAT" in types(asserted(pipeline, "Kyrgyzstan accepted the deployment of OSCE observers."))


def test_a_particle_decides_between_entries_and_recalled_envoys(pipeline):
    found = asserted(pipeline, "Israel called up two reserve divisions for deployment on the northern front.")
    assert "MOBILIZE" in types(found) and "CONSULT" not in types(found)
    assert ("KEN", "SANCTION", "SOM") in asserted(
        pipeline, "Kenya recalled its High Commissioner from Mogadishu on Friday.")


def test_populations_expelled_as_a_noun_and_chemical_weapons_used(pipeline):
    found = asserted(pipeline, "Rights groups documented the forced expulsion of 700,000 Rohingya by Myanmar forces.")
    assert "COERCE" in types(found) and "SANCTION" not in types(found)
    assert "SANCTION" in types(asserted(pipeline, "Britain announced the expulsion of two Russian diplomats."))
    assert "ASSAULT" in types(asserted(pipeline, "The Syrian air force dropped chlorine cylinders on Douma."))
    assert "ASSAULT" in types(asserted(
        pipeline, "The Sudanese army deployed chemical weapons against rebel fighters in Darfur."))
    assert "ASSAULT" in types(asserted(pipeline, "Serbian forces ethnically cleansed the Albanian population of Pec."))
