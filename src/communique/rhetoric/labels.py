"""Technique labels: the SemEval-2023 Task 3 taxonomy and how PTC's labels map onto it.

Output uses the 23 persuasion techniques of SemEval-2023 Task 3 (subtask 3).
The model is trained on PTC (SemEval-2020 Task 11), whose 14 labels are
older, coarser names for the same techniques. The mapping:

====================================  ==========================================
PTC (SemEval-2020)                    SemEval-2023
====================================  ==========================================
Loaded_Language                       Loaded_Language
Name_Calling,Labeling                 Name_Calling-Labeling
Repetition                            Repetition
Doubt                                 Doubt
Exaggeration,Minimisation             Exaggeration-Minimisation
Appeal_to_fear-prejudice              Appeal_to_Fear-Prejudice
Flag-Waving                           Flag_Waving
Causal_Oversimplification             Causal_Oversimplification
Appeal_to_Authority                   Appeal_to_Authority
Slogans                               Slogans
Black-and-White_Fallacy               False_Dilemma-No_Choice
Thought-terminating_Cliches           Conversation_Killer
Whataboutism,Straw_Men,Red_Herring    Whataboutism, Straw_Man or Red_Herring (see below)
Bandwagon,Reductio_ad_hitlerum        Appeal_to_Popularity or Guilt_by_Association
====================================  ==========================================

PTC merged three and two techniques into one class; SemEval-2023 separates
them again. A span of a merged class is given the 2023 label whose cue it
carries (``split_merged``): Reductio ad Hitlerum (a comparison with Nazis,
Hitler, Stalin, fascists...) is Guilt_by_Association, otherwise Bandwagon is
Appeal_to_Popularity; a distortion of the other side's position ("they want
us to believe", "in other words") is Straw_Man, otherwise Whataboutism (the
commonest of the three in PTC). Six 2023 techniques have no PTC counterpart
(Appeal_to_Values, Consequential_Oversimplification, Appeal_to_Time,
Obfuscation-Vagueness-Confusion, Appeal_to_Hypocrisy,
Questioning_the_Reputation); of these our rules find Appeal_to_Hypocrisy.
"""

from __future__ import annotations

import re

SEMEVAL2023 = (
    "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values", "Appeal_to_Fear-Prejudice",
    "Flag_Waving", "Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification",
    "Straw_Man", "Red_Herring", "Whataboutism", "Slogans", "Appeal_to_Time", "Conversation_Killer",
    "Loaded_Language", "Repetition", "Exaggeration-Minimisation", "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling", "Doubt", "Guilt_by_Association", "Appeal_to_Hypocrisy", "Questioning_the_Reputation",
)
"""The 23 persuasion techniques of SemEval-2023 Task 3 subtask 3, in the task's order."""

PTC = (
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt", "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Appeal_to_Authority", "Slogans",
    "Black-and-White_Fallacy", "Whataboutism,Straw_Men,Red_Herring", "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)
"""The 14 labels of PTC v2 (SemEval-2020 Task 11)."""

PTC_TO_2023 = {
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Flag-Waving": "Flag_Waving",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Slogans": "Slogans",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Thought-terminating_Cliches": "Conversation_Killer",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism",
    "Bandwagon,Reductio_ad_hitlerum": "Appeal_to_Popularity",
}
"""The default 2023 label of each PTC label (merged classes: see ``split_merged``)."""

DESCRIPTIONS = {
    "Appeal_to_Authority": "invokes an authority to settle the question",
    "Appeal_to_Popularity": "claims that everyone agrees",
    "Appeal_to_Values": "appeals to values the audience holds",
    "Appeal_to_Fear-Prejudice": "plays on fear or prejudice",
    "Flag_Waving": "appeals to national pride or identity",
    "Causal_Oversimplification": "reduces a cause to one factor",
    "False_Dilemma-No_Choice": "presents two options as the only ones",
    "Consequential_Oversimplification": "claims one step leads inevitably to others",
    "Straw_Man": "distorts the other side's position",
    "Red_Herring": "diverts attention to an unrelated issue",
    "Whataboutism": "deflects by pointing to the other side's conduct",
    "Slogans": "a short, striking phrase",
    "Appeal_to_Time": "claims the time to act is now",
    "Conversation_Killer": "a phrase that closes the discussion",
    "Loaded_Language": "emotionally charged words",
    "Repetition": "the same words repeated",
    "Exaggeration-Minimisation": "overstates or plays down",
    "Obfuscation-Vagueness-Confusion": "deliberately vague wording",
    "Name_Calling-Labeling": "a label attached to the target",
    "Doubt": "casts doubt on credibility",
    "Guilt_by_Association": "associates the target with something reviled",
    "Appeal_to_Hypocrisy": "accuses the other side of hypocrisy",
    "Questioning_the_Reputation": "attacks the target's reputation",
}
"""One line per technique, used in explanations."""

_HITLERUM = re.compile(r"\b(hitler|nazi\w*|fascis\w*|stalin\w*|third reich|goebbels|gestapo|holocaust)\b", re.I)
_STRAW_MAN = re.compile(r"\b(want(s)? (us|you|people) to believe|in other words|so what (they|he|she) (is|are) "
                        r"(really )?saying|would have (us|you) believe|pretend(s|ing)? that)\b", re.I)


def split_merged(ptc_label: str, text: str) -> str:
    """The SemEval-2023 label of a span the model labelled with a PTC class."""
    if ptc_label == "Bandwagon,Reductio_ad_hitlerum" and _HITLERUM.search(text):
        return "Guilt_by_Association"
    if ptc_label == "Whataboutism,Straw_Men,Red_Herring" and _STRAW_MAN.search(text):
        return "Straw_Man"
    return PTC_TO_2023[ptc_label]
