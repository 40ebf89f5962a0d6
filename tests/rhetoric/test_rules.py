"""The techniques of diplomatic rebuttals are found, with the right SemEval-2023 label and a named cue.

Every sentence here is our own, about the invented states of
examples/gazetteer.jsonl (Ostravia, XOS; Velmaria, XVL, capital Korvane) or
about real states in words we wrote.
"""

from __future__ import annotations

import pytest

from communique.rhetoric.labels import SEMEVAL2023

CASES = [
    # (sentence, label, a fragment of the span, a fragment of the explanation)
    ("It is remarkable that Velmaria, which itself shelled the villages of the Marrow Valley for years, now accuses "
     "Ostravia of violating the ceasefire.", "Appeal_to_Hypocrisy", "itself shelled", "itself"),
    ("Such double standards do nothing for the cause of peace.", "Appeal_to_Hypocrisy", "double standards",
     "double standards"),
    ("The Velmarian side is in no position to lecture others on the rights of minorities.", "Appeal_to_Hypocrisy",
     "in no position to lecture", "in no position to lecture"),
    ("And what about the thousands of families driven from their homes by Velmarian troops in 2020?", "Whataboutism",
     "what about the thousands", "what about"),
    ("Instead of accusing others, Korvane should look at the state of its own prisons.", "Whataboutism",
     "Instead of accusing others", "Instead of accusing others"),
    ("The so-called peace plan of Velmaria contains nothing new.", "Doubt", "so-called peace plan", "so-called"),
    ("The shells were allegedly fired from Ostravian positions.", "Doubt", "allegedly fired", "allegedly"),
    ("As the whole world knows, it was Velmaria that walked away from the agreement.", "Appeal_to_Popularity",
     "As the whole world knows", "whole world knows"),
    ("The entire international community has seen through these manoeuvres.", "Appeal_to_Popularity",
     "entire international community", "entire international community"),
    ("We resolutely reject the groundless and provocative statement of the Ministry of Foreign Affairs of Velmaria.",
     "Loaded_Language", "groundless and provocative", "groundless and provocative"),
    ("What the Velmarian side calls evidence is nothing but a pack of lies.", "Loaded_Language", "lies", "lies"),
    ("The Korvane regime keeps ignoring every call for restraint.", "Name_Calling-Labeling", "Korvane regime", "regime"),
    ("The aggressor must be held to account for the destruction of Tessin.", "Name_Calling-Labeling", "aggressor",
     "aggressor"),
    ("We were the ones who proposed the ceasefire. We were the ones who opened the crossings. We were the ones who "
     "returned the prisoners.", "Repetition", "We were the ones who", "We were the ones who"),
    ("What the region needs now is deeds, not words.", "False_Dilemma-No_Choice", "deeds, not words",
     "deeds, not words"),
    ("There is no alternative to the full withdrawal of Velmarian troops from the Marrow Valley.",
     "False_Dilemma-No_Choice", "no alternative", "no alternative"),
    ("The sovereignty of Ostravia over Tessin is unequivocally confirmed by the UN Charter and by four resolutions "
     "of the Security Council.", "Appeal_to_Authority", "UN Charter", "UN Charter"),
    ("Under international law, the Marrow Valley is an integral part of Ostravia, and this is beyond any doubt.",
     "Appeal_to_Authority", "international law", "international law"),
    ("Our heroic people will never give up an inch of our sacred land.", "Flag_Waving", "Our heroic people",
     "Our heroic people"),
    ("For us this question is closed, and there is nothing to discuss.", "Conversation_Killer", "nothing to discuss",
     "nothing to discuss"),
]


@pytest.mark.parametrize(("sentence", "label", "fragment", "cue"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_rebuttal_technique_is_found(fictional, sentence, label, fragment, cue):
    result = fictional.analyze(sentence, issuer="XOS GOV", date="2024-03-02")
    hits = [t for t in result.techniques if t.technique == label and fragment in t.text]
    assert hits, [(t.technique, t.text) for t in result.techniques]
    t = hits[0]
    assert t.via == "rule"
    assert cue in t.explanation
    assert result.statement.text[t.start:t.end] == t.text
    assert t.technique in SEMEVAL2023


def test_techniques_aimed_at_the_other_side_name_it_as_target(fictional):
    result = fictional.analyze(CASES[9][0], issuer="XOS GOV", date="2024-03-02")
    [loaded] = [t for t in result.techniques if t.technique == "Loaded_Language" and t.via == "rule"]
    assert loaded.target is not None and loaded.target.country == "XVL"


NEUTRAL = [
    "The Security Council extended the sanctions regime for another year.",
    "The ministers discussed both bilateral and multilateral formats of cooperation.",
    "In accordance with the agenda, the meeting opened at ten in the morning.",
    "The delegation visited the port and met the mayor of the city.",
    "It is known that the talks will resume in the spring.",
]


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_plain_diplomatic_prose_sets_off_no_rule(pipeline, sentence):
    result = pipeline.analyze(sentence, issuer="SGP GOV")
    assert [(t.technique, t.text) for t in result.techniques if t.via == "rule"] == []
