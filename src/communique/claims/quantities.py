"""Quantities: the numbers a statement asserts, with qualifier and counted unit.

``find_quantities(doc)`` returns :class:`~communique.contract.Quantity` objects,
sorted by start and non-overlapping. Regular expressions find the numbers; the
spaCy parse supplies the unit (the counted noun phrase after the number).

Conventions
-----------
* ``value`` is a float: digits with thousands separators and decimals
  ("1,500", "2.5"), number words ("twenty-five", "two hundred and fifty",
  "a million", "half a million", "a dozen"), and scaled digits ("1.2 million"
  -> 1200000, "$5m" -> 5000000).
* Ranges ("between 10 and 20", "10-20", "10 to 20"): ``value`` is the lower
  (first) number and ``qualifier`` is ``"range 10-20"`` (both numbers after
  scaling, printed compactly). "1 to 2 million" scales both ends.
* Vague multitudes ("dozens of", "hundreds of thousands of", "several hundred",
  "a few thousand"): ``value`` is None and ``qualifier`` holds the vague words
  in lower case ("dozens", "hundreds of thousands", "several hundred").
* Fractions: "two thirds" -> value 0.6667, unit "fraction" (the span stops at
  the fraction word).
* Approximators before the number ("nearly", "more than", "at least", "up to",
  "some", ...) are kept as written, in lower case, in ``qualifier`` and are part
  of the span.
* ``unit``: "percent" (also for "%" and "per cent"), "percentage points", an
  ISO 4217 code for currency symbols and names ("$" / "dollars" -> "USD",
  "€" / "euros" -> "EUR", "£" -> "GBP", "₽" / "roubles" -> "RUB", "₼" -> "AZN"),
  otherwise the counted noun phrase after the number: its head noun with
  compound and adjective modifiers and coordinated nouns ("mines and mine
  traps"), stopping before prepositional phrases. Other currency names
  ("manats") are kept as the written noun. The span runs to the end of the unit.

Not quantities: years and everything else that :func:`communique.claims.dates.find_dates`
reports (dates, durations such as "30 years"), clock times, ordinals ("5th"),
reference numbers after "resolution", "article", "paragraph", "No." and the
like (also lists: "resolutions 822, 853 and 874"), numbers inside identifiers
("A/RES/62/243", "COVID-19", "G20"), phone numbers, list numbering at a line
start ("1.", "2)", "3 The ...") or after a sentence ("... in 1980. 99. Inspired"),
rows of bare numbers (tables, style sheets), capitalised number words inside a
sentence ("the Five Point Consensus"), and a bare "one" with no counted noun
("one of the", "one another").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from communique.contract import Quantity
from communique.doc_facts import is_sentence_start, text_of

__all__ = ["find_quantities", "parse_number_words", "parse_amount", "is_reference_number", "masked_spans"]

# --------------------------------------------------------------------------- number words

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
                "tn": 1_000_000_000_000}

_WORD = r"(?:" + "|".join(sorted([*ONES, *SCALES, "dozen"], key=len, reverse=True)) + r")\b"
_AFTER_SCALE = "".join(f"(?<={s})" if i == 0 else f"|(?<={s})" for i, s in enumerate(SCALES))
#: A number in words: "three", "twenty-five", "two hundred and fifty", "a million", "half a million".
WORDNUM = (
    rf"(?:\bhalf\s+an?\s+(?:{'|'.join(SCALES)}|dozen)\b"
    rf"|\b(?:an?\s+(?=(?:{'|'.join(SCALES)}|dozen)\b))?{_WORD}"
    rf"(?:(?:\s+|-|(?:{_AFTER_SCALE})\s+and\s+){_WORD})*)"
)
#: Digits with optional thousands separators and decimals: "1,500", "2.5", "30000".
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)"
_SCALE_WORDS = "|".join(SCALES)
_CUR_PREFIX = (r"(?:US\$|U\.S\.\s?\$|A\$|C\$|S\$|HK\$|NZ\$|R\$|\$|€|£|¥|₽|₼|₹"
               r"|(?:USD|EUR|GBP|AZN|RUB|CHF|SGD|JPY|CNY|INR|HKD|AUD|CAD|NZD)\s?)")
#: Digits, optionally with a currency prefix and a scale word ("$5 million", "€3bn", "1.2 million").
DIGIT_AMOUNT = (
    rf"(?:{_CUR_PREFIX}\s?)?{DIGITS}"
    rf"(?:\s*(?:{_SCALE_WORDS})\b|(?:{'|'.join(SHORT_SCALES)})\b)?(?!\w|[.,/]\d)"
)
AMOUNT = rf"(?:{DIGIT_AMOUNT}|(?:{_CUR_PREFIX})?{WORDNUM})"

QUALIFIERS = [
    "as many as", "as much as", "as few as", "no fewer than", "no less than", "no more than", "not less than",
    "not more than", "more than", "fewer than", "less than", "at least", "at most", "up to", "close to",
    "in excess of", "upwards of", "well over", "well above", "just over", "just under", "an estimated",
    "approximately", "approx.", "roughly", "nearly", "almost", "about", "around", "over", "under", "above",
    "below", "some", "estimated", "only", "just", "barely", "merely", "a mere",
]
_QUAL = r"(?:" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS) + r")"
_PCT = r"(?P<pct>\s*%|\s+per\s?cent\b|\s+percentage\s+points?\b)?"
_END = r"(?!-\w)"
_START = r"(?<![\w/\\.,:#№$€£+-])"

RANGE_BETWEEN = re.compile(
    rf"(?:\b(?P<qual>{_QUAL})\s+)?\b(?P<kw>between|from)\s+{_START}(?P<a>{AMOUNT})\s*(?:%|per\s?cent)?\s+(?:and|to)\s+"
    rf"(?P<b>{AMOUNT}){_PCT}{_END}",
    re.IGNORECASE,
)
RANGE_DASH = re.compile(
    rf"(?:\b(?P<qual>{_QUAL})\s+)?{_START}(?P<a>{DIGIT_AMOUNT})\s*[-–—]\s*(?P<b>{DIGIT_AMOUNT}){_PCT}{_END}",
    re.IGNORECASE,
)
RANGE_TO = re.compile(
    rf"(?:\b(?P<qual>{_QUAL})\s+)?{_START}(?P<a>{AMOUNT})\s+(?:to|or)\s+(?P<b>{AMOUNT}){_PCT}{_END}",
    re.IGNORECASE,
)
#: "the 30-member group", "a 12-nation coalition": a count fused with its noun (time units are durations).
COMPOUND = re.compile(rf"{_START}(?P<a>\d{{1,3}}(?:,\d{{3}})*)-(?P<unit>[a-z]{{3,}})\b(?!-)")
SINGLE = re.compile(rf"(?:\b(?P<qual>{_QUAL})\s+)?{_START}(?P<a>{AMOUNT}){_PCT}{_END}", re.IGNORECASE)
VAGUE = re.compile(
    r"(?:\b(?P<qual>" + _QUAL + r")\s+)?\b(?P<vague>"
    r"(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions"
    r")(?P<of>\s+of)\b"
    r"|\b(?P<vague2>(?:several|a\s+few|many|a\s+couple\s+of)\s+(?:dozen|hundred|thousand|million|billion)s?)\b"
    r"(?:\s+of\b)?",
    re.IGNORECASE,
)

CURRENCY_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "u.s. $": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₽": "RUB", "₼": "AZN", "a$": "AUD", "c$": "CAD",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "azn": "AZN", "rub": "RUB", "chf": "CHF",
    "s$": "SGD", "hk$": "HKD", "nz$": "NZD", "r$": "BRL", "₹": "INR", "sgd": "SGD", "jpy": "JPY", "cny": "CNY",
    "inr": "INR", "hkd": "HKD", "aud": "AUD", "cad": "CAD", "nzd": "NZD",
}
#: Currency names after the number, longest first, mapped to ISO 4217.
CURRENCY_NAMES = [
    ("us dollars", "USD"), ("u.s. dollars", "USD"), ("american dollars", "USD"), ("dollars", "USD"),
    ("dollar", "USD"), ("usd", "USD"), ("euros", "EUR"), ("euro", "EUR"), ("eur", "EUR"),
    ("pounds sterling", "GBP"), ("british pounds", "GBP"), ("gbp", "GBP"), ("swiss francs", "CHF"),
    ("chf", "CHF"), ("roubles", "RUB"), ("rubles", "RUB"), ("rub", "RUB"), ("azn", "AZN"),
]

#: Denominators: "two thirds" -> value 0.6667, unit "fraction".
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
             "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}

# --------------------------------------------------------------------------- exclusions

_REF_WORDS = (
    r"resolutions?|articles?|arts?\.|paragraphs?|paras?\.?|sub-?paragraphs?|sections?|§+|chapters?|clauses?"
    r"|points?|items?|annex(?:es)?|appendix|pages?|pp?\.|nos?\.|nrs?\.|numbers?|№|#|protocols?|decisions?"
    r"|rules?|principles?|amendments?|parts?|titles?|decrees?|laws?|acts?|orders?|cases?|documents?|docs?\."
    r"|volumes?|vol\.|footnotes?|notes?|recommendations?|conventions?|regulations?|directives?|group\s+of"
)
_REF_BEFORE = re.compile(
    rf"\b(?:{_REF_WORDS})\s*(?:(?>\(?(?:\d+|[IVXLC]+)(?:[./]\w+|\(\w+\))*\)?)(?:\s*\(\d{{4}}\))?"
    rf"\s*(?:,|and|&|or|to|-|–)\s*)*$",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{1,5}){1,}"
    r"|\(\d{2,5}\)\s?\d{2,5}(?:[\s.-]\d{2,5})+"
    r"|(?<![\d,.])\d{2,5}(?:[ .-]\d{2,5}){2,}(?![\d,]))"
)
_PHONE_KEYWORD = re.compile(r"\b(?:tel|telephone|phone|fax|mobile|hotline)\b\.?:?\s*$", re.IGNORECASE)
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}\b(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|h\b|hours\b|GMT\b|UTC\b))?"
    r"|\b\d{1,2}\.\d{2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|h\b|hours\b|GMT\b|UTC\b)"
    r"|(?<=\bat\s)\d{1,2}\.\d{2}\b(?!\s*(?:%|per\s?cent|percent))"
    r"|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"|\b\d{4}\s*(?:hrs|GMT|UTC)\b",
    re.IGNORECASE,
)
_NUMBER_ROW = re.compile(r"(?<![\w.,])\d+(?:[ \t]+\d+){3,}(?![\w.,])")  # tables, style sheets
#: Paragraph numbers inside running text: "... in 1980. 99. Inspired by ..."
_NUMBERING_INLINE = re.compile(
    r"(?:(?<=[.!?:;\"”’)]\s)|(?<=[.!?:;\"”’)]\s\s)|(?<=[.!?]))\d{1,3}\.(?=\s*[A-Z\"“])"
)
_NUMBERING = re.compile(r"(?m)^[ \t]*\(?\d{1,3}(?:[.)](?=\s|$)|[ \t]+(?=[A-Z\"“‘'(]))")


def is_reference_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a reference word ("resolution 2334", "Article 51")."""
    return bool(_REF_BEFORE.search(text[max(0, start - 160):start]))


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that hold no quantity: phone numbers, clock times, list numbering."""
    spans: list[tuple[int, int]] = []
    for m in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in m.group())
        keyword = _PHONE_KEYWORD.search(text[max(0, m.start() - 20):m.start()])
        if m.group().startswith(("+", "(")) or digits >= 7 or keyword:
            spans.append(m.span())
    spans += [m.span() for m in _TIME.finditer(text)]
    spans += [m.span() for m in _NUMBERING.finditer(text)]
    spans += [m.span() for m in _NUMBER_ROW.finditer(text)]
    spans += [m.span() for m in _NUMBERING_INLINE.finditer(text)]
    return spans


# --------------------------------------------------------------------------- parsing numbers

def parse_number_words(words: str) -> float | None:
    """The value of a number in words: "twenty-five" -> 25, "two hundred and fifty" -> 250,
    "a million" -> 1000000, "half a million" -> 500000. None if a word is not a number word."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    half = False
    if tokens[0] == "half":
        half, tokens = True, tokens[1:]
    total = current = 0
    top = 1  # the largest scale applied so far: "a thousand million" multiplies, "two million three
    seen = False  # hundred thousand" adds
    for tok in tokens:
        if tok in ("a", "an"):
            continue
        if tok in ONES:
            current += ONES[tok]
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in SCALES:
            scale = SCALES[tok]
            if scale > top:
                total, top = (total + (current or (0 if total else 1))) * scale, scale
            else:
                total += (current or 1) * scale
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = float(total + current)
    return value / 2 if half else value


def parse_amount(text: str) -> tuple[float | None, str | None, bool]:
    """Parse one amount: returns (value, ISO currency code or None, whether a scale word was used)."""
    s = text.strip()
    currency = None
    m = re.match(_CUR_PREFIX, s, re.IGNORECASE)
    if m:
        currency = CURRENCY_SYMBOLS.get(re.sub(r"\s+", " ", m.group().strip().lower()))
        s = s[m.end():].strip()
    m = re.match(DIGITS, s)
    if m:
        value = float(m.group().replace(",", ""))
        rest = s[m.end():].strip().lower()
        if rest in SCALES:
            return value * SCALES[rest], currency, True
        if rest in SHORT_SCALES:
            return value * SHORT_SCALES[rest], currency, True
        return value, currency, False
    value = parse_number_words(s)
    scaled = any(w in s.lower() for w in (*SCALES, "dozen"))
    return value, currency, scaled


def _fmt(x: float) -> str:
    return f"{x:.15g}" if x != int(x) else str(int(x))


# --------------------------------------------------------------------------- units

_WORDLIKE = re.compile(r"[^\W\d_][\w’'.²³-]*")
_UNIT_POS = {"NOUN", "PROPN", "ADJ"}
_STOP_WORDS = {"per", "cent", "percent", "of", "ago", "later", "earlier"}


class _Tokens:
    """Character-offset look-ups into a Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def first_at_or_after(self, char: int) -> Token | None:
        i = bisect_left(self.starts, char)
        return self.doc[i] if i < len(self.doc) else None

    def starting_in(self, start: int, end: int) -> list[Token]:
        """The tokens that start in [start, end)."""
        return list(self.doc[bisect_left(self.starts, start):bisect_left(self.starts, end)])


def _modifier_ok(tok: Token) -> bool:
    if tok.like_num or tok.is_punct and tok.tag_ != "HYPH":
        return False
    if tok.tag_ != "HYPH" and not _WORDLIKE.fullmatch(tok.text):
        return False
    if tok.pos_ in _UNIT_POS:
        return True
    if tok.tag_ == "HYPH":
        return True
    if tok.tag_ in ("VBN", "VBG") and tok.dep_ in ("amod", "compound"):
        return True
    if tok.pos_ == "ADV" and tok.dep_ == "advmod" and tok.head.i > tok.i and tok.head.tag_ in ("VBN", "VBG", "JJ"):
        return True
    return False


def _noun_run(doc: Doc, i: int, limit: int) -> list[Token]:
    """The contiguous modifier+noun tokens from index ``i``, ending on a noun, stopping before ``limit``."""
    run: list[Token] = []
    j = i
    while j < len(doc):
        tok = doc[j]
        if tok.idx >= limit or (run and is_sentence_start(tok)) or tok.lower_ in _STOP_WORDS:
            break
        if not _modifier_ok(tok):
            break
        if tok.tag_ == "HYPH" and (not run or tok.whitespace_ or (run and run[-1].whitespace_)):
            break
        run.append(tok)
        j += 1
    while run and not (run[-1].pos_ in ("NOUN", "PROPN") and run[-1].tag_ != "HYPH"):
        run.pop()
    return run


def _unit_tokens(ctx: _Context, end: int, number: list[Token]) -> list[Token]:
    """The counted noun phrase right after character ``end`` (empty if none); ``number``: the number's tokens."""
    doc, limit = ctx.doc, ctx.unit_limit(end)
    tok = ctx.toks.first_at_or_after(end)
    if tok is None or text_of(doc)[end:tok.idx].strip():
        return []
    run = _noun_run(doc, tok.i, limit)
    if not run:
        return []
    in_run = {t.i for t in run}
    attached = any(n.head.i in in_run for n in number) or any(
        t.head.i in in_run or t.i in {n.head.i for n in number} for t in number)
    if not attached:
        # the parse does not connect the number to the noun: accept only a plain plural noun phrase
        if not (run[-1].tag_ in ("NNS", "NNPS") and len(run) <= 3):
            return []
        if any(t.pos_ == "PROPN" for t in run):
            return []
    head = run[-1]
    # coordinated nouns: "mines and mine traps", "tanks, guns and mortars"
    while True:
        k = head.i + 1
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ in ("and", "or"):
            k += 1
        if k == head.i + 1 or k >= len(doc):
            break
        conj = [c for c in head.conjuncts if c.i >= k]
        nxt = _noun_run(doc, k, limit)
        if not nxt or not conj or nxt[-1].i not in {c.i for c in conj}:
            break
        run.extend(doc[head.i + 1:nxt[-1].i + 1])
        head = nxt[-1]
    return run


# --------------------------------------------------------------------------- main

def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in ``doc.text``, sorted by start and non-overlapping (see the module docstring)."""
    from communique.claims.dates import find_dates  # deferred: dates imports this module

    ctx = _Context(doc, _Tokens(doc), [(d.start, d.end) for d in find_dates(doc, None)], masked_spans(text_of(doc)))
    candidates: list[tuple[int, int, int, re.Match]] = []
    for priority, pattern in enumerate((VAGUE, COMPOUND, RANGE_BETWEEN, RANGE_DASH, RANGE_TO, SINGLE)):
        for m in pattern.finditer(text_of(doc)):
            candidates.append((m.start(), -(m.end() - m.start()), priority, m))
    candidates.sort(key=lambda c: c[:3])

    results: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for *_key, m in candidates:
        q = _vague(ctx, m) if m.re is VAGUE else _compound(ctx, m) if m.re is COMPOUND else _amount(ctx, m)
        if q is None or _overlaps(taken, q.start, q.end):
            continue
        taken.append((q.start, q.end))
        results.append(q)
    results.sort(key=lambda q: q.start)
    text = text_of(doc)
    return [q for q in results if _plausible(q, text)]


_ADDRESS = re.compile(r"\b(street|st|road|rd|avenue|ave|lane|boulevard|blvd|drive|floor|level|tower|building|block)\.?$", re.I)


def _plausible(q: Quantity, text: str) -> bool:
    """A checkable quantity counts or measures something. A bare number (no
    counted thing, qualifier, percent or currency) that opens its line, after
    at most a capitalised heading word ("REPLY 1", "3 MFA will ..."), is
    paragraph numbering; one of five or more plain digits is a code or a phone
    number; a number before a street name is an address."""
    if q.unit and _ADDRESS.search(q.unit):
        return False
    digits = re.sub(r"\D", "", q.text)
    before = text[max(0, q.start - 3):q.start]
    if q.text[:1].isupper() and not q.text[:1].isdigit() and re.search(r"[\"“‘']\s*$", before):
        return False  # "One Country, Two Systems": a quoted name
    line_so_far = text[text.rfind("\n", 0, q.start) + 1:q.start]
    if (q.qualifier is None and len(digits) <= 2 and q.text.strip().startswith(digits)
            and re.search(r"[.!?]\s+$", line_so_far) and q.unit and q.unit[:1].isupper() and q.unit.isupper()):
        return False  # "... at the destination. 3 MFA will continue": a paragraph number
    if q.unit is not None or q.qualifier is not None:
        return True
    if q.text.strip() == digits and len(digits) >= 5:
        return False
    line = text[text.rfind("\n", 0, q.start) + 1:q.start]
    if len(digits) <= 2 and (not line.strip() or line.strip().isupper()):
        return False
    # "... from 2019. 2 MFA maintains ...": a paragraph number after a sentence
    after = text[q.end:q.end + 2]
    return not (len(digits) <= 2 and re.search(r"[.!?]\s+$", line) and after[:1] == " " and after[1:].isupper())


@dataclass
class _Context:
    doc: Doc
    toks: _Tokens
    blocked: list[tuple[int, int]]  # dates and durations: never quantities, and units stop before them
    masked: list[tuple[int, int]]  # phone numbers, clock times, list numbering

    def excluded(self, start: int, end: int) -> bool:
        return _overlaps(self.blocked, start, end) or _overlaps(self.masked, start, end)

    def unit_limit(self, char: int) -> int:
        """The start of the first date span at or after ``char``; a unit stops there."""
        return min((a for a, _b in self.blocked if a >= char), default=len(text_of(self.doc)))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in spans)


def _vague(ctx: _Context, m: re.Match) -> Quantity | None:
    """"dozens of civilians", "several hundred soldiers": value None, the vague words as qualifier."""
    text = text_of(ctx.doc)
    group = "vague" if m.group("vague") else "vague2"
    core_start, core_end = m.span(group)
    if ctx.excluded(core_start, core_end):
        return None
    words = _clean(m.group(group))
    qual = _clean(m.group("qual")) if m.group("qual") else None
    unit_toks = _unit_tokens(ctx, m.end(), ctx.toks.starting_in(core_start, core_end))
    end = unit_toks[-1].idx + len(unit_toks[-1]) if unit_toks else core_end
    return Quantity(start=m.start(), end=end, text=text[m.start():end], value=None,
                    qualifier=f"{qual} {words}" if qual else words,
                    unit=_unit_text(ctx.doc, unit_toks) if unit_toks else None)


def _compound(ctx: _Context, m: re.Match) -> Quantity | None:
    """"30-member": the number, with the fused noun as the counted thing."""
    if ctx.excluded(m.start(), m.end()) or is_reference_number(text_of(ctx.doc), m.start()):
        return None
    value, _currency, _scaled = parse_amount(m.group("a"))
    if value is None:
        return None
    return Quantity(start=m.start(), end=m.end(), text=m.group(), value=value, qualifier=None, unit=m.group("unit"))


def _amount(ctx: _Context, m: re.Match) -> Quantity | None:
    """A single number or a range, with its qualifier, percent sign, currency or counted unit."""
    text, toks = text_of(ctx.doc), ctx.toks
    start = m.start()
    a_start, a_end = m.span("a")
    is_range = "b" in m.re.groupindex and m.group("b") is not None
    core_end = m.end("b") if is_range else a_end
    if ctx.excluded(a_start, core_end):
        return None
    if is_reference_number(text, a_start) or _PHONE_KEYWORD.search(text[max(0, a_start - 20):a_start]):
        return None
    if a_start >= 2 and text[a_start - 1] == "(" and text[a_start - 2].isalnum():
        return None  # "Article 2(4)": a sub-paragraph number
    if m.re is RANGE_BETWEEN and m.group("kw").lower() == "from":
        return None  # "from 10 to 20" is a change more often than a range: two quantities
    if m.re is RANGE_TO and re.search(r"\bfrom\s+$", text[max(0, start - 5):start], re.IGNORECASE):
        return None
    first = toks.first_at_or_after(a_start)
    if (re.match(r"[A-Z][a-z]", m.group("a")) and first is not None and not is_sentence_start(first)
            and not re.search(r"[\n.!?:;\"“(]\s*$", text[max(0, a_start - 3):a_start])):
        return None  # "the Five Point Consensus", "ASEAN Plus Three": a name, not a count

    value, currency, scaled = parse_amount(m.group("a"))
    if value is None:
        return None
    qual = _clean(m.group("qual")) if m.group("qual") else None
    qualifier = qual
    if is_range:
        hi, currency_b, scaled_b = parse_amount(m.group("b"))
        if hi is None:
            return None
        currency = currency or currency_b
        scale = _scale_of(m.group("b")) if scaled_b and not scaled else None
        if scale and value * scale <= hi:
            value *= scale  # "between 1 and 2 million"
        if hi <= value:
            return None
        rng = f"range {_fmt(value)}-{_fmt(hi)}"
        qualifier = f"{qual} {rng}" if qual else rng

    end = m.end()
    unit: str | None = None
    if m.group("pct"):
        unit = "percentage points" if "point" in m.group("pct").lower() else "percent"
    elif currency:
        unit = currency
    else:
        unit_toks = _unit_tokens(ctx, core_end, toks.starting_in(start, core_end))
        if unit_toks and unit_toks[0].lower_ in FRACTIONS and not scaled and value < 100:
            value = round(value / FRACTIONS[unit_toks[0].lower_], 4)  # "two thirds"
            unit, unit_toks = "fraction", unit_toks[:1]
        elif unit_toks:
            phrase = _unit_text(ctx.doc, unit_toks).lower()
            name = next((n for n, _c in CURRENCY_NAMES if phrase == n or phrase.startswith(n + " ")), None)
            if name:
                unit, unit_toks = dict(CURRENCY_NAMES)[name], _take_words(unit_toks, len(name.split()))
            else:
                unit = _unit_text(ctx.doc, unit_toks)
        if unit_toks:
            end = unit_toks[-1].idx + len(unit_toks[-1])

    words = _clean(m.group("a"))
    previous = _clean(text[max(0, a_start - 8):a_start]).split()[-1:]
    if unit is None and not is_range:
        if words == "one" or re.fullmatch(r"an?\s+dozen", words):
            return None  # "one of the", "one another": no counted thing
        if previous in (["no"], ["any"], ["every"], ["each"]):
            return None
    if words == "one" and previous in (["no"], ["the"], ["this"], ["that"], ["any"], ["every"], ["each"],
                                       ["which"]):
        return None
    return Quantity(start=start, end=end, text=text[start:end], value=value, qualifier=qualifier, unit=unit)


def _scale_of(amount: str) -> float | None:
    low = amount.lower()
    for word, scale in sorted(SCALES.items(), key=lambda kv: -kv[1]):
        if re.search(rf"\b{word}\b", low):
            return float(scale)
    m = re.search(r"\d(" + "|".join(SHORT_SCALES) + r")\b", low)
    return float(SHORT_SCALES[m.group(1)]) if m else None


def _take_words(tokens: list[Token], n: int) -> list[Token]:
    """The first tokens of ``tokens`` that make up ``n`` whitespace-separated words."""
    out: list[Token] = []
    words = 0
    for t in tokens:
        out.append(t)
        if t.whitespace_ or t is tokens[-1]:
            words += 1
            if words == n:
                break
    return out


def _unit_text(doc: Doc, tokens: list[Token]) -> str:
    return text_of(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]
