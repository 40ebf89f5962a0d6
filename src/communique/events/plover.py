"""PLOVER's event types, modes and intensity scores (PLOVER manual, draft 2.0).

Scores are PLOVER's: a base score per type and, where the manual gives one, a
score per mode. They fill ``Event.intensity`` (-10 conflict .. +10 cooperation).
"""

from __future__ import annotations

TYPES: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5,
    "COOPERATE": 9.5, "AID": 10.0, "RETREAT": 6.5,
    "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5,
    "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}
"""Base score of each of the 16 types. (The manual's table prints +3 for ACCUSE,
while every ACCUSE mode scores -2 to -3.5; we use -3, the sign its modes share.)"""

QUAD: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}

MODES: dict[str, dict[str, float]] = {
    "CONSULT": {"visit": 4, "third-party": 1, "multilateral": 4, "phone": 1.5},
    "RETREAT": {"withdraw": 8, "release": 6.5, "disarm": 10, "ceasefire": 7.5, "access": 6.5, "resign": 4.5},
    "REQUEST": {"assist": 0.5, "change": -1, "yield": -1, "meet": 0},
    "ACCUSE": {"disapprove": -2, "investigate": -3.5, "allege": -3.5},
    "REJECT": {"assist": -1.5, "change": -2, "yield": -2, "meet": -2},
    "THREATEN": {"restrict": -3, "arrest": -3.5, "relations": -3.5, "expel": -3.5, "territory": -4, "violence": -3.5},
    "PROTEST": {"demo": -5, "riot": -7, "strike": -5, "hunger": -4.5, "boycott": -4.5, "obstruct": -4.5, "vandalize": -5},
    "SANCTION": {"convict": -6, "expel": -5.5, "withdraw": -6, "discontinue": -6},
    "MOBILIZE": {"troops": -6.5, "weapons": -6.5, "police": -5.5, "militia": -6},
    "COERCE": {"seize": -7, "restrict": -7, "censor": -6.5, "curfew": -6.5, "martial-law": -7.5, "arrest": -7,
               "deport": -7, "withhold": -7, "misinformation": -6.5, "cyber": -7},
    "ASSAULT": {"abduct": -8.5, "beat": -7.5, "torture": -8.5, "sexual": -8.5, "targeted": -9.5, "destroy": -8.5,
                "primitive": -8, "firearms": -9, "explosives": -9, "suicide-attack": -9.5, "aerial": -9.5,
                "drone": -9.5, "heavy-weapons": -9.5, "crowd-control": -7.5, "unconventional": -10},
}
"""Modes of each type with PLOVER's score (PROTEST vandalize has no printed score: the base)."""

CONTEXTS = frozenset(
    "military intelligence executive legislative election political_institutions pro_democracy pro_autocracy "
    "economic legal reparations human_rights rights_freedoms repression human_security gender lgbt "
    "religion_ethnicity inequality diplomatic territory peacekeeping health asylum migration disasters "
    "natural_resource environment technology terrorism cbrn cyber misinformation crime corruption "
    "illegal_drugs trafficking".split()
)

OLD_NAMES = {"DEMAND": ("REQUEST", None), "DISAPPROVE": ("ACCUSE", "disapprove"),
             "INVESTIGATE": ("ACCUSE", "investigate"), "FIGHT": ("ASSAULT", None)}
"""PLOVER 0.5b1 categories (used by the 2016 gold-standard records) in today's terms."""


def intensity(event_type: str, mode: str | None) -> float:
    if mode and mode in MODES.get(event_type, {}):
        return float(MODES[event_type][mode])
    return TYPES[event_type]
