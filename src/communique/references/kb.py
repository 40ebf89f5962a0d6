"""The references knowledge base: UN resolutions and international instruments.

Two layers, merged by :meth:`KnowledgeBase.load`:

* the core set bundled in ``references/data`` (written by the project from
  public facts; see its README): ``instruments.jsonl``, ``unsc_core.jsonl`` and
  ``unga_core.jsonl``;
* a local SQLite store that :meth:`KnowledgeBase.import_jsonl` fills from a
  larger list (e.g. the full index of Security Council resolutions). Its path
  is ``$COMMUNIQUE_KB`` when set, else ``~/.local/share/communique/kb.sqlite``.

Resolutions are keyed by body (``"S"`` Security Council, ``"A"`` General
Assembly) and number: an int-like string for the Council ("822"), the session
form for the Assembly ("68/262", "ES-11/1", "181(II)").
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from communique.errors import CommuniqueError

DATA_DIR = Path(str(resources.files("communique.references") / "data"))
CORE_FILES = {"instruments": "instruments.jsonl", "S": "unsc_core.jsonl", "A": "unga_core.jsonl"}

Body = Literal["S", "A"]

INSTRUMENT_KINDS = {"treaty", "agreement", "declaration", "convention"}

# Words too common in resolution subjects to say what a resolution is about.
_STOP = {
    "the", "and", "for", "with", "from", "into", "its", "their", "all", "any", "other", "others", "this", "that",
    "these", "those", "which", "who", "whom", "between", "within", "around", "about", "against", "under", "over",
    "after", "before", "during", "including", "concerning", "regarding", "relating", "related", "also", "known",
    "security", "council", "resolution", "resolutions", "general", "assembly", "united", "nations", "nation",
    "situation", "question", "matter", "measures", "measure", "establishment", "extension", "mandate", "period",
    "until", "implementation", "report", "reports", "secretary", "secretary-general", "committee", "member",
    "members", "states", "state", "republic", "democratic", "people", "peoples", "people's", "federal", "islamic",
    "kingdom", "arab", "government", "international", "peace", "order", "force", "forces", "mission", "office",
    "interim", "conflict", "conflicts", "settlement", "political", "independence", "territorial", "integrity",
    "sovereignty", "withdrawal", "cease-fire", "ceasefire", "threats", "threat", "acts", "act", "action",
    "further", "new", "recent", "recently", "area", "areas", "region", "regional", "district", "territory",
    "territories", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "admission", "membership", "application", "decision", "monitoring", "restoration", "maintenance", "support",
    "assistance", "cooperation", "status", "rights", "human", "protection", "civilians", "civilian", "use",
    "adoption", "statute", "agenda", "letter", "letters", "dated", "addressed", "identical", "permanent",
    "representative", "president", "conditions", "items", "item", "complaint", "complaints", "relations",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}

_ROMAN = re.compile(r"^[IVXL]+$")
_DEMONYM_TAILS = ("n", "an", "ian", "i", "ese", "s", "ns", "ians", "is", "ans")


class KnowledgeBaseError(CommuniqueError):
    """A knowledge-base file or store that cannot be read."""


def default_store() -> Path:
    """Where the local store lives: ``$COMMUNIQUE_KB`` or ``~/.local/share/communique/kb.sqlite``."""
    env = os.environ.get("COMMUNIQUE_KB")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "communique" / "kb.sqlite"


# -- normalisation ---------------------------------------------------------------
def normalise_name(text: str) -> str:
    """A lookup key for an instrument name: case-folded, accents, dashes and
    apostrophes unified, one space, no leading article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019\u02bc`]", "'", text)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"^the ", "", text)


def resolution_key(number: int | str, body: Body | None = None) -> tuple[Body, str] | None:
    """``(body, number)`` for a number or symbol: 822 -> ("S", "822"),
    "68/262" -> ("A", "68/262"), "S/RES/822(1993)" -> ("S", "822"),
    "A/RES/ES-11/1" -> ("A", "ES-11/1"), "181 (II)" -> ("A", "181(II)")."""
    if isinstance(number, bool):
        return None
    if isinstance(number, int):
        return (body or "S", str(number)) if number > 0 else None
    text = re.sub(r"\s+", "", str(number)).upper()
    m = re.fullmatch(r"S/RES/(\d+)(?:\(\d{4}\))?", text)
    if m:
        return ("S", str(int(m.group(1))))
    m = re.fullmatch(r"A/RES/(.+)", text)
    if m:
        text, body = m.group(1), "A"
    m = re.fullmatch(r"(\d+)\((\d{4})\)", text)
    if m:  # "822(1993)": a year in brackets
        return (body or "S", str(int(m.group(1))))
    m = re.fullmatch(r"(\d+)\(([IVXL]+)\)", text)
    if m:  # "181(II)": an old General Assembly number with its session
        return ("A", f"{int(m.group(1))}({m.group(2)})")
    m = re.fullmatch(r"(ES-\d+/\d+|\d+/\d+)", text)
    if m:
        return ("A", m.group(1))
    if text.isdigit() and int(text) > 0:
        return (body or "S", str(int(text)))
    return None


def symbol_for(body: Body, number: str, year: int | None = None) -> str:
    """The UN document symbol: S/RES/822(1993), S/RES/822 (year unknown), A/RES/68/262."""
    if body == "A":
        return f"A/RES/{number}"
    return f"S/RES/{number}({year})" if year else f"S/RES/{number}"


def words_match(word: str, keyword: str) -> bool:
    """Whether a word from a text names the same thing as a topic keyword:
    equal, or the same name with a demonym ending ("armenian" ~ "armenia",
    "palestinian" ~ "palestine", "azerbaijani" ~ "azerbaijan")."""
    if word == keyword:
        return True
    short, long_ = sorted((word, keyword), key=len)
    if len(short) < 4:
        return False
    if long_.startswith(short) and long_[len(short):] in _DEMONYM_TAILS:
        return True
    if short[-1] in "ea" and long_.startswith(short[:-1]) and long_[len(short) - 1:] in ("ian", "ians", "ese", "an"):
        return True
    return False


def _tokens(text: str) -> set[str]:
    """Lower-case content words of a subject or agenda line (hyphenated names
    also give their parts: 'nagorno-karabakh' -> 'nagorno', 'karabakh')."""
    found: set[str] = set()
    for raw in re.findall(r"[A-Za-zÀ-ž][A-Za-zÀ-ž'’\-]*", text):
        word = normalise_name(raw).strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        parts = [word] + [p for p in word.split("-") if p] if "-" in word else [word]
        for part in parts:
            if len(part) >= 3 and part not in _STOP:
                found.add(part)
    return found


# -- validation ------------------------------------------------------------------
def _check_date(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KnowledgeBaseError(f"{where}: 'date' must be an ISO date string or null")
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise KnowledgeBaseError(f"{where}: 'date' {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(f"{where}: {key!r} must be a list of strings")
    return list(value)


def validate_resolution(raw: Any, where: str, body: Body | None = None) -> dict:
    """A resolution record, checked and normalised (adds ``body``, ``symbol``)."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{where}: expected a JSON object")
    if "number" not in raw:
        raise KnowledgeBaseError(f"{where}: missing 'number'")
    symbol = raw.get("symbol")
    if symbol is not None and not isinstance(symbol, str):
        raise KnowledgeBaseError(f"{where}: 'symbol' must be a string")
    guess = body or raw.get("body")
    if isinstance(symbol, str) and symbol.upper().startswith("A/RES"):
        guess = "A"
    key = resolution_key(raw["number"], guess if guess in ("S", "A") else None)
    if key is None:
        raise KnowledgeBaseError(f"{where}: 'number' {raw['number']!r} is not a resolution number")
    year = raw.get("year")
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not 1945 <= year <= 2200:
        raise KnowledgeBaseError(f"{where}: 'year' must be a year (an integer from 1945)")
    record = dict(raw)
    record["body"], record["number"] = key
    if key[0] == "S":
        record["number"] = int(key[1])
    record["year"] = year
    record["date"] = _check_date(raw.get("date"), where)
    record["symbol"] = symbol or symbol_for(key[0], key[1], year)
    for field in ("title", "subject"):
        if record.get(field) is not None and not isinstance(record[field], str):
            raise KnowledgeBaseError(f"{where}: {field!r} must be a string")
    record["topics"] = [t.lower() for t in _str_list(raw.get("topics"), "topics", where)]
    record["agenda"] = _str_list(raw.get("agenda"), "agenda", where)
    return record


def validate_instrument(raw: Any, where: str) -> dict:
    """An instrument record, checked and normalised."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{where}: expected a JSON object")
    for key in ("id", "name"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise KnowledgeBaseError(f"{where}: missing {key!r}")
    if raw.get("kind") not in INSTRUMENT_KINDS:
        raise KnowledgeBaseError(f"{where}: 'kind' must be one of {sorted(INSTRUMENT_KINDS)}")
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise KnowledgeBaseError(f"{where}: 'year' must be an integer or null")
    record = dict(raw)
    record["aliases"] = _str_list(raw.get("aliases"), "aliases", where)
    record["parties"] = _str_list(raw.get("parties"), "parties", where)
    record["date"] = _check_date(raw.get("date"), where)
    return record


def _read_jsonl(path: Path) -> Iterator[tuple[str, Any]]:
    """``(where, parsed)`` for each non-blank line; bad JSON raises with file and line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise KnowledgeBaseError(f"{path}: cannot read ({err.strerror or err})") from None
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as err:
                raise KnowledgeBaseError(f"{where}: not valid JSON ({err.msg})") from None


# -- the store -------------------------------------------------------------------
_SCHEMA = """
CREATE TABLE IF NOT EXISTS resolutions (
    body TEXT NOT NULL, number TEXT NOT NULL, year INTEGER, record TEXT NOT NULL,
    PRIMARY KEY (body, number));
CREATE TABLE IF NOT EXISTS instruments (id TEXT PRIMARY KEY, record TEXT NOT NULL);
"""


def _connect(store: Path, create: bool) -> sqlite3.Connection | None:
    if not store.exists():
        if not create:
            return None
        store.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(store)
        conn.executescript(_SCHEMA)
    except sqlite3.Error as err:
        raise KnowledgeBaseError(f"{store}: not a usable knowledge-base store ({err})") from None
    return conn


def import_jsonl(path: str | os.PathLike, store: str | os.PathLike | None = None) -> int:
    """Import a JSONL file into the SQLite store and return how many records it held.

    Resolution records (``number``, ``year``, optional ``date``, ``symbol``,
    ``title``, ``subject``, ``agenda``, ``topics``, ...) and instrument records
    (``id``, ``kind``, ``name``, ``aliases``, ...) are both accepted. A record
    replaces the stored one with the same key, so re-importing is idempotent.
    Every line is checked before anything is written; a bad line raises
    :class:`KnowledgeBaseError` naming the file and line.
    """
    path = Path(path)
    rows_s: list[tuple[str, str, int, str]] = []
    rows_i: list[tuple[str, str]] = []
    for where, raw in _read_jsonl(path):
        if isinstance(raw, dict) and "number" not in raw and "id" in raw:
            rec = validate_instrument(raw, where)
            rows_i.append((rec["id"], json.dumps(rec, ensure_ascii=False)))
        else:
            rec = validate_resolution(raw, where)
            rows_s.append((rec["body"], str(rec["number"]), rec["year"], json.dumps(rec, ensure_ascii=False)))
    target = Path(store) if store is not None else default_store()
    conn = _connect(target, create=True)
    assert conn is not None
    try:
        with conn:
            conn.executemany("INSERT OR REPLACE INTO resolutions VALUES (?, ?, ?, ?)", rows_s)
            conn.executemany("INSERT OR REPLACE INTO instruments VALUES (?, ?)", rows_i)
    except sqlite3.Error as err:
        raise KnowledgeBaseError(f"{target}: cannot write the store ({err})") from None
    finally:
        conn.close()
    return len(rows_s) + len(rows_i)


# -- the knowledge base ----------------------------------------------------------
class KnowledgeBase:
    """UN resolutions and named instruments, looked up by number, name or topic."""

    def __init__(self, resolutions: Iterable[dict] = (), instruments: Iterable[dict] = (), store: Path | None = None):
        self.store = store
        self._resolutions: dict[tuple[str, str], dict] = {}
        self._keywords: dict[tuple[str, str], set[str]] = {}
        self._instruments: dict[str, dict] = {}
        self._names: dict[str, str] = {}
        self.cache: dict[str, Any] = {}
        """Derived lookups (e.g. compiled patterns) that users of the KB may keep here."""
        for rec in resolutions:
            self.add_resolution(rec)
        for rec in instruments:
            self.add_instrument(rec)

    # -- building -----------------------------------------------------------------
    @classmethod
    def load(cls, store: str | os.PathLike | None = None) -> KnowledgeBase:
        """The core data plus whatever was imported into the store
        (``store`` or :func:`default_store`; a missing store is not created)."""
        kb = cls(store=Path(store) if store is not None else default_store())
        for body in ("S", "A"):
            for where, raw in _read_jsonl(DATA_DIR / CORE_FILES[body]):
                kb.add_resolution(validate_resolution(raw, where, body))  # type: ignore[arg-type]
        for where, raw in _read_jsonl(DATA_DIR / CORE_FILES["instruments"]):
            kb.add_instrument(validate_instrument(raw, where))
        kb._load_store(kb.store)
        return kb

    def _load_store(self, store: Path | None) -> None:
        conn = _connect(store, create=False) if store is not None else None
        if conn is None:
            return
        try:
            for (text,) in conn.execute("SELECT record FROM resolutions"):
                self.add_resolution(json.loads(text))
            for (text,) in conn.execute("SELECT record FROM instruments"):
                self.add_instrument(json.loads(text))
        except (sqlite3.Error, json.JSONDecodeError) as err:
            raise KnowledgeBaseError(f"{store}: cannot read the store ({err})") from None
        finally:
            conn.close()

    def add_resolution(self, record: dict) -> None:
        """Add or merge one (validated) resolution record. Curated fields
        (topics, subject) are kept; an imported record fills in the rest."""
        key = (record["body"], str(record["number"]))
        old = self._resolutions.get(key)
        merged = dict(record)
        if old is not None:
            merged = {**record, **{k: v for k, v in old.items() if v not in (None, "", [])}}
            merged["topics"] = sorted(set(old.get("topics") or []) | set(record.get("topics") or []))
            for k in ("title", "agenda", "meeting"):
                if record.get(k):
                    merged[k] = record[k]
        self._resolutions[key] = merged
        text = " ".join([merged.get("subject") or "", _strip_title(merged.get("title") or "")] + merged.get("agenda", []))
        keywords = _tokens(text)
        for topic in merged.get("topics", []):
            keywords.add(topic)
            keywords |= _tokens(topic)
        self._keywords[key] = keywords

    def add_instrument(self, record: dict) -> None:
        """Add one (validated) instrument record; its names and aliases become lookup keys."""
        self._instruments[record["id"]] = record
        self.cache.clear()
        for name in [record["name"], *record.get("aliases", [])]:
            self._names.setdefault(normalise_name(name), record["id"])
        self._names.setdefault(normalise_name(record["id"]), record["id"])

    def import_jsonl(self, path: str | os.PathLike, store: str | os.PathLike | None = None) -> int:
        """Import a JSONL file into the store (see :func:`import_jsonl`) and into this KB."""
        target = Path(store) if store is not None else (self.store or default_store())
        count = import_jsonl(path, target)
        self._load_store(target)
        return count

    # -- lookups ------------------------------------------------------------------
    def resolution(self, number: int | str, body: Body | None = None) -> dict | None:
        """A resolution by number or symbol (822, "822", "S/RES/822(1993)", "68/262")."""
        key = resolution_key(number, body)
        return self._resolutions.get(key) if key else None

    def resolutions(self, body: Body | None = None) -> list[dict]:
        """All resolutions (of one body), in number order."""
        return [r for (b, _), r in sorted(self._resolutions.items(), key=lambda kv: _order(kv[0])) if body in (None, b)]

    def resolutions_matching(self, year: int | None, words: set[str], body: Body = "S") -> list[dict]:
        """Resolutions of ``body`` (and ``year``, when given) whose topics match
        any of ``words`` (lower-case names from a text, e.g. {"armenia", "azerbaijan"}).

        Sorted best first: by how many of the words they match, then by
        number; each result is a copy with ``score`` (that count) added.
        """
        words = {w.lower() for w in words if w}
        found: list[tuple[int, tuple[str, str], dict]] = []
        for key, rec in self._resolutions.items():
            if key[0] != body or (year is not None and rec.get("year") != year):
                continue
            keywords = self._keywords[key]
            score = sum(1 for w in words if any(words_match(w, k) for k in keywords))
            if score:
                found.append((score, key, rec))
        found.sort(key=lambda t: (-t[0], _order(t[1])))
        return [{**rec, "score": score} for score, _, rec in found]

    def resolutions_on(self, day: str, body: Body = "S") -> list[dict]:
        """Resolutions of ``body`` adopted on ``day`` (an ISO date), in number order."""
        return [r for r in self.resolutions(body) if r.get("date") == day]

    def instrument(self, name_or_alias: str) -> dict | None:
        """An instrument by id, name or alias (case, accents and a leading 'the' ignored)."""
        ident = self._names.get(normalise_name(name_or_alias))
        return self._instruments.get(ident) if ident else None

    def instruments(self) -> list[dict]:
        """All instruments, in id order."""
        return [self._instruments[k] for k in sorted(self._instruments)]

    def instruments_on(self, day: str) -> list[dict]:
        """Instruments dated ``day`` (an ISO date)."""
        return [r for r in self.instruments() if r.get("date") == day]

    def aliases(self) -> list[tuple[str, str]]:
        """``(surface form, instrument id)`` for every name and alias."""
        out = []
        for rec in self.instruments():
            for name in [rec["name"], *rec.get("aliases", [])]:
                out.append((name, rec["id"]))
        return out

    def __len__(self) -> int:
        return len(self._resolutions) + len(self._instruments)


def _strip_title(title: str) -> str:
    """The subject part of a title like 'Security Council resolution 822 (1993) [on ...]'."""
    m = re.search(r"\[(.*)\]", title)
    return m.group(1) if m else title


def _order(key: tuple[str, str]) -> tuple:
    body, number = key
    nums = [int(n) for n in re.findall(r"\d+", number)]
    return (body, nums, number)
