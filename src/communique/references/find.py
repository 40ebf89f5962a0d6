"""Finding the references a statement makes: UN resolutions (by number or by
description), treaties and conventions by name, agreements by kind and date,
laws, and earlier statements and speeches of named actors.

Regular expressions find the surface forms; spaCy's parse finds who made an
earlier statement and whether this statement answers or rebuts it. Every
result is a :class:`communique.contract.Reference` whose ``text`` is
``doc.text[start:end]``. Spans never start with an article ("the").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from communique.contract import Reference
from communique.doc_facts import is_sentence_start, text_of
from communique.references.kb import KnowledgeBase, normalise_name, resolution_key, symbol_for

# -- dates -------------------------------------------------------------------------
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?\b"
YEAR = r"(?:1[6-9]\d\d|20\d\d)\b"
DATE = (rf"(?:{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"
        rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
        rf"|{MONTH}\s+{YEAR})")
_DATE_RE = re.compile(DATE)

# -- shared word lists -------------------------------------------------------------
CAP = r"[A-Z][\w'’\-]*"
_STARTERS = {
    "The", "This", "That", "These", "Those", "A", "An", "In", "On", "At", "By", "We", "Our", "Its", "Their",
    "His", "Her", "Under", "According", "Following", "Since", "As", "With", "For", "From", "To", "It", "And",
    "But", "Also", "Both", "All", "Any", "No", "Recalling", "Regarding", "Despite", "After", "Before", "If",
}
_UN_BODY = r"(?:Security\s+Council|General\s+Assembly|UNSC|UNGA)"
_UN = r"(?:UN|U\.N\.|United\s+Nations)"
_NON_UN = re.compile(
    r"(?:PACE|OSCE|European\s+Parliament|Parliamentary\s+Assembly(?:\s+of\s+the\s+Council\s+of\s+Europe)?"
    r"|Council\s+of\s+Europe|OIC|NATO|EU|IAEA(?:\s+Board(?:\s+of\s+Governors)?)?|Board\s+of\s+Governors"
    r"|Human\s+Rights\s+Council|HRC|European\s+Council|Congress|Senate|House|Parliament"
    r"|CSTO|CIS|African\s+Union|AU|Arab\s+League|ASEAN|[A-Z][a-z]+(?:ian|ese|i|an)\s+(?:Parliament|Senate|Congress))"
    r"(?:'s|’s)?\s+$"
)
_NON_UN_AFTER = re.compile(
    r"^\s+(?:of|by)\s+the\s+(?:PACE|OSCE|OIC|European\s+Parliament|Parliamentary\s+Assembly(?:\s+of\s+the\s+Council\s+of\s+Europe)?"
    r"|Council\s+of\s+Europe|Human\s+Rights\s+Council|IAEA\s+Board\s+of\s+Governors|European\s+Council|CSTO"
    r"|Organi[sz]ation\s+of\s+(?:Islamic\s+Cooperation|the\s+Islamic\s+Conference))"
)

# -- UN resolutions by number --------------------------------------------------------
_RES_NUM = r"(?:ES-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4}|\d{1,4})(?:\s*\((?:\d{4}|[IVXL]{1,6})\))?"
_RES_RE = re.compile(
    rf"(?P<prefix>(?:{_UN}\s+)?(?:{_UN_BODY}(?:'s|’s)?\s+)?)"
    r"(?P<word>[Rr]esolutions?|RESOLUTIONS?)\s+(?:(?:[Nn]os?|NOS?)\.?\s*)?"
    rf"(?P<nums>{_RES_NUM}(?:\s*(?:,|,?\s+and|&|;)\s*(?:[Nn]o\.?\s*)?{_RES_NUM})*)"
    rf"(?P<of>\s+(?:of|dated|adopted\s+on|adopted\s+in)\s+(?P<ofdate>{DATE}|{YEAR}))?"
    rf"(?P<suffix>\s+of\s+the\s+(?:{_UN}\s+)?(?P<sbody>Security\s+Council|General\s+Assembly))?"
    r"(?![\w/])"
)
_RES_DATE_RE = re.compile(
    rf"(?P<org>(?:{_UN}\s+)?{_UN_BODY}(?:'s|’s)?\s+|(?:[A-Z][\w'’-]*\s+(?:of\s+the\s+)?){{1,5}})"
    rf"(?P<word>[Rr]esolution)\s+(?:(?:adopted|passed)\s+)?(?:of|on|dated)\s+(?P<date>{DATE})"
)
_ONE_NUM = re.compile(r"(?P<num>ES-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4}|\d{1,4})(?:\s*\((?P<paren>\d{4}|[IVXL]{1,6})\))?")
_SYMBOL_RE = re.compile(r"(?<![\w/])(?:S/RES/\d{1,4}\s*\(\d{4}\)|S/RES/\d{1,4}|A/RES/(?:ES-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4}|\d{1,4}\s*\([IVXL]+\)))(?![\w/])")

# -- UN resolutions by description ------------------------------------------------------
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12}
_DESC_RE = re.compile(
    r"(?<![\w-])(?P<count>(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{1,2})\s+"
    rf"(?:(?P<year1>{YEAR})\s+)?(?:(?:well-known|relevant|famous|known|respective|related|core|key)\s+)?"
    rf"(?P<pre>(?:{_UN}\s+)?(?:{_UN_BODY}|{_UN})\s+)?"
    r"(?P<word>[Rr]esolutions)"
    rf"(?P<suf>\s+of\s+the\s+(?:{_UN}\s+)?(?P<sbody>Security\s+Council|General\s+Assembly))?"
    rf"(?P<tail>\s+(?:adopted|passed)(?:\s+(?!in\b)[a-z][\w-]*){{0,6}}?\s+in\s+(?P<year2>{YEAR})"
    rf"|\s+(?:of|in)\s+(?P<year3>{YEAR}))?"
)
_GENERIC_WORDS = {
    "un", "u.n.", "united", "nations", "security", "council", "general", "assembly", "resolution", "resolutions",
    "ministry", "foreign", "affairs", "republic", "government", "president", "minister", "prime", "state",
    "states", "people", "international", "community", "mr", "mrs", "ms", "dr", "unsc", "unga", "we", "i",
    "article", "charter", "law", "constitution", "osce", "group", "co", "chairs", "co-chairs", "federation",
    "excellency", "his", "her", "the", "statement", "press", "release", "office", "spokesperson", "embassy",
} | set(MONTHS) | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

# -- treaties by name -----------------------------------------------------------------
_ARTICLE_UNIT = (r"(?:[Aa]rticles?|[Aa]rt\.|[Cc]hapters?|[Ss]ections?|[Pp]aragraphs?|para\.|[Pp]arts?|[Cc]lauses?"
                 r"|[Pp]oints?|[Ii]tems?|[Ss]ubparagraphs?)"
                 r"\s+[\dIVXLC]+[a-z]?(?:\.\d+)*(?:\s*\(\w{1,3}\))*"
                 r"(?:(?:\s*,\s*|\s+and\s+|\s*-\s*)[\dIVXLC]+[a-z]?(?:\.\d+)*(?:\s*\(\w{1,3}\))*)*")
_ARTICLE_BEFORE = re.compile(
    rf"(?:{_ARTICLE_UNIT}(?:,?\s+of\s+|\s+)(?:(?:the|its|our|their|this|his|her)\s+)?(?:own\s+)?)+$")
_YEAR_BEFORE = re.compile(rf"(?<![\w-]){YEAR}\s+$")
_YEAR_AFTER = re.compile(rf"^(?:\s+of\s+(?:{DATE}|{YEAR})|\s*\({YEAR}\))")

# -- agreements by kind and date ----------------------------------------------------------
_QUALIFIERS = ("joint", "trilateral", "bilateral", "tripartite", "quadrilateral", "quadripartite", "multilateral")
_AGR_MOD = (r"(?:(?i:joint|trilateral|bilateral|tripartite|quadrilateral|quadripartite|multilateral|ceasefire|"
            r"cease-fire|peace|humanitarian|final|political|framework|interim|comprehensive|border|security|"
            r"intergovernmental|trade|transit|transport|armistice|truce|normali[sz]ation|strategic|partnership)"
            r"|(?!(?:" + "|".join(sorted(_STARTERS)) + r")\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?)")
_AGR_HEAD = (r"(?i:agreements?|accords?|declaration|statement|communiqu[eé]|memorandum(?:\s+of\s+understanding)?|"
             r"protocol|treaty|arrangement|road\s?map|deal)")
_AGR_RE = re.compile(
    rf"(?<![\w'’-])(?P<mods>(?:{_AGR_MOD}\s+){{0,3}})(?P<head>{_AGR_HEAD})"
    r"(?:\s+(?:signed|adopted|reached|concluded|issued|agreed|made)(?:\s+(?:in|at)\s+[A-Z][\w-]+)?)?"
    rf"\s+(?:of|on|dated|from)\s+(?P<date>{DATE})"
)

# -- laws -----------------------------------------------------------------------------
_FUNC = r"(?:of|the|and|on|in|for|to|from|with|against|by|a|an|at)"
_TITLE = rf"(?:the\s+)?{CAP}(?:\s+(?:{_FUNC}\s+)*{CAP})*"
_QUOTED = r"(?:[\"“«]|'')(?:On|About|Concerning)\s+[^\"”»\n]{1,160}(?:[\"”»]|'')"
_LAW_NAME = rf"(?:Law|LAW)(?:\s+No\.?\s*[\w\-/]+)?(?:\s+of\s+(?:the\s+)?{CAP}(?:\s+(?:of\s+)?(?:the\s+)?{CAP}){{0,4}})?(?:\s+No\.?\s*[\w\-/]+)?"
_LAW_RES = [
    re.compile(rf"(?<![\w-]){_LAW_NAME}\s+(?:on\s+{_TITLE}|{_QUOTED})"),
    re.compile(rf"(?<![\w-])(?:Law|LAW)\s+No\.?\s*\d[\w\-/]*(?:\s+(?:of|dated)\s+{DATE})?"),
    re.compile(rf"(?<![\w-])Constitution(?:\s+of\s+(?:the\s+)?{CAP}(?:\s+(?:of\s+)?(?:the\s+)?{CAP}){{0,4}})?(?![\w-])"),
    re.compile(r"(?<![\w-])(?:Criminal|Civil|Penal|Labour|Labor|Land|Tax|Electoral|Family|Administrative|Water|Forest"
               rf"|Customs|Air|Maritime|Election|Migration)\s+Code(?:\s+of\s+(?:the\s+)?{CAP}(?:\s+(?:of\s+)?(?:the\s+)?{CAP}){{0,4}})?"),
    re.compile(rf"(?<![\w-])(?:{CAP}\s+(?:(?:of|for|and|on|to|the)\s+)*){{1,8}}Act(?:\s+of\s+{YEAR})?(?![\w-])"),
    re.compile(r"(?<=\b[Tt]he )(?:(?:new|recent|so-called|controversial|draft|amended)\s+)?law\s+on\s+(?:the\s+)?"
               r"[a-z][\w-]+(?:\s+(?:of|and)\s+(?:the\s+)?[a-z][\w-]+)?"),
]
_LOWER_CONSTITUTION = re.compile(r"(?<![\w-])constitution(?![\w-])")

# -- statements and speeches ------------------------------------------------------------
STATEMENT_NOUNS = {
    "statement": "statement", "remark": "statement", "remarks": "statement", "comment": "statement",
    "comments": "statement", "interview": "statement", "briefing": "statement", "release": "statement",
    "communiqué": "statement", "communique": "statement", "declaration": "statement", "tweet": "statement",
    "speech": "speech", "address": "speech", "op-ed": "statement",
}
OFFICE_WORDS = {
    "minister", "ministry", "president", "presidency", "spokesperson", "spokesman", "spokeswoman", "government",
    "side", "authorities", "authority", "leadership", "parliament", "office", "embassy", "representative",
    "ambassador", "delegation", "envoy", "chairman", "chairperson", "chair", "leader", "official", "officials",
    "secretary", "head", "department", "service", "co-chair", "co-chairs", "speaker", "deputy", "mission",
    "premier", "chancellor", "king", "emir", "sultan", "ombudsman", "commissioner", "council", "cabinet",
    "administration", "diplomat", "counterpart", "counterparts", "mfa", "kremlin", "commander",
}
_ACL_VERBS = {"make", "issue", "deliver", "give", "publish", "release", "voice", "post", "circulate", "express",
              "disseminate", "spread", "date", "read", "distribute"}
_GAP_RE = re.compile(
    r"^[\s,]*(?:(?:recently|earlier|yesterday|today|publicly|reportedly|officially)\s+)?"
    r"(?:(?:made|issued|delivered|published|released|given|posted|voiced|circulated|expressed|disseminated|spread|"
    r"read\s+out|distributed)\s+)?$"
)
_DATE_PIECE = re.compile(rf"(?<![\w-])(?:on|of|dated|from)\s+(?:{DATE})")
_EVENT_PIECE = re.compile(
    rf"(?:at|before|to)\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?"
    rf"(?:(?:session|meeting|summit|conference|forum|debate|plenary)\s+of\s+the\s+)?"
    rf"(?!(?:{'|'.join(sorted(_STARTERS))})\b){CAP}(?:\s+(?:(?:of|on|for|and)\s+(?:the\s+)?)?{CAP})*"
)
RESPOND_WORDS = {
    "reject", "refute", "deny", "dismiss", "rebut", "respond", "reply", "answer", "comment", "counter",
    "contest", "disagree", "denounce", "condemn", "deplore", "regret", "protest", "challenge", "debunk",
    "disprove", "repudiate", "regarding", "concerning", "response", "rebuttal", "reaction", "regard",
    "connection", "relation", "refutation", "denial", "objection", "object", "dispute", "categorically",
}
BASELESS = {
    "baseless", "groundless", "unfounded", "false", "absurd", "provocative", "irresponsible", "biased",
    "unacceptable", "deceptive", "misleading", "fabricated", "distorted", "slanderous", "defamatory", "hostile",
    "regrettable", "so-called", "untrue", "inaccurate", "one-sided", "destructive", "unsubstantiated",
    "ridiculous", "outrageous", "cynical", "lying", "mendacious", "unfriendly", "inappropriate", "populist",
}
_SELF_DETS = {"this", "these", "present", "current", "today", "today's"}

PRIORITY = {"un_resolution": 0, "treaty": 2, "agreement": 3, "law": 4, "statement": 5, "speech": 5, "other": 1}


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    ids: list[str] = field(default_factory=list)
    responds_to: bool = False
    priority: int = 9


# -- public ------------------------------------------------------------------------
def find_references(doc: Doc, kb: KnowledgeBase, reference_date: date | None = None) -> list[Reference]:
    """The references ``doc`` makes, sorted by start, none overlapping.

    ``reference_date`` (the statement's own date; else ``doc._.date`` when the
    pipeline set it) gives a year to dates written without one.
    """
    text = text_of(doc)
    ref = reference_date or _doc_date(doc)
    finder = _Finder(doc, kb, ref)
    found: list[_Candidate] = []
    found += finder.resolutions()
    found += finder.described_resolutions()
    found += finder.instruments()
    found += finder.agreements()
    found += finder.laws()
    if doc.has_annotation("DEP"):
        found += finder.statements()
    chosen: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if cand.end <= cand.start:
            continue
        if any(cand.start < c.end and c.start < cand.end for c in chosen):
            continue
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return [
        Reference(start=c.start, end=c.end, text=text[c.start:c.end], kind=c.kind, ids=list(dict.fromkeys(c.ids)),
                  responds_to=c.responds_to)
        for c in chosen
    ]


def parse_date(value: str, reference: date | None = None) -> str | None:
    """An ISO form of a date expression: "5 March 2019" -> "2019-03-05",
    "March 2019" -> "2019-03"; "12 April" takes its year from ``reference``
    (the year before when that would fall after it), else gives "04-12"."""
    m = re.fullmatch(
        rf"\s*(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{MONTH})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
        rf"|(?P<m3>{MONTH})\s+(?P<y3>\d{{4}}))\s*",
        value,
    )
    if not m:
        return None
    month_name = (m.group("m1") or m.group("m2") or m.group("m3")).rstrip(".").lower()
    month = MONTHS[month_name]
    if m.group("m3"):
        return f"{int(m.group('y3')):04d}-{month:02d}"
    day = int(m.group("d1") or m.group("d2"))
    year_text = m.group("y1") or m.group("y2")
    try:
        if year_text:
            return date(int(year_text), month, day).isoformat()
        if reference is not None:
            guess = date(reference.year, month, day)
            if guess > reference:
                guess = date(reference.year - 1, month, day)
            return guess.isoformat()
        date(2000, month, day)  # a real day of that month
    except ValueError:
        return None
    return f"{month:02d}-{day:02d}"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Ministry of Foreign Affairs" -> "ministry-of-foreign-affairs")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# -- the finder ----------------------------------------------------------------------
class _Finder:
    def __init__(self, doc: Doc, kb: KnowledgeBase, reference: date | None):
        self.doc = doc
        self.text = text_of(doc)
        self.kb = kb
        self.reference = reference
        self.parsed = doc.has_annotation("DEP")
        self.sentenced = self.parsed or doc.has_annotation("SENT_START")
        self._starts = [t.idx for t in doc]

    # -- helpers ---------------------------------------------------------------
    def sentence_at(self, char: int) -> Span:
        if not self.sentenced:
            return self.doc[:]
        token = self._token_at(char)
        return token.sent if token is not None else self.doc[:]

    def _token_at(self, char: int) -> Token | None:
        if not len(self.doc):
            return None
        i = bisect.bisect_right(self._starts, char) - 1
        return self.doc[max(0, i)]

    def _resolution_id(self, body: str, number: str, year: int | None) -> str:
        if body == "A":
            rec = self.kb.resolution(number, "A")
            if rec is None and number.isdigit():
                rec = next((r for r in self.kb.resolutions("A") if str(r["number"]).startswith(number + "(")), None)
            return rec["symbol"] if rec else symbol_for("A", number)
        if year is None:
            rec = self.kb.resolution(number, "S")
            year = rec["year"] if rec else None
        return symbol_for("S", number, year)

    # -- UN resolutions by number ------------------------------------------------------
    def resolutions(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in _RES_RE.finditer(self.text):
            start = m.start("prefix") if m.group("prefix") else m.start("word")
            end = m.end()
            if not (m.group("prefix") or m.group("suffix")):
                window = max(0, start - 80)
                before = _NON_UN.search(self.text[window:start])
                after = _NON_UN_AFTER.match(self.text[m.end("nums"):])
                if before or after:
                    if before:
                        start = window + before.start()
                    else:
                        end = m.end("nums") + after.end()
                    out.append(_Candidate(start, end, "other", [], priority=PRIORITY["other"]))
                    continue
            body_words = (m.group("prefix") or "") + " " + (m.group("sbody") or "")
            body = "A" if re.search(r"General\s+Assembly|UNGA", body_words) else "S"
            year_in_date = re.search(r"\d{4}", m.group("ofdate") or "")
            of_year = int(year_in_date.group()) if year_in_date else None
            ids = []
            for n in _ONE_NUM.finditer(m.group("nums")):
                number, paren = n.group("num"), n.group("paren")
                nbody = "A" if ("/" in number or (paren and not paren.isdigit())) else body
                if nbody == "A" and paren and not paren.isdigit():
                    number = f"{int(number)}({paren})"
                year = int(paren) if paren and paren.isdigit() else of_year
                key = resolution_key(number, nbody)  # type: ignore[arg-type]
                if key is not None:
                    ids.append(self._resolution_id(key[0], key[1], year))
            if ids:
                out.append(_Candidate(start, end, "un_resolution", ids, priority=PRIORITY["un_resolution"]))
        for m in _RES_DATE_RE.finditer(self.text):
            org_words = m.group("org").split()
            offset = 0
            while org_words and org_words[0] in _STARTERS:
                offset = m.group("org").index(org_words[1], offset + len(org_words[0])) if len(org_words) > 1 else 0
                org_words = org_words[1:]
            if not org_words:
                continue
            start = m.start("org") + offset
            org = " ".join(org_words)
            iso = parse_date(m.group("date"), self.reference)
            if re.fullmatch(rf"(?:{_UN}\s+)?{_UN_BODY}(?:'s|’s)?", org) and iso:
                body = "A" if re.search(r"General\s+Assembly|UNGA", org) else "S"
                on_day = self.kb.resolutions_on(iso, body)  # type: ignore[arg-type]
                ids = [on_day[0]["symbol"]] if len(on_day) == 1 else []
                out.append(_Candidate(start, m.end(), "un_resolution", ids, priority=PRIORITY["un_resolution"]))
            else:
                out.append(_Candidate(start, m.end(), "other", [], priority=PRIORITY["other"]))
        for m in _SYMBOL_RE.finditer(self.text):
            key = resolution_key(m.group())
            if key is None:
                continue
            year_m = re.search(r"\((\d{4})\)", m.group())
            ident = self._resolution_id(key[0], key[1], int(year_m.group(1)) if year_m else None)
            out.append(_Candidate(m.start(), m.end(), "un_resolution", [ident], priority=PRIORITY["un_resolution"]))
        return out

    # -- UN resolutions by description -------------------------------------------------
    def described_resolutions(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in _DESC_RE.finditer(self.text):
            if not (m.group("pre") or m.group("suf")):
                continue
            raw = m.group("count").lower()
            count = _COUNTS.get(raw) or (int(raw) if raw.isdigit() else 0)
            if count < 1:
                continue
            body_words = (m.group("pre") or "") + " " + (m.group("sbody") or "")
            body = "A" if re.search(r"General\s+Assembly|UNGA", body_words) else "S"
            year_text = m.group("year1") or m.group("year2") or m.group("year3")
            year = int(year_text) if year_text else None
            start, end = m.start(), m.end()
            words = self.topic_words(self.sentence_at(start), exclude=(start, end))
            ids = self._described_ids(count, year, words, body)
            if ids is None:
                ids = self._described_ids(count, year, self.topic_words(self.doc[:], exclude=(start, end)), body) or []
            out.append(_Candidate(start, end, "un_resolution", ids, priority=1))
        return out

    def _described_ids(self, count: int, year: int | None, words: set[str], body: str) -> list[str] | None:
        """The symbols when ``count`` resolutions fit; [] when the words match others; None when they match none."""
        if not words:
            return None
        matches = self.kb.resolutions_matching(year, words, body)  # type: ignore[arg-type]
        if not matches:
            return None
        best = [r for r in matches if r["score"] == matches[0]["score"]]
        # resolutions cited by description are the well-known ones: those with curated topics
        curated = [r for r in matches if r.get("topics")]
        curated_best = [r for r in curated if r["score"] == curated[0]["score"]] if curated else []
        for group in (best, matches, curated_best, curated):
            if len(group) == count:
                return [r["symbol"] for r in sorted(group, key=lambda r: _number_order(r["number"]))]
        return []

    def topic_words(self, span: Span, exclude: tuple[int, int]) -> set[str]:
        """Lower-case names in ``span`` (outside ``exclude``): proper nouns,
        place and nationality entities, capitalised words."""
        words: set[str] = set()
        for tok in span:
            if exclude[0] <= tok.idx < exclude[1] or not tok.text[:1].isalpha():
                continue
            capital = tok.text[:1].isupper() and not is_sentence_start(tok)
            if not (tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "NORP", "LOC") or capital):
                continue
            word = normalise_name(tok.text)
            word = re.sub(r"['’]s$", "", word)
            for part in {word, *word.split("-")}:
                if len(part) >= 3 and part not in _GENERIC_WORDS:
                    words.add(part)
        return words

    # -- treaties by name -------------------------------------------------------------
    def _instrument_regex(self) -> tuple[re.Pattern | None, dict[str, list[tuple[str, str]]]]:
        """A regex over the aliases that can occur in this text: one alternation
        over all ~400 aliases is slow, so aliases are first filtered by their
        words (every word of an alias must occur in the text)."""
        table = self.kb.cache.get("references.instrument_patterns")
        if table is None:
            table = []
            for alias, ident in self.kb.aliases():
                need_the = alias.lower().startswith("the ")
                core = alias[4:] if need_the else alias
                pat = r"\s+".join(_word_pattern(w) for w in core.split())
                if need_the:
                    pat = r"(?<=\b[Tt]he )" + pat + r"(?!\s+(?:of|for)\b)"
                words = frozenset(w for w in re.findall(r"[a-z0-9]+", core.lower()) if len(w) > 2)
                table.append((len(core), rf"(?<![\w-]){pat}(?![\w-])", words, normalise_name(core), core, ident))
            table.sort(key=lambda row: -row[0])
            self.kb.cache["references.instrument_patterns"] = table
        present = set(re.findall(r"[a-z0-9]+", self.text.lower()))
        rows = [row for row in table if row[2] <= present]
        forms: dict[str, list[tuple[str, str]]] = {}
        for _n, _pat, _words, key, core, ident in rows:
            forms.setdefault(key, []).append((core, ident))
        if not rows:
            return None, forms
        key = tuple(row[1] for row in rows)
        compiled = self.kb.cache.setdefault("references.instrument_regexes", {})
        if key not in compiled:
            compiled[key] = re.compile("|".join(dict.fromkeys(key)), re.IGNORECASE)
        return compiled[key], forms

    def instruments(self) -> list[_Candidate]:
        regex, forms = self._instrument_regex()
        out: list[_Candidate] = []
        if regex is None:
            return out
        for m in regex.finditer(self.text):
            matched = m.group()
            ident = next((i for core, i in forms.get(normalise_name(matched), []) if _caps_ok(core, matched)), None)
            if ident is None:
                continue
            rec = self.kb.instrument(ident)
            start, end = m.start(), m.end()
            start = self._extend_back(start)
            after = _YEAR_AFTER.match(self.text[end:])
            if after and not re.search(r"\d{4}$", matched):
                end += after.end()
            kind = _instrument_kind(rec)
            out.append(_Candidate(start, end, kind, [ident], priority=PRIORITY[kind]))
        return out

    def _extend_back(self, start: int) -> int:
        """Include "Article 51 of the" and a year ("the 1975 ...") before a name."""
        year = _YEAR_BEFORE.search(self.text[max(0, start - 12):start])
        if year:
            start = start - (len(self.text[max(0, start - 12):start]) - year.start())
        article = _ARTICLE_BEFORE.search(self.text[max(0, start - 200):start])
        if article:
            start = start - (len(self.text[max(0, start - 200):start]) - article.start())
        return start

    # -- agreements by kind and date -----------------------------------------------------
    def agreements(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in _AGR_RE.finditer(self.text):
            mods = m.group("mods").split()
            head = re.sub(r"\s+", " ", m.group("head").lower())
            lowered = [w.lower() for w in mods]
            if head == "statement" and not any(w in _QUALIFIERS for w in lowered):
                continue
            iso = parse_date(m.group("date"), self.reference)
            if iso is None:
                continue
            start = m.start("mods") if mods else m.start("head")
            words = " ".join([*mods, head])
            ident = self._agreement_id(head, lowered, iso) or f"agreement:{slug(words)}:{iso}"
            out.append(_Candidate(start, m.end(), "agreement", [ident], priority=PRIORITY["agreement"]))
        return out

    def _agreement_id(self, head: str, mods: list[str], iso: str) -> str | None:
        head_word = head.split()[0].rstrip("s") if head not in ("accords",) else "accord"
        fits = []
        for rec in self.kb.instruments_on(iso):
            names = " ".join(normalise_name(n) for n in [rec["name"], *rec.get("aliases", [])])
            if head_word in names or rec["kind"].startswith(head_word):
                score = sum(1 for w in mods if w in names)
                fits.append((-score, rec["id"]))
        return sorted(fits)[0][1] if fits else None

    # -- laws ------------------------------------------------------------------------
    def laws(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for regex in _LAW_RES:
            for m in regex.finditer(self.text):
                start, end = m.start(), m.end()
                words = m.group().split()
                while words and words[0] in _STARTERS:  # "The Foreign Agents Act": not "The"
                    start = self.text.index(words[1], start + len(words[0])) if len(words) > 1 else end
                    words = words[1:]
                if not words or (words[-1] == "Act" and (len(words) < 2 or words[-2] in ("Final",))):
                    continue
                if words[-1] == "Act" and all(w[:1].islower() or w in _STARTERS for w in words[:-1]):
                    continue
                start = self._law_adjectives(start)
                start = self._extend_back(start)
                out.append(_Candidate(start, end, "law", [], priority=PRIORITY["law"]))
        for m in _LOWER_CONSTITUTION.finditer(self.text):
            article = _ARTICLE_BEFORE.search(self.text[max(0, m.start() - 200):m.start()])
            if article:
                out.append(_Candidate(self._extend_back(m.start()), m.end(), "law", [], priority=PRIORITY["law"]))
        return out

    def _law_adjectives(self, start: int) -> int:
        """Include capitalised words before a law's name ("the Ostravian Constitution", "Federal Law")."""
        window = max(0, start - 60)
        m = re.search(r"(?:(?<![\w'’-])[A-Z][\w'’\-]*[ \t]+){1,3}$", self.text[window:start])
        if not m:
            return start
        keep = None
        for w in reversed(list(re.finditer(r"[A-Z][\w'’\-]*", m.group()))):
            if w.group() in _STARTERS or w.group().endswith(("'s", "’s")):
                break
            keep = w
        return window + m.start() + keep.start() if keep is not None else start

    # -- statements and speeches ----------------------------------------------------------
    def statements(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for head in self.doc:
            kind = STATEMENT_NOUNS.get(head.lower_) or STATEMENT_NOUNS.get(head.lemma_.lower())
            if kind is None or head.pos_ not in ("NOUN", "PROPN"):
                continue
            if head.lower_ == "release" and not any(c.lower_ == "press" for c in head.lefts):
                continue
            cand = self._statement(head, kind)
            if cand is not None:
                out.append(cand)
        return out

    def _statement(self, head: Token, kind: str) -> _Candidate | None:
        lefts = list(head.lefts)
        if any(c.lower_ in _QUALIFIERS for c in lefts):
            return None  # "joint statement": an agreement, found by date
        if any(c.dep_ == "det" and c.lower_ in _SELF_DETS for c in lefts):
            return None
        start = head.idx
        if head.lower_ == "release":
            start = next(c for c in lefts if c.lower_ == "press").idx
        actor_chars: list[tuple[int, int]] = []
        # before the noun: "Ostravia's statement", "the Foreign Ministry statement"
        for c in lefts:
            if c.dep_ == "poss":
                lo = _strip_det(c.left_edge)
                if c.pos_ == "PRON":
                    continue  # "his remarks": counts only with a date
                start = lo.idx
                actor_chars.append((lo.idx, _poss_end(c)))
                break
        else:
            chain = [c for c in lefts if c.dep_ in ("compound", "amod", "nmod") and _actorish(c, strict=True)]
            if chain:
                lo = _strip_det(chain[0].left_edge)
                start = lo.idx
                actor_chars.append((lo.idx, chain[-1].idx + len(chain[-1].text)))
        end = head.idx + len(head.text)
        # after the noun: actor, date and event pieces that follow one another
        pieces: list[tuple[int, int, str]] = []
        anchors = [head] + [c for c in head.rights if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _ACL_VERBS]
        for anchor in anchors:
            for c in anchor.rights:
                if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by", "from"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and _actorish(obj, strict=False) and not _is_date_token(obj):
                        pieces.append((c.idx, _extent_end(obj), "actor"))
        sent = head.sent
        for m in _DATE_PIECE.finditer(self.text, sent.start_char, sent.end_char):
            pieces.append((m.start(), m.end(), "date"))
        if kind == "speech" or head.lower_ in ("statement", "remarks"):
            for m in _EVENT_PIECE.finditer(self.text, sent.start_char, sent.end_char):
                pieces.append((m.start(), m.end(), "event"))
        day: str | None = None
        event = False
        used = True
        while used:
            used = False
            for p_start, p_end, p_kind in sorted(pieces):
                if p_start < end or p_end <= end:
                    continue
                if not _GAP_RE.match(self.text[end:p_start]):
                    continue
                if p_kind == "date" and day is not None:
                    continue
                if p_kind == "actor":
                    actor_chars.append((p_start, p_end))
                event = event or p_kind == "event"
                if p_kind == "date":
                    day = parse_date(re.sub(r"^(?:on|of|dated|from)\s+", "", self.text[p_start:p_end]), self.reference)
                end = p_end
                used = True
                break
        if not actor_chars and day is None:
            return None  # "the statement", "his remarks": no one named, no date
        if head.lower_ == "address" and not event:
            return None  # "the address of the embassy"
        ids: list[str] = []
        if day is not None:
            actor_words = " ".join(_actor_text(self.text[a:b]) for a, b in actor_chars)
            ids = [":".join(p for p in (kind, slug(actor_words), day) if p)]
        responds = _responds(head) or any(
            c.dep_ == "relcl" and c.lemma_.lower() in RESPOND_WORDS
            for tok in self.doc.char_span(start, end, alignment_mode="expand") or [] for c in tok.children
        )
        return _Candidate(start, end, kind, ids, responds_to=responds, priority=PRIORITY[kind])


# -- helpers -----------------------------------------------------------------------
def _doc_date(doc: Doc) -> date | None:
    if not Doc.has_extension("date"):
        return None
    value: Any = doc._.date
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _word_pattern(word: str) -> str:
    out = []
    for ch in word:
        if ch in "-\u2010\u2011\u2012\u2013\u2014":
            out.append(r"[-\u2010-\u2014]")
        elif ch in "'\u2019":
            out.append(r"['\u2019]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _caps_ok(alias: str, matched: str) -> bool:
    """Capitalised words of an alias must be capitalised in the text; acronyms in capitals."""
    a_words, m_words = alias.split(), matched.split()
    if len(a_words) != len(m_words):
        return True
    for a, m in zip(a_words, m_words, strict=True):
        letters = [c for c in a if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            if not all(c.isupper() for c in m if c.isalpha()):
                return False
        elif a[:1].isupper() and not m[:1].isupper():
            return False
    return True


def _instrument_kind(rec: dict | None) -> str:
    """Reference kind of a named instrument: agreements (and declarations between
    named parties) are "agreement", treaties, conventions and multilateral
    declarations "treaty"."""
    if rec is None:
        return "treaty"
    if rec["kind"] == "agreement" or (rec["kind"] == "declaration" and rec.get("parties")):
        return "agreement"
    return "treaty"


def _number_order(number: Any) -> tuple:
    return tuple(int(n) for n in re.findall(r"\d+", str(number)))


def _strip_det(tok: Token) -> Token:
    """Skip a leading determiner ("the Ministry" -> "Ministry")."""
    doc = tok.doc
    i = tok.i
    while i < len(doc) - 1 and doc[i].dep_ == "det" and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    return doc[i]


def _poss_end(tok: Token) -> int:
    case = next((c for c in tok.children if c.dep_ == "case"), None)
    last = case if case is not None else tok
    return last.idx + len(last.text)


def _is_date_token(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.text.rstrip(".").lower() in MONTHS and tok.text[:1].isupper()


def _actorish(tok: Token, strict: bool) -> bool:
    """Whether a token names who made a statement: a proper noun, a state or
    organisation entity, or an office ("minister", "ministry", "spokesperson")."""
    if tok.lower_ in OFFICE_WORDS or tok.lemma_.lower() in OFFICE_WORDS:
        return True
    if _is_date_token(tok):
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
        return True
    if strict:
        return tok.text[:1].isupper() and not is_sentence_start(tok)
    return False


def _extent_end(tok: Token) -> int:
    """End (char) of an actor phrase: the noun with its "of"/"for" phrases,
    possessive ending and coordinated actors ("the Ministry of Foreign Affairs of Ostravia")."""
    right = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and not _is_date_token(obj):
                right = max(right, _extent_end(obj))
        elif c.dep_ in ("compound", "case", "flat", "nummod"):
            right = max(right, c.idx + len(c.text))
        elif c.dep_ == "conj" and _actorish(c, strict=False):
            right = max(right, _extent_end(c))
    return right


def _actor_text(text: str) -> str:
    text = re.sub(r"^(?:of|by|from)\s+", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text)


def _responds(head: Token) -> bool:
    """Whether the sentence answers or rebuts the statement ``head`` names: a
    rejecting or answering word governs it ("we reject the statement", "in
    response to", "regarding the statement"), or it is called baseless."""
    if any(c.dep_ == "amod" and c.lower_ in BASELESS for c in head.children):
        return True
    return _governed_by_response(head)


def _governed_by_response(head: Token) -> bool:
    """Climb from ``head`` through nouns, prepositions and participles ("the
    claims contained in the statement") to a rejecting or answering word; stop
    at a verb of another clause."""
    tok = head
    for _ in range(12):
        if tok.dep_ == "ROOT" or tok.head is tok:
            break
        parent = tok.head
        if parent.lemma_.lower() in RESPOND_WORDS or parent.lower_ in RESPOND_WORDS:
            return True
        if parent.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("acomp", "oprd", "attr", "xcomp") and c.lower_ in BASELESS for c in parent.children):
                return True
            if parent.dep_ != "acl":  # a clause of its own: stop ("... and note the statement")
                break
        tok = parent
    return False
