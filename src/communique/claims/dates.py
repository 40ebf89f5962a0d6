"""Dates and durations: every point in time and every stretch of time a statement names.

``find_dates(doc, reference)`` returns :class:`~communique.contract.DateExpression`
objects, sorted by start and non-overlapping. Regular expressions decide; spaCy
DATE entities are candidates too, but one is kept (with ``value`` None) only when
no regex matched inside it and it names a unit of time ("recent years", "the end
of the week").

Conventions
-----------
* ``value`` is ISO 8601 at the precision the text gives: "YYYY-MM-DD", "YYYY-MM",
  "YYYY", the ISO week "YYYY-Www" for weeks ("last week", "two weeks ago"), the
  decade "199" for "the 1990s" (and "the '90s") and the century "19" for "the
  20th century" (ISO 8601-2 reduced precision).
* Numeric dates are read day first, the European convention of diplomatic texts:
  "05.03.2019" and "5/3/2019" are 5 March 2019; "3/15/2019" (a month above 12
  in second place) is read month first. "2019-03-05" is ISO.
* Points are reported without their preposition: "in 1993" -> "1993", "on 12
  April" -> "12 April". A weekday before a date belongs to it ("Friday, 5 March 2019").
* Ranges give both ends: "from 12 to 13 December 2022" -> "12" (2022-12-12) and
  "13 December 2022"; "from 29 December to 2 January 2023" -> "29 December"
  (2022-12-29) and "2 January 2023". "May last year" -> "YYYY-05" of the year before.
* Partial dates ("12 April", "in May") take the year of ``reference`` (the
  statement's date), unless the date would then lie more than 61 days after the
  reference, in which case the previous year.
* Relative dates against ``reference``: "today", "yesterday", "tomorrow", "last
  night"; "last Tuesday" is the most recent Tuesday strictly before the
  reference, "next Tuesday" the first strictly after, "this Tuesday" the Tuesday
  of the reference's ISO week; a bare "on Tuesday" is the last Tuesday before the
  reference, or the next one after it when its verb has "will"/"shall". "last
  week"/"this week"/"next week" -> ISO week; "last month" -> "YYYY-MM"; "last
  year" -> "YYYY"; "two days ago" -> date, "two weeks ago" -> ISO week, "two
  months ago" -> "YYYY-MM", "two years ago" / "a decade ago" -> "YYYY".
  Without a reference all of these keep their span with ``value`` None.
* Durations set ``duration`` (ISO 8601: "P30Y", "P18M", "P2W", "P3D", "PT48H")
  and leave ``value`` None: "for three decades" (the span includes "for",
  "over", "during", "within", "throughout", and "in"/"the" + "past"/"last"/"next"),
  "over the past 30 years", "the past year" (P1Y), "a decade" (P10Y), "half a
  century" (P50Y), "two and a half years" (P2.5Y), "a 30-year occupation"
  ("30-year"). Approximators are dropped from the value ("for more than two
  years" -> P2Y), and a range keeps its lower bound ("three to four days" -> P3D).
  Vague counts ("for several years") give ``duration`` None. Rates are not
  durations ("twice a year", "three flights a week"). "two years later" is
  reported with neither value nor duration (its anchor is not the statement).
* "the last year" / "the past month" (with "the") are durations; "last year" /
  "last month" (without) are dates.
* A bare four-digit number 1800-2100 is a year unless it counts something
  ("killed 2000 soldiers", "some 1500 troops"), follows a reference word
  ("resolution 1973"), or carries a currency, a scale word or a percent sign.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from communique.claims.quantities import DIGITS, QUALIFIERS, WORDNUM, is_reference_number, parse_number_words
from communique.contract import DateExpression
from communique.doc_facts import is_sentence_start, text_of

__all__ = ["find_dates"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_FULL_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
_ABBR_NAMES = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
# Title case or capitals ("5 MARCH 2019" in datelines); never lower case ("may", "march" are verbs)
_FULL_MONTH = "(?:" + "|".join(n for name in _FULL_NAMES for n in (name, name.upper())) + ")"
_ABBR_MONTH = "(?:" + "|".join(n for name in _ABBR_NAMES for n in (name, name.upper())) + ")"
MONTH = rf"(?:{_FULL_MONTH}\b|{_ABBR_MONTH}\b\.?)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
DAY = r"(?<![\d.,/])(?:[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?\b"
YEAR = r"(?:1\d{3}|20\d{2}|21\d{2})(?![\d])"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?"

DMY = re.compile(rf"{_WD_PREFIX}(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")
MDY = re.compile(rf"{_WD_PREFIX}(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\s*[,.]?\d)")
NUMERIC = re.compile(r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d]|[./-]\d)")
ISO = re.compile(r"(?<![\d./-])(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d]|[./-]\d)")
#: The first day of a day range: "12" in "from 12 to 13 December 2022", "5" in "5-7 March".
DAY_RANGE = re.compile(
    rf"(?P<d1>{DAY})(?:\s*[-–]\s*|\s+(?:to|and|until|till|through)\s+)(?P<d2>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR}))?"
)
#: The first date of a date range: "29 May" in "from 29 May to 1 June 2022".
DATE_RANGE = re.compile(
    rf"(?P<d1>{DAY})(?:\s+of)?\s+(?P<m1>{MONTH})(?:\s*[-–]\s*|\s+(?:to|and|until|till|through)\s+)"
    rf"(?P<d2>{DAY})(?:\s+of)?\s+(?P<m2>{MONTH}),?\s+(?P<y>{YEAR})"
)
MONTH_YEAR = re.compile(rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})")
MONTH_ONLY = re.compile(
    rf"\b(?:(?P<prep>(?i:in|since|until|till|by|during|from|before|after|through|throughout|to|of))\s+"
    rf"(?:(?P<mod>(?i:early|mid-?|late|the\s+end\s+of|the\s+beginning\s+of))\s*)?"
    rf"|(?P<rel>(?i:last|next|this|past))\s+)(?P<mon>{_FULL_MONTH})\b(?!\s+\d)"
)
BARE_YEAR = re.compile(
    rf"(?<![\w.,/$€£#№:]){YEAR}"
    r"(?![.,/]\d|\w|\s*(?:%|per\s?cent|million|billion|thousand|bn|hrs|hours|h|GMT|UTC)\b)",
    re.IGNORECASE,
)
MONTH_REL_YEAR = re.compile(rf"(?P<mon>{_FULL_MONTH})\s+(?P<rel>(?i:last|this|next))\s+year\b")
DECADE = re.compile(r"(?<![\w.,/])(?:(?P<dy>1\d\d|20\d)0s|['’](?P<dy2>\d)0s)\b")
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}
CENTURY = re.compile(
    r"\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
    + r"))[\s-]+century\b",
    re.IGNORECASE,
)

_NUM = rf"(?:{DIGITS}|{WORDNUM}|an?|several|a\s+few|a\s+couple\s+of|many|some)"
_UNITS = r"(?:years?|decades?|centur(?:y|ies)|months?|weeks?|days?|hours?|hrs?|minutes?)"
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS)
AGO = re.compile(rf"\b(?P<n>{_NUM})(?:\s+and\s+a\s+half)?\s+(?P<unit>{_UNITS})\s+ago\b", re.IGNORECASE)
RELATIVE_WORD = re.compile(
    r"\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight"
    r"|(?:last|this)\s+(?:night|morning|afternoon|evening))\b",
    re.IGNORECASE,
)
RELATIVE_WEEKDAY = re.compile(rf"\b(?P<rel>last|next|this|past|previous|coming)\s+(?P<wd>{WEEKDAY})", re.IGNORECASE)
RELATIVE_UNIT = re.compile(
    r"(?<!the )(?<!The )\b(?P<rel>last|next|this|previous|coming)\s+(?P<unit>week|month|year)\b(?!-)", re.IGNORECASE
)
LATER = re.compile(
    rf"\b(?P<n>{_NUM})(?:\s+and\s+a\s+half)?\s+(?P<unit>{_UNITS})\s+(?:later|earlier|before|after)\b"
    r"(?!\s+(?:the|a|an|its|their|this|that)\b)",
    re.IGNORECASE,
)
#: Dates given by an earlier one: "the same year", "that evening", "the previous day", "the year".
ANAPHORIC = re.compile(
    r"\b(?:(?P<rel>the\s+same|that|the\s+previous|the\s+following|the\s+next)\s+"
    r"(?P<unit>day|evening|morning|afternoon|night|week|month|year)|the\s+(?P<year>year))\b(?![\s-]*\d|-)",
    re.IGNORECASE,
)
#: "over the years", "in the years ahead": no point in time.
_GENERIC_PERIOD = re.compile(r"(?:the\s+)?(?:coming\s+|many\s+|over\s+(?:the\s+|many\s+)?)?(?:years|decades|months|weeks|days)"
                             r"(?:\s+(?:ahead|to\s+come|past))?",
                             re.IGNORECASE)
BARE_WEEKDAY = re.compile(rf"\b{WEEKDAY}")
DURATION = re.compile(
    rf"(?:\b(?P<prep>for|over|during|within|throughout|across|in)\s+)?"
    rf"(?:\b(?P<the>the)\s+)?(?:\b(?P<rel>past|last|next|previous|coming|following|first|recent)\s+)?"
    rf"(?:\b(?P<qual>{_QUAL})\s+)?"
    rf"(?<![\w/.,:-])(?P<n>(?:half\s+an?|{_NUM})(?:\s+and\s+a\s+half)?)"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<n2>{DIGITS}|{WORDNUM}))?"
    rf"\s+(?:(?:long|full|whole|consecutive|straight|difficult|hard|painful|bloody|dark|terrible)\s+)?"
    rf"(?P<unit>{_UNITS})\b"
    rf"(?!\s+(?:ago|later|earlier)\b|-)",
    re.IGNORECASE,
)
PAST_UNIT = re.compile(
    r"(?:\b(?P<prep>for|over|during|within|throughout|across|in)\s+)?\b(?P<the>the)\s+"
    r"(?P<rel>past|last|next|previous|coming|following|first)\s+(?P<unit>year|decade|century|month|week|day)\b",
    re.IGNORECASE,
)
ADJ_DURATION = re.compile(
    rf"(?<![\w/.,:-])(?P<n>{DIGITS}|{WORDNUM})-(?P<unit>years?|decades?|century|months?|weeks?|days?|hours?|hrs?)"
    rf"(?:-long)?\b(?!-)",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(
    r"\b(?:days?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|spring|summer|autumn|fall|winter"
    r"|seasons?|quarters?|mornings?|evenings?|nights?|hours?|era|period)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(r"(?:every|each|per|annual|annually|daily|weekly|monthly|yearly)\b", re.IGNORECASE)
_YEAR_PREPS = {"in", "since", "by", "until", "till", "before", "after", "during", "of", "from", "to", "through",
               "between", "and", "early", "late", "mid", "-", "the", "'s", "its", "their", "this", "that", "–"}
_QUALIFIER_WORDS = {q.split()[-1] for q in QUALIFIERS} - {"to", "of"}
_DURATION_UNITS = {"year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100), "month": ("M", 1),
                   "week": ("W", 1), "day": ("D", 1), "hour": ("TH", 1), "minute": ("TM", 1)}
_INCLUDED_PREPS = {"for", "over", "during", "within", "throughout", "across"}


# --------------------------------------------------------------------------- helpers

def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:.6g}"


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.startswith("centur"):
        return "century"
    if u in ("hr", "hrs"):
        return "hour"
    return u[:-1] if u.endswith("s") else u


def _count(n: str, half: bool = False) -> float | None:
    """The number in a duration: digits, words, "a"/"an" (1), "half a" (0.5); None for vague counts."""
    s = re.sub(r"\s+", " ", n.strip().lower())
    extra = 0.5 if half else 0.0
    if s.endswith(" and a half"):
        s, extra = s[: -len(" and a half")], 0.5
    if s in ("a", "an"):
        value: float | None = 1.0
    elif re.fullmatch(r"half an?", s):
        value = 0.5
    elif s in ("several", "a few", "a couple of", "many", "some"):
        return None
    elif re.fullmatch(DIGITS, s):
        value = float(s.replace(",", ""))
    else:
        value = parse_number_words(s)
    return None if value is None else value + extra


def _duration(count: float | None, unit: str) -> str | None:
    if count is None:
        return None
    designator, factor = _DURATION_UNITS[_unit_key(unit)]
    amount = _fmt(count * factor)
    if designator.startswith("T"):
        return f"PT{amount}{designator[1]}"
    return f"P{amount}{designator}"


def _day(day: str) -> int:
    return int(re.match(r"\d+", day).group())


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _partial_year(reference: dt.date | None, month: int, day: int) -> int | None:
    """The year for a date given without one: the reference's, or the previous if that lies >61 days ahead."""
    if reference is None:
        return None
    year = reference.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        candidate = dt.date(year, month, 28) if month == 2 else None
        if candidate is None:
            return None
    return year - 1 if candidate > reference + dt.timedelta(days=61) else year


def _iso_week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


class _Tokens:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token | None:
        i = bisect_left(self.starts, char)
        if i < len(self.doc) and self.starts[i] == char:
            return self.doc[i]
        return self.doc[i - 1] if i > 0 else None


def _is_future(tok: Token | None) -> bool:
    """Whether the verb governing ``tok`` is marked future ("will", "shall", "'ll", "going to")."""
    node = tok
    for _ in range(6):
        if node is None:
            return False
        if node.pos_ in ("VERB", "AUX"):
            if any(c.lower_ in ("will", "shall", "'ll", "wo") for c in node.children):
                return True
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) and any(
                a.lemma_ == "go" for a in node.ancestors)
        if node.head is node:
            return False
        node = node.head
    return False


def _counts_something(doc: Doc, toks: _Tokens, start: int, end: int) -> bool:
    """Whether a year-like number at [start, end) counts things ("2000 soldiers") rather than naming a year."""
    tok = toks.at(start)
    if tok is None:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is None or nxt.tag_ not in ("NNS", "NNPS") or nxt.pos_ == "PROPN":
        return False
    if prev is None or is_sentence_start(prev) and prev.is_punct:
        return True
    if prev.lower_ in _QUALIFIER_WORDS:
        return True
    if prev.lower_ in _YEAR_PREPS or prev.tag_ in ("DT", "PRP$", "POS"):
        return False
    return prev.pos_ in ("VERB", "AUX", "CCONJ", "PUNCT") or is_sentence_start(tok)


# --------------------------------------------------------------------------- main

def find_dates(doc: Doc, reference: dt.date | None) -> list[DateExpression]:
    """Every date and duration in ``doc.text``, sorted by start and non-overlapping.

    Numeric dates are read day first ("05.03.2019" is 5 March 2019), the European
    convention of diplomatic texts. Partial and relative dates are resolved against
    ``reference``; without it they are still reported, with ``value`` None. See the
    module docstring for every convention.
    """
    cache = doc.user_data.setdefault("communique.dates", {})
    if reference in cache:
        return list(cache[reference])
    found = _find_dates(doc, reference)
    cache[reference] = found
    return list(found)


def _find_dates(doc: Doc, reference: dt.date | None) -> list[DateExpression]:
    text = text_of(doc)
    toks = _Tokens(doc)
    ref = reference
    cands: list[tuple[int, int, int, str | None, str | None]] = []  # start, end, priority, value, duration

    rejected: list[tuple[int, int]] = []  # spans the regexes decided are not dates

    def add(start: int, end: int, prio: int, value: str | None = None, duration: str | None = None) -> None:
        if 0 <= start < end:
            cands.append((start, end, prio, value, duration))

    # absolute and partial calendar dates
    for pattern in (DMY, MDY):
        for m in pattern.finditer(text):
            month, day = _month(m.group("mon")), _day(m.group("d"))
            if m.group("y"):
                value = _iso(int(m.group("y")), month, day)
            else:
                year = _partial_year(ref, month, day)
                value = _iso(year, month, day) if year is not None else None
            add(m.start(), m.end(), 0, value)
    for m in DAY_RANGE.finditer(text):
        month, day = _month(m.group("mon")), _day(m.group("d1"))
        year = int(m.group("y")) if m.group("y") else _partial_year(ref, month, _day(m.group("d2")))
        add(m.start("d1"), m.end("d1"), -1, _iso(year, month, day) if year is not None else None)
    for m in DATE_RANGE.finditer(text):
        m1, m2 = _month(m.group("m1")), _month(m.group("m2"))
        year = int(m.group("y")) - (1 if m1 > m2 else 0)
        add(m.start(), m.end("m1"), -1, _iso(year, m1, _day(m.group("d1"))))
    for m in NUMERIC.finditer(text):
        d, mo = int(m.group("d")), int(m.group("m"))
        if mo > 12 and d <= 12:
            d, mo = mo, d
        value = _iso(int(m.group("y")), mo, d)
        if value:
            add(m.start(), m.end(), 0, value)
    for m in ISO.finditer(text):
        value = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value:
            add(m.start(), m.end(), 0, value)
    for m in MONTH_YEAR.finditer(text):
        add(m.start(), m.end(), 1, _iso(int(m.group("y")), _month(m.group("mon"))))
    for m in MONTH_REL_YEAR.finditer(text):
        value = None
        if ref is not None:
            step = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
            value = _iso(ref.year + step, _month(m.group("mon")))
        add(m.start(), m.end(), 1, value)
    for m in MONTH_ONLY.finditer(text):
        month = _month(m.group("mon"))
        value = None
        if m.group("rel"):
            start = m.start()
            if ref is not None:
                rel = m.group("rel").lower()
                if rel == "this":
                    year = ref.year
                elif rel == "next":
                    year = ref.year if month > ref.month else ref.year + 1
                else:
                    year = ref.year if month < ref.month else ref.year - 1
                value = _iso(year, month)
        else:
            start = m.start("mod") if m.group("mod") else m.start("mon")
            year = _partial_year(ref, month, 1)
            value = _iso(year, month) if year is not None else None
        add(start, m.end(), 2, value)

    # years, decades, centuries
    for m in BARE_YEAR.finditer(text):
        if is_reference_number(text, m.start()) or _counts_something(doc, toks, m.start(), m.end()):
            continue
        add(m.start(), m.end(), 3, m.group())
    for m in DECADE.finditer(text):
        add(m.start(), m.end(), 2, m.group("dy") or f"19{m.group('dy2')}")
    for m in CENTURY.finditer(text):
        n = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS[m.group("w").lower()]
        if 1 <= n <= 22:
            add(m.start(), m.end(), 2, f"{n - 1:02d}")

    # relative dates
    for m in RELATIVE_WORD.finditer(text):
        value = None
        if ref is not None:
            word = re.sub(r"\s+", " ", m.group().lower())
            offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
                      "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)
            value = (ref + dt.timedelta(days=offset)).isoformat()
        add(m.start(), m.end(), 1, value)
    for m in RELATIVE_WEEKDAY.finditer(text):
        value = None
        if ref is not None:
            wd, rel = WEEKDAYS[m.group("wd").lower()], m.group("rel").lower()
            if rel in ("last", "past", "previous"):
                day = ref - dt.timedelta(days=(ref.weekday() - wd) % 7 or 7)
            elif rel in ("next", "coming"):
                day = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
            else:
                day = ref + dt.timedelta(days=wd - ref.weekday())
            value = day.isoformat()
        add(m.start(), m.end(), 1, value)
    for m in RELATIVE_UNIT.finditer(text):
        value = None
        if ref is not None:
            rel, unit = m.group("rel").lower(), m.group("unit").lower()
            step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
            if unit == "week":
                value = _iso_week(ref + dt.timedelta(days=7 * step))
            elif unit == "month":
                value = _iso(*_add_months(ref, step))
            else:
                value = str(ref.year + step)
        add(m.start(), m.end(), 1, value)
    for m in AGO.finditer(text):
        count = _count(m.group("n"), half="and a half" in m.group().lower())
        value = None
        if ref is not None and count is not None:
            unit = _unit_key(m.group("unit"))
            n = int(count)
            if unit == "day":
                value = (ref - dt.timedelta(days=n)).isoformat()
            elif unit == "week":
                value = _iso_week(ref - dt.timedelta(days=7 * n))
            elif unit == "month":
                value = _iso(*_add_months(ref, -n))
            elif unit in ("year", "decade", "century"):
                value = str(ref.year - n * _DURATION_UNITS[unit][1])
            elif unit in ("hour", "minute"):
                value = ref.isoformat()
        add(m.start(), m.end(), 1, value)
    for m in LATER.finditer(text):
        add(m.start(), m.end(), 1)  # "two years later": relative to an event, not to the statement
    for m in ANAPHORIC.finditer(text):
        if m.group("year") and not any(e.label_ == "DATE" and e.start_char <= m.start() < e.end_char for e in doc.ents):
            continue  # "the year" is a date only where the parser reads it as one ("priorities for the year")
        add(m.start(), m.end(), 5)
    for m in BARE_WEEKDAY.finditer(text):
        value = None
        if ref is not None:
            wd = WEEKDAYS[m.group().lower()]
            if _is_future(toks.at(m.start())):
                day = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
            else:
                day = ref - dt.timedelta(days=(ref.weekday() - wd) % 7 or 7)
            value = day.isoformat()
        add(m.start(), m.end(), 4, value)

    # durations
    for m in DURATION.finditer(text):
        n = m.group("n")
        before = text[max(0, m.start("n") - 12):m.start("n")].lower()
        if re.fullmatch(r"an?", n.strip().lower()):
            prev = toks.at(m.start("n") - 1) if m.start("n") > 0 else None
            bare = not (m.group("prep") or m.group("the") or m.group("rel") or m.group("qual"))
            if re.search(r"\b(?:once|twice|times|per)\s+$", before) or (
                    bare and prev is not None and (prev.pos_ in ("NOUN", "NUM") or prev.like_num)):
                rejected.append((m.start("n"), m.end()))
                continue  # "once a year", "three flights a week", "$5 a day": a rate, not a duration
        if m.group("unit").lower().startswith("hr") and re.fullmatch(r"\d{4}", n.strip()):
            continue  # "0900 hrs": a clock time
        count = _count(n)
        start = _duration_start(m)
        add(start, m.end(), 1, None, _duration(count, m.group("unit")))
    for m in PAST_UNIT.finditer(text):
        start = _duration_start(m)
        add(start, m.end(), 1, None, _duration(1.0, m.group("unit")))
    for m in ADJ_DURATION.finditer(text):
        add(m.start(), m.end(), 1, None, _duration(_count(m.group("n")), m.group("unit")))

    # choose: earliest start, then longest, then priority
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    chosen: list[tuple[int, int, str | None, str | None]] = []
    for start, end, _prio, value, duration in cands:
        if any(start < e and s < end for s, e, _v, _d in chosen):
            continue
        chosen.append((start, end, value, duration))

    # spaCy DATE entities that no regex explained, when they name a unit of time
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if any(ent.start_char < e and s < ent.end_char for s, e, _v, _d in chosen):
            continue
        if any(ent.start_char < e and s < ent.end_char for s, e in rejected):
            continue
        before = text[max(0, ent.start_char - 8):ent.start_char].lower()
        if re.search(r"\b(?:once|twice|times|per|every|each)\s+$", before) or _FREQUENCY.match(ent.text):
            continue
        if _GENERIC_PERIOD.fullmatch(ent.text.strip()):
            continue
        if _TIME_WORDS.search(ent.text) and not any(t.like_num for t in ent):
            chosen.append((ent.start_char, ent.end_char, None, None))

    chosen.sort()
    chosen = _resolve_anaphora(text, chosen)
    return [DateExpression(start=s, end=e, text=text[s:e], value=v, duration=d) for s, e, v, d in chosen]


def _resolve_anaphora(text: str, chosen: list[tuple[int, int, str | None, str | None]]
                      ) -> list[tuple[int, int, str | None, str | None]]:
    """"the same year", "that evening", "the previous day": the value of the
    nearest earlier date, cut to the unit and shifted for previous/following."""
    out: list[tuple[int, int, str | None, str | None]] = []
    last: str | None = None
    for start, end, value, duration in chosen:
        m = ANAPHORIC.fullmatch(text[start:end]) if value is None and duration is None else None
        if m and last is not None:
            value = _from_antecedent(last, (m.group("rel") or "").lower(), (m.group("unit") or "year").lower())
        if value is not None and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
            last = value
        out.append((start, end, value, duration))
    return out


def _from_antecedent(last: str, rel: str, unit: str) -> str | None:
    if unit == "year":
        return last[:4]
    if unit == "month":
        return last[:7] if len(last) >= 7 else None
    if unit == "week" or len(last) < 10:
        return None
    day = dt.date.fromisoformat(last)
    shift = -1 if rel == "the previous" else 1 if rel in ("the following", "the next") else 0
    return (day + dt.timedelta(days=shift)).isoformat()


def _duration_start(m: re.Match) -> int:
    """Where a duration's span starts: with "for"/"over"/... and with "in the past", not with a bare "in"."""
    prep = (m.group("prep") or "").lower()
    if prep in _INCLUDED_PREPS or (prep == "in" and m.group("rel")):
        return m.start()
    if m.group("the"):
        return m.start("the")
    if m.group("rel"):
        return m.start("rel")
    qual = m.groupdict().get("qual")
    if qual:
        return m.start("qual")
    return m.start("n")
