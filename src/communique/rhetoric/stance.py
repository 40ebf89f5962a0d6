"""The issuer's stance toward each actor it mentions: a score in [-1, 1] and the sentences behind it.

Three kinds of evidence, all read from what the other layers found:

* events with the issuer as source and the actor as target, valued by PLOVER
  intensity (-10 .. +10) divided by 5 and clipped to [-1, 1], weighted 2 x the
  event's confidence (half that for requested or planned events; negated
  events and plain requests, PLOVER 0, left out);
* techniques aimed at the actor (``Technique.target``): the attacking
  techniques (loaded language, name calling, doubt, hypocrisy, whataboutism,
  ...) count -1, or +1 when the span's own words are friendly ("our heroic
  allies"), weighted 1.5 x the technique's confidence;
* the tone of each sentence that mentions the actor, from our own lexicon of
  friendly and hostile words (``data/tone.tsv``; a negation just before a word
  flips it), weighted 0.5.

score = Σ weight·value / (Σ weight + 1): a single piece of evidence moves the
score only part of the way, and more evidence in the same direction moves it
further. Actors are keyed by country (``ARM``) for states and by organisation
id (``OSCE``) or non-state code (``UNO``) otherwise; the issuer's own country
is left out. Tone and targets are read on the masked text, so the score of a
state cannot depend on its name.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from communique.rhetoric.view import View

TONE_PATH = Path(str(resources.files("communique.rhetoric") / "data" / "tone.tsv"))
ATTACKS = frozenset({
    "Loaded_Language", "Name_Calling-Labeling", "Doubt", "Appeal_to_Hypocrisy", "Whataboutism", "Straw_Man",
    "Guilt_by_Association", "Questioning_the_Reputation", "Appeal_to_Fear-Prejudice", "Red_Herring",
})
NEGATIONS = frozenset({"not", "no", "never", "n't", "nor", "without", "neither"})
EVENT_WEIGHT, TECHNIQUE_WEIGHT, TONE_WEIGHT = 2.0, 1.5, 0.5
INTENSITY_SCALE = 5.0
"""PLOVER intensity / 5, clipped to [-1, 1]: verbal conflict (-2 .. -3.5) reads -0.4 .. -0.7, material
conflict (-5 .. -10) and material cooperation (+6.5 .. +10) read -1 and +1."""


@lru_cache(maxsize=1)
def tone_lexicon(path: Path = TONE_PATH) -> dict[str, float]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                word, score = line.rstrip("\n").split("\t")
                out[word] = float(score)
    return out


def token_tone(view: View, first: int, last: int) -> float:
    """Mean tone of the toned words in tokens first..last (0 when none)."""
    lexicon = tone_lexicon()
    values = []
    for i in range(first, last + 1):
        value = lexicon.get(view.tokens[i].lemma)
        if value is None:
            continue
        before = {view.tokens[k].lemma for k in range(max(first, i - 3), i)}
        values.append(-value if before & NEGATIONS else value)
    return sum(values) / len(values) if values else 0.0


def actor_key(actor: dict) -> str:
    return actor.get("org") or actor["country"]


def compute(view: View, mentions: list[dict], events: list[dict], techniques: list[dict],
            issuer: dict | None, names) -> list[dict]:
    """Stance records (actor, name, score, sentences), most negative first.

    ``mentions``: dicts with ``actor`` and ``sentence``; ``names``: key -> readable name."""
    own = issuer["country"] if issuer else None
    evidence: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    seen: dict[str, None] = {}
    for m in mentions:
        key = actor_key(m["actor"])
        if m["actor"]["country"] != own:
            seen.setdefault(key)
    for e in events:
        source, target = e.get("source"), e.get("target")
        if not target or e["negated"] or target["country"] == own:
            continue
        if own is None or not source or source["country"] != own:
            continue
        if not e["intensity"]:
            continue  # a plain request (PLOVER 0) says nothing about friend or foe
        weight = EVENT_WEIGHT * e["confidence"] * (0.5 if e["hypothetical"] else 1.0)
        value = max(-1.0, min(1.0, e["intensity"] / INTENSITY_SCALE))
        evidence[actor_key(target)].append((value, weight, e["sentence"]))
    for t in techniques:
        target = t.get("target")
        if not target or target["country"] == own or t["technique"] not in ATTACKS:
            continue
        value = 1.0 if token_tone(view, t["first"], t["last"]) > 0.3 else -1.0
        evidence[actor_key(target)].append((value, TECHNIQUE_WEIGHT * t["confidence"], t["sentence"]))
    tones = [token_tone(view, a, b - 1) if b > a else 0.0 for a, b in view.sentences]
    for key in seen:
        for sentence in sorted({m["sentence"] for m in mentions if actor_key(m["actor"]) == key}):
            if sentence < len(tones) and tones[sentence]:
                evidence[key].append((tones[sentence], TONE_WEIGHT, sentence))
    out = []
    for key in seen:
        items = evidence.get(key, [])
        total = sum(w for _v, w, _s in items)
        score = sum(v * w for v, w, _s in items) / (total + 1.0)
        out.append({"actor": key, "name": names(key), "score": round(max(-1.0, min(1.0, score)), 3),
                    "sentences": sorted({s for _v, _w, s in items})})
    return sorted(out, key=lambda r: (r["score"], r["actor"]))
