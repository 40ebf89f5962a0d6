"""Techniques in one statement: the model's spans and the rules', merged.

Shared by the spaCy component and the evaluation, so that what is measured is
what runs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from communique.rhetoric import rules
from communique.rhetoric.features import TokenTable
from communique.rhetoric.labels import DESCRIPTIONS, split_merged
from communique.rhetoric.model import TechniqueModel, decode
from communique.rhetoric.view import View

TO_PTC = {
    "Loaded_Language": "Loaded_Language", "Name_Calling-Labeling": "Name_Calling,Labeling",
    "Repetition": "Repetition", "Doubt": "Doubt", "Exaggeration-Minimisation": "Exaggeration,Minimisation",
    "Appeal_to_Fear-Prejudice": "Appeal_to_fear-prejudice", "Flag_Waving": "Flag-Waving",
    "Causal_Oversimplification": "Causal_Oversimplification", "Appeal_to_Authority": "Appeal_to_Authority",
    "Slogans": "Slogans", "False_Dilemma-No_Choice": "Black-and-White_Fallacy",
    "Conversation_Killer": "Thought-terminating_Cliches", "Whataboutism": "Whataboutism,Straw_Men,Red_Herring",
    "Straw_Man": "Whataboutism,Straw_Men,Red_Herring", "Red_Herring": "Whataboutism,Straw_Men,Red_Herring",
    "Appeal_to_Hypocrisy": "Whataboutism,Straw_Men,Red_Herring",
    "Appeal_to_Popularity": "Bandwagon,Reductio_ad_hitlerum", "Guilt_by_Association": "Bandwagon,Reductio_ad_hitlerum",
}
"""SemEval-2023 labels back to PTC's, for measuring on PTC (the six 2023-only labels have none)."""


@dataclass(frozen=True)
class FoundTechnique:
    start: int
    end: int
    """Offsets in the real text."""
    technique: str
    """SemEval-2023 label."""
    confidence: float
    explanation: str
    via: str
    """``model`` or ``rule``."""
    first: int
    last: int
    """Token range in the masked view."""


def find_techniques(view: View, model: TechniqueModel, *, use_rules: bool = True, use_model: bool = True,
                    table: TokenTable | None = None) -> list[FoundTechnique]:
    table = table or TokenTable(view)
    found = _from_model(view, table, model) if use_model else []
    if use_rules:
        ruled = [_from_rule(view, f) for f in rules.find(view)]
        # where a rule and the model agree on a label, the rule's span and explanation stand
        found = [f for f in found if not any(r.technique == f.technique and r.start < f.end and f.start < r.end
                                             for r in ruled)] + ruled
    return sorted(found, key=lambda f: (f.start, f.end, f.technique))


def _from_model(view: View, table: TokenTable, model: TechniqueModel) -> list[FoundTechnique]:
    probs = model.tagger.probabilities(view, table, model.embeddings)
    guesses = decode(view, probs, model.tagger.high, model.tagger.low)
    words = [tuple(table.lemma[i] for i in range(g.first, g.last + 1) if table.pos[i] not in ("PUNCT", "SPACE"))
             for g in guesses]
    same = Counter(words)
    out = []
    for g, key in zip(guesses, words, strict=True):
        [label] = model.classifier.classify(view, table, model.embeddings, g.first, g.last, same=same[key] - 1)
        start, end = view.token_span_real(g.first, g.last)
        text = view.text[view.tokens[g.first].start:view.tokens[g.last].end]
        technique = split_merged(label.label, text)
        cues = _real_cues(view, g.first, g.last, label.cues)
        cue = f"; cue: {', '.join(repr(c) for c in cues)}" if cues else ""
        out.append(FoundTechnique(
            start, end, technique, round((g.probability * label.probability) ** 0.5, 3),
            f"{DESCRIPTIONS[technique]} (model{cue})", "model", g.first, g.last))
    return out


STOPWORDS = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be been being it its this that these "
    "those there their they them we our us you your he she his her i not no so than then such which who whom what "
    "when where why how all any each more most other some into over under about after before".split())


def _real_cues(view: View, first: int, last: int, cues: tuple[str, ...]) -> list[str]:
    """The model's cue words as written in the span: content words only, never a stand-in for a name."""
    written = {}
    for t in view.tokens[first:last + 1]:
        if not t.masked:
            written.setdefault(t.text.lower(), t.text)
    out = []
    for cue in cues:
        words = cue.split()
        if all(w in written for w in words) and any(w not in STOPWORDS and w.isalpha() for w in words):
            out.append(" ".join(written[w] for w in words))
    return out


def _from_rule(view: View, f: rules.Found) -> FoundTechnique:
    start, end = view.real_span(f.start, f.end)
    first, last = view.token_at(f.start), view.token_at(max(f.start, f.end - 1))
    cue_start, cue_end = view.real_span(f.cue_start, f.cue_end) if f.cue_end > f.cue_start else (start, end)
    cue = " ".join(view.real_text[cue_start:cue_end].split())
    if len(cue) > 60:
        cue = cue[:57].rstrip() + "..."
    return FoundTechnique(start, end, f.technique, f.confidence, f.explanation.format(cue=cue), "rule", first, last)
