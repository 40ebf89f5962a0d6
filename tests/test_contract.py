"""The communique/1 output contract: shape, schema, and the Python API."""

from __future__ import annotations

import json

import jsonschema

import communique
from communique.contract import json_schema

LISTS = ("sentences", "mentions", "events", "claims", "quantities", "dates", "references", "techniques", "stance", "warnings")


def test_output_validates_against_the_published_schema(pipeline):
    result = pipeline.analyze("We reject the statement of the Armenian Foreign Ministry.", issuer="AZE GOV", date="2023-05-30")
    data = result.to_dict()
    jsonschema.validate(data, json_schema())
    assert data["schema"] == "communique/1"
    assert list(data) == ["schema", "statement", *LISTS]
    for key in LISTS:
        assert isinstance(data[key], list)


def test_statement_metadata(pipeline):
    result = pipeline.analyze("Georgia welcomed the decision.", issuer="GEO", date="2024-01-02", title="T", id="abc")
    st = result.statement
    assert (st.id, st.title, st.date, st.language, st.source) == ("abc", "T", "2024-01-02", "en", None)
    assert st.issuer.code == "GEO" and st.issuer.name == "Georgia"


def test_id_defaults_to_a_hash_of_the_text(pipeline):
    a = pipeline.analyze("Georgia welcomed the decision.")
    b = pipeline.analyze("Georgia welcomed the decision.")
    assert a.statement.id == b.statement.id and len(a.statement.id) == 16


def test_actor_code_is_country_and_sector(pipeline):
    for m in pipeline.analyze("The Georgian Foreign Ministry and Georgia and the Georgian army.").mentions:
        assert m.actor.code == " ".join(x for x in (m.actor.country, m.actor.sector) if x)


def test_module_level_api_and_streaming(pipeline):
    result = communique.analyze("Moldova and Romania signed a treaty.", issuer="MDA", date="2023-01-01")
    assert {m.actor.country for m in result.mentions} >= {"MDA", "ROU"}
    out = list(communique.analyze_many(["Moldova spoke.", {"text": "", "id": "bad"}, {"text": "Romania spoke.", "id": "r"}]))
    assert isinstance(out[1], communique.InputError)
    assert out[2].statement.id == "r" and out[2].mentions[0].actor.code == "ROU"


def test_analyze_many_in_two_processes_matches_one(pipeline):
    texts = [f"Statement {i}: the Georgian side met the Armenian Foreign Minister." for i in range(6)]
    one = [a.to_dict() for a in pipeline.analyze_many(texts, n_process=1)]
    two = [a.to_dict() for a in pipeline.analyze_many(texts, n_process=2, batch_size=2)]
    assert one == two


def test_schema_command_prints_json_schema(run_cli):
    proc = run_cli("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "communique/1 analysis" and "mentions" in schema["properties"]


def test_schema_declares_the_rhetoric_fields():
    defs = json_schema()["$defs"]
    technique, stance = defs["Technique"]["properties"], defs["Stance"]["properties"]
    assert {"start", "end", "text", "technique", "confidence", "explanation", "sentence", "target", "via"} <= set(technique)
    assert {"actor", "name", "score", "sentences"} <= set(stance)
    assert stance["score"]["minimum"] == -1 and stance["score"]["maximum"] == 1
