"""Swap two states in a text: the instrument of our even-handedness tests.

Every surface form of state A (names, adjectives, demonyms, capitals,
institutions, office holders, armed groups coded as A) becomes the corresponding form of state B and
vice versa, in one pass so that nothing is swapped twice. Coding must depend on
the text, never on which state is named: analysing the swapped text must give
the same results with the two states exchanged.
"""

from __future__ import annotations

import re
from datetime import date

from communique.actors.gazetteer import Gazetteer, Target

_GENERIC = {"GOV": "government", "LEG": "parliament", "MIL": "armed forces", "JUD": "judiciary",
            "SPY": "intelligence services", "COP": "police", "REB": "rebels", "PRM": "militia"}


def swap_states(text: str, a: str, b: str, gazetteer: Gazetteer, *, on: date | None = None, tokenizer=None) -> str:
    """Return ``text`` with states ``a`` and ``b`` (entity ids, e.g. "RUS") exchanged.

    With a spaCy ``tokenizer``, only forms that stand as whole tokens are
    swapped (a name glued to a neighbouring word is one the system cannot
    see either, so it is left alone)."""
    mapping = {**_forms_map(a, b, gazetteer, on), **_forms_map(b, a, gazetteer, on)}
    if not mapping:
        return text
    alternation = "|".join(re.escape(f) for f in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])", re.IGNORECASE)
    folded = {form.casefold(): new for form, new in mapping.items()}

    doc = tokenizer(text) if tokenizer is not None else None

    def replace(match: re.Match) -> str:
        found = match.group(0)
        if doc is not None and doc.char_span(match.start(), match.end()) is None:
            return found
        if found in mapping:
            return mapping[found]
        new = folded.get(found.casefold())
        if new is None or not found.isupper():
            return found  # 'georgia' in lower case was never a state in the first place
        return new.upper()

    return pattern.sub(replace, text)


def state_pairs(gazetteer: Gazetteer, a: str, b: str) -> dict[str, str]:
    """The code mapping a swap implies, for comparing analyses: {'RUS': 'UKR', ...}."""
    ca, cb = gazetteer.countries[a].country, gazetteer.countries[b].country
    return {ca: cb, cb: ca}


def _forms_map(src: str, dst: str, gazetteer: Gazetteer, on: date | None) -> dict[str, str]:
    by_role_src = _forms_by_role(src, gazetteer)
    by_role_dst = _forms_by_role(dst, gazetteer)
    dst_adj = (by_role_dst.get("adjective") or by_role_dst.get("name") or [dst])[0]
    mapping: dict[str, str] = {}
    for role, forms in by_role_src.items():
        if role in ("institution", "person", "org"):
            continue
        targets = by_role_dst.get(role) or by_role_dst.get("name", [dst])
        for i, form in enumerate(forms):
            if role == "place":
                # a place of the same length in words, so that the sentence keeps its shape
                same = [t for t in targets if len(t.split()) == len(form.split())] or targets
                mapping[form] = same[i % len(same)]
            else:
                mapping[form] = targets[i] if i < len(targets) else targets[0]
    # institutions, and the armed groups coded as the state: pair by sector,
    # else "<adjective> <generic noun>" ("Hamas" -> "Israeli rebels")
    dst_inst: dict[str | None, list[str]] = {}
    for form, target in _targets(dst, gazetteer, "institution") + _targets(dst, gazetteer, "org"):
        dst_inst.setdefault(target.sector, []).append(form)
    used: dict[str | None, int] = {}
    for form, target in _targets(src, gazetteer, "institution") + _targets(src, gazetteer, "org"):
        options = dst_inst.get(target.sector, [])
        k = used.get(target.sector, 0)
        if k < len(options):
            mapping[form] = options[k]
            used[target.sector] = k + 1
        else:
            mapping[form] = f"{dst_adj} {_GENERIC.get(target.sector or 'GOV', 'government')}"
    # office holders: the holder of the same office on the date (or most recently);
    # a former holder becomes the other state's most recent former holder of that office
    dst_people = _holders(dst, gazetteer, on)
    for form, target in _targets(src, gazetteer, "person"):
        office = _office(target, on)
        counterpart = dst_people.get((office, _status(target, on))) or dst_people.get((office, "in"))
        if counterpart:
            # a surname for a surname, a full name for a full name
            mapping[form] = counterpart.split()[-1] if len(form.split()) == 1 else counterpart
            # "President Sarkissian": the name's first and last words too
            mine, theirs = target.name.split(), counterpart.split()
            for a, b in ((mine[0], theirs[0]), (mine[-1], theirs[-1])):
                if len(a) > 3 and a[:1].isupper():
                    mapping.setdefault(a, b)
    return mapping


def _forms_by_role(entity: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for form, target in _targets(entity, gazetteer, None):
        out.setdefault(target.role, []).append(form)
    return out


def _targets(entity: str, gazetteer: Gazetteer, role: str | None) -> list[tuple[str, Target]]:
    country = gazetteer.countries[entity].country
    found = []
    for form, targets in gazetteer.terms.items():
        t = targets[0]
        if "\u2019" in form:
            continue
        if role is not None and t.role != role:
            continue
        if t.role in ("person", "place") and t.country == country and t.sector is None or t.role == "person" and t.country == country or t.entity == entity \
                or t.role == "org" and t.country == country:  # an armed group coded as the state ("Hamas" PSE REB)
            found.append((form, t))
    return found


def _office(target: Target, on: date | None) -> str | None:
    tenures = [t for t in target.tenures if on is None or t.covers(on)] or list(target.tenures)
    return tenures[-1].office if tenures else None


def _status(target: Target, on: date | None) -> str:
    """'in' office on the date, 'former' (after the last tenure) or 'future'."""
    if on is None or not target.tenures or any(t.covers(on) for t in target.tenures):
        return "in"
    return "future" if on < target.tenures[0].start else "former"


def _holders(entity: str, gazetteer: Gazetteer, on: date | None) -> dict[tuple[str | None, str], str]:
    """By (office, status): the holder in office on the date (the latest to start),
    the former holder who left that office last, and the future holder who starts first."""
    people: dict[tuple[str | None, str], tuple[date, str]] = {}
    for _form, target in _targets(entity, gazetteer, "person"):
        status = _status(target, on)
        for tenure in target.tenures:
            if status == "in" and on is not None and not tenure.covers(on):
                continue
            key = (tenure.office, status)
            rank = {"in": tenure.start, "former": tenure.end or date.max,
                    "future": date.max - (tenure.start - date.min)}[status]
            best = people.get(key)
            if best is None or rank > best[0]:
                people[key] = (rank, target.name)
    return {key: name for key, (_rank, name) in people.items()}
