"""The ``communique_actors`` spaCy component: every state-actor mention in a Doc.

It writes ``doc.spans["actors"]``; each span's label is the mention kind
(actor, person, place, organisation), ``span._.actor`` is the resolved actor as
plain data and ``span._.via`` says how it was resolved. It reads the
statement's issuer and date from ``doc._.issuer`` and ``doc._.date``.

Why rules and a gazetteer before the statistical NER: the small English model
mislabels much of this domain (districts and demonyms tagged PERSON), so where
the gazetteer and the rules know better, they win; the NER is used only to
confirm ambiguous names and to catch spelling variants of known names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from communique.actors import gazetteer as gz
from communique.actors.codes import actor_data
from communique.actors.gazetteer import Gazetteer, SectorNoun, Target
from communique.doc_facts import is_sentence_start, statement_date

SPAN_KEY = "actors"

for _name in ("issuer", "date", "joint", "masked"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("actor", "via"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

ISSUER_PRONOUNS = {"we", "us", "our", "ours", "ourselves"}
ISSUER_DETERMINERS = {"our", "my", "this"}
SHARED_WORDS = {"two", "three", "both", "respective", "countries", "nations", "peoples", "bilateral", "sides", "all"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "h.e.", "he", "excellency", "his", "her",
              "madam", "mme", "sheikh", "shaikh", "ayatollah", "sir", "dame", "prof", "prof.", "general", "gen."}
LANGUAGE_NEXT = {"language", "languages", "speaking", "speakers", "speaker", "dialect", "cuisine", "orthodox"}
QUOTES_OPEN = {'"', "“", "«"}
QUOTES_CLOSE = {'"', "”", "»"}
COUNTRY_ROLES = {"name", "adjective", "capital", "demonym"}
OWN_INSTITUTION = re.compile(r"\b(ministry|mfa|department|foreign office|government)\b")
# "our relations", "our collective interest", "let us", "as we know": the speaker
# and others together, not the issuer alone.
INCLUSIVE_NEXT = SHARED_WORDS | {"collective", "common", "shared", "relations", "relationship", "partnership",
                                 "cooperation", "ties", "friendship", "colleague", "colleagues", "region",
                                 "world", "planet", "eyes", "populations", "all", "each"}
INCLUSIVE_AFTER_AS = {"know", "speak", "see", "saw", "heard", "have", "all", "can", "meet", "gather"}
HOST_TITLES = {"ambassador", "ambassadors", "embassy", "embassies", "consulate", "consulate-general", "consul",
               "commission", "envoy", "accredited", "accreditation", "representative", "mission", "counsellor",
               "secretary", "attaché", "attache", "delegation"}
TITLE_OFFICES = {
    "president": ("head_of_state", "head_of_government"), "head of state": ("head_of_state",),
    "king": ("head_of_state",), "queen": ("head_of_state",), "emir": ("head_of_state",), "amir": ("head_of_state",),
    "sultan": ("head_of_state",), "prime minister": ("head_of_government",), "premier": ("head_of_government",),
    "chancellor": ("head_of_government",), "head of government": ("head_of_government",),
    "crown prince": ("head_of_government",),
    "foreign minister": ("foreign_minister",), "minister of foreign affairs": ("foreign_minister",),
    "minister for foreign affairs": ("foreign_minister",), "foreign secretary": ("foreign_minister",),
    "secretary of state": ("foreign_minister",), "external affairs minister": ("foreign_minister",),
    "minister of external affairs": ("foreign_minister",),
    "defence minister": ("defence_minister",), "defense minister": ("defence_minister",),
    "minister of defence": ("defence_minister",), "minister of defense": ("defence_minister",),
}
MODIFIER_TAGS = {"JJ", "VBG", "VBN"}


ONE_WORD = {"name": "Canada", "adjective": "Canadian", "demonym": "Canadians", "capital": "Ottawa",
            "person": "Smith", "place": "Springfield"}
INSTITUTION_WORD = {"GOV": "Government", "LEG": "Parliament", "MIL": "Army", "JUD": "Court", "COP": "Police",
                    "SPY": "Intelligence"}


def _stand_in(target: Target) -> str | None:
    if target.role == "institution":
        return INSTITUTION_WORD.get(target.sector or "GOV")
    return ONE_WORD.get(target.role)





def _line_starts(doc: Doc) -> list[bool | None]:
    """Sentence starts the parser must respect: after a blank line (a title, a
    dateline, a sign-off), and after a line break before a capital when the
    line before did not run on (PDF line wraps do). In a hard-wrapped text
    (many lines run on into the next: a PDF, a transcript) a line ending in a
    capitalised word runs on too ("the Third / United Nations Conference"), so
    there only a line ending in a full stop, '!', '?', ':' or ';' starts one."""
    starts: list[bool | None] = [None] * len(doc)
    if len(doc):
        starts[0] = True
    wrapped = _hard_wrapped(doc)
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if tok.is_space:
            continue
        if prev.is_space and "\n\n" in prev.text:
            starts[i] = True
        elif "\n" in prev.text and tok.text[:1].isupper():
            before = doc[i - 2] if prev.is_space and i >= 2 else prev
            if wrapped:
                if before.text in _LINE_END or (before.is_quote or before.text in ")]") and i >= 3 and (
                        doc[before.i - 1].text in _LINE_END):
                    starts[i] = True
            elif not (before.is_alpha and before.text.islower()) and before.text not in (",", "-", "(", "and", "of"):
                starts[i] = True
    return starts


_LINE_END = {".", "!", "?", ":", ";"}


def _hard_wrapped(doc: Doc) -> bool:
    """Whether most single line breaks of ``doc`` fall inside sentences: at
    least eight of them, and at least two in five after a lower-case word or a
    comma (a statement's paragraphs end in a full stop; a wrapped text's lines
    mostly do not)."""
    breaks = run_on = 0
    for tok in doc:
        if not tok.is_space or tok.i == 0 or tok.text.count("\n") != 1:
            continue  # line breaks are tokens of their own
        before = doc[tok.i - 1]
        breaks += 1
        if (before.is_alpha and before.text.islower()) or before.text == ",":
            run_on += 1
    return breaks >= 8 and run_on * 5 >= breaks * 2


def _longest_first(terms):
    taken: set[int] = set()
    for start, end, target in sorted(terms, key=lambda t: (t[0] - t[1], t[0])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            yield start, end, target


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    actor: dict
    via: str
    target: Target | None = None
    needs_support: bool = False


@Language.factory(
    "communique_actors",
    default_config={"data_dir": None, "extensions": []},
    assigns=["doc.spans", "span._.actor", "span._.via"],
)
def make_actor_resolver(nlp: Language, name: str, data_dir: str | None, extensions: list[str]) -> ActorResolver:
    data = Path(data_dir) if data_dir else gz.DATA_DIR
    return ActorResolver(nlp, name, gz.load(data, tuple(Path(p).resolve() for p in extensions)))


class ActorResolver:
    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer):
        self.name = name
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.forms: dict[int, tuple[str, list[bool], list[Target]]] = {}
        self.sectors: dict[int, SectorNoun] = {}
        vocab = nlp.vocab
        forms = list(gazetteer.terms)
        for form, pattern in zip(forms, nlp.tokenizer.pipe(forms), strict=True):
            key = vocab.strings.add(f"T:{form}")
            self.forms[key] = (form, [t.text[:1].isupper() for t in pattern], gazetteer.terms[form])
            self.matcher.add(f"T:{form}", [pattern])
        nouns = list(gazetteer.sector_nouns)
        for phrase, pattern in zip(nouns, nlp.tokenizer.pipe(nouns), strict=True):
            key = vocab.strings.add(f"S:{phrase}")
            self.sectors[key] = gazetteer.sector_nouns[phrase]
            self.matcher.add(f"S:{phrase}", [pattern])

    # -- the component -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        terms, sectors = self._match(doc)
        day = statement_date(doc)
        base = [c for c in (self._from_term(doc, s, e, t, day) for s, e, t in terms) if c is not None]
        composed = self._compose(doc, base, sectors)
        people = self._people(doc, base + composed, sectors)
        people += self._titled_holders(doc, base + composed + people, sectors, day)
        people += self._coreference(doc, base + composed + people, sectors)
        issuer = self._issuer_mentions(doc, sectors, base + composed + people)
        found = _unless_defined_otherwise(doc, base + composed + people + issuer)
        found += self._ner_fallback(doc, found)
        found += _abbreviations(doc, found)
        doc.spans[SPAN_KEY] = self._select(doc, found)
        return doc

    # -- masking: the statistical models never see which state is named --------
    def masked(self, doc: Doc) -> tuple[Doc, list[int], list[str]]:
        """``doc`` as the statistical models see it: every unambiguous state name,
        adjective, demonym, capital, institution, office holder and place is
        replaced by one stand-in word, whatever its length ("the Russian
        Federation" and "Ukraine" both become "the Canada"; "Sergey Lavrov"
        and "Lavrov" both "Smith").

        Returns the masked Doc (the tagger, parser and NER run on it), the
        alignment (for each token of ``doc``, its token in the masked Doc) and,
        for each token of ``doc``, the text it contributes to the masked text
        (what the check-worthiness model reads). Coding therefore cannot depend
        on which state is named, nor on how long its name is.
        """
        terms, sectors = self._match(doc)
        terms += self._titled_surnames(doc, sectors, terms)
        groups = {start: (end, target) for start, end, target in _longest_first(terms)
                  if not target.ambiguous and _stand_in(target) is not None}
        words: list[str] = []
        spaces: list[bool] = []
        align: list[int] = []
        reading: list[str] = []
        i = 0
        while i < len(doc):
            end, target = groups.get(i, (i + 1, None))
            word = doc[i].text if target is None else _stand_in(target)
            if target is not None and doc[i:end].text.isupper() and len(doc[i:end].text) > 1:
                word = word.upper()
            align += [len(words)] * (end - i)
            reading += [word + doc[end - 1].whitespace_] + [""] * (end - i - 1)
            words.append(word)
            spaces.append(bool(doc[end - 1].whitespace_))
            i = end
        line_starts = _line_starts(doc)
        starts: list[bool | None] = [None] * len(words)
        for i, j in enumerate(align):
            if i == 0 or align[i - 1] != j:
                starts[j] = line_starts[i]
        return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts), align, reading

    def _titled_surnames(self, doc: Doc, sectors, terms) -> list[tuple[int, int, Target]]:
        """'President Sarkissian': a surname after a title, known as a word of an
        office holder's name, is masked like a listed alias would be."""
        taken = {i for s, e, _t in terms for i in range(s, e)}
        out = []
        for _s, e, noun in _maximal(sectors):
            offices = TITLE_OFFICES.get(noun.phrase)
            i = e
            while offices and i < len(doc) and doc[i].lower_ in HONORIFICS:
                i += 1
            if not offices or i >= len(doc) or i in taken or not doc[i].text[:1].isupper():
                continue
            people = [t for office in offices for t in self.gazetteer.holders.get((office, doc[i].lower_), [])]
            if people:
                out.append((i, i + 1, people[0]))
        return out

    def _match(self, doc: Doc):
        terms: list[tuple[int, int, Target]] = []
        sectors: list[tuple[int, int, SectorNoun]] = []
        for key, start, end in self.matcher(doc):
            if key in self.sectors:
                sectors.append((start, end, self.sectors[key]))
                continue
            _form, caps, targets = self.forms[key]
            if _case_matches(doc[start:end], caps):
                terms.append((start, end, targets[0]))
        return terms, sectors

    # -- single terms ---------------------------------------------------------
    def _from_term(self, doc: Doc, start: int, end: int, target: Target, day: date | None) -> Candidate | None:
        if _not_an_actor_here(doc, start, end, target):
            return None
        sector = target.sector
        kind = target.kind
        if target.role == "person":
            sector = _sector_on(target.tenures, day)
        elif target.role == "capital":
            sector = "GOV" if _acts_as_agent(doc, start, end) else None
            kind = "actor" if sector else "place"
        actor = _actor(target, sector)
        return Candidate(start, end, kind, actor, "gazetteer", target, needs_support=target.ambiguous)

    # -- country term + sector noun ---------------------------------------------
    def _compose(self, doc: Doc, base: list[Candidate], sectors) -> list[Candidate]:
        by_start: dict[int, tuple[int, SectorNoun]] = {}  # the longest noun starting at each token
        by_end: dict[int, tuple[int, SectorNoun]] = {}  # the longest noun ending at each token
        for s, e, noun in sectors:
            if s not in by_start or e > by_start[s][0]:
                by_start[s] = (e, noun)
            if e not in by_end or s < by_end[e][0]:
                by_end[e] = (s, noun)
        out: list[Candidate] = []
        for cand in base:
            target = cand.target
            if target is None or target.role not in COUNTRY_ROLES:
                continue
            # "Georgian Foreign Ministry", "Russian armed forces", "Georgia's Parliament"
            i = cand.end
            if target.role in ("name", "capital") and i < len(doc) and doc[i].lower_ in ("'s", "’s"):
                i += 1
            hops = 0
            while hops < 2 and i < len(doc) and doc[i].tag_ in MODIFIER_TAGS and i not in by_start:
                i += 1
                hops += 1
            if i in by_start and target.role != "demonym":
                end, noun = by_start[i]
                out.append(self._joined(cand, noun, cand.start, end))
                continue
            if target.role not in ("name", "capital") or cand.start < 2:
                continue
            # "Ministry of Foreign Affairs, Malaysia"; a sign-off over two lines
            j = cand.start
            while j > 1 and (doc[j - 1].is_space or doc[j - 1].text == ","):
                j -= 1
            if target.role == "name" and j < cand.start and j in by_end:
                s, noun = by_end[j]
                if noun.role == "institution" and noun.sector not in ("CVL", "REF", "BUS"):
                    out.append(self._joined(cand, noun, s, cand.end))
                    continue
            # "Ministry of Foreign Affairs of Georgia", "the people of Singapore",
            # "rebels in the Ivory Coast", "opposition groups in Zimbabwe"
            j = cand.start - 1
            if doc[j].lower_ == "the" and j >= 2:
                j -= 1
            if doc[j].lower_ == "of" and j in by_end:
                s, noun = by_end[j]
                out.append(self._joined(cand, noun, s, cand.end))
            elif doc[j].lower_ in ("in", "from") and target.role == "name":
                k = j
                if k - 1 >= 0 and doc[k - 1].lower_ in ("operating", "based", "living", "fighting", "active"):
                    k -= 1
                if k in by_end and by_end[k][1].sector not in (None, "GOV", "LEG", "MIL", "JUD", "SPY"):
                    s, noun = by_end[k]
                    out.append(self._joined(cand, noun, s, cand.end))
        return out

    def _joined(self, cand: Candidate, noun: SectorNoun, start: int, end: int) -> Candidate:
        target = cand.target
        assert target is not None
        if target.sector == "PRE":
            sector = "PRE"  # the de facto authorities of an entity stay the entity
        else:
            sector = noun.sector if noun.role != "generic" else None
        kind = "person" if noun.role == "title" else "actor"
        return Candidate(start, end, kind, _actor(target, sector), "rule", target)

    # -- office holders and titled persons --------------------------------------
    def _people(self, doc: Doc, found: list[Candidate], sectors) -> list[Candidate]:
        title_end = _title_ends(sectors)
        out = []
        for cand in found:
            if cand.kind != "person":
                continue
            start = _extend_left(doc, cand.start, title_end, found)
            end = cand.end
            # "the Indonesian President Joko Widodo": a titled mention followed by a name
            if cand.via == "rule":
                end = _person_after(doc, cand.end, found) or end
            if (start, end) != (cand.start, cand.end):
                out.append(replace(cand, start=start, end=end, via="rule" if cand.via == "rule" else cand.via))
        return out

    # -- "we", "our country", "this Ministry" ------------------------------------
    def _issuer_mentions(self, doc: Doc, sectors, found: list[Candidate]) -> list[Candidate]:
        issuer = doc._.issuer
        if not issuer:
            return []
        noun_at: dict[int, tuple[int, SectorNoun]] = {}
        for s, e, noun in sectors:
            if s not in noun_at or e > noun_at[s][0]:
                noun_at[s] = (e, noun)
        taken = {i for c in found for i in range(c.start, c.end)}
        inside = _quoted_tokens(doc)
        out = []
        for tok in doc:
            low = tok.lower_
            if tok.i in taken or tok.i in inside or doc._.joint:
                continue
            if low in ISSUER_DETERMINERS and tok.i + 1 in noun_at:
                end, noun = noun_at[tok.i + 1]
                if _follows_country(doc, end, found) or _inclusive(doc, tok):
                    continue
                sector = _issuer_sector(noun, issuer)
                if sector is not False:
                    out.append(Candidate(tok.i, end, "actor", _issuer_actor(issuer, sector, self.gazetteer), "issuer"))
                    continue
            if low in ISSUER_PRONOUNS and tok.tag_ in ("PRP", "PRP$") and not _inclusive(doc, tok):
                out.append(Candidate(tok.i, tok.i + 1, "actor", dict(issuer), "issuer"))
        out += self._unqualified_institutions(doc, noun_at, taken | {i for c in out for i in range(c.start, c.end)}, issuer)
        return out

    def _unqualified_institutions(self, doc: Doc, noun_at, taken: set[int], issuer: dict) -> list[Candidate]:
        """'the Ministry of Foreign Affairs', 'MFA', 'the Ministry of Health' with no
        state named: in a statement by a government, its own institutions."""
        out = []
        for start, (end, noun) in sorted(noun_at.items()):
            if noun.role != "institution" or noun.sector in (None, "CVL", "REF", "BUS", "JRN", "OPP", "REB"):
                continue
            if taken.intersection(range(start, end)) or not doc[start].text[:1].isupper():
                continue
            if start > 0 and (doc[start - 1].tag_ in ("JJ", "NNP", "NNPS") or doc[start - 1].lower_ in ("a", "an", "any", "each", "every", "their", "its", "his", "her", "whose")):
                continue
            end = _institution_name_end(doc, end)
            if _follows_country(doc, end, []) or (end < len(doc) and doc[end].lower_ == "of"):
                continue
            if not OWN_INSTITUTION.search(noun.phrase):
                continue  # 'National Assembly', 'Army': as often another state's as the issuer's
            if noun.phrase.startswith("government") and is_sentence_start(doc[start]):
                continue
            out.append(Candidate(start, end, "actor", _issuer_actor(issuer, noun.sector, self.gazetteer), "issuer"))
        return out

    # -- "Ambassador Diallo" after "Abdou Salam Diallo, Ambassador of Senegal" ----
    def _coreference(self, doc: Doc, found: list[Candidate], sectors) -> list[Candidate]:
        """Persons tied to a state once in a statement keep it when named again."""
        known: dict[str, dict] = {}
        out: list[Candidate] = []
        ents = [e for e in doc.ents if e.label_ == "PERSON"]
        titled = [c for c in found if c.kind == "person" and c.via == "rule"]
        for cand in found:
            if cand.kind == "person" and cand.target is not None and cand.target.role == "person":
                known.setdefault(cand.target.name.split()[-1].lower(), cand.actor)
        for ent in ents:
            words = [t for t in ent if t.is_alpha]
            if not words:
                continue
            linked = _linked_title(doc, ent, titled)
            if linked is not None:
                known.setdefault(words[-1].lower_, linked.actor)
                if not any(c.start <= ent.start < c.end for c in found):
                    out.append(Candidate(ent.start, ent.end, "person", linked.actor, "rule"))
        if not known:
            return out
        taken = {i for c in found + out for i in range(c.start, c.end)}
        title_end = _title_ends(sectors)
        for ent in ents:
            words = [t for t in ent if t.is_alpha]
            if not words or taken.intersection(range(ent.start, ent.end)):
                continue
            actor = known.get(words[-1].lower_)
            if actor is not None:
                start = _extend_left(doc, ent.start, title_end, found)
                out.append(Candidate(start, ent.end, "person", actor, "rule"))
        return out

    # -- "Prime Minister Kishida": a title and a surname, resolved by tenure -----
    def _titled_holders(self, doc: Doc, found: list[Candidate], sectors, day: date | None) -> list[Candidate]:
        taken = {i for c in found for i in range(c.start, c.end)}
        # A bare surname listed for one holder ("Assad" for Bashar al-Assad) gives way
        # to the title on the statement's date: "President Assad" in 1995 is Hafez.
        surnames = {c.start for c in found if c.kind == "person" and c.via == "gazetteer" and c.target is not None
                    and c.target.role == "person" and c.end - c.start == 1}
        out = []
        for s, e, noun in _maximal(sectors):
            offices = TITLE_OFFICES.get(noun.phrase)
            if not offices or e >= len(doc) or not doc[s].text[:1].isupper():
                continue
            i = e
            while i < len(doc) and doc[i].lower_ in HONORIFICS:
                i += 1
            if i >= len(doc) or not doc[i].text[:1].isupper() or not doc[i].is_alpha:
                continue
            if i in taken and not (day is not None and i in surnames and not _holds(found, i, offices, day)):
                continue
            people = {t.entity: t for office in offices for t in self.gazetteer.holders.get((office, doc[i].lower_), [])}
            if day is not None:
                people = {k: t for k, t in people.items() if any(x.covers(day) and x.office in offices for x in t.tenures)}
            if len(people) != 1:
                continue
            target = next(iter(people.values()))
            end = i + 1
            words = {w.lower() for w in target.name.replace("-", " ").split()}
            while end < len(doc) and doc[end].lower_ in words:
                end += 1
            start = _extend_left(doc, s, {}, found) if s > 0 else s
            out.append(Candidate(start, end, "person", _actor(target, _sector_on(target.tenures, day)), "gazetteer", target))
        return out

    # -- spelling variants the gazetteer lacks, confirmed by the NER ------------
    def _ner_fallback(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        covered = {i for c in found for i in range(c.start, c.end)}
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "NORP", "LOC", "ORG") or covered.intersection(range(ent.start, ent.end)):
                continue
            targets = self.gazetteer.lookup_name(ent.text)
            if not targets:
                continue
            target = targets[0]
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if start >= ent.end:
                continue
            if _not_an_actor_here(doc, start, ent.end, target):
                continue
            out.append(Candidate(start, ent.end, target.kind, _actor(target, target.sector), "ner", target))
        return out

    # -- choosing among overlapping candidates ----------------------------------
    def _select(self, doc: Doc, found: list[Candidate]) -> list[Span]:
        supported = _supported_entities(found)
        spans = []
        chosen: dict[tuple[int, int], Candidate] = {}
        for cand in found:
            if cand.needs_support and not _has_support(doc, cand, supported):
                continue
            key = (cand.start, cand.end)
            if key not in chosen or _priority(cand) > _priority(chosen[key]):
                chosen[key] = cand
        for (start, end), cand in chosen.items():
            span = Span(doc, start, end, label=cand.kind)
            spans.append(span)
        kept = filter_spans(spans)
        for span in kept:
            cand = chosen[(span.start, span.end)]
            span._.actor = cand.actor
            span._.via = cand.via
        return sorted(kept, key=lambda s: s.start)


# -- helpers (pure functions over tokens) ---------------------------------------
def _case_matches(span: Span, caps: list[bool]) -> bool:
    if span.text.isupper() and len(span.text) > 3:
        return True
    return all(tok.text[:1].isupper() for tok, cap in zip(span, caps, strict=True) if cap)


def _not_an_actor_here(doc: Doc, start: int, end: int, target: Target) -> bool:
    """Uses of a known form that do not refer to the state: a language, a host
    in a diplomatic title, a venue in the name of an instrument."""
    if target.role in ("adjective", "demonym") and _is_language_or_ethnic_use(doc, start, end):
        return True
    if target.role in ("adjective", "demonym") and start > 0 and doc[start - 1].lower_ in REGION_QUALIFIERS:
        return True  # "Latin American leaders", "South American states": a region's, not the United States'
    if target.role in ("adjective", "demonym") and start > 1 and doc[start - 1].text in ("-", "–") \
            and doc[start - 2].lower_ in REGION_QUALIFIERS | {"afro", "african", "asian", "arab"}:
        return True  # "Afro-American", "Pan-American"
    if target.role in ("name", "capital") and _is_host_of_mission(doc, start):
        return True
    return target.role in ("capital", "place") and _names_an_instrument(doc, end)


REGION_QUALIFIERS = {"latin", "south", "north", "central", "pan", "native", "meso", "inter"}
"""Words before a nationality adjective that make it a region's ("Latin American",
"Central American", "North Korean" is a name of its own in the gazetteer and matched
before this test)."""


def _is_language_or_ethnic_use(doc: Doc, start: int, end: int) -> bool:
    before = doc[start - 1].lower_ if start > 0 else ""
    after = [t.lower_ for t in doc[end:end + 2]]
    if before == "ethnic":
        return True
    if after and after[0] in LANGUAGE_NEXT:
        return True
    if after[:1] == ["-"] and after[1:2] and after[1] in LANGUAGE_NEXT:
        return True
    if after[:2] == ["new", "year"]:
        return True
    # "in Russian." / "translated from Arabic": the adjective stands alone as a language
    return before in ("in", "from", "into") and doc[start].dep_ == "pobj" and end - start == 1 and doc[start].pos_ in ("ADJ", "PROPN", "NOUN") and (not after or not doc[end].is_alpha)


def _is_host_of_mission(doc: Doc, start: int) -> bool:
    """'Ambassador to Singapore', 'Embassy in Washington': the host is part of a title."""
    i = start - 1
    steps = 0
    while i >= 0 and steps < 4 and (doc[i].lower_ in ("the", "of") or doc[i].text[:1].isupper() and doc[i].lower_ not in HOST_TITLES):
        i -= 1
        steps += 1
    if i < 1 or doc[i].lower_ not in ("to", "in"):
        return False
    window = [t.lower_ for t in doc[max(0, i - 4):i]]
    return any(w in HOST_TITLES for w in window)


INSTRUMENT_WORDS = {"agreement", "agreements", "accord", "accords", "act", "final", "declaration", "protocol",
                    "protocols", "memorandum", "format", "process", "group", "convention", "conventions", "statement",
                    "charter", "principles", "treaty", "communiqué", "communique", "summit", "talks", "document",
                    "framework", "plan", "peace", "ceasefire", "-style", "style"}


def _names_an_instrument(doc: Doc, end: int) -> bool:
    """'Helsinki Final Act', 'Minsk agreements', 'Geneva Conventions': a venue
    inside the name of an instrument or format, not a reference to the state."""
    nxt = doc[end:end + 2]
    if not len(nxt):
        return False
    if nxt[0].text == "-" and len(nxt) > 1:
        return nxt[1].lower_ in INSTRUMENT_WORDS
    return nxt[0].lower_ in INSTRUMENT_WORDS and (nxt[0].text[:1].isupper() or nxt[0].lower_ in ("agreements", "accords", "format", "process", "talks", "group"))


def _inclusive(doc: Doc, tok) -> bool:
    """'let us', 'as we know', 'we all', 'our collective interest', 'our two countries'."""
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    nxt = [t.lower_ for t in doc[tok.i + 1:tok.i + 3]]
    if tok.lower_ == "us" and prev in ("let", "before", "among", "of", "between"):
        return True
    if tok.lower_ == "we" and prev == "as" and nxt and nxt[0] in INCLUSIVE_AFTER_AS:
        return True
    return any(w in INCLUSIVE_NEXT for w in nxt)


def _issuer_sector(noun: SectorNoun, issuer: dict):
    """Sector of 'our Government', 'my delegation', 'this Ministry'; False when not the issuer."""
    if noun.role == "generic":
        return issuer.get("sector")
    if noun.role in ("institution", "title") and noun.sector not in ("CVL", "REF", "BUS", "JRN", "OPP", "REB"):
        return noun.sector
    if noun.sector == "CVL" and noun.phrase in ("people", "citizens", "nationals", "population"):
        return "CVL"
    return False


def _follows_country(doc: Doc, end: int, found: list[Candidate]) -> bool:
    """'ministry of Georgia': a state follows the noun ('of' [the] + a found mention)."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return False
    j = end + 1 + (1 if doc[end + 1].lower_ == "the" else 0)
    return any(c.start == j for c in found) or (j < len(doc) and doc[j].ent_type_ in ("GPE", "NORP"))


def _institution_name_end(doc: Doc, end: int) -> int:
    """Extend 'Ministry of' + capitalised words: 'Ministry of Communications and Information'."""
    if doc[end - 1].lower_ not in ("ministry", "department", "office", "agency") or end + 1 >= len(doc):
        return end
    if doc[end].lower_ not in ("of", "for"):
        return end
    j = end + 1
    last = end
    while j < len(doc) and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].lower_ in ("and", "&", ",")):
        if doc[j].ent_type_ in ("GPE", "NORP"):
            return end  # 'Ministry of Foreign Affairs of Japan' is not ours
        if doc[j].text[:1].isupper():
            last = j + 1
        j += 1
    return last if last > end else end


def _acts_as_agent(doc: Doc, start: int, end: int) -> bool:
    head = doc[end - 1]
    if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
        return True
    return head.dep_ in ("nsubj", "nsubjpass", "agent", "poss")


def _holds(found: list[Candidate], i: int, offices: tuple[str, ...], day: date) -> bool:
    """Whether the listed person whose one-word surname is token ``i`` holds one
    of ``offices`` on ``day``."""
    return any(c.start == i and c.end == i + 1 and c.target is not None
               and any(t.office in offices and t.covers(day) for t in c.target.tenures) for c in found)


def _sector_on(tenures: tuple[gz.Tenure, ...], day: date | None) -> str | None:
    if day is None or not tenures:
        return "GOV"
    if any(t.covers(day) for t in tenures):
        return "GOV"
    if day < tenures[0].start:
        return None  # not yet in office: the person, but not the government
    return "ELI"  # PLOVER's sector for former officials


def _actor(target: Target, sector: str | None) -> dict:
    # organisations and partially recognised entities keep their own names
    own_name = target.name if target.role == "org" or target.sector == "PRE" else None
    return actor_data(target.country, sector, target.country_name, org=target.org, name=own_name)


def _issuer_actor(issuer: dict, sector: str | None, gazetteer: Gazetteer) -> dict:
    country = issuer["country"]
    return actor_data(country, sector, gazetteer.country_name(country) or country, org=issuer.get("org"))




def _maximal(sectors):
    """Sector-noun matches not nested in a longer one ('Prime Minister', not 'Minister')."""
    spans = sorted(sectors, key=lambda x: (x[0], -x[1]))
    out, reach = [], -1
    for s, e, noun in spans:
        if e <= reach:
            continue
        out.append((s, e, noun))
        reach = max(reach, e)
    return out


def _title_ends(sectors) -> dict[int, int]:
    """Where each title noun ends -> where the longest one ending there starts."""
    ends: dict[int, int] = {}
    for s, e, noun in sectors:
        if noun.role == "title":
            ends[e] = min(s, ends.get(e, s))
    return ends


def _extend_left(doc: Doc, start: int, title_end: dict[int, int], found: list[Candidate]) -> int:
    i = start
    titled = False
    while i > 0:
        prev = doc[i - 1].lower_
        if prev in HONORIFICS:
            i -= 1
        elif i in title_end:
            i = title_end[i]
            titled = True
        else:
            break
    if titled:
        for cand in found:
            if cand.end == i and cand.target is not None and cand.target.role in ("name", "adjective"):
                return cand.start
    return i


def _person_after(doc: Doc, end: int, found: list[Candidate]) -> int | None:
    i = end
    while i < len(doc) and doc[i].lower_ in HONORIFICS:
        i += 1
    for cand in found:
        if cand.start == i and cand.kind == "person" and cand.via == "gazetteer":
            return None  # a known holder keeps their own mention (and tenure)
    for ent in doc.ents:
        if ent.start == i and ent.label_ == "PERSON":
            return ent.end
    return None


def _linked_title(doc: Doc, ent: Span, titled: list[Candidate]) -> Candidate | None:
    """A titled state mention right next to a person: 'X, Ambassador of Senegal',
    'the Foreign Minister of Georgia, X', or a merged 'Indonesian President X'."""
    for cand in titled:
        if cand.start <= ent.start and ent.end <= cand.end:
            return cand
        gap = doc[cand.end:ent.start] if cand.end <= ent.start else doc[ent.end:cand.start]
        if len(gap) <= 2 and all(t.is_punct or t.is_space or t.lower_ in ("the", "his", "her", "excellency") for t in gap):
            return cand
    return None


def _defined_abbreviations(doc: Doc) -> set[str]:
    """Abbreviations the text defines in brackets: 'Name (ABBR)'."""
    return {doc[i + 1].text for i in range(len(doc) - 2)
            if doc[i].text == "(" and doc[i + 2].text == ")" and _is_abbreviation(doc[i + 1].text)}


def _is_abbreviation(text: str) -> bool:
    return text.isupper() and text.isalpha() and 2 <= len(text) <= 8


def _unless_defined_otherwise(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Drop the gazetteer's reading of a person's initials that the text
    defines as something else ('the Municipality Association (AKK)' is not a
    German minister); when the text defines them after a mention of the same
    person, ``_abbreviations`` gives them back. The initials of states and
    organisations keep their reading ('the Palestine Liberation Organization
    (PLO)')."""
    defined = _defined_abbreviations(doc)
    if not defined:
        return found
    return [c for c in found if not (c.end - c.start == 1 and doc[c.start].text in defined
                                     and c.target is not None and c.target.role == "person")]


def _abbreviations(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """'the Republic of Singapore Air Force (RSAF)': the abbreviation, defined in
    brackets after a resolved mention, names the same actor wherever it recurs."""
    defined: dict[str, Candidate] = {}
    for cand in found:
        e = cand.end
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
            abbr = doc[e + 1].text
            if _is_abbreviation(abbr):
                defined.setdefault(abbr, cand)
    if not defined:
        return []
    taken = {i for c in found for i in range(c.start, c.end)}
    return [
        Candidate(tok.i, tok.i + 1, defined[tok.text].kind, defined[tok.text].actor, "rule")
        for tok in doc
        if tok.text in defined and tok.i not in taken
    ]


def _quoted_tokens(doc: Doc) -> set[int]:
    inside: set[int] = set()
    for sent in doc.sents:
        open_at = None
        for tok in sent:
            if tok.text in QUOTES_OPEN and open_at is None:
                open_at = tok.i
            elif tok.text in QUOTES_CLOSE and open_at is not None:
                inside.update(range(open_at, tok.i))
                open_at = None
    return inside


def _supported_entities(found: list[Candidate]) -> set[str]:
    return {c.target.entity for c in found if c.target is not None and not c.needs_support}


def _has_support(doc: Doc, cand: Candidate, supported: set[str]) -> bool:
    if cand.target is not None and cand.target.entity in supported:
        return True
    if cand.target is not None and cand.target.role == "capital":
        return False  # 'Victoria', 'Kingston': only with the state itself named elsewhere
    return any(ent.label_ in ("GPE", "NORP", "LOC") and ent.start <= cand.start and cand.end <= ent.end for ent in doc.ents)


def _priority(cand: Candidate) -> tuple[bool, int]:
    """Between candidates for the same span: one with a sector, then the gazetteer's."""
    return cand.actor.get("sector") is not None, {"gazetteer": 3, "rule": 2, "issuer": 1, "ner": 0}[cand.via]
