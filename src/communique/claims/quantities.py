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
start ("1.", "2)", "3 The ..."), and a bare "one" with no counted noun
("one of the", "one another").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from communique.contract import Quantity

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
_CUR_PREFIX = r"(?:US\$|U\.S\.\s?\$|A\$|C\$|\$|€|£|¥|₽|₼|(?:USD|EUR|GBP|AZN|RUB|CHF)\s?)"
#: Digits, optionally with a currency prefix and a scale word ("$5 million", "€3bn", "1.2 million").
DIGIT_AMOUNT = (
    rf"(?:{_CUR_PREFIX})?{DIGITS}"
    rf"(?:\s*(?:{_SCALE_WORDS})\b|(?:{'|'.join(SHORT_SCALES)})\b)?(?!\w|[.,/]\d)"
)
AMOUNT = rf"(?:{DIGIT_AMOUNT}|(?:{_CUR_PREFIX})?{WORDNUM})"

QUALIFIERS = [
    "as many as", "as much as", "as few as", "no fewer than", "no less than", "no more than", "not less than",
    "not more than", "more than", "fewer than", "less than", "at least", "at most", "up to", "close to",
    "in excess of", "upwards of", "well over", "well above", "just over", "just under", "an estimated",
    "approximately", "approx.", "roughly", "nearly", "almost", "about", "around", "over", "under", "above",
    "below", "some", "estimated", "only", "just",
]
_QUAL = r"(?:" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS) + r")"
_PCT = r"(?P<pct>\s*%|\s+per\s?cent\b|\s+percentage\s+points?\b)?"
_END = r"(?!-\w)"
_START = r"(?<![\w/\\.,:#№$€£-])"

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
}
#: Currency names after the number, longest first, mapped to ISO 4217.
CURRENCY_NAMES = [
    ("us dollars", "USD"), ("u.s. dollars", "USD"), ("american dollars", "USD"), ("dollars", "USD"),
    ("dollar", "USD"), ("usd", "USD"), ("euros", "EUR"), ("euro", "EUR"), ("eur", "EUR"),
    ("pounds sterling", "GBP"), ("british pounds", "GBP"), ("gbp", "GBP"), ("swiss francs", "CHF"),
    ("chf", "CHF"), ("roubles", "RUB"), ("rubles", "RUB"), ("rub", "RUB"), ("azn", "AZN"),
]

# --------------------------------------------------------------------------- exclusions

_REF_WORDS = (
    r"resolutions?|articles?|arts?\.|paragraphs?|paras?\.?|sub-?paragraphs?|sections?|§+|chapters?|clauses?"
    r"|points?|items?|annex(?:es)?|appendix|pages?|pp?\.|nos?\.|nrs?\.|numbers?|№|#|protocols?|decisions?"
    r"|rules?|principles?|amendments?|parts?|titles?|decrees?|laws?|acts?|orders?|cases?|documents?|docs?\."
    r"|volumes?|vol\.|footnotes?|notes?|recommendations?|conventions?|regulations?|directives?"
)
_REF_BEFORE = re.compile(
    rf"\b(?:{_REF_WORDS})\s*(?:\(?[\dIVXLC]+[\w./()-]*\)?\s*(?:,|and|&|or|to|-|–)\s*)*$", re.IGNORECASE
)
_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{1,5}){1,}"
    r"|\(\d{2,5}\)\s?\d{2,5}(?:[\s.-]\d{2,5})+"
    r"|(?<![\d,.])\d{2,5}(?:[ .-]\d{2,5}){2,}(?![\d,]))"
)
_PHONE_KEYWORD = re.compile(r"\b(?:tel|telephone|phone|fax|mobile|hotline)\b\.?:?\s*$", re.IGNORECASE)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|h\b|hours\b|GMT\b|UTC\b))?"
    r"|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"|\b\d{4}\s*(?:hrs|GMT|UTC)\b",
    re.IGNORECASE,
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
    seen = False
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
            total += (current or 1) * SCALES[tok]
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

    def covering(self, char: int) -> Token | None:
        """The token containing the character before ``char`` (the last token of a span ending there)."""
        i = bisect_left(self.starts, char) - 1
        return self.doc[i] if i >= 0 else None


def _modifier_ok(tok: Token) -> bool:
    if tok.like_num or tok.is_punct and tok.tag_ != "HYPH":
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
        if tok.idx >= limit or (run and tok.is_sent_start) or tok.lower_ in _STOP_WORDS:
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


def _unit_tokens(doc: Doc, toks: _Tokens, end: int, limit: int, number: list[Token]) -> list[Token]:
    """The counted noun phrase right after character ``end`` (empty if none)."""
    tok = toks.first_at_or_after(end)
    if tok is None or doc.text[end:tok.idx].strip():
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

    text = doc.text
    toks = _Tokens(doc)
    blocked = [(d.start, d.end) for d in find_dates(doc, None)]
    masked = masked_spans(text)

    def overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
        return any(s < b and a < e for a, b in spans)

    candidates: list[tuple[int, int, int, dict]] = []
    for prio, pattern in enumerate((VAGUE, RANGE_BETWEEN, RANGE_DASH, RANGE_TO, SINGLE)):
        for m in pattern.finditer(text):
            info = {"m": m, "kind": pattern}
            candidates.append((m.start(), -(m.end() - m.start()), prio, info))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))

    results: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for _start, _neg, _prio, info in candidates:
        q = _build(doc, toks, info["m"], info["kind"], blocked, masked, overlaps)
        if q is None or overlaps(taken, q.start, q.end):
            continue
        taken.append((q.start, q.end))
        results.append(q)
    results.sort(key=lambda q: q.start)
    return results


def _build(doc: Doc, toks: _Tokens, m: re.Match, kind: re.Pattern, blocked, masked, overlaps) -> Quantity | None:
    text = doc.text
    qual = _clean(m.group("qual")) if m.group("qual") else None
    start = m.start()

    if kind is VAGUE:
        vague = m.group("vague") or m.group("vague2")
        core_start = m.start("vague") if m.group("vague") else m.start("vague2")
        core_end = core_start + len(vague)
        if overlaps(blocked, core_start, core_end) or overlaps(masked, core_start, core_end):
            return None
        words = _clean(vague)
        if words in ("thousands", "hundreds", "millions", "billions") and m.group("of") is None:
            return None
        qualifier = f"{qual} {words}" if qual else words
        number = [t for t in doc if core_start <= t.idx < core_end]
        after = m.end()
        unit_toks = _unit_tokens(doc, toks, after, _next_block(blocked, after), number)
        if not unit_toks:
            end = core_end
            unit = None
        else:
            end = unit_toks[-1].idx + len(unit_toks[-1])
            unit = _unit_text(doc, unit_toks)
        return Quantity(start=start, end=end, text=text[start:end], value=None, qualifier=qualifier, unit=unit)

    a_start, a_end = m.span("a")
    core_end = m.end("b") if "b" in m.re.groupindex and m.group("b") else a_end
    if overlaps(blocked, a_start, core_end) or overlaps(masked, a_start, core_end):
        return None
    if is_reference_number(text, a_start):
        return None
    if kind is RANGE_BETWEEN and m.group("kw").lower() == "from":
        return None  # "from 10 to 20" is a change more often than a range: two quantities
    if kind is RANGE_TO:
        before = text[max(0, start - 5):start].lower()
        if re.search(r"\bfrom\s+$", before):
            return None
    value, currency, scaled = parse_amount(m.group("a"))
    if value is None:
        return None
    qualifier = qual
    if "b" in m.re.groupindex and m.group("b"):
        hi, cur_b, scaled_b = parse_amount(m.group("b"))
        if hi is None:
            return None
        currency = currency or cur_b
        if scaled_b and not scaled:
            scale = _scale_of(m.group("b"))
            if scale and value * scale <= hi:
                value *= scale
        if hi <= value:
            return None
        rng = f"range {_fmt(value)}-{_fmt(hi)}"
        qualifier = f"{qual} {rng}" if qual else rng

    pct = m.group("pct")
    end = m.end()
    unit: str | None = None
    if pct:
        unit = "percentage points" if "point" in pct.lower() else "percent"
    elif currency:
        unit = currency
    else:
        number = [t for t in doc if start <= t.idx < core_end]
        unit_toks = _unit_tokens(doc, toks, core_end, _next_block(blocked, core_end), number)
        if unit_toks:
            phrase = _unit_text(doc, unit_toks).lower()
            code = next((c for name, c in CURRENCY_NAMES if phrase == name or phrase.startswith(name + " ")), None)
            if code:
                unit = code
                n_words = len(next(name for name, c in CURRENCY_NAMES
                                   if phrase == name or phrase.startswith(name + " ")).split())
                unit_toks = _take_words(unit_toks, n_words)
            else:
                unit = _unit_text(doc, unit_toks)
            end = unit_toks[-1].idx + len(unit_toks[-1])
    words = _clean(m.group("a"))
    if unit is None and not ("b" in m.re.groupindex and m.group("b")):
        if words == "one" or re.fullmatch(r"an?\s+dozen", words):
            return None  # "one of the", "one another": no counted thing
        if _clean(text[max(0, a_start - 8):a_start]).split()[-1:] in (["no"], ["any"], ["every"], ["each"]):
            return None
    if words in ("one",) and _clean(text[max(0, a_start - 8):a_start]).split()[-1:] in (
            ["no"], ["the"], ["this"], ["that"], ["any"], ["every"], ["each"], ["which"]):
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
    return doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


def _next_block(blocked: list[tuple[int, int]], char: int) -> int:
    """The start of the first blocked (date) span at or after ``char``; the unit stops there."""
    starts = [a for a, _b in blocked if a >= char]
    return min(starts) if starts else 1 << 60
