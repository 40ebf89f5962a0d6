"""Each kind of actor mention the foundation promises, pinned on sentences we wrote."""

from __future__ import annotations

import pytest

from tests.conftest import codes


def resolve(pipeline, text, **kw):
    return codes(pipeline.analyze(text, **kw))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Republic of Moldova signed the agreement.", ("Republic of Moldova", "MDA")),
        ("Moldova signed the agreement.", ("Moldova", "MDA")),
        ("The Russian Federation vetoed the draft.", ("Russian Federation", "RUS")),
        ("Talks with the United Kingdom of Great Britain and Northern Ireland resumed.",
         ("United Kingdom of Great Britain and Northern Ireland", "GBR")),
        ("The delegation met Moldovans living abroad.", ("Moldovans", "MDA CVL")),
        ("The Georgian side did not reply.", ("Georgian side", "GEO GOV")),
        ("Moscow said the talks had failed.", ("Moscow", "RUS GOV")),
        ("Moscow's position has not changed.", ("Moscow", "RUS GOV")),
    ],
)
def test_states_adjectives_demonyms_capitals(pipeline, text, expected):
    assert expected in resolve(pipeline, text)


def test_capital_as_a_place_is_not_the_government(pipeline):
    result = pipeline.analyze("The conference was held in Tbilisi last week.")
    [mention] = result.mentions
    assert (mention.text, mention.kind, mention.actor.code) == ("Tbilisi", "place", "GEO")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Ministry of Foreign Affairs of Georgia issued a statement.", ("Ministry of Foreign Affairs of Georgia", "GEO GOV")),
        ("The Georgian Foreign Ministry issued a statement.", ("Georgian Foreign Ministry", "GEO GOV")),
        ("Georgia's Foreign Ministry issued a statement.", ("Georgia's Foreign Ministry", "GEO GOV")),
        ("The President of Azerbaijan spoke first.", ("President of Azerbaijan", "AZE GOV")),
        ("The Armenian Prime Minister spoke first.", ("Armenian Prime Minister", "ARM GOV")),
        ("The Parliament of Ukraine adopted the law.", ("Parliament of Ukraine", "UKR LEG")),
        ("The Verkhovna Rada adopted the law.", ("Verkhovna Rada", "UKR LEG")),
        ("The Armenian armed forces shelled the village.", ("Armenian armed forces", "ARM MIL")),
        ("The Constitutional Court of Moldova ruled on Friday.", ("Constitutional Court of Moldova", "MDA JUD")),
        ("The Embassy of Japan hosted a reception.", ("Embassy of Japan", "JPN GOV")),
        ("The Kremlin rejected the proposal.", ("Kremlin", "RUS GOV")),
    ],
)
def test_offices_and_institutions(pipeline, text, expected):
    assert expected in resolve(pipeline, text)


def test_office_holders_resolve_by_tenure(pipeline):
    during = resolve(pipeline, "Sergey Lavrov met his counterpart.", date="2023-05-30")
    assert ("Sergey Lavrov", "RUS GOV") in during
    # a former holder is PLOVER's ELI (former officials) after the tenure ends
    after = resolve(pipeline, "Boris Johnson gave a speech.", date="2024-01-10")
    assert ("Boris Johnson", "GBR ELI") in after
    before = resolve(pipeline, "Boris Johnson gave a speech.", date="2020-01-10")
    assert ("Boris Johnson", "GBR GOV") in before


def test_title_and_surname_resolve_through_the_holder_in_office(pipeline):
    result = resolve(pipeline, "Prime Minister Kishida welcomed the guests.", date="2023-12-16")
    assert ("Prime Minister Kishida", "JPN GOV") in result


def test_international_organisations(pipeline):
    result = resolve(pipeline, "The UN Security Council, the OSCE Minsk Group, the European Union and NATO met.")
    found = dict(result)
    assert found.get("UN Security Council") == "UNO"
    assert found.get("OSCE Minsk Group") == "IGO"
    assert found.get("European Union") == "EUR"
    assert found.get("NATO") == "IGO"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shelling was reported in Lachin district.", ("Lachin", "AZE")),
        ("The situation in Crimea remains tense.", ("Crimea", "UKR")),
        ("Aid reached Gaza on Monday.", ("Gaza", "PSE")),
        ("Fighting continued near Kharkiv.", ("Kharkiv", "UKR")),
    ],
)
def test_places_resolve_to_the_state_they_lie_in(pipeline, text, expected):
    assert expected in resolve(pipeline, text)


def test_partially_recognised_entities_keep_the_claimant_and_pre(pipeline):
    result = resolve(pipeline, "The de facto authorities of Abkhazia and Transnistria held a meeting.")
    assert ("Transnistria", "MDA PRE") in result
    assert any(code == "GEO PRE" for _text, code in result)


def test_issuer_relative_mentions(pipeline):
    text = ("We reject the claims. Our country will not accept them. Our side has informed "
            "the mediators, and this Ministry will publish the documents.")
    result = resolve(pipeline, text, issuer="AZE GOV")
    assert ("We", "AZE GOV") in result
    assert ("Our country", "AZE GOV") in result
    assert ("Our side", "AZE GOV") in result
    assert ("this Ministry", "AZE GOV") in result
    assert resolve(pipeline, text) == []  # no issuer, nothing to resolve "we" to


def test_inclusive_we_is_not_the_issuer(pipeline):
    result = resolve(pipeline, "Let us be clear. As we all know, our two countries share a border.", issuer="SGP GOV")
    assert result == []


def test_gazetteer_beats_the_statistical_ner(pipeline):
    # spaCy's small model tags these as PERSON; the gazetteer knows better
    text = "The shelling of Fuzuli district and the Syunik region continued."
    doc_ents = {e.text: e.label_ for e in pipeline.nlp(text).ents}
    result = dict(resolve(pipeline, text))
    assert result.get("Fuzuli") == "AZE"
    assert result.get("Syunik") == "ARM"
    assert doc_ents  # the NER did tag something; the gazetteer decided


def test_language_and_ethnic_uses_are_not_actors(pipeline):
    assert resolve(pipeline, "The Russian language is taught in schools.") == []
    assert resolve(pipeline, "Ethnic Russians live in the region.") == []


def test_ambiguous_names_need_support(pipeline):
    assert resolve(pipeline, "Chad Smith and Jordan Peterson spoke at the event.") == []
    assert ("Jordan", "JOR") in resolve(pipeline, "Jordan and Egypt signed the agreement.")


def test_every_offset_slices_back(pipeline, fictional):
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "ostravia-rejects.txt").read_text(encoding="utf-8")
    for pl, kw in ((fictional, {"issuer": "XOS GOV"}), (pipeline, {})):
        result = pl.analyze(text, **kw)
        for m in result.mentions:
            assert result.statement.text[m.start:m.end] == m.text == m.actor.text
        for s in result.sentences:
            assert 0 <= s.start < s.end <= len(result.statement.text)


def test_abbreviations_defined_in_brackets_recur(pipeline):
    result = resolve(pipeline, "The Georgian Ministry of Internal Affairs (MIA) said the MIA had detained two men.")
    assert result.count(("MIA", "GEO COP")) == 2


def test_the_issuers_own_unnamed_ministries(pipeline):
    text = "The Ministry of Health will publish the figures. This allows MFA to reach out to travellers."
    result = resolve(pipeline, text, issuer="SGP GOV")
    assert ("Ministry of Health", "SGP GOV") in result and ("MFA", "SGP GOV") in result
    # a ministry of another state is not the issuer's
    assert ("Ministry of Foreign Affairs of Japan", "JPN GOV") in resolve(
        pipeline, "The Ministry of Foreign Affairs of Japan replied.", issuer="SGP GOV")


def test_host_state_in_a_diplomatic_title_is_not_the_envoy(pipeline):
    result = resolve(pipeline, "She served as Ambassador to the Kingdom of Thailand.", issuer="SGP GOV")
    assert ("Kingdom of Thailand", "THA") not in result


def test_venues_in_the_names_of_instruments_are_not_actors(pipeline):
    assert resolve(pipeline, "The Helsinki Final Act and the Minsk agreements were cited.") == []


def test_an_abbreviation_the_text_defines_is_read_as_defined(pipeline):
    text = "The Municipal Association of Podgorica (AKK) met on Monday. AKK said the talks failed."
    assert "DEU" not in {m.actor.country for m in pipeline.analyze(text, date="2020-05-05").mentions}
    alone = pipeline.analyze("AKK visited the troops on 3 May 2020.", date="2020-05-05")
    assert [m.actor.code for m in alone.mentions] == ["DEU GOV"]  # the gazetteer's reading, undefined in the text
    defined = pipeline.analyze("The United Nations (UN) sent observers. The UN said the talks failed.")
    assert [m.actor.country for m in defined.mentions] == ["UNO", "UNO", "UNO"]
