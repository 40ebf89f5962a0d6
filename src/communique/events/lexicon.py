"""The trigger lexicon: which words (verbs and nouns) denote which PLOVER event.

``data/triggers.tsv`` is our own list (see the data card). A trigger is a lemma
or a lemma sequence: "reject", "call on", "pull out", "lay mine". Single-word
triggers are looked up by lemma; multiword verb triggers by the verb's lemma
plus the lemmas of its particle, preposition or object.

A word class, defined on a line ``@name<TAB>member, member, ...``, stands for
any of its members where a trigger writes ``{name}``: "{relax} {restriction}"
is "lift curfew", "ease state of emergency", ... The classes are expanded when
the file is loaded, so matching stays a dictionary lookup.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from communique.errors import ModelError
from communique.events.plover import CONTEXTS, MODES, TYPES

DATA_DIR = Path(str(resources.files("communique.events") / "data"))


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    pos: str  # VERB | NOUN
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    target: str | None  # "dobj", a preposition ("on", "with", "against"), or None


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]]  # first lemma -> triggers, longest first
    nouns: dict[str, list[Trigger]]  # last lemma (the head noun) -> triggers, longest first

    def verb_triggers(self, lemma: str) -> list[Trigger]:
        return self.verbs.get(lemma, [])

    def noun_triggers(self, lemma: str) -> list[Trigger]:
        return self.nouns.get(lemma, [])


@lru_cache(maxsize=2)
def load(path: Path = DATA_DIR / "triggers.tsv") -> Lexicon:
    if not path.exists():
        raise ModelError(f"event trigger lexicon not found: {path}")
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    classes: dict[str, list[tuple[str, ...]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        lines = list(enumerate(fh, start=1))
    rows = []
    for number, line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            name, _, members = line[1:].rstrip("\n").partition("\t")
            words = [tuple(m.lower().split()) for m in members.split(",") if m.strip()]
            if not name.strip() or not words:
                raise ModelError(f"{path}:{number}: a word class needs a name and members")
            classes[name.strip()] = words
            continue
        rows.append((number, line))
    header = rows.pop(0)[1] if rows else ""
    reader = csv.DictReader([header] + [line for _n, line in rows], delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _line), row in zip(rows, reader, strict=True):
        for trigger in _expand(_parse(row, path, number), classes, path, number):
            if trigger.pos == "VERB":
                verbs.setdefault(trigger.words[0], []).append(trigger)
            else:  # "air strike", "peace talk": indexed by the head noun, the last word
                nouns.setdefault(trigger.words[-1], []).append(trigger)
    for table in (verbs, nouns):
        for triggers in table.values():
            triggers.sort(key=lambda t: -len(t.words))
    return Lexicon(verbs, nouns)


def _expand(trigger: Trigger, classes: dict[str, list[tuple[str, ...]]], path: Path, number: int) -> list[Trigger]:
    """The triggers a row with ``{class}`` slots stands for (the row itself when it has none)."""
    slots = []
    for word in trigger.words:
        if word.startswith("{") and word.endswith("}"):
            if word[1:-1] not in classes:
                raise ModelError(f"{path}:{number}: unknown word class {word}")
            slots.append(classes[word[1:-1]])
        else:
            slots.append([(word,)])
    if all(len(options) == 1 for options in slots):
        return [trigger]
    out = []
    for choice in itertools.product(*slots):
        words = tuple(w for part in choice for w in part)
        out.append(Trigger(words, trigger.pos, trigger.type, trigger.mode, trigger.contexts, trigger.target))
    return out


def _parse(row: dict, path: Path, number: int) -> Trigger:
    event_type = (row.get("type") or "").strip()
    mode = (row.get("mode") or "").strip() or None
    if event_type not in TYPES or (mode is not None and mode not in MODES.get(event_type, {})):
        raise ModelError(f"{path}:{number}: unknown PLOVER type/mode {event_type}/{mode}")
    contexts = tuple(c.strip() for c in (row.get("contexts") or "").split(",") if c.strip() in CONTEXTS)
    target = (row.get("target") or "").strip() or None
    return Trigger(tuple(row["trigger"].lower().split()), row["pos"].strip().upper(), event_type, mode, contexts, target)
