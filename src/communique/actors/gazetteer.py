"""The actors gazetteer: our own lists of states, offices, office holders,
organisations and places, loaded once into one lookup object.

The files live in ``actors/data`` (see its README for what each holds and where
the facts come from). Surface forms are matched case-insensitively by the
component, which then checks capitalisation against the form written here.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from communique.errors import ModelError

DATA_DIR = Path(str(resources.files("communique.actors") / "data"))

# When one surface form names different actors, the role with the lowest rank
# wins; a tie between different actors leaves the form unresolved.
ROLE_RANK = {
    "institution": 0, "name": 1, "capital": 2, "adjective": 3, "demonym": 3,
    "org": 4, "person": 5, "place": 6,
}


@dataclass(frozen=True)
class Tenure:
    office: str
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Target:
    """What a surface form denotes."""

    role: str  # name | adjective | demonym | capital | institution | person | org | place
    country: str
    sector: str | None
    name: str  # the entity's display name: a state, organisation, person or place
    country_name: str  # the state's (or organisation's) name, for readable actor names
    entity: str  # stable id of the entity, e.g. "GEO", "ABKHAZIA", "OSCE", "person:Sergey Lavrov"
    org: str | None = None
    ambiguous: bool = False
    tenures: tuple[Tenure, ...] = ()

    @property
    def kind(self) -> str:
        return {"person": "person", "place": "place", "org": "organisation"}.get(self.role, "actor")


@dataclass(frozen=True)
class SectorNoun:
    phrase: str
    sector: str | None
    role: str  # institution | title | group | generic


@dataclass
class Country:
    id: str
    country: str
    sector: str | None
    kind: str
    name: str
    forms: list[str] = field(default_factory=list)


@dataclass
class Gazetteer:
    """All surface forms and what they denote, plus the state list for issuers."""

    terms: dict[str, list[Target]]
    sector_nouns: dict[str, SectorNoun]
    countries: dict[str, Country]
    organisations: dict[str, Target]
    normalised: dict[str, list[Target]]
    holders: dict[tuple[str, str], list[Target]] = field(default_factory=dict)
    """Office holders by (office, lower-cased name word): "Prime Minister Kishida"."""

    def country_name(self, code: str) -> str | None:
        entry = self.countries.get(code)
        if entry is not None:
            return entry.name
        org = self.organisations.get(code)
        return org.name if org is not None else None

    def lookup_name(self, text: str) -> list[Target]:
        """Targets for a loosely written name (case, diacritics and 'the' ignored)."""
        return self.normalised.get(normalise_key(text), [])


def normalise_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("’", "'").replace("-", " ").replace(".", "")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _fold(word: str) -> str:
    """A word without its diacritics ("tadić" -> "tadic")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = (line for line in fh if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_countries(rows: list[dict], add, countries: dict[str, Country] | None = None) -> dict[str, Country]:
    countries = {} if countries is None else countries
    for row in rows:
        entry = Country(row["id"], row["country"], row.get("sector"), row.get("kind", "state"), row["name"])
        countries[entry.id] = entry
        ambiguous = set(row.get("ambiguous") or ())
        for role, key in (("name", "names"), ("adjective", "adjectives"), ("demonym", "demonyms"), ("capital", "capitals")):
            for form in [row["name"], *row.get(key, [])] if role == "name" else row.get(key, []):
                sector = entry.sector
                if role == "demonym" and sector is None:
                    sector = "CVL"
                add(form, Target(role, entry.country, sector, entry.name, entry.name, entry.id,
                                 ambiguous=form in ambiguous))
                entry.forms.append(form)
        for place in row.get("places", []):  # user extensions may list places inline
            add(place, Target("place", entry.country, None, place, entry.name, f"place:{place}"))
        for form, sector in row.get("institutions", []):
            add(form, Target("institution", entry.country, sector, form, entry.name, entry.id,
                             ambiguous=form in ambiguous))
    # A partially recognised entity is coded as its claimant: let the
    # claimant's code be the lookup key for issuers, never the entity.
    return countries


ORGANISATION_FILES = ("organisations.jsonl", "armed_groups.jsonl")


def load_organisations(data_dir: Path, add) -> dict[str, Target]:
    """International organisations (``organisations.jsonl``) and non-state armed
    groups and movements (``armed_groups.jsonl``: a state's code and sector, REB
    for armed opposition, or IMG for transnational groups), by id."""
    orgs: dict[str, Target] = {}
    rows = [row for name in ORGANISATION_FILES if (data_dir / name).exists() for row in _read_jsonl(data_dir / name)]
    for row in rows:
        target = Target("org", row["code"], row.get("sector"), row["name"], row["name"], row["id"], org=row["id"])
        orgs[row["id"]] = target
        for form in dict.fromkeys([row["name"], *row.get("names", [])]):
            add(form, target)
    return orgs


COMMON_GIVEN_NAMES = {"mohammed", "muhammad", "mohammad", "mohamed", "ahmed", "ahmad", "ali", "abdullah",
                      "sheikh", "hassan", "hussein", "khalid", "abdul", "john", "david", "james", "michael", "maria"}
NAME_PARTICLES = {"bin", "bint", "al", "el", "de", "da", "di", "van", "von", "der", "la", "le", "ibn", "abu", "al-"}


def load_officeholders(
    data_dir: Path, add, countries: dict[str, Country], orgs: dict[str, Target], extra: list[dict] = ()
) -> dict[tuple[str, str], list[Target]]:
    holders: dict[tuple[str, str], list[Target]] = defaultdict(list)
    people: dict[tuple[str, str], dict] = {}
    rows = [row for path in sorted(data_dir.glob("officeholders*.tsv")) for row in _read_tsv(path)]
    for row in [*rows, *extra]:
        key = (row["country"], row["name"])
        person = people.setdefault(key, {"row": row, "aliases": set(), "tenures": []})
        person["aliases"].update(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        person["tenures"].append(Tenure(row["office"], date.fromisoformat(row["start"]), _parse_date(row.get("end", ""))))
    for (country, name), person in people.items():
        row = person["row"]
        org = row.get("org") or None
        if country in countries:
            country_name = countries[country].name
        elif org and org in orgs:
            country_name = orgs[org].name
        else:
            country_name = {"EUR": "European Union", "UNO": "United Nations"}.get(country, country)
        tenures = tuple(sorted(person["tenures"], key=lambda t: t.start))
        target = Target("person", country, "GOV", name, country_name, f"person:{name}", org=org, tenures=tenures)
        for form in {name, *person["aliases"]}:
            add(form, target)
        parts = [w.strip(",.").lower() for w in name.replace("-", " ").split()]
        # first and last words only ("Lee Hsien Loong", "Fumio Kishida"), never a common given name
        words = {parts[0], parts[-1]} - NAME_PARTICLES - COMMON_GIVEN_NAMES
        # "President Tadic" for Boris Tadić: the word without its diacritics too
        words |= {_fold(w) for w in words}
        for office in {t.office for t in tenures}:
            for word in words:
                if len(word) > 1 and target not in holders[(office, word)]:
                    holders[(office, word)].append(target)
    return dict(holders)


def load_places(data_dir: Path, add, countries: dict[str, Country]) -> None:
    path = data_dir / "places.tsv"
    if not path.exists():
        return
    for row in _read_tsv(path):
        country = row["country"]
        country_name = countries[country].name if country in countries else country
        target = Target("place", country, None, row["name"], country_name, f"place:{row['name']}")
        for form in {row["name"], *(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())}:
            add(form, target)


def load_sector_nouns(data_dir: Path) -> dict[str, SectorNoun]:
    nouns: dict[str, SectorNoun] = {}
    with (data_dir / "sector_nouns.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            phrase, sector, role = line.rstrip("\n").split("\t")
            nouns[phrase] = SectorNoun(phrase, None if sector == "-" else sector, role)
    return nouns


def _resolve_conflicts(raw: dict[str, list[Target]]) -> dict[str, list[Target]]:
    """Keep one actor per surface form, or none when the form is truly ambiguous."""
    terms: dict[str, list[Target]] = {}
    for form, targets in raw.items():
        best = min(ROLE_RANK[t.role] for t in targets)
        top = [t for t in targets if ROLE_RANK[t.role] == best]
        actors = {(t.country, t.sector, t.entity if t.role == "person" else None) for t in top}
        if len(actors) == 1:
            terms[form] = top[:1]
    return terms


def read_extension(path: Path) -> tuple[list[dict], list[dict]]:
    """A user gazetteer: JSONL lines in the countries.jsonl schema, each with an
    optional ``holders`` list of ``{name, aliases, office, start, end}``."""
    states, holders = [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ModelError(f"{path}: cannot read the gazetteer ({err})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            row.setdefault("country", row["id"])
            row.setdefault("sector", None)
            row.setdefault("name", row["id"])
            for holder in row.pop("holders", []):
                holders.append({"country": row["country"], "org": "", "office": holder["office"], "name": holder["name"],
                                "aliases": "|".join(holder.get("aliases", [])), "start": holder["start"], "end": holder.get("end") or ""})
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise ModelError(f"{path}:{number}: not a gazetteer entry ({type(err).__name__}: {err})") from None
        states.append(row)
    return states, holders


@lru_cache(maxsize=8)
def load(data_dir: Path = DATA_DIR, extensions: tuple[Path, ...] = ()) -> Gazetteer:
    """Load and index every gazetteer file under ``data_dir``, plus user
    extensions (e.g. invented states for examples and tests). Cached."""
    if not (data_dir / "countries.jsonl").exists():
        raise ModelError(f"gazetteer not found in {data_dir} (countries.jsonl is missing)")
    raw: dict[str, list[Target]] = defaultdict(list)

    def add(form: str, target: Target) -> None:
        form = form.strip()
        for variant in {form, form.replace("'", "\u2019")}:
            if variant and target not in raw[variant]:
                raw[variant].append(target)

    countries = load_countries(_read_jsonl(data_dir / "countries.jsonl"), add)
    extra_holders: list[dict] = []
    for path in extensions:
        rows, people = read_extension(Path(path))
        load_countries(rows, add, countries)
        extra_holders += people
    orgs = load_organisations(data_dir, add)
    holders = load_officeholders(data_dir, add, countries, orgs, extra_holders)
    load_places(data_dir, add, countries)
    terms = _resolve_conflicts(raw)
    normalised: dict[str, list[Target]] = {}
    for form, targets in terms.items():
        if targets[0].role in ("name", "adjective", "demonym", "capital", "org", "institution"):
            normalised.setdefault(normalise_key(form), targets)
    return Gazetteer(terms, load_sector_nouns(data_dir), countries, orgs, normalised, holders)
