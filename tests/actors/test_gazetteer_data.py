"""The bundled gazetteer files are well formed and cover what the product promises."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date

from communique.actors.codes import NON_STATE, SECTORS
from communique.actors.gazetteer import DATA_DIR, load

OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "org_head"}


def rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def tsv(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_countries_cover_un_members_observers_and_partial_states():
    countries = rows("countries.jsonl")
    kinds = Counter(r["kind"] for r in countries)
    assert kinds["state"] == 193 and kinds["observer"] == 2
    ids = [r["id"] for r in countries]
    assert len(ids) == len(set(ids))
    assert {"KOS", "TWN", "ABKHAZIA", "TRANSNISTRIA", "NAGORNO_KARABAKH"} <= set(ids)
    for r in countries:
        assert len(r["country"]) == 3 and r["country"].isupper()
        assert r["sector"] in (None, "PRE")
        assert r["name"] and all(f and not f.lower().startswith("the ") or f == "The Hague"
                                 for f in r.get("names", []) + r.get("capitals", []))
        for _form, sector in r.get("institutions", []):
            assert sector in SECTORS


def test_office_holders_have_valid_codes_offices_and_tenures():
    states = {r["country"] for r in rows("countries.jsonl")}
    holders = [r for name in ("a", "b", "c", "d", "e") for r in tsv(f"officeholders_{name}.tsv")]
    assert len(holders) > 1400
    for r in holders:
        assert r["country"] in states or r["country"] in NON_STATE, r
        assert r["office"] in OFFICES, r
        start = date.fromisoformat(r["start"])
        if r["end"]:
            assert start <= date.fromisoformat(r["end"]), r
    covered = {r["country"] for r in holders}
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
    regions = "ARM AZE GEO UKR BLR MDA KAZ KGZ TJK TKM UZB ISR IRN IRQ SYR JOR LBN EGY".split()
    assert set(g20 + regions) <= covered


def test_organisations_and_places_use_plover_and_iso_codes():
    states = {r["country"] for r in rows("countries.jsonl")}
    for r in rows("organisations.jsonl"):
        assert r["code"] in NON_STATE and (r.get("sector") is None or r["sector"] in SECTORS), r
    for r in tsv("places.tsv"):
        assert r["country"] in states, r


def test_every_surface_form_resolves_to_one_actor():
    gaz = load()
    assert len(gaz.terms) > 8000
    for form, targets in gaz.terms.items():
        assert len(targets) == 1, form
