"""The references knowledge base: bundled data, lookups, and the local store."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from communique.references.kb import (
    DATA_DIR,
    KnowledgeBase,
    KnowledgeBaseError,
    default_store,
    import_jsonl,
    resolution_key,
    words_match,
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    """The core data only (an empty store, whatever the user has imported)."""
    return KnowledgeBase.load(tmp_path_factory.mktemp("kb") / "absent.sqlite")


def read(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def count_rows(store: Path) -> int:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT count(*) FROM resolutions").fetchone()[0]


# -- the bundled data ----------------------------------------------------------------
def test_instruments_file_is_well_formed():
    rows = read("instruments.jsonl")
    assert len(rows) >= 60
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["id"]), r["id"]
        assert r["kind"] in {"treaty", "agreement", "declaration", "convention"}
        assert r["name"] and isinstance(r["aliases"], list)
        assert isinstance(r["year"], int)
        if r["date"] is not None:
            assert date.fromisoformat(r["date"]).year == r["year"], r["id"]
        assert all(re.fullmatch(r"[A-Z]{3}", p) for p in r["parties"]), r["id"]


def test_aliases_name_one_instrument_each():
    from communique.references.kb import normalise_name

    owner: dict[str, str] = {}
    for r in read("instruments.jsonl"):
        for name in [r["name"], *r["aliases"]]:
            key = normalise_name(name)
            assert owner.setdefault(key, r["id"]) == r["id"], f"{name!r} names {owner[key]} and {r['id']}"


@pytest.mark.parametrize("name, body", [("unsc_core.jsonl", "S"), ("unga_core.jsonl", "A")])
def test_resolution_files_are_well_formed(name, body):
    rows = read(name)
    assert len(rows) >= (50 if body == "S" else 10)
    for r in rows:
        if body == "S":
            assert r["symbol"] == f"S/RES/{r['number']}({r['year']})"
        else:
            assert r["symbol"] == f"A/RES/{r['number']}"
        assert date.fromisoformat(r["date"]).year == r["year"]
        assert r["subject"] and r["topics"]
        assert all(t == t.lower() for t in r["topics"])


def test_required_instruments_are_present(kb):
    for ident in ("un-charter", "udhr", "geneva-conventions-1949", "geneva-protocol-i-1977",
                  "vienna-convention-diplomatic-relations", "vienna-convention-law-of-treaties", "helsinki-final-act",
                  "budapest-memorandum", "minsk-protocol-2014", "minsk-ii-2015", "alma-ata-declaration",
                  "rome-statute", "genocide-convention", "convention-against-torture", "unclos", "npt", "cwc",
                  "ottawa-treaty", "paris-agreement", "dayton-agreement", "oslo-accords", "camp-david-accords",
                  "trilateral-statement-2020-11-10", "montevideo-convention", "treaty-of-kars", "treaty-of-moscow-1921"):
        assert kb.instrument(ident) is not None, ident


# -- lookups -------------------------------------------------------------------------
def test_resolution_by_number_or_symbol(kb):
    rec = kb.resolution(822)
    assert rec["year"] == 1993 and rec["date"] == "1993-04-30" and rec["symbol"] == "S/RES/822(1993)"
    assert kb.resolution("822") is rec
    assert kb.resolution("S/RES/822(1993)") is rec
    assert kb.resolution("S/RES/822 (1993)") is rec
    assert kb.resolution("68/262")["symbol"] == "A/RES/68/262"
    assert kb.resolution("A/RES/ES-11/1")["date"] == "2022-03-02"
    assert kb.resolution("181 (II)")["symbol"] == "A/RES/181(II)"
    assert kb.resolution(9999) is None
    assert kb.resolution("not a number") is None


@pytest.mark.parametrize(
    "value, key",
    [(822, ("S", "822")), ("S/RES/2334(2016)", ("S", "2334")), ("A/RES/68/262", ("A", "68/262")),
     ("ES-11/4", ("A", "ES-11/4")), ("3314 (XXIX)", ("A", "3314(XXIX)")), ("822(1993)", ("S", "822")),
     (0, None), ("", None), (True, None)],
)
def test_resolution_key(value, key):
    assert resolution_key(value) == key


def test_instrument_by_name_or_alias(kb):
    assert kb.instrument("Charter of the United Nations")["id"] == "un-charter"
    assert kb.instrument("UN Charter")["id"] == "un-charter"
    assert kb.instrument("the Charter")["id"] == "un-charter"
    assert kb.instrument("  charter of the  united nations ")["id"] == "un-charter"
    assert kb.instrument("Minsk II")["date"] == "2015-02-12"
    assert kb.instrument("Almaty Declaration")["id"] == "alma-ata-declaration"
    assert kb.instrument("Treaty of Sevres")["id"] == kb.instrument("Treaty of Sèvres")["id"] == "treaty-of-sevres"
    assert kb.instrument("Treaty of Ostravia") is None


def test_resolutions_matching_by_year_and_topic(kb):
    numbers = [r["number"] for r in kb.resolutions_matching(1993, {"armenia", "azerbaijan"}, "S")]
    assert numbers == [822, 853, 874, 884]
    # demonyms match the names they come from; the year narrows
    assert [r["number"] for r in kb.resolutions_matching(None, {"armenian"}, "S")] == [822, 853, 874, 884]
    assert kb.resolutions_matching(1994, {"armenia"}, "S") == []
    # best first: matching more of the words ranks higher; each result has its score
    found = kb.resolutions_matching(None, {"kalbajar", "armenia"}, "S")
    assert found[0]["number"] == 822 and found[0]["score"] == 2
    assert {r["number"] for r in found[1:]} == {853, 874, 884}
    assert [r["symbol"] for r in kb.resolutions_matching(2008, {"azerbaijan"}, "A")] == ["A/RES/62/243"]
    assert kb.resolutions_matching(None, {"ostravia"}, "S") == []
    assert kb.resolutions_matching(None, set(), "S") == []


@pytest.mark.parametrize(
    "word, keyword, same",
    [("armenian", "armenia", True), ("azerbaijani", "azerbaijan", True), ("palestinian", "palestine", True),
     ("israelis", "israel", True), ("ukrainian", "ukraine", True), ("iraq", "iraq", True),
     ("austria", "australia", False), ("iran", "iraq", False), ("niger", "nigeria", False), ("sudan", "south", False)],
)
def test_words_match(word, keyword, same):
    assert words_match(word, keyword) is same


# -- the store -----------------------------------------------------------------------
def test_default_store_path(monkeypatch, tmp_path):
    monkeypatch.setenv("COMMUNIQUE_KB", str(tmp_path / "mine.sqlite"))
    assert default_store() == tmp_path / "mine.sqlite"
    monkeypatch.delenv("COMMUNIQUE_KB")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_store() == tmp_path / ".local" / "share" / "communique" / "kb.sqlite"


def test_loading_does_not_create_a_store(tmp_path):
    store = tmp_path / "absent.sqlite"
    KnowledgeBase.load(store)
    assert not store.exists()


RECORDS = [
    {"number": 1001, "year": 1995, "date": "1995-06-30", "symbol": "S/RES/1001(1995)",
     "title": "Security Council resolution 1001 (1995) [on the situation in Ostravia]",
     "subject": "on the situation in Ostravia", "agenda": ["OSTRAVIA--VELMARIA"]},
    {"number": 1002, "year": 1995, "date": None, "symbol": "S/RES/1002(1995)", "title": "Security Council resolution 1002",
     "subject": "on the border between Ostravia and Velmaria"},
    {"number": 822, "year": 1993, "date": "1993-04-30", "symbol": "S/RES/822(1993)",
     "title": "Security Council resolution 822 (1993) [imported title]", "subject": "imported subject",
     "agenda": ["S/48 ARMENIA--AZERBAIJAN"]},
]


def test_import_into_a_store_and_load(tmp_path):
    source = write_jsonl(tmp_path / "res.jsonl", RECORDS[:1] + [""] + RECORDS[1:])  # a blank line is skipped
    store = tmp_path / "deep" / "folder" / "kb.sqlite"
    assert import_jsonl(source, store) == 3
    assert store.exists() and count_rows(store) == 3
    kb = KnowledgeBase.load(store)
    assert kb.resolution(1001)["date"] == "1995-06-30"
    assert kb.resolution(1002)["date"] is None
    assert [r["number"] for r in kb.resolutions_matching(1995, {"velmaria"}, "S")] == [1001, 1002]
    # a record the core also holds: curated fields kept, imported ones added
    merged = kb.resolution(822)
    assert merged["subject"].startswith("the conflict between Armenia and Azerbaijan")
    assert merged["title"] == "Security Council resolution 822 (1993) [imported title]"
    assert "kalbajar" in merged["topics"]
    assert kb.instrument("UN Charter") is not None  # the core data is still there


def test_reimport_is_idempotent(tmp_path):
    source = write_jsonl(tmp_path / "res.jsonl", RECORDS)
    store = tmp_path / "kb.sqlite"
    assert import_jsonl(source, store) == 3
    first = KnowledgeBase.load(store).resolutions()
    assert import_jsonl(source, store) == 3
    assert count_rows(store) == 3
    assert KnowledgeBase.load(store).resolutions() == first


def test_import_through_the_default_store(monkeypatch, tmp_path):
    monkeypatch.setenv("COMMUNIQUE_KB", str(tmp_path / "a" / "b" / "kb.sqlite"))
    kb = KnowledgeBase.load()
    assert kb.resolution(1001) is None
    assert kb.import_jsonl(write_jsonl(tmp_path / "res.jsonl", RECORDS)) == 3
    assert kb.resolution(1001)["year"] == 1995  # the loaded KB sees the import at once
    assert KnowledgeBase.load().resolution(1002) is not None


def test_import_instruments(tmp_path):
    source = write_jsonl(tmp_path / "inst.jsonl", [
        {"id": "ostravia-velmaria-border-treaty", "kind": "treaty", "name": "Treaty of Velmar",
         "aliases": ["Velmar Treaty"], "year": 2001, "date": "2001-02-03", "parties": []},
    ])
    store = tmp_path / "kb.sqlite"
    assert import_jsonl(source, store) == 1
    kb = KnowledgeBase.load(store)
    assert kb.instrument("Velmar Treaty")["id"] == "ostravia-velmaria-border-treaty"
    assert kb.instruments_on("2001-02-03")[0]["name"] == "Treaty of Velmar"


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ('{"number": 5, "year": 1946', "not valid JSON"),
        ('{"year": 1946}', "missing 'number'"),
        ('{"number": 5}', "'year'"),
        ('{"number": 5, "year": 1946, "date": "5 May 1946"}', "not an ISO date"),
        ('{"number": "five", "year": 1946}', "not a resolution number"),
        ('[1, 2]', "expected a JSON object"),
        ('{"id": "x", "kind": "pact", "name": "X"}', "'kind'"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, bad_line, message):
    source = write_jsonl(tmp_path / "bad.jsonl", [RECORDS[0], RECORDS[1], bad_line])
    store = tmp_path / "kb.sqlite"
    with pytest.raises(KnowledgeBaseError) as err:
        import_jsonl(source, store)
    assert f"{source}:3:" in str(err.value)
    assert message in str(err.value)
    assert not store.exists() or count_rows(store) == 0  # nothing written


def test_missing_file(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        import_jsonl(tmp_path / "nope.jsonl", tmp_path / "kb.sqlite")


def test_broken_store(tmp_path):
    store = tmp_path / "kb.sqlite"
    store.write_text("this is not sqlite")
    with pytest.raises(KnowledgeBaseError, match="kb.sqlite"):
        KnowledgeBase.load(store)


@pytest.mark.shared
def test_import_the_shared_resolution_index(shared, tmp_path):
    source = shared / "kb" / "unsc_resolutions.jsonl"
    if not source.is_file():
        pytest.skip(f"{source} is not present")
    lines = sum(1 for line in source.open(encoding="utf-8") if line.strip())
    store = tmp_path / "kb.sqlite"
    assert import_jsonl(source, store) == lines
    assert import_jsonl(source, store) == lines
    assert count_rows(store) == lines
    kb = KnowledgeBase.load(store)
    assert kb.resolution(853)["date"] == "1993-07-29"
    assert kb.resolution(1)["symbol"] == "S/RES/1(1946)"
    # the larger list also knows the admissions of Armenia and Azerbaijan; the
    # conflict resolutions still rank first
    ranked = kb.resolutions_matching(None, {"armenia", "azerbaijan"}, "S")
    assert [r["number"] for r in ranked[:4]] == [822, 853, 874, 884]
