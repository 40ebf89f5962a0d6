"""The ``communique_events`` spaCy component: who does what to whom, in PLOVER.

It reads the actor mentions (``doc.spans["actors"]``) and spaCy's dependency
parse and writes ``doc._.events``: one plain-data record per event, with the
trigger, type and mode, source and target actors, and the flags that matter
in diplomatic statements:

* the issuer is the speaker: "We categorically refute the remarks of X" is
  ISSUER REJECT X, and impersonal evaluative frames ("It is absurd that X
  should accuse ...", "it is X who is blocking ...", "X's deliberate
  misrepresentation of ...") are the issuer's accusations against X;
* reported speech is someone else's claim: in "X asserts that Y is preparing
  an attack" the attack is coded with ``reported_by`` X, never as the issuer's
  assertion ("allegedly", "so-called" and scare quotes make it hypothetical);
* negation ("has never complied"), modality ("plans to", "we call on X to
  honour": the honouring is only requested) and recounted history;
* promises and threats: an announced cooperative act is AGREE ("will provide
  aid"), an announced conflictual one THREATEN ("will impose sanctions"), and
  so is any act held out on a condition ("will withdraw unless X ...") or under
  a warning ("warned that it would ..."); "X must / should / ought to ..." is
  the asserter's REQUEST of X;
* light verbs carry their object's event ("held talks with X", "launched an
  investigation into", "announced a suspension of links with X");
* targets: objects and indirect objects, the other side in "with / to /
  against / between X", the owner of an object ("X's troops"), conjoined
  subjects of mutual acts ("X and Y signed ..."), a condition's subject, and,
  last, where the act took place; a condemned act accuses its agent, not its
  victim;
* the speaker's judgements: evaluative adverbs ("Regrettably, X refused"),
  concern ("we are alarmed by X's ..."), hostile acts X is set on ("X is
  trying to annex ...", "its efforts to undermine ..."), conduct only a hostile
  actor is said to engage in ("X continues to fuel ...", "orchestrated by X"),
  X's propaganda, failures and the like, X's backing of armed groups;
* actors the gazetteer cannot place ("President Varga", "the rebels"): when no
  known actor fills a role, the person, group or organisation the parse names
  there, with CAMEO's unknown country ``---``, the sector its title or group
  noun gives, and its own words as text; no state is guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from communique.actors.codes import NON_STATE as NON_STATE_CODES
from communique.actors.codes import SECTORS as SECTOR_NAMES
from communique.actors.component import SPAN_KEY
from communique.doc_facts import statement_date
from communique.events import lexicon as lx
from communique.events.lexicon import Lexicon, Trigger
from communique.events.plover import intensity

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

SPEECH_VERBS = {"say", "claim", "assert", "allege", "state", "declare", "insist", "argue", "contend", "maintain", "charge",
                "suggest", "announce", "report", "tell", "write", "believe", "think", "accuse", "pretend", "purport"}
SPEECH_NOUNS = {"claim", "assertion", "allegation", "statement", "accusation", "remark", "narrative", "suggestion",
                "insinuation", "rumour", "rumor", "story", "version", "report"}
RECORDING_VERBS = {"document", "record", "report", "verify", "confirm", "observe", "witness"}
"""Verbs of monitors and reports whose object, an act with its own agent, is what they report
("documented the burning of villages by soldiers"), not an act told in passing."""
CONTENT_NOUNS = {"evidence", "proof", "sign", "indication", "suspicion", "fear", "rumour", "rumor", "possibility",
                 "allegation", "claim", "accusation", "charge", "speculation", "hope", "risk", "danger", "likelihood"}
"""Nouns whose "that" clause is not asserted: "evidence that X executed Y", "fears that X will attack"."""
ATTRIBUTION_VERBS = {"say", "report", "tell", "add", "state", "announce", "write", "confirm", "note"}
"""Neutral speech verbs: after the clause they report ("X attacked Y, officials
said"), they attribute it to a source rather than make it the speaker's accusation."""
CLAIM_VERBS = {"allege", "claim", "pretend", "purport", "insinuate", "contend", "accuse", "charge"}
"""Reporting verbs that present what they report as disputed: the event is the
reporter's claim, and hypothetical (like "allegedly")."""
HEDGES = {"allegedly", "supposedly", "purportedly", "ostensibly"}
ATTRIBUTING_ADVERBS = {"reportedly"}
"""Adverbs that attribute an event to unnamed sources without doubting it ("has reportedly
conceded"): the event stands, at a lower confidence; "allegedly" and its kin doubt it."""
MODALS = {"would", "could", "may", "might", "should", "ought", "must", "can"}
INTENT_HEADS = {"plan", "intend", "prepare", "seek", "want", "hope", "aim", "try", "attempt", "threaten", "wish",
                "consider", "propose", "offer", "need", "expect", "mean"}
THREAT_HEADS = {"warn", "threaten", "caution"}
ATTEMPT_HEADS = {"seek", "try", "attempt", "aim", "plan", "intend", "prepare", "want", "wish", "mean"}
"""Heads of a hostile act someone is set on: stated in the issuer's voice, an accusation."""
LEGAL_NOUNS = {"code", "law", "case", "court", "justice", "investigation", "proceeding", "procedure", "record",
               "liability", "responsibility", "jurisdiction", "prosecution", "police", "matter", "offence", "offense",
               "charge", "tribunal", "trial"}
WITNESS_VERBS = {
    "witness", "see", "observe", "notice", "note", "hear", "watch", "learn", "know", "recall", "remember", "mention",
    "discuss", "fear", "face", "suffer", "experience", "endure", "follow", "monitor", "address", "consider", "examine",
    "study", "describe", "document", "record", "welcome", "regret", "deplore", "lament", "mourn", "recount", "cite",
    "survive", "escape", "expect", "anticipate", "predict", "foresee", "imagine", "ignore", "overlook", "highlight", "underline",
    "stress", "emphasize", "emphasise", "remind", "read", "review", "assess", "debate", "recognize",
    "recognise", "acknowledge", "understand", "realize", "realise", "share", "feel", "find", "need", "deserve",
}
"""Verbs whose subject sees, suffers or talks about the event its object names, and
does not carry it out: "we have witnessed the shooting", "X faces violence"."""
PROVIDE_WITH = {"provide", "supply", "furnish", "equip", "arm", "present"}
"""Verbs whose object receives what their "with" phrase names: "provided X with records"."""
AUDIENCE_VERBS = {"tell", "address", "brief", "inform", "harangue"}
SPEAKING_VERBS = {"say", "speak", "talk", "announce", "declare", "explain", "report", "write"}
"""Verbs whose object, or "to" phrase, is the audience: "told a rally", "said to a meeting of the party"."""
VICTIM_VERBS = {"survive", "escape", "suffer", "endure", "face", "experience", "undergo", "withstand"}
"""Verbs whose subject is the one an attack or coercion is aimed at: "X escaped an assassination attempt"."""
PREVENTING_HEADS = {"postpone", "cancel", "delay", "defer", "prevent", "avoid", "ban", "forbid", "prohibit", "avert",
                    "outlaw", "abandon", "scrap", "shelve", "adjourn"}
"""Verbs whose object event does not take place: "agreed to postpone the demonstration"."""
REFUSAL_HEADS = {"refuse", "fail", "decline", "cease", "stop", "avoid"}
REQUEST_HEADS = {"call", "urge", "ask", "demand", "appeal", "request", "invite", "press", "encourage", "insist",
                 "pressure", "exhort", "implore", "beg", "plead", "lobby", "petition", "advise",
                 "push", "require", "order", "instruct", "want"}
PROMISE_HEADS = {"pledge", "promise", "vow", "swear", "commit", "offer", "agree", "undertake", "ready", "willing", "volunteer",
                 "prepared", "plan", "intend", "expect", "set", "resolve", "determined"}
FUTURE = {"will", "would", "shall", "'ll", "wo"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
MATERIAL_CONFLICT = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
REFUSAL_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist", "COOPERATE": "assist"}
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict", "SANCTION": "relations"}
EVALUATIVE = {"absurd", "regrettable", "unacceptable", "outrageous", "deplorable", "cynical", "hypocritical",
              "ironic", "shameful", "surprising", "astonishing", "unfortunate", "ridiculous", "strange", "odd",
              "disappointing", "alarming", "sad", "telling", "clear", "obvious", "evident", "known", "noteworthy"}
ACCUSING_NOUNS = {"misrepresentation", "distortion", "falsification", "fabrication", "lie", "propaganda",
                  "disinformation", "misinformation", "slander", "manipulation", "hypocrisy", "insinuation",
                  "provocation", "fiction", "smear", "falsehood", "myth", "failure", "intransigence", "obstruction",
                  "obstructionism", "intimidation", "blackmail", "subversion", "duplicity", "deceit", "lies",
                  "aggression", "interference", "meddling", "incursion", "atrocity", "crime", "escalation",
                  "destabilization", "destabilisation", "pretext", "charade", "farce", "brinkmanship", "bullying",
                  "coercion", "expansionism", "militarism", "revisionism", "warmongering", "hostility", "abuse",
                  "arrogance", "impunity", "lawlessness", "adventurism", "belligerence", "obstinacy", "defiance",
                  "non-compliance", "noncompliance", "machination", "conspiracy", "cover-up", "whitewash", "terror",
                  "terrorism", "repression", "oppression", "discrimination", "apartheid", "genocide", "cleansing",
                  "irresponsibility", "recklessness", "unilateralism", "militarization", "militarisation",
                  "colonialism", "imperialism", "hegemonism", "interventionism", "revanchism", "chauvinism",
                  "xenophobia", "racism", "extremism", "fascism", "nazism", "neo-nazism", "violence", "brutality",
                  "cruelty", "barbarity", "barbarism", "savagery"}
DOCUMENT_COMPOUNDS = {("press", "release"), ("news", "release")}
"""A trigger noun that, after these words, names a document: "a press release"."""
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_LONG_AGO = re.compile(r"\b(decades?|centur(y|ies)|years ago|in the past|historically|once|former(ly)?|back in)\b", re.I)


@dataclass
class Found:
    trigger: Token
    entry: Trigger
    end: int  # token index after the trigger phrase
    source: Span | dict | None = None
    target: Span | dict | None = None
    reported_by: Span | dict | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    confidence: float = 0.8
    notes: list[str] = field(default_factory=list)
    condition: Token | None = None  # the verb of an "if"/"unless" clause the event depends on
    start: int | None = None  # where a multiword noun trigger begins, when its head is not its first word


@Language.factory("communique_events", default_config={"lexicon": None}, requires=["doc.spans"],
                  assigns=["doc._.events"])
def make_event_coder(nlp: Language, name: str, lexicon: str | None) -> EventCoder:
    return EventCoder(lx.load(Path(lexicon)) if lexicon else lx.load())


class EventCoder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._trigger_lemmas = set(lexicon.verbs) | REQUEST_HEADS | SPEECH_VERBS
        # the words any rule looks at: only these tokens are visited (one vectorised pass per doc)
        self._lemma_words = (set(lexicon.verbs) | set(lexicon.nouns) | PROMISE_ADJECTIVES | EVALUATIVE | {"be"}
                             | ACCUSING_NOUNS | NEGATIVE_EVALUATION | OBLIGATION_HEADS | {"need"} | ASSEMBLY_VERBS
                             | HOSTILE_CONDUCT_VERBS)
        # regular past tenses the lemmatiser gets wrong ("raped" -> "rap", "staged" -> "stag")
        self._lower_words = EVALUATIVE_ADVERBS | CONCERN_WORDS | OBLIGATION_MODALS | JOINT_WORDS | {"face"} \
            | {w + "d" for w in lexicon.verbs if w.endswith("e")}
        self._hashes: tuple | None = None
        self._rest_cache: dict[str, list[tuple[frozenset, Trigger]]] = {}
        self._event_verbs: set[int] = set()

    def _candidates(self, doc: Doc) -> list[int]:
        """Indices of the tokens whose lemma or lower-case form is a word some rule uses."""
        if self._hashes is None:
            strings = doc.vocab.strings
            variants = {v for w in self._lemma_words for v in (w, w.capitalize(), w.upper())}
            self._hashes = ({strings.add(w) for w in variants}, {strings.add(w) for w in self._lower_words})
        if not len(doc):
            return []
        lemmas, lowers = self._hashes
        rows = doc.to_array([LEMMA, LOWER]).tolist()
        return [i for i, (lemma, lower) in enumerate(rows) if lemma in lemmas or lower in lowers]

    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc.spans.get(SPAN_KEY, []))
        at = {i: span for span in mentions for i in range(span.start, span.end)}
        issuer = doc._.issuer
        day = statement_date(doc)
        year = day.year if day else None
        events: list[dict] = []
        candidates = self._candidates(doc)
        for s_index, sent in enumerate(doc.sents):
            lo, hi = bisect_left(candidates, sent.start), bisect_left(candidates, sent.end)
            words = [doc[i] for i in candidates[lo:hi]]
            found = self._triggers(words)
            self._event_verbs = {f.trigger.i for f in found if f.entry.pos == "VERB"}
            for f in found:
                self._roles(doc, f, at, issuer)
                self._flags(doc, f, sent, year)
            _accused_agents(found)
            _promised_conflict(found)
            _threat_targets(found)
            _joint_exercises(found, at)
            joint = _joint_acts(words, found, at)
            for f in joint:
                self._flags(doc, f, sent, year)  # "will begin joint construction": promised, not done
            found += joint + _ultimatums(words, found, at)
            found = [g for f in found for g in _as_coded(f)]
            found += self._frames(doc, words, at, issuer, found)
            found += _obligations(doc, sent, words, at, issuer, found)
            found += _reported_accusations(found, at)
            found += _implicit_accusations(doc, found, issuer)
            _news_of_the_sentence(found)
            for f in found:
                if f.source is None and f.target is None or f.source is None and f.entry.pos == "NOUN":
                    continue
                if f.source is not None and f.target is not None and _same_actor(f.source, f.target):
                    f.target = None  # a misattached target; the event stands
                    if f.entry.pos == "ADJ":
                        continue  # a frame about the speaker itself
                events.append(_record(doc, f, s_index, len(events)))
        doc._.events = events
        return doc

    # -- triggers ---------------------------------------------------------------
    def _triggers(self, words: list[Token]) -> list[Found]:
        found: list[Found] = []
        for tok in words:
            if tok.i >= 2 and tok.doc[tok.i - 1].text in ("-", "–") and tok.doc[tok.i - 2].lower_ in ("de", "non", "anti",
                                                                                                    "frog"):
                continue  # "de-escalate", "non-aggression", "anti-terrorism", "frog-marched": not the event itself
            if tok.lemma_.lower() in PROMISE_ADJECTIVES and tok.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in tok.children):
                # "X is ready to contribute troops", "willing to withdraw": a promise
                found.append(Found(tok, _AGREE_PROMISE, tok.i + 1))
                continue
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                if _nominal_participle(tok) or _hyphenated_modifier(tok) \
                        or tok.dep_ in ("compound", "amod", "nmod") and not _misparsed_finite(tok):
                    continue  # "evacuated the wounded", "border patrol agents", "Russian-backed forces"
                if tok.lemma_.lower() in ASSEMBLY_VERBS and _protest_purpose(tok):
                    found.append(Found(tok, _PROTEST_DEMO, tok.i + 1))  # "gathered in the square to demand ..."
                    continue
                entry, end = self._verb_entry(tok)
            elif tok.pos_ == "NOUN" and tok.ent_type_ not in ("DATE", "TIME"):
                if tok.i > 0 and (tok.doc[tok.i - 1].lower_, tok.lemma_.lower()) in DOCUMENT_COMPOUNDS:
                    continue  # "according to a press release": a document, not a release of anyone
                entry, end = self._noun_entry(tok)
                if entry is not None and len(entry.words) > 1:
                    # "state of emergency", "use of force": the phrase's head word carries it
                    phrase = tok.doc[end - len(entry.words):end]
                    head = next((t for t in phrase if not (phrase.start <= t.head.i < phrase.end) or t.head == t), tok)
                    found.append(Found(head, entry, end, start=phrase.start))
                    continue
            else:
                continue
            if entry is not None and entry.type == "REQUEST" and _asserts_not_demands(tok):
                continue  # "insisted (that) the unrest reflected old tensions": a claim, not a demand
            if entry is not None:
                found.append(Found(tok, entry, end))
        verbs = [f for f in found if f.entry.pos == "VERB"]
        phrases = [f for f in found if f.start is not None]
        kept = []
        for f in found:
            if f.entry.pos == "NOUN" and any(v.trigger.i < f.trigger.i < v.end or v.trigger.i < f.end - 1 < v.end
                                             for v in verbs):
                continue  # "impose import restrictions": one event, not two
            if f.start is None and any(p.start <= f.trigger.i < p.end for p in phrases):
                continue  # "arrest" in "arrest warrant": the phrase is the event
            if f.entry.pos == "NOUN" and f.trigger.lemma_.lower() in COMMITMENT_NOUNS and _broken(f.trigger, found):
                continue  # "breaches of X's commitments": the breach is the event, not a new promise
            kept.append(f)
        return kept

    def _verb_entry(self, tok: Token) -> tuple[Trigger | None, int]:
        entries = self.lexicon.verb_triggers(tok.lemma_.lower())
        if not entries:
            stem = _past_stem(tok)
            entries = self.lexicon.verb_triggers(stem) if stem and stem != tok.lemma_.lower() else []
        if not entries:
            return None, tok.i + 1
        if len(entries[0].words) == 1:  # no multiword entry for this verb
            return entries[0], tok.i + 1
        # the words a multiword trigger may use: the verb's particles, objects and
        # complements, and the objects of its prepositions ("withdraw from treaty")
        near: dict[str, Token] = {}
        # "provided X with records": X receives, the thing given is the object of "with"
        given_with = tok.lemma_.lower() in PROVIDE_WITH and any(c.dep_ == "prep" and c.lower_ == "with"
                                                                 for c in tok.children)
        for c in tok.children:
            if given_with and c.dep_ == "dobj":
                continue
            if c.dep_ == "prep" and _dates_only(c):
                continue  # "fired its minister on Monday" is not "fire on"
            if c.dep_ in ("prt", "prep", "dobj", "dative", "xcomp", "acomp", "attr", "advmod", "npadvmod", "oprd", "ccomp",
                          "nsubjpass", "intj"):  # intj: "said no to the demands"
                near.setdefault(c.lemma_.lower(), c)
                if c.dep_ in ("prep", "prt", "xcomp"):
                    for g in c.children:
                        if g.dep_ in ("pobj", "dobj", "prep"):
                            near.setdefault(g.lemma_.lower(), g)
                            if g.dep_ == "prep":  # "pull out of the talks"
                                for o in g.children:
                                    if o.dep_ == "pobj":
                                        near.setdefault(o.lemma_.lower(), o)
                elif c.dep_ in ("dobj", "nsubjpass"):
                    # "provided 25,000 tons of food aid", "lifted a state of emergency"; not the
                    # "of" of an event noun ("welcomed the release of aid workers")
                    event_object = tok.lemma_.lower() in EVALUATING_VERBS \
                        and bool(self.lexicon.noun_triggers(c.lemma_.lower()))
                    for g in c.children:
                        if g.dep_ == "prep" and g.lower_ == "of" and not event_object:
                            near.setdefault("of", g)
                            for obj in g.children:
                                if obj.dep_ == "pobj":
                                    near.setdefault(obj.lemma_.lower(), obj)
                                    for h in obj.children:  # "weapons of mass destruction"
                                        if h.dep_ in ("compound", "amod"):
                                            near.setdefault(h.lemma_.lower(), h)
                                    for h in obj.children:  # "a package of emergency aid"
                                        if h.dep_ == "prep" and h.lower_ == "of":
                                            for o2 in h.children:
                                                if o2.dep_ == "pobj":
                                                    near.setdefault(o2.lemma_.lower(), o2)
                        elif g.dep_ in ("compound", "conj", "amod") \
                                and not (c.dep_ == "nsubjpass" and c.lemma_.lower() in PEOPLE_NOUNS):
                            # "lifted the emergency measures", "lifted martial law" (not the "aid" of "aid workers")
                            near.setdefault(g.lemma_.lower(), g)
                elif c.dep_ == "ccomp":
                    # "allowed UN inspectors to visit", parsed as a clause
                    for g in c.children:
                        if g.dep_ == "nsubj":
                            near.setdefault(g.lemma_.lower(), g)
                            for h in g.children:  # "allowed the peacekeeping force to deploy"
                                if h.dep_ in ("compound", "amod"):
                                    near.setdefault(h.lemma_.lower(), h)
        for c in tok.children:
            if c.dep_ == "advcl" and (mark := _for_to_clause(c)) is not None:
                near.setdefault("for", mark)  # "called for Iran to release the sailors", parsed as a clause
        if _misparsed_finite(tok):
            near.setdefault(tok.head.lemma_.lower(), tok.head)  # its object is the noun it was hung on
        keys = near.keys()
        particles = {c.lemma_.lower() for c in tok.children if c.dep_ == "prt"}
        rests = self._rests(entries)
        if particles:  # "called up two divisions": the particle's entry before "call on" (the front)
            rests = [r for r in rests if r[0] & particles] + [r for r in rests if not r[0] & particles]
        for rest, entry in rests:
            if rest <= keys:
                end = max([tok.i, *(near[w].i for w in rest)]) + 1
                return entry, end
        return None, tok.i + 1

    def _rests(self, entries: list[Trigger]) -> list[tuple[frozenset, Trigger]]:
        """The words each multiword entry needs besides its verb (cached per verb)."""
        key = entries[0].words[0]
        cached = self._rest_cache.get(key)
        if cached is None:
            cached = self._rest_cache[key] = [(frozenset(e.words[1:]), e) for e in entries]
        return cached

    def _noun_entry(self, tok: Token) -> tuple[Trigger | None, int]:
        doc = tok.doc
        for entry in self.lexicon.noun_triggers(tok.lemma_.lower()):
            if len(entry.words) == 1:
                return entry, tok.i + 1
            start = tok.i - (len(entry.words) - 1)
            if start >= 0 and tuple(t.lemma_.lower() for t in doc[start:tok.i + 1]) == entry.words:
                return entry, tok.i + 1
        return None, tok.i + 1

    # -- who did it, to whom ----------------------------------------------------
    def _roles(self, doc: Doc, f: Found, at: dict[int, Span], issuer: dict | None) -> None:
        self._known_roles(doc, f, at, issuer)
        if f.source is None or f.target is None:
            self._unresolved_roles(f, at)
        if f.source is None and "victim" in f.notes:
            # "X escaped an assassination attempt": an attack on X by someone the text does not name
            f.source = {"code": UNKNOWN_COUNTRY, "country": UNKNOWN_COUNTRY, "sector": None,
                        "name": "Unidentified actor", "org": None, "text": ""}

    def _known_roles(self, doc: Doc, f: Found, at: dict[int, Span], issuer: dict | None) -> None:
        tok = f.trigger
        if f.entry.pos == "ADJ":
            copula = tok.head if tok.dep_ == "acomp" else tok
            f.source = _subject_actor(copula, at) or _inherited_subject(copula, at)
            for c in tok.children:
                if c.dep_ == "xcomp":
                    f.target = self._object_actor(c, Trigger(("",), "VERB", "AGREE", None, (), None), at)
            return
        if f.entry.pos == "VERB":
            f.source, f.target = self._verb_roles(tok, f.entry, at, issuer)
        else:
            f.source, f.target = self._noun_roles(tok, f.entry, at)
            if f.target is None and tok.dep_ == "compound" and tok.head.lemma_.lower() in CONTAINER_NOUNS:
                # "a mediation effort between X and Y"
                f.target = _prep_object_actor(tok.head, NOUN_TARGET_PREPS - {"of", "in"}, at)
            if f.source is None:
                f.source = _user_of(tok, at)  # "X's use of propaganda", "X's resort to force"
            head = _governing_verb(tok)
            light = _light_governor(tok)
            # "X condemned the attack on Y": the attack is not X's; the subject of an
            # event verb is the object noun's agent only when the verb promises it
            inherits = light is not None or head is not None and head.lemma_.lower() not in WITNESS_VERBS and (
                head.i not in self._event_verbs or head.lemma_.lower() in PROMISE_HEADS
                or head.lemma_.lower() in REQUEST_HEADS and f.entry.type == "CONSULT")  # "invited X for talks"
            if head is not None and f.source is None and inherits:
                f.source = _subject_actor(head, at) or _inherited_subject(head, at)
                if f.source is None and light is not None:
                    f.source = _subject_place(light, at)
                if f.source is None and light is not None and issuer and _speaker_is_implicit(light):
                    f.source = _issuer_span(tok.doc, issuer)
                if light is None:
                    f.confidence = 0.6
            if head is not None and head.lemma_.lower() in VICTIM_VERBS and f.entry.type in ("ASSAULT", "COERCE") \
                    and f.target is None:
                f.target = _subject_actor(head, at)  # "X escaped an assassination attempt": X was its target
                if f.target is not None:
                    f.notes.append("victim")
            if light is not None and f.target is None:
                # "held a meeting with X", "launched a mediation effort between X and Y"
                f.target = self._object_actor(light, f.entry, at, skip=tok)
                if f.target is None and f.source is not None and f.entry.type in SYMMETRIC:
                    f.target = _conjoined_subject(light, f.source, at)
                if f.target is None:
                    f.target = _location_actor(light, f.source, at)
            if head is not None and f.target is None:
                # "gave the Ivory Coast 5 million dollars of aid"
                for c in head.children:
                    if c.dep_ in ("dative", "dobj") and c.i != tok.i:
                        f.target = _np_actor(c, at)
                        if f.target is not None:
                            break

    def _unresolved_roles(self, f: Found, at: dict[int, Span]) -> None:
        """Persons, groups and organisations the gazetteer cannot place in a state
        ("President Avril", "the rebels", "the miners' union"): when no known actor
        fills a role, the one the parse names there, with an unknown country."""
        tok = f.trigger
        if f.entry.target and f.entry.target.startswith("<"):
            return  # "received aid from ...": the roles are the other way round; known actors only
        if f.entry.pos == "ADJ":
            if f.source is None:
                copula = tok.head if tok.dep_ == "acomp" else tok
                f.source = _unresolved_subject(copula)
            return
        if f.entry.pos == "VERB":
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if f.source is None:
                if passive:
                    agent = next((o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"),
                                 None)
                    f.source = _unresolved_actor(agent) if agent is not None else None
                else:
                    f.source = _unresolved_subject(tok)
                    if f.source is not None:
                        f.source = _placed_group(f.source, tok, at)
            if f.target is None:
                # only where the lexicon puts the other side: "attacked the rebels", "gave aid to refugees",
                # not "contributed troops" (what is given) or "opened an embassy"
                wanted = {f.entry.target, "against"}
                holders = [c for c in tok.children if c.dep_ == "nsubjpass" and passive
                           and not (f.entry.type in ("MOBILIZE", "RETREAT") and c.lemma_.lower() in OWNED_FORCES)
                           or c.dep_ == "dobj" and not passive and "dobj" in wanted and c.i >= f.end]
                holders += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in wanted
                            for o in c.children if o.dep_ == "pobj"]
                if f.entry.type in ("REQUEST", "THREATEN", "ACCUSE", "AGREE", "REJECT"):
                    # "demanded that President Varga resign": the one the demand is on
                    holders += [g for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
                f.target = next((_group_in_place(a, h, at) for h in holders
                                 if (a := _unresolved_actor(h)) is not None), None)
        else:
            if f.source is None:
                for c in tok.children:
                    if c.dep_ == "poss":
                        f.source = _unresolved_actor(c)
                    elif c.dep_ == "prep" and c.lower_ == "by":
                        f.source = next((_unresolved_actor(o) for o in c.children if o.dep_ == "pobj"), None)
                    if f.source is not None:
                        break
            if f.source is None:
                head = _governing_verb(tok)
                light = _light_governor(tok)
                if light is not None or head is not None and head.i not in self._event_verbs \
                        and head.lemma_.lower() not in WITNESS_VERBS:
                    f.source = _unresolved_subject(light if light is not None else head)
                    if light is None and f.source is not None:
                        f.confidence = min(f.confidence, 0.6)
            if f.target is None:
                wanted = {f.entry.target, "against"} - {"by"}
                holders = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in wanted
                           for o in c.children if o.dep_ == "pobj"]
                f.target = next((_group_in_place(a, h, at) for h in holders
                                 if (a := _unresolved_actor(h)) is not None), None)
        if f.source is not None and f.target is not None and _same_actor(f.source, f.target):
            f.target = None

    def _verb_roles(self, tok: Token, entry: Trigger, at, issuer) -> tuple[Span | None, Span | None]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        if passive and tok.lemma_.lower() in STATIVE_PASSIVES and not any(c.dep_ == "agent" for c in tok.children):
            passive = False  # "X is opposed to Y": X opposes Y
        source = target = None
        if passive:
            for c in tok.children:
                if c.dep_ == "agent":
                    source = next((_np_actor(o, at) for o in c.children if o.dep_ == "pobj"), None) \
                        or _first_actor_in(c, at)
                elif c.dep_ == "nsubjpass":
                    target = _np_actor(c, at)
                    if entry.type in ("MOBILIZE", "RETREAT") and c.lemma_.lower() in OWNED_FORCES \
                            and not any(g.dep_ == "agent" for g in tok.children):
                        # "X's troops were massed in Y": X moves its own forces; the other side is where
                        source, target = target, None
        else:
            source = _subject_actor(tok, at)
            target = self._object_actor(tok, entry, at)
            if target is None and entry.type in ("REQUEST", "THREATEN", "ACCUSE", "AGREE", "REJECT"):
                # "demanded that X withdraw": the clause's subject; "threatened to impose
                # restrictions against X": the target of the threatened act
                for c in tok.children:
                    if c.dep_ == "ccomp":
                        target = _subject_actor(c, at) or _clause_front_actor(c, at)
                    elif c.dep_ == "xcomp":
                        target = self._object_actor(c, Trigger(("",), "VERB", entry.type, None, (), None), at)
                    elif c.dep_ == "advcl" and _for_to_clause(c) is not None:
                        target = _subject_actor(c, at)  # "called for Iran to release ...": Iran is asked
                    if target is not None:
                        break
        if passive and entry.type == "ASSAULT" and source is None:
            # "a mortar bomb was fired from the Gaza Strip", "rockets were launched from X into Y":
            # fire comes from where it is fired from
            source = _prep_object_actor(tok, {"from"}, at)
            if source is not None and target is None:
                target = _prep_object_actor(tok, {"at", "into", "on", "against"}, at)
        if source is None:
            source = _inherited_subject(tok, at)
        if source is None and passive and (entry.type, entry.mode) in STATE_ACTS:
            # "two journalists were arrested in Iran": the authorities of the place acted
            place = _location_actor(tok, None, at)
            if place is not None and (target is None or not _same_actor(place, target)):
                source = place
        if source is None and not passive:
            source = _subject_place(tok, at)  # "demonstrators in Baghdad", "police in Moscow"
        if source is None and not passive:
            # "Some 500,000 workers affiliated with the Serbian union": an actor deeper in the subject
            source = next((_first_actor_in(c, at) for c in tok.children if c.dep_ == "nsubj"), None)
        if source is None and issuer and _speaker_is_implicit(tok):
            source = _issuer_span(tok.doc, issuer)
        if target is None and source is not None and entry.type in SYMMETRIC:
            target = _conjoined_subject(tok, source, at)  # "X and Y signed a treaty"
        if target is None:
            target = _location_actor(tok, source, at)  # "deployed troops in X", "arrived in X"
        if target is None and not passive and _misparsed_finite(tok):
            target = _np_actor(tok.head, at)  # "the opposition boycotted parliament", parsed as a noun phrase
        if entry.target and entry.target.startswith("<") and not passive:
            # "received weapons from X": the giver is X, the subject receives
            preps = {entry.target[1:]}
            # on the verb, its object, or the object of its preposition ("came under pressure from X")
            holders = [tok, *(c for c in tok.children if c.dep_ == "dobj"),
                       *(o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj")]
            giver = next((a for h in holders if (a := _prep_object_actor(h, preps, at)) is not None), None)
            return giver, source
        if target is None and not passive:
            # "defended the right of X's troops to ...": an actor deeper in the object
            for c in tok.children:
                if c.dep_ in ("dobj", "dative"):
                    actor = _first_actor_in(c, at)
                    if actor is not None and (source is None or not _same_actor(actor, source)):
                        target = actor
                        break
        return source, target

    def _object_actor(self, tok: Token, entry: Trigger, at, skip: Token | None = None) -> Span | None:
        preps = {entry.target} if entry.target and entry.target != "dobj" else set()
        preps |= {"against", "on", "with", "to", "at", "upon", "from", "toward", "towards", "into", "over", "between",
                  "among"}
        if skip is not None:
            preps -= {"on", "over", "at", "upon"}  # "held talks on X": the topic, not the other side
        if entry.type in ("AID", "SUPPORT", "REQUEST", "AGREE"):
            preps.add("for")
        if entry.target in ("from", "of") or "out" in entry.words:
            preps.add("of")
        for c in tok.children:
            if c.dep_ in ("dobj", "dative", "obj", "iobj") and c is not skip:
                actor = _np_actor(c, at)
                if actor is not None:
                    return actor
        for c in tok.children:
            if c is skip:
                continue
            if c.dep_ == "prep" and c.lemma_.lower() in preps | {"out", "away", "back"}:
                # "out of X", "away from X": the inner preposition carries the object
                for obj in [*c.children, *(g for p in c.children if p.dep_ == "prep" for g in p.children)]:
                    if obj.dep_ == "pobj":
                        actor = _np_actor(obj, at) or _prep_object_actor(obj, {"with", "against", "to"}, at)
                        if actor is not None:
                            return actor
            if c.dep_ in ("dobj", "pobj", "xcomp"):
                # "called for sanctions against X", "provide aid for X": the object's own complement
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("against", "for", "to", "on", "with", "toward", "towards"):
                        for obj in p.children:
                            actor = _np_actor(obj, at) if obj.dep_ == "pobj" else None
                            if actor is not None:
                                return actor
            if c.dep_ == "prep":
                # "called for sanctions against X", "mobilised reservists for a war against X"
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        actor = _prep_object_actor(obj, {"against", "toward", "towards", "with"}, at)
                        if actor is not None:
                            return actor
            if c.dep_ == "prt":  # "pull out of X", "call on X" parsed with a particle
                for obj in c.children:
                    if obj.dep_ in ("pobj", "prep"):
                        actor = _first_actor_in(obj, at)
                        if actor is not None:
                            return actor
        return None

    def _noun_roles(self, tok: Token, entry: Trigger, at) -> tuple[Span | None, Span | None]:
        source = target = None
        preps = NOUN_TARGET_PREPS | ({entry.target} if entry.target and entry.target != "dobj" else set())
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and source is None:
                source = _np_actor(c, at)
            elif c.dep_ == "prep" and c.lemma_.lower() in preps | {"by"}:
                for obj in c.children:
                    if obj.dep_ != "pobj":
                        continue
                    actor = _np_actor(obj, at)
                    owner = (actor is not None and c.lemma_.lower() == "of" and entry.type in ("MOBILIZE", "RETREAT")
                             and obj.lemma_.lower() in OWNED_FORCES
                             and (obj.i in at or any(g.dep_ in ("poss", "amod", "compound", "nmod") and g.i in at
                                                     for g in obj.children)))  # not "forces from X"
                    if actor is None and c.lemma_.lower() == "of":
                        # "a suspension of air links with X", "the withdrawal of forces from X"
                        actor = _prep_object_actor(obj, NOUN_TARGET_PREPS - {"of", "in"}, at)
                    if c.lemma_.lower() == "of" and source is None:
                        # "the expulsion of 23 diplomats by Britain", the "by" hung on the "of" phrase
                        agent = _prep_object_actor(obj, {"by"}, at)
                        if agent is not None:
                            source = agent
                            if actor is not None and _same_actor(agent, actor):
                                actor = None  # "the massacre of 40 villagers by Guatemalan soldiers": the by is no victim
                    if actor is None:
                        continue
                    pledged = entry.type == "REJECT" and c.lower_ == "of" and obj.lemma_.lower() in COMMITMENT_NOUNS
                    if (owner or pledged) and source is None:
                        # "the deployment of X's troops": X deploys them; "breaches of X's commitments": X breaks them
                        source = actor
                    elif c.lower_ == "of" and tok.lemma_.lower() in AGENT_OF_NOUNS and source is None:
                        source = actor  # "the propaganda of X": X's
                    elif c.lemma_.lower() == "by" and source is None:
                        source = actor
                    elif target is None and c.lemma_.lower() != "by":
                        target = actor
        if source is None and entry.type in SYMMETRIC:
            # "talks between X and Y resumed": the two sides are each other's other side
            sides = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"
                     for o in c.children if o.dep_ == "pobj"
                     for t in (o, *(g for g in o.children if g.dep_ == "conj")) if (a := _np_actor(t, at)) is not None]
            if len(sides) >= 2 and not _same_actor(sides[0], sides[1]):
                source, target = sides[0], sides[1]
        return source, target

    # -- negation, modality, reported speech, history -----------------------------
    def _flags(self, doc: Doc, f: Found, sent: Span, year: int | None) -> None:
        noun = f.trigger
        light = _light_governor(noun) if f.entry.pos == "NOUN" else None
        # a noun carried by a light verb ("held talks", "announced a suspension")
        # takes the verb's negation, modality and tense
        tok = light if light is not None else noun
        # "have sworn to fight", parsed as a purpose clause: the promise's complement all the same
        dep = "xcomp" if _misparsed_complement(tok) else tok.dep_
        f.negated = _negated(tok) or (dep in ("xcomp", "ccomp") and _negated(tok.head) and tok.head.pos_ == "AUX")
        if light is not None and _negated(noun):
            f.negated = True
        head = tok.head if dep in ("xcomp", "ccomp") else None
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & (MODALS - FUTURE):
            f.hypothetical = True
            f.notes.append("modal")
        if head is not None and head.lemma_.lower() in OBLIGATION_HEADS and dep == "xcomp":
            f.hypothetical = True  # "X ought to respect", "X has to withdraw": required, not done
            f.notes.append("modal")
        f.condition = _condition(tok)
        if f.condition is not None and f.entry.type == "THREATEN" and f.target is None:
            # "threatened to strike unless X ...": the threat is aimed at X
            f.target = _subject_actor(f.condition, _mention_index(doc))
        governing = _governing_mood(tok)
        if f.entry.type == "ASSAULT" and _attempted_violence(tok):
            f.notes.append("attempted")  # "tried to assassinate X": the attempt is itself an assault (CAMEO 185)
        elif _own_forces_ordered(tok, head, dep):
            f.notes.append("ordered")  # "ordered its troops to withdraw": the order is the act, done by its giver
        elif _desired_cooperation(f.entry.type, tok, head):
            f.notes.append("intent")  # "X wants to help Y", "seeks to deepen ties": intent to cooperate (CAMEO 03x)
        elif head is not None and (head.lemma_.lower() in REQUEST_HEADS or head.lemma_.lower() == "tell" and dep == "xcomp") \
                and head.i != tok.i or governing == "requested":  # "told Iraq to comply": requested
            f.hypothetical = True  # requested, not done: "call on X to withdraw", "demand that X withdraw"
            f.notes.append("requested")
        elif _attempt_clause(tok):
            f.hypothetical = True  # "its efforts to undermine the process": attempted
            f.notes.append("attempted")
        elif head is not None and head.lemma_.lower() in INTENT_HEADS - PROMISE_HEADS and dep == "xcomp":
            f.hypothetical = True
            if head.lemma_.lower() in ATTEMPT_HEADS:
                f.notes.append("attempted")
        elif auxes & FUTURE or (head is not None and head.lemma_.lower() in PROMISE_HEADS | {"about"}
                                and dep == "xcomp"):
            f.notes.append("intent")  # "will restore", "pledged to restore", "is about to restore"
        if "intent" not in f.notes and f.entry.type in COOPERATIVE and not f.negated and _intended(tok):
            # "expressed its intention to extend a loan", "its interest in holding talks": a stated
            # intention to cooperate (CAMEO 03x), not a mere attempt
            f.hypothetical = False
            f.notes = [n for n in f.notes if n != "attempted"] + ["intent"]
        if _document_clause(tok) and _unadopted(tok.head):
            f.hypothetical = True  # "vetoed a draft resolution condemning X": no one condemned X
            f.notes.append("draft")
        if f.negated and _counterfactual(tok):
            f.negated = False  # "if X had not supported the rebels": X did
            f.notes.append("counterfactual")
        if head is not None and head.lemma_.lower() in REFUSAL_HEADS and dep == "xcomp":
            f.negated = not f.negated
        if tok.tag_ == "VBG" and tok.dep_ in ("dobj", "xcomp", "pcomp") and tok.head.lemma_.lower() == "rule" \
                and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.head.children):
            f.negated = True  # "ruled out pulling its troops back": it will not
        if head is not None and dep == "xcomp" and "intent" not in f.notes and not f.hypothetical \
                and head.lemma_.lower() not in REQUEST_HEADS | INTENT_HEADS | REFUSAL_HEADS \
                and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in head.children):
            # "will continue to attack", "would not hesitate to use force": the act is announced
            f.notes.append("intent")
            if head.lemma_.lower() == "hesitate" and _negated(head):
                f.negated = False
        if any(c.lower_ in ATTRIBUTING_ADVERBS for c in tok.children):
            f.confidence = min(f.confidence, 0.7)
        if any(c.lower_ in HEDGES for c in tok.children) or _so_called(tok) or _scare_quoted(tok):
            f.hypothetical = True
            f.notes.append("hedged")
            f.confidence = min(f.confidence, 0.6)
        if governing == "modal":
            f.hypothetical = True  # "X should cooperate to encourage ...": the purpose is as unreal as its clause
        if governing == "threatened":
            # "warned that it would pull its troops out": the warning is the event, the act only threatened
            f.hypothetical = True
            if "intent" in f.notes:
                f.notes.remove("intent")
        modifier = noun.dep_ == "compound" and f.entry.pos == "NOUN" and light is None \
            and not (f.entry.type == "ASSAULT" and noun.head.lemma_.lower() in VIOLENT_ATTEMPTS)  # "assassination attempt"
        culprit = _culpable_gerund(tok)
        if culprit is not None and _negated(culprit):
            f.negated = True  # "X is not responsible for shelling ..."
        if culprit is not None and any(c.dep_ == "aux" and c.lower_ in MODALS - FUTURE for c in culprit.children):
            f.hypothetical = True  # "X may be responsible for ..."
        placed = tok.head if _attempt_clause(tok) else culprit if culprit is not None else tok
        # an attempt's, or a culprit's, place in the sentence decides
        battle = _battle_behind_capture(f.entry, noun)
        if battle is not None and f.source is None:
            f.source = _subject_actor(battle, _mention_index(doc))  # whoever took the place fought for it
        dispatched = _dispatched_inquiry(f.entry, tok) or battle is not None
        if dispatched and f.target is None:
            f.target = _prep_object_actor(tok.head, {"to"}, _mention_index(doc))  # "sent experts to X to investigate"
        if _motive_topic_or_charge(noun, self.lexicon, self._event_verbs) and not dispatched:
            # "in protest at the refusal", "an inquiry into the killing", "a vote on the
            # genocide", "found guilty of torturing": the reason, subject or charge of another act
            f.confidence = min(f.confidence, BACKGROUND_CONFIDENCE)
        setting = _in_setting(noun)
        if (_in_background(placed) or setting or modifier) and not dispatched \
                and "counterfactual" not in f.notes:  # "... if X had not armed them": the point made
            # modifier: "invasion forces", "aid convoy"
            f.confidence = min(f.confidence, BACKGROUND_CONFIDENCE)
            if not modifier and not setting:
                f.notes.append("background")  # a setting ("during the summit") is never the news
        if f.entry.pos == "NOUN" and light is None:
            governor = _governing_verb(tok)
            lemma = governor.lemma_.lower() if governor is not None else ""
            if lemma in AUDIENCE_VERBS and dep in ("dobj", "dative") or lemma in SPEAKING_VERBS and dep == "pobj" \
                    and noun.head.lower_ == "to":
                f.confidence = min(f.confidence, BACKGROUND_CONFIDENCE)  # "telling a rally in Tripoli": the audience
                if "background" in f.notes:
                    f.notes.remove("background")  # never the news of the sentence
            elif lemma in REQUEST_HEADS:
                f.hypothetical = True  # "demanded the withdrawal of X": requested
                f.notes.append("requested")
            elif lemma in PREVENTING_HEADS and dep in ("dobj", "nsubjpass"):
                f.hypothetical = True  # "postponed the demonstration", "banned the rally": it did not take place
            elif lemma in PROMISE_HEADS | INTENT_HEADS and dep == "dobj" \
                    and not any(c.dep_ == "prt" for c in governor.children):  # "set up a committee" is done
                f.hypothetical = True  # "pledged aid", "offered talks": promised, not yet given
            elif governor is not None and lemma in self._trigger_lemmas and dep in ("dobj", "pobj", "nsubjpass") \
                    and battle is None and not (dep == "nsubjpass" and lemma in ATTRIBUTION_VERBS) \
                    and not (lemma in RECORDING_VERBS and f.source is not None):
                # ("the massacre of 40 villagers was reported by X" is the news, attributed)
                # "rejected a U.S. request", "blamed X for the bombing": the object of
                # another event, told in passing
                f.confidence = min(f.confidence, BACKGROUND_CONFIDENCE)
        reporter = _reporter(tok, at=None, doc=doc)
        if reporter is not None:
            f.reported_by = reporter
        speech = _speech_head(tok)
        if speech is None and tok.dep_ in ("acl", "ccomp") and tok.head.lemma_.lower() in CONTENT_NOUNS \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            f.hypothetical = True  # "looking for evidence that X executed Y", "fears that X will attack"
        if speech is not None and speech.lemma_.lower() in CLAIM_VERBS and speech.i != tok.i:
            # "X alleged that Y was backing the rebels", "Amnesty charged that police tortured
            # detainees": only the claimant's claim, whoever the claimant is
            f.hypothetical = True
        if year is not None and tok.tag_ in ("VBD", "VBN") and _long_ago(sent, year):
            f.historical = True

    # -- the issuer's accusations in impersonal frames ---------------------------
    def _frames(self, doc: Doc, words: list[Token], at, issuer: dict | None, found: list[Found]) -> list[Found]:
        if not issuer:
            return []
        issuer_span = _issuer_span(doc, issuer)
        out: list[Found] = []
        for tok in words:
            low = tok.lemma_.lower()
            # "It is absurd that X should accuse ...": the clause's subject is accused
            if low in EVALUATIVE and tok.pos_ == "ADJ" and any(c.lower_ == "it" for c in tok.head.children):
                for clause in tok.children if tok.dep_ != "ROOT" else tok.children:
                    if clause.dep_ == "ccomp":
                        target = _subject_actor(clause, at)
                        if target is not None:
                            out.append(Found(tok, _ACCUSE_DISAPPROVE, tok.i + 1, issuer_span, target, confidence=0.7))
                for clause in tok.head.children:
                    if clause.dep_ == "ccomp" and tok.dep_ == "acomp":
                        target = _subject_actor(clause, at)
                        if target is not None:
                            out.append(Found(tok, _ACCUSE_DISAPPROVE, tok.i + 1, issuer_span, target, confidence=0.7))
            # "it is X who/that is blocking ...": a cleft singles X out
            if tok.lemma_ == "be" and any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl") for c in tok.children):
                attrs = [c for c in tok.children if c.dep_ == "attr"]
                clauses = [c for t in [tok, *attrs] for c in t.children if c.dep_ in ("relcl", "ccomp")
                           and any(w.lower_ in ("who", "that", "which") and w.dep_.startswith("nsubj") for w in c.children)]
                for attr in attrs:
                    target = _np_actor(attr, at)
                    if target is not None and clauses:
                        out.append(Found(clauses[0], _ACCUSE_ALLEGE, clauses[0].i + 1, issuer_span, target, confidence=0.7))
            # "X's deliberate misrepresentation of the facts"
            if low in ACCUSING_NOUNS and tok.pos_ == "NOUN" and _reporter(tok, at=None, doc=doc) is None \
                    and not _negated(tok):
                target = None
                for c in tok.children:
                    if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") \
                            or c.dep_ in ("amod", "compound") and c.i in at and not _against(at[c.i]):
                        target = _np_actor(c, at) or _first_actor_in(c, at)
                    elif c.dep_ == "prep" and c.lower_ == "of" and low not in VICTIM_OF_NOUNS:
                        target = next((_np_actor(o, at) for o in c.children if o.dep_ == "pobj"), None)
                    if target is not None:
                        break
                if target is None:
                    target = _user_of(tok, at)  # "X's use of propaganda"
                if target is None and tok.dep_ == "dobj" and tok.head.i not in self._event_verbs \
                        and tok.head.lemma_.lower() not in WITNESS_VERBS:
                    target = _subject_actor(tok.head, at)  # "X invokes the pretext of ...", "X spreads lies"
                if target is not None and not _is_issuer_actor(target, issuer):
                    out.append(Found(tok, _ACCUSE_ALLEGE, tok.i + 1, issuer_span, target, confidence=0.7))
        # "the baseless statement of X", "X's illegal actions", "X's actions are illegal"
        for tok in words:
            if tok.lemma_.lower() not in NEGATIVE_EVALUATION or tok.pos_ != "ADJ":
                continue
            if tok.dep_ == "amod":
                noun = tok.head
            elif tok.dep_ == "acomp":
                noun = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            else:
                continue
            if noun is None or tok.lemma_.lower() == "criminal" and noun.lemma_.lower() in LEGAL_NOUNS:
                continue  # "the criminal code of X" is no accusation
            event = next((g for g in found if g.entry.pos == "NOUN" and g.trigger.i == noun.i), None)
            if event is not None:
                # "the illegal annexation of Crimea by X": the act's agent is condemned, not its victim
                if event.source is None:
                    continue
                target = event.source
            elif noun.lemma_.lower() in VICTIM_OF_NOUNS or noun.lemma_.lower() not in AGENT_OF_NOUNS and any(
                    e.target == "of" for e in self.lexicon.noun_triggers(noun.lemma_.lower())):
                # "their illegal control of the buildings": the buildings' owner is not the one judged
                target = next((at[c.i] for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                               and c.i in at and not _against(at[c.i])), None)
            else:
                # "the illegal referendum of Crimea by X": the agent before what it was done to
                target = next((_np_actor(o, at) for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                               for o in c.children if o.dep_ == "pobj"), None) or _np_actor(noun, at)
            if target is None and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
                # "Russia continues its aggressive rhetoric": the owner is the clause's subject
                verb = _governing_verb(noun)
                target = _subject_actor(verb, at) if verb is not None else None
            if target is None or _data(target)["country"] == issuer.get("country") or _reporter(tok, at=None, doc=doc):
                continue
            out.append(Found(tok, _ACCUSE_DISAPPROVE, tok.i + 1, issuer_span, target, confidence=0.6))
        # "Regrettably, X has refused ...": the speaker's judgement of X's act
        for tok in words:
            if tok.lower_ not in EVALUATIVE_ADVERBS or tok.dep_ != "advmod" or tok.head.pos_ not in ("VERB", "AUX"):
                continue
            verb = tok.head
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _reporter(verb, at=None, doc=doc):
                continue  # "Unfortunately, X was attacked": X is the victim
            target = _subject_actor(verb, at)
            if target is not None and not _is_issuer_actor(target, issuer):
                out.append(Found(tok, _ACCUSE_DISAPPROVE, tok.i + 1, issuer_span, target, confidence=0.6))
        # "We are deeply concerned about X's military build-up"
        for tok in words:
            if tok.lower_ not in CONCERN_WORDS or tok.dep_ not in ("acomp", "ROOT", "amod", "conj") \
                    or tok.tag_ not in ("JJ", "VBN"):
                continue
            holder = tok.head if tok.dep_ == "acomp" else tok
            speaker = _subject_actor(holder, at) or next(
                (_np_actor(c, at) for c in holder.children if c.dep_ == "nsubjpass"), None)
            if speaker is None or not _is_issuer_actor(speaker, issuer):
                continue
            for prep in tok.children:
                if prep.dep_ not in ("prep", "agent") or prep.lower_ not in ("about", "at", "by", "over", "with", "regarding"):
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    event = next((g for g in found if g.entry.pos == "NOUN" and g.trigger.i == obj.i), None)
                    target = event.source if event is not None else _np_actor(obj, at)
                    if target is not None and not _is_issuer_actor(target, issuer):
                        out.append(Found(tok, _ACCUSE_DISAPPROVE, tok.i + 1, issuer_span, target, confidence=0.6))
        # "X is fuelling the conflict", "orchestrated by X": conduct only a hostile actor is said to engage in
        for tok in words:
            if tok.lemma_.lower() not in HOSTILE_CONDUCT_VERBS or tok.pos_ != "VERB" or _negated(tok) \
                    or tok.dep_ == "amod" or _reporter(tok, at=None, doc=doc) is not None:
                continue
            if any(c.dep_ == "aux" and c.lower_ in MODALS - FUTURE for c in tok.children):
                continue  # "X could fuel ...": a possibility, not a charge
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if passive:
                agent = next((_first_actor_in(c, at) for c in tok.children if c.dep_ == "agent"), None)
                if agent is None and tok.dep_ == "conj":  # "planned, disguised and orchestrated by X"
                    agent = next((_first_actor_in(c, at) for c in tok.head.children if c.dep_ == "agent"), None)
            else:
                agent = _subject_actor(tok, at) or _inherited_subject(tok, at)
                if agent is None and tok.dep_ == "acl" and tok.tag_ == "VBN":  # "a crisis fuelled by X"
                    agent = next((_first_actor_in(c, at) for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None and not _is_issuer_actor(agent, issuer):
                out.append(Found(tok, _ACCUSE_ALLEGE, tok.i + 1, issuer_span, agent, confidence=0.6))
        # keep one frame accusation per target and trigger
        unique = {}
        for f in out:
            unique.setdefault((f.trigger.i, f.target.start), f)
        return list(unique.values())


def _as_coded(f: Found) -> list[Found]:
    """What the clause asserts, in PLOVER's terms: a refused cooperative act is a
    REJECT ("will not accept refugees"); a promised cooperative act is AGREE
    ("Portugal will support ..."); a promised material conflict is THREATEN
    ("they would boycott ...")."""
    kind = f.entry.type
    if _conditional_threat(f):
        # "will withdraw its force unless X holds elections", "may halt mediation if
        # X does not cooperate": the threat is made, the act is only threatened
        target = f.target
        if target is None:
            target = _subject_actor(f.condition, _mention_index(f.trigger.doc))
        mode = "relations" if f.negated else THREAT_MODE.get(kind)
        entry = Trigger(f.entry.words, f.entry.pos, "THREATEN", mode, f.entry.contexts, f.entry.target)
        threat = Found(f.trigger, entry, f.end, f.source, target, f.reported_by, historical=f.historical,
                       confidence=f.confidence, condition=f.condition)
        f.hypothetical = True
        return [threat, f] if "intent" not in f.notes else [threat]
    if f.negated and kind in COOPERATIVE and "requested" not in f.notes:
        # the denied act stays, marked negated; the refusal it amounts to is coded too
        entry = Trigger(f.entry.words, f.entry.pos, "REJECT", REFUSAL_MODE.get(kind), f.entry.contexts, f.entry.target)
        refusal = Found(f.trigger, entry, f.end, f.source, f.target, f.reported_by, hypothetical=f.hypothetical,
                        historical=f.historical, confidence=f.confidence - 0.1)
        return [f, refusal]
    if kind == "PROTEST" and f.trigger.lemma_.lower() == "protest" and f.source is not None \
            and _data(f.source).get("sector") in (None, "", "GOV") and _data(f.source)["country"] != UNKNOWN_COUNTRY:
        # a government protests in words ("summoned the ambassador to protest against the visit"):
        # a complaint (ACCUSE disapprove), not a demonstration
        f.entry = Trigger(f.entry.words, f.entry.pos, "ACCUSE", "disapprove", ("diplomatic",), f.entry.target)
        kind = "ACCUSE"
    if kind in MATERIAL_CONFLICT and "modal" in f.notes and not f.negated and f.source is not None \
            and _own_announcement(f):
        # "the World Bank said it could freeze lending to Kenya": a conditional sanction announced by
        # its own agent is a threat (CAMEO 13); "X may attack Y", said by others, stays a possibility
        entry = Trigger(f.entry.words, f.entry.pos, "THREATEN", THREAT_MODE.get(kind), f.entry.contexts, f.entry.target)
        return [Found(f.trigger, entry, f.end, f.source, f.target, f.reported_by, historical=f.historical,
                      confidence=f.confidence), f]
    if f.entry.words == ("call", "on") and not _asks_for_something(f.trigger):
        # "called on President Assad in Damascus": a visit; "called on X to withdraw" asks
        f.entry = Trigger(f.entry.words, f.entry.pos, "CONSULT", "visit", ("diplomatic",), "on")
        kind = "CONSULT"
    if kind == "ASSAULT" and f.entry.pos == "VERB" and f.trigger.lemma_.lower() == "strike" \
            and not any(c.dep_ == "dobj" for c in f.trigger.children) and _workers_subject(f.trigger):
        # "Thousands of Serbian coal miners struck for higher wages": a labour strike
        f.entry = Trigger(f.entry.words, f.entry.pos, "PROTEST", "strike", (), None)
        kind = "PROTEST"
    if kind == "RETREAT" and f.entry.mode == "release" and _to_a_court(f.trigger):
        # "turned over a former minister to the U.N. tribunal": judicial cooperation (CAMEO 063)
        f.entry = Trigger(f.entry.words, f.entry.pos, "COOPERATE", None, ("legal",), "to")
        kind = "COOPERATE"
    if f.entry.words == ("arrive", "in") and not _envoy(f.source):
        return []  # troops, refugees or a ship arriving somewhere do not visit it
    if kind == "MOBILIZE" and f.entry.pos == "VERB" and _peacekeepers_moved(f.trigger):
        # "U.N. peacekeepers deployed to Bunia": peacekeeping is aid (CAMEO 0743), as "send peacekeepers" is
        f.entry = Trigger(f.entry.words, f.entry.pos, "AID", None, ("peacekeeping",), f.entry.target)
        kind = "AID"
    if kind == "ASSAULT" and f.entry.pos == "VERB" and {"missile", "rocket"} & set(f.entry.words) \
            and _fired_over(f.trigger):
        # "fired a ballistic missile over Japan into the Pacific": a show of force, not an attack on Japan
        f.entry = Trigger(f.entry.words, f.entry.pos, "MOBILIZE", "weapons", ("military",), "over")
        kind = "MOBILIZE"
    if kind == "SANCTION" and f.entry.pos == "VERB" and f.trigger.lemma_.lower() in CONCLUDING_VERBS \
            and _talks_concluded(f.trigger):
        # "ended three days of talks", "concluded a round of negotiations": they talked
        f.entry = Trigger(f.entry.words, f.entry.pos, "CONSULT", None, ("diplomatic",), "with")
        kind = "CONSULT"
    if kind == "SANCTION" and f.entry.mode == "expel" and _people_expelled(f.trigger):
        # expelling a population ("expelled the remaining Muslims from the town") is deportation,
        # expelling diplomats a sanction
        f.entry = Trigger(f.entry.words, f.entry.pos, "COERCE", "deport", ("migration",), f.entry.target)
        kind = "COERCE"
    if kind == "PROTEST" and f.entry.pos == "VERB" and f.trigger.lemma_.lower() in ("rally", "mobilize", "mobilise") \
            and any(c.dep_ == "dobj" for c in f.trigger.children):
        # "rallied Arab states against X" rallies opposition to X (CAMEO 113: ACCUSE);
        # "rallied leaders behind X" rallies support for X (CAMEO 053: SUPPORT)
        side = next((c.lower_ for c in f.trigger.children if c.dep_ == "prep"
                     and c.lower_ in ("against", "behind", "around")), None)
        if side is not None:
            against = side == "against"
            f.entry = Trigger(f.entry.words, f.entry.pos, "ACCUSE" if against else "SUPPORT",
                              "disapprove" if against else None, ("diplomatic",), side)
            f.target = _prep_object_actor(f.trigger, {side}, _mention_index(f.trigger.doc)) or f.target
            kind = f.entry.type
    if kind == "PROTEST" and f.entry.mode == "obstruct" and f.source is not None \
            and _data(f.source).get("sector") in STATE_FORCE_SECTORS and _data(f.source)["country"] != UNKNOWN_COUNTRY \
            and not _protesters(f.source) and not (f.entry.pos == "VERB" and _protesting_subject(f.trigger)):
        # troops or police blocking roads restrict movement (COERCE); protesters obstruct
        f.entry = Trigger(f.entry.words, f.entry.pos, "COERCE", "restrict", f.entry.contexts, f.entry.target)
        kind = "COERCE"
    if kind == "COERCE" and f.entry.mode == "seize" and f.entry.pos == "VERB" and _people_object(f.trigger):
        # "seizing hundreds of children": people are abducted, places and goods seized
        f.entry = Trigger(f.entry.words, f.entry.pos, "ASSAULT", "abduct", f.entry.contexts, f.entry.target)
        kind = "ASSAULT"
    if kind == "ASSAULT" and f.trigger.lemma_.lower() == "strike" and f.entry.pos == "NOUN" and _labour_strike(f):
        # "launched a nationwide strike against the petrol price": a labour strike, not an air strike
        f.entry = Trigger(f.entry.words, f.entry.pos, "PROTEST", "strike", (), f.entry.target)
        kind = "PROTEST"
    protesters = (f.source is not None and _protesters(f.source)) \
        or f.entry.pos == "VERB" and _protesting_subject(f.trigger)
    if f.source is not None and _data(f.source).get("sector") in CIVIL_SECTORS and kind == "COERCE" \
            and f.trigger.lemma_.lower() in OBSTRUCTING_VERBS:
        protesters = True  # "coca farmers blockaded the highway": civilians blocking roads protest
    if kind == "ASSAULT" and f.entry.mode == "destroy" and protesters:
        # protesters who wreck or burn property vandalise it (PLOVER's PROTEST mode); armies destroy
        f.entry = Trigger(f.entry.words, f.entry.pos, "PROTEST", "vandalize", f.entry.contexts, f.entry.target)
        kind = "PROTEST"
    elif kind in ("COERCE", "REJECT") and protesters and f.trigger.lemma_.lower() in OBSTRUCTING_VERBS:
        # protesters blocking depots or occupying a square obstruct (PLOVER's PROTEST mode)
        f.entry = Trigger(f.entry.words, f.entry.pos, "PROTEST", "obstruct", f.entry.contexts, f.entry.target)
        kind = "PROTEST"
    if kind == "PROTEST" and f.trigger.lemma_.lower() == "storm" and f.source is not None \
            and (_armed_group(f.source) or _data(f.source).get("sector") in ("MIL", "COP", "PRM")):
        # troops or gunmen storming a village attack it; protesters storming a building riot
        f.entry = Trigger(f.entry.words, f.entry.pos, "ASSAULT", None, ("military",), f.entry.target)
        kind = "ASSAULT"
    if "intent" in f.notes and not f.negated and not f.hypothetical:
        if kind in COOPERATIVE - {"AGREE"}:
            f.entry = Trigger(f.entry.words, f.entry.pos, "AGREE", None, f.entry.contexts, f.entry.target)
        elif kind in MATERIAL_CONFLICT and f.source is None:
            f.hypothetical = True  # "the warrant would undermine efforts": a forecast, with no one to threaten
        elif kind in MATERIAL_CONFLICT:
            f.entry = Trigger(f.entry.words, f.entry.pos, "THREATEN", THREAT_MODE.get(kind), f.entry.contexts, f.entry.target)
    return [f]


CONFLICT_TYPES = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


COMPLEMENT_HEADS = PROMISE_HEADS | THREAT_HEADS | REQUEST_HEADS | INTENT_HEADS | REFUSAL_HEADS


def _misparsed_complement(tok: Token) -> bool:
    """A to-infinitive the parser attached as a purpose clause (advcl) to a verb of
    promising, threatening, asking, intending or refusing that has no complement
    of its own: "have sworn to fight" is "sworn" + xcomp "fight"."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    return head.lemma_.lower() in COMPLEMENT_HEADS and head.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in ("xcomp", "dobj", "ccomp") for c in head.children)


DISPATCH_VERBS = {"send", "dispatch", "deploy", "assign", "fly"}


COMBAT_NOUNS = {"fighting", "clash", "battle", "combat", "firefight", "shelling", "bombardment", "skirmish", "assault",
                "offensive", "siege"}
CAPTURE_VERBS = {"capture", "seize", "take", "retake", "recapture", "overrun", "occupy", "regain", "storm", "enter"}


def _battle_behind_capture(entry: Trigger, noun: Token) -> Token | None:
    """"Captured the village after five days of fighting": the fighting is part of
    what the sentence reports (the capture was won by it), not a mere time
    setting. Returns the capturing verb."""
    if entry.type != "ASSAULT" or noun.lemma_.lower() not in COMBAT_NOUNS or not _in_setting(noun):
        return None
    node = noun
    if node.head.lower_ == "of" and node.head.head.lemma_.lower() in CONTAINER_NOUNS:
        node = node.head.head  # "after five days of fighting"
    verb = node.head.head  # the verb the setting preposition hangs on
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in CAPTURE_VERBS else None


SETUP_VERBS = {"set", "establish", "appoint", "form", "create", "name", "launch", "convene"}
INQUIRY_BODIES = {"commission", "committee", "panel", "team", "mission", "body", "tribunal", "inquiry", "board",
                  "group", "task"}


def _dispatched_inquiry(entry: Trigger, tok: Token) -> bool:
    """An inquiry that is the purpose of people sent ("sent experts to Libya to
    investigate the killings") or of a body set up ("set up a commission to
    investigate"): the sending or setting up starts the investigation (CAMEO 09x)."""
    if entry.type != "ACCUSE" or entry.mode != "investigate" \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    if tok.dep_ == "acl" and head.lemma_.lower() in INQUIRY_BODIES and head.dep_ in ("dobj", "nsubjpass"):
        head = head.head  # "set up a commission to investigate"
        if head.lemma_.lower() not in SETUP_VERBS | DISPATCH_VERBS:
            return False
    elif tok.dep_ not in ("advcl", "xcomp") or head.lemma_.lower() not in DISPATCH_VERBS | SETUP_VERBS:
        return False
    return not _negated(head) and not any(c.dep_ == "aux" and c.lower_ in MODALS | FUTURE for c in head.children)


def _counterfactual(tok: Token) -> bool:
    """'If X had not V-ed' (a past unreal condition): what it denies did happen."""
    children = list(tok.children)
    return tok.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "if" for c in children) \
        and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in children) \
        and any(c.dep_ == "neg" for c in children)


VIOLENT_ATTEMPTS = {"attempt", "try", "bid"}


def _attempted_violence(tok: Token) -> bool:
    """An act of violence someone tried to commit, told as having been tried: "X tried to
    assassinate Y", "an attempt to kill Y was thwarted". CAMEO codes the attempt as the
    assault (185); "X is trying to ..." and "plans to ..." stay hypothetical."""
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in VIOLENT_ATTEMPTS and head.tag_ in ("VBD", "VBN"):
        return not _negated(head)
    if tok.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in VIOLENT_ATTEMPTS \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        governor = head.head
        return head.dep_ == "ROOT" or governor.tag_ in ("VBD", "VBN") and not _negated(governor)
    return False


STATE_ACTS = {("COERCE", "arrest"), ("COERCE", "deport"), ("ACCUSE", "investigate"), ("SANCTION", "convict"),
              ("SANCTION", "expel")}
"""Acts only a state's authorities carry out: told in the passive with no agent,
their source is the state where they took place."""
ORDER_HEADS = {"order", "instruct", "command", "direct"}
SUBORDINATES = {"police", "military", "security", "guard", "authority", "official", "ministry", "minister", "agency",
                "officer", "commander", "service"}


def _own_forces_ordered(tok: Token, head: Token | None, dep: str) -> bool:
    """An act a government ordered its own forces or officials to carry out ("Russia
    ordered its troops to leave Georgia", "ordered police to arrest the protesters"):
    the order is given, so the act is its giver's, not a request. Not an order
    to another actor, nor one only threatened or demanded."""
    if head is None or dep != "xcomp" or head.lemma_.lower() not in ORDER_HEADS or head.tag_ not in ("VBD", "VBN"):
        return False
    if _negated(head) or any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children):
        return False
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in OWNED_FORCES | SUBORDINATES:
        return False
    # "its troops", "the army", "police": not "Iraq's troops" (another state's)
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    return owner is None or owner.pos_ == "PRON"


DESIRE_HEADS = {"want", "seek", "wish", "hope", "aim"}


def _desired_cooperation(kind: str, tok: Token, head: Token | None) -> bool:
    """A cooperative act its own subject wants, seeks or hopes to do ("X seeks to
    deepen ties with Y"): stated intent, coded like a promise. Not "wants Y to
    ..." (a request), not a negated, modal or conditional wish, and not a
    conflictual act (an intent to attack is left hypothetical)."""
    if head is None or kind not in COOPERATIVE or tok.dep_ != "xcomp" or head.lemma_.lower() not in DESIRE_HEADS:
        return False
    if any(c.dep_ in ("dobj", "nsubj", "ccomp") and c.i > head.i for c in head.children if c.i != tok.i):
        return False
    if any(c.dep_ == "nsubj" for c in tok.children) or _negated(head):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in MODALS - FUTURE for c in head.children)


def _conditional_threat(f: Found) -> bool:
    """An act announced or held out only on a condition the other side must meet:
    any act 'unless X ...', a conflictual one 'if X ...'."""
    if f.condition is None or "requested" in f.notes or f.entry.type in ("THREATEN", "REQUEST", "ACCUSE"):
        return False
    if not ({"intent", "modal"} & set(f.notes)):
        return False
    unless = any(c.dep_ == "mark" and c.lower_ == "unless" for c in f.condition.children)
    if f.negated:
        # "would not attend the conference unless X withdrew": a refusal held out as pressure
        return unless and f.entry.type in COOPERATIVE
    return unless or f.entry.type in MATERIAL_CONFLICT


def _condition(tok: Token) -> Token | None:
    """The verb of an 'if'/'unless' clause on the event's clause (or on the
    clause it complements: 'threatened to strike unless ...')."""
    nodes = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    if tok.dep_ in ("xcomp", "conj"):
        nodes.append(tok.head)
    for node in nodes:
        for c in node.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                return c
    return None


OBLIGATION_HEADS = {"ought", "have"}
"""Heads of an obligation's infinitive: "X ought to respect", "X has to withdraw"."""
OBLIGATION_MODALS = {"must", "should", "ought"}
OBLIGATION_VERBS = OBLIGATION_HEADS | {"need"}
OBLIGATION_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet", "AID": "assist",
                   "COOPERATE": "assist", "SUPPORT": "assist"}
_REQUEST = Trigger(("<obligation>",), "ADJ", "REQUEST", None, (), None)


def _obligations(doc: Doc, sent: Span, words: list[Token], at: dict[int, Span], issuer: dict | None,
                 found: list[Found]) -> list[Found]:
    """'X must withdraw', 'X should respect', 'X ought to / has to comply': a
    demand on X by whoever asserts it: the issuer, in its own voice, or the
    speaker of a reporting verb ('Russia said Sudan must return the helicopter')."""
    words = [t for t in words if t.lower_ in OBLIGATION_MODALS or t.lemma_.lower() in OBLIGATION_VERBS]
    if not words or sent[-1].text == "?" or sent[-2:].text.startswith("?"):
        return []
    out = []
    for tok in words:
        low = tok.lower_
        if tok.dep_ == "aux" and low in OBLIGATION_MODALS:
            clause, act = tok.head, tok.head
        elif tok.lemma_.lower() in OBLIGATION_VERBS and tok.pos_ in ("AUX", "VERB") and tok.dep_ != "aux":
            act = next((c for c in tok.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
            if act is None:
                continue
            clause = tok
        else:
            continue
        if any(c.dep_ == "mark" and c.lower_ != "that" for c in clause.children):
            continue  # "if X should ...", "so X must ..."
        obliged = _subject_actor(clause, at) or next(
            (_unresolved_actor(c) for c in clause.children if c.dep_ == "nsubj"), None)
        if obliged is None or _is_issuer_actor(obliged, issuer):
            continue
        node = clause
        while node.dep_ == "conj" and node.head != node:
            node = node.head
        if node.dep_ == "ROOT":
            speaker = _issuer_span(doc, issuer) if issuer else None
        elif node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS | ASSERTING_VERBS:
            speaker = _subject_actor(node.head, at) or next(
                (_unresolved_actor(c) for c in node.head.children if c.dep_ == "nsubj"), None)
            if speaker is None and issuer and _speaker_is_implicit(node.head):
                speaker = _issuer_span(doc, issuer)
        else:
            speaker = None
        if speaker is None or _same_actor(speaker, obliged):
            continue
        if any(g.entry.type == "REQUEST" and g.target is not None and _same_actor(g.target, obliged) for g in found):
            continue
        kind = next((g.entry.type for g in found if g.trigger.i == act.i), None)
        entry = Trigger(_REQUEST.words, "ADJ", "REQUEST", OBLIGATION_MODE.get(kind), (), None)
        out.append(Found(tok, entry, tok.i + 1, speaker, obliged, negated=False, confidence=0.7))
    return out


ASSERTING_VERBS = {"warn", "stress", "emphasise", "emphasize", "underline", "reiterate", "add", "note", "consider",
                   "feel", "agree", "recall", "remind", "affirm", "reaffirm", "hold", "urge"}


def _is_issuer_actor(actor: Span | dict, issuer: dict | None) -> bool:
    return bool(issuer) and _data(actor)["country"] == issuer.get("country")


def _promised_conflict(found: list[Found]) -> None:
    """'vowed to continue the armed struggle', 'pledged to retaliate': a promise of
    violence is a threat, not an agreement."""
    for f in found:
        if f.entry.type != "AGREE" or f.entry.pos != "VERB" or f.trigger.lemma_.lower() not in PROMISE_HEADS:
            continue
        for g in found:
            act = _light_governor(g.trigger) if g.entry.pos == "NOUN" else g.trigger
            if act is not None and act.dep_ == "xcomp" and act.head.i == f.trigger.i \
                    and g.entry.type in MATERIAL_CONFLICT | {"THREATEN"}:  # "vowed to retaliate"
                f.entry = Trigger(f.entry.words, "VERB", "THREATEN", THREAT_MODE.get(g.entry.type, g.entry.mode),
                                  f.entry.contexts, f.entry.target)
                f.target = f.target or g.target
                g.hypothetical = True
                if "intent" in g.notes:
                    g.notes.remove("intent")
                break


def _threat_targets(found: list[Found]) -> None:
    """'X warned that it would pull out of the talks with Y': a warning is aimed
    at the target of the act it holds out."""
    for f in found:
        if f.entry.type != "THREATEN" or f.entry.pos != "VERB":
            continue
        if f.target is not None and not (f.source is not None and _same_actor(f.target, f.source)):
            continue
        for g in found:
            if g is not f and g.target is not None and g.trigger.head.i == f.trigger.i \
                    and g.trigger.dep_ in ("ccomp", "xcomp") and (f.source is None or not _same_actor(g.target, f.source)):
                f.target = g.target
                break


def _accused_agents(found: list[Found]) -> None:
    """'X condemned the attack on Y': the condemnation is aimed at whoever attacked,
    not at Y. An accusation whose object is an event names that event's agent (or
    no one) as its target."""
    nouns = {g.trigger.i: g for g in found if g.entry.pos == "NOUN"}
    for f in found:
        if f.entry.type != "ACCUSE" or f.entry.pos != "VERB" or f.target is None:
            continue
        # the act's noun: the object, or the object of the preposition the concern is about
        # ("expressed outrage at the downing of X's plane")
        objects = [c for c in f.trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        holders = [f.trigger, *(c for c in f.trigger.children if c.dep_ == "dobj")]
        objects += [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in CONCERN_PREPS
                    for o in c.children if o.dep_ == "pobj"]
        for obj in objects:
            event = nouns.get(obj.i)
            if event is not None and event.entry.type in CONFLICT_TYPES and _span_inside(f.target, obj):
                f.target = event.source
                break


CONCERN_PREPS = {"at", "over", "about", "by"}


def _span_inside(actor: Span | dict, tok: Token) -> bool:
    return isinstance(actor, Span) and tok.left_edge.i <= actor.start and actor.end - 1 <= tok.right_edge.i


def _reported_accusations(found: list[Found], at: dict[int, Span]) -> list[Found]:
    """'X asserts that Y is preparing an attack': X accuses Y (mode allege); the
    attack itself is X's claim (``reported_by`` X), not the issuer's."""
    out = []
    for f in found:
        if f.reported_by is None or f.source is None or f.entry.type not in CONFLICT_TYPES:
            continue
        if f.confidence < 0.5:
            continue  # told in passing
        speech = _speech_head(f.trigger)
        if speech is None or any(g.trigger.i == speech.i for g in found + out):
            continue
        if speech.i > f.trigger.i and speech.lemma_.lower() in ATTRIBUTION_VERBS:
            continue  # "..., the army said": a news source's attribution, not an accusation
        if _same_actor(f.reported_by, f.source):
            continue
        out.append(Found(speech, _ACCUSE_ALLEGE, speech.i + 1, f.reported_by, f.source,
                         negated=_negated(speech), confidence=0.7))
    return out


def _implicit_accusations(doc: Doc, found: list[Found], issuer: dict | None) -> list[Found]:
    """A government that states, in its own voice, that X attacked, seized,
    threatened, mobilised or violated an agreement (or is trying to) is accusing
    X: ISSUER ACCUSE X (mode allege), next to the act itself. Not for acts the
    issuer only reports, supposes or denies."""
    if not issuer:
        return []
    out = []
    speaker = _issuer_span(doc, issuer)
    seen: set[tuple[int, str]] = {(g.trigger.i, _data(g.target)["code"]) for g in found
                                  if g.entry.type == "ACCUSE" and g.target is not None}  # a frame said it already
    for f in found:
        defiance = f.entry.type == "REJECT" and f.entry.mode == "yield"  # "X violated the agreement"
        armed = f.entry.type in ("SUPPORT", "AID", "COOPERATE") and _armed_group(f.target)  # "X arms the rebels"
        if f.entry.type not in MATERIAL_CONFLICT | {"THREATEN"} and not defiance and not armed or f.source is None:
            continue
        attempted = "attempted" in f.notes and not {"requested", "modal", "hedged"} & set(f.notes)
        if f.hypothetical and not attempted or f.negated or f.reported_by is not None \
                or f.confidence < (0.35 if attempted or armed else 0.5):  # "X's support for the separatists" in passing
            continue  # "X is trying to annex Y" is still an accusation; "X may annex Y" is not
        accused = _data(f.source)
        if accused["country"] == issuer["country"] or (f.trigger.i, accused["code"]) in seen:
            continue
        seen.add((f.trigger.i, accused["code"]))
        out.append(Found(f.trigger, _ACCUSE_ALLEGE, f.end, speaker, f.source, confidence=0.6))
    return out


def _speech_head(tok: Token) -> Token | None:
    node = tok
    for _ in range(6):
        if node.dep_ in ("ccomp", "acl", "relcl") and (
            node.head.lemma_.lower() in SPEECH_VERBS or node.head.lemma_.lower() in SPEECH_NOUNS
        ):
            return node.head
        if node.head == node:
            return None
        node = node.head
    return None


HOSTILE_CONDUCT_VERBS = {
    "orchestrate", "sponsor", "condone", "fuel", "stoke", "incite", "instigate", "foment", "mastermind", "inflame",
    "exacerbate", "aggravate", "manipulate", "distort", "falsify", "fabricate", "misrepresent", "deceive", "mislead",
    "flout", "intimidate", "blackmail", "bully", "persecute", "harass", "oppress", "terrorize", "terrorise",
    "jeopardize", "jeopardise", "endanger", "imperil", "subvert", "usurp", "trample", "disregard", "defy", "renege",
    "stonewall", "whitewash", "weaponize", "weaponise", "militarize", "militarise", "plunder", "loot", "pillage",
    "peddle", "concoct", "politicize", "politicise", "instrumentalize", "instrumentalise",
}
"""Verbs of conduct that, said of another actor in the issuer's own voice, charge it:
"X continues to fuel the conflict", "the unrest orchestrated by X"."""

AGENT_OF_NOUNS = {"propaganda", "aggression", "provocation", "disinformation", "misinformation", "veto", "rhetoric",
                  "intransigence", "meddling", "interference", "support", "policy", "campaign"}
"""Event nouns whose 'of' complement is the one acting: "the propaganda of X", "the support of X"."""

USE_NOUNS = {"use", "resort", "recourse", "spread", "dissemination", "deployment", "employment", "campaign", "policy",
             "practice", "torrent", "flood", "barrage", "stream", "wave", "series"}
"""Nouns whose owner is the agent of their 'of' (or 'to') complement: "X's use of force",
"X's campaign of disinformation", "X's resort to violence"."""

ATTEMPT_NOUNS = {"attempt", "effort", "way", "plan", "bid", "drive", "campaign", "scheme", "plot", "ambition",
                 "intention", "design", "aim", "desire", "determination", "readiness", "decision", "move", "step"}
"""Nouns whose infinitive is what their owner sets out to do: "its efforts to undermine",
"X's determination to annex"."""

VICTIM_OF_NOUNS = {"escalation", "destabilization", "destabilisation", "obstruction", "intimidation", "blackmail",
                   "subversion", "coercion", "bullying", "control", "seizure", "occupation", "annexation",
                   "detention", "violation", "breach", "abuse", "persecution", "harassment"}
"""Nouns whose 'of' complement is what is acted on: "the escalation of the crisis in X",
"the occupation of X"."""


def _against(actor: Span | dict) -> bool:
    """A mention inside "anti-X" ("anti-Ukrainian propaganda"): X is the target, not the owner."""
    if not isinstance(actor, Span) or actor.start < 2:
        return False
    doc = actor.doc
    return doc[actor.start - 1].text in ("-", "–") and doc[actor.start - 2].lower_ == "anti"


ARMED_GROUP_SECTORS = {"REB", "UAF", "IMG"}
ARMED_GROUP_WORDS = {"terrorist", "terrorists", "separatist", "separatists", "militant", "militants", "insurgent",
                     "insurgents", "rebel", "rebels", "militia", "militias", "mercenaries", "extremists", "gunmen"}


def _armed_group(actor: Span | dict | None) -> bool:
    """An armed group (rebels, separatists, terrorists): supporting one is a hostile act."""
    if actor is None:
        return False
    data = _data(actor)
    words = set((data.get("text") or "").lower().split())
    return data.get("sector") in ARMED_GROUP_SECTORS or bool(words & ARMED_GROUP_WORDS)


CULPABLE_ADJECTIVES = {"guilty", "responsible", "culpable", "complicit", "to blame"}


def _culpable_gerund(tok: Token) -> Token | None:
    """The copula of "X is guilty of violating ..." / "responsible for shelling ..." when
    ``tok`` is that gerund: the act is asserted of X."""
    prep = tok.head
    if tok.dep_ != "pcomp" or tok.tag_ != "VBG" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "in"):
        return None
    adjective = prep.head
    if adjective.lemma_.lower() not in CULPABLE_ADJECTIVES or adjective.dep_ != "acomp":
        return None
    return adjective.head


MOTIVE_NOUNS = {"protest", "retaliation", "response", "reprisal", "revenge", "solidarity", "reaction", "answer"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
LINKING_PREPS = {"into", "at", "against", "for", "over", "about", "on", "regarding", "concerning", "to"}
INQUIRY_WORDS = {"inquiry", "enquiry", "investigation", "probe", "inquest", "investigate"}
LEGAL_ACTS = {"convict", "charge", "accuse", "sentence", "indict", "acquit", "try", "arrest", "detain", "jail",
              "find", "prosecute", "suspect", "clear", "exonerate", "plead"}


def _motive_topic_or_charge(tok: Token, lexicon: Lexicon, event_verbs: set[int]) -> bool:
    """An event told only as the reason, subject or charge of another: "in protest
    at the price rise", "in retaliation for the vote" (the motive phrase itself),
    "an inquiry into the killing", "a protest against the refusal" (the object of
    another event noun), "a vote on the genocide" (a topic), "found guilty of
    torturing", "charged with spying" (the charge of a legal act)."""
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj":
        prep = tok.head
        holder = prep.head
        if prep.lower_ == "in" and tok.lemma_.lower() in MOTIVE_NOUNS:
            # "froze contacts in retaliation": the freeze is the act; but in "walked off
            # the job in protest" the protest is what the eventless verb did
            return holder.i in event_verbs
        if prep.lower_ in TOPIC_PREPS and holder.pos_ == "NOUN":
            return True  # "a vote on the genocide", "a report about the massacre"
        if prep.lower_ in LINKING_PREPS and holder.pos_ == "NOUN" and holder.lemma_.lower() != tok.lemma_.lower() \
                and lexicon.noun_triggers(holder.lemma_.lower()):
            return True  # "an inquiry into the killing", "protests against the arrests"
        if prep.lower_ in LINKING_PREPS and holder.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "dobj" and c.lemma_.lower() != tok.lemma_.lower() and lexicon.noun_triggers(c.lemma_.lower())
                for c in holder.children):
            return True  # "began an inquiry on Tuesday into the killing": the preposition hung on the verb
        if prep.lower_ == "into" and any(t.lemma_.lower() in INQUIRY_WORDS for t in tok.sent):
            return True  # "exhumed graves as part of their inquiry into the killing", "into" misattached
        return False
    while tok.dep_ == "conj" and tok.head != tok and tok.tag_ == "VBG":
        tok = tok.head  # "guilty of kidnapping and torturing"
    if tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("of", "with", "for"):
        governor = tok.head.head
        if governor.lemma_.lower() in ("guilty", "innocent", "culpable"):
            governor = governor.head  # "found guilty of": the finding; "is guilty of" asserts the act
        return governor.lemma_.lower() in LEGAL_ACTS  # "found guilty of torturing", "charged with spying"
    return False


def _attempt_clause(tok: Token) -> bool:
    """An infinitive that says what an attempt or plan is for: "efforts to undermine"."""
    return tok.dep_ == "acl" and tok.head.lemma_.lower() in ATTEMPT_NOUNS and tok.head.pos_ == "NOUN" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _user_of(noun: Token, at: dict[int, Span]) -> Span | None:
    """The owner of a 'use of' noun above ``noun``: "the Kremlin's use of propaganda"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("of", "to") or prep.head.lemma_.lower() not in USE_NOUNS:
        return None
    container = prep.head
    for c in container.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in at:
            return at[c.i]
        if c.dep_ == "poss":
            return _np_actor(c, at)
        if c.dep_ == "prep" and c.lower_ == "by":
            found = next((_np_actor(o, at) for o in c.children if o.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


NEGATIVE_EVALUATION = {
    "wrong", "mistaken", "illegal", "unlawful", "illegitimate", "aggressive", "unacceptable", "provocative", "baseless", "groundless",
    "unfounded", "false", "irresponsible", "destabilizing", "destabilising", "hostile", "cynical", "hypocritical",
    "outrageous", "deplorable", "reprehensible", "criminal", "barbaric", "brutal", "reckless", "absurd", "biased",
    "slanderous", "fabricated", "dangerous", "unprovoked", "flagrant", "blatant", "unjustified", "belligerent",
    "expansionist", "revanchist", "treacherous", "deceitful", "distorted", "misleading", "fraudulent", "bogus",
    "subversive", "threatening", "inflammatory", "hateful", "xenophobic", "chauvinistic", "repressive", "draconian",
    "unconstitutional", "imperialist", "imperial", "neo-colonial", "militaristic", "disproportionate",
    "indiscriminate", "arbitrary", "deceptive", "dishonest", "duplicitous", "spurious", "trumped-up", "sham",
    "farcical", "lawless", "predatory", "coercive", "intimidating", "warmongering", "bellicose", "confrontational",
    "unjust", "unfair", "disgraceful", "appalling", "heinous", "cowardly", "despicable", "abhorrent", "odious",
    "inhuman", "inhumane", "savage", "barbarous", "callous", "ruthless", "cruel", "vicious", "malicious", "malign",
    "nefarious", "sinister", "insidious", "terrorist", "genocidal", "puppet", "fascist", "neo-nazi", "racist",
    "extremist", "ultranationalist", "hegemonic", "imperialistic", "colonial", "gross", "escalatory", "unfriendly",
    "unwarranted", "unjustifiable", "inexcusable", "indefensible", "intolerable", "egregious", "scandalous",
    "mendacious", "fake", "fictitious",
}
"""Adjectives by which a speaker condemns what another actor did or said."""

EVALUATIVE_ADVERBS = {"unfortunately", "regrettably", "sadly", "deplorably", "shamefully", "cynically",
                      "disappointingly", "alarmingly", "lamentably", "irresponsibly", "recklessly", "unlawfully",
                      "illegally", "brazenly", "blatantly", "flagrantly", "provocatively", "aggressively",
                      "brutally", "ruthlessly", "callously", "wantonly", "shamelessly", "arrogantly", "grossly",
                      "deliberately", "deceitfully", "falsely", "dishonestly", "hypocritically",
                      "illegitimately", "unjustifiably", "needlessly", "wrongfully", "criminally", "mendaciously"}
"""Adverbs by which a speaker judges another actor's act ("Regrettably, X has refused ...")."""
CONCERN_WORDS = {"concerned", "alarmed", "dismayed", "disappointed", "appalled", "outraged", "shocked", "troubled",
                 "disturbed", "worried", "indignant", "angered", "perturbed"}
"""The speaker's own dismay at another actor's conduct: "We are deeply concerned about X's ..."."""

PROMISE_ADJECTIVES = {"willing", "ready", "prepared", "committed", "determined", "eager"}
_AGREE_PROMISE = Trigger(("<promise>",), "ADJ", "AGREE", None, (), None)
_ACCUSE_DISAPPROVE = Trigger(("<frame>",), "ADJ", "ACCUSE", "disapprove", ("diplomatic",), None)
_ACCUSE_ALLEGE = Trigger(("<frame>",), "ADJ", "ACCUSE", "allege", ("diplomatic",), None)


# -- helpers over the parse --------------------------------------------------------
def _np_actor(tok: Token, at: dict[int, Span]) -> Span | None:
    """The actor a noun phrase names: its head, or the head's possessor, modifier
    or 'of'-complement ("the statement of the Ministry of X" -> X); never the X
    of "anti-X"."""
    if tok.i in at:
        if _against(at[tok.i]):
            return None
        return _resident_people(tok, at[tok.i], at) or at[tok.i]
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod", "appos", "conj") and c.i in at and not _against(at[c.i]):
            if c.dep_ != "conj" and c.i < tok.i:
                return _with_group_sector(tok, at[c.i]) or at[c.i]
            return at[c.i]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            for obj in c.children:
                if obj.dep_ == "pobj":
                    found = _np_actor(obj, at)
                    if found is not None:
                        return found
        if c.dep_ == "acl":  # "the statement made on 28 February by X"
            for agent in c.children:
                if agent.dep_ == "agent":
                    found = _first_actor_in(agent, at)
                    if found is not None:
                        return found
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod"):
            found = _np_actor(c, at)
            if found is not None:
                # "13,000 Turkish Kurd refugees": the state's refugees
                return (_with_group_sector(tok, found) if c.i < tok.i else None) or found
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            # "a camp for Congolese refugees", "a school for Palestinian children": the people it is for
            for obj in c.children:
                if obj.dep_ == "pobj" and obj.lower_ in _sector_words():
                    found = _np_actor(obj, at)
                    if found is not None:
                        return found
    return None


def _composed(actor: Span | dict, sector: str, head: Token, text_from: int) -> dict | None:
    """The actor ``actor``'s state with ``sector``: "two Iraqi youths" -> IRQ CVL."""
    data = _data(actor)
    country = data["country"]
    if isinstance(actor, Span) and actor._.via == "issuer" or country in NON_STATE_CODES or country == UNKNOWN_COUNTRY or sector not in SECTOR_NAMES:
        return None
    from communique.actors.gazetteer import load

    name = SECTOR_NAMES[sector].format(load().country_name(country) or country)
    return {"code": f"{country} {sector}", "country": country, "sector": sector, "name": name, "org": None,
            "text": head.doc[min(text_from, head.i):head.i + 1].text}


def _with_group_sector(head: Token, modifier: Span | dict) -> dict | None:
    """A person or group noun the gazetteer does not compose, with a state's
    adjective, name or possessive before it: "two Iraqi youths", "Swiss doctors",
    "Burundian militiamen" are that state's, with the sector the noun implies."""
    data = _data(modifier)
    if data.get("sector") is not None or not isinstance(modifier, Span):
        return None
    sector = _sector_words().get(head.lower_)
    if sector is None:
        return None
    return _composed(modifier, sector, head, modifier.start)


def _resident_people(tok: Token, own: Span, at: dict[int, Span]) -> dict | None:
    """A people named by nationality or ethnicity that the text places in another
    state: "Bosnian Serbs", "the Albanians of southern Serbia" are Bosnia's and
    Serbia's civilians (as CAMEO codes them), not Serbia's and Albania's."""
    data = _data(own)
    if data.get("sector") != "CVL" or own.start != tok.i or own.end != tok.i + 1 or not tok.text[:1].isupper():
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.i < tok.i and c.i in at and not _against(at[c.i]):
            place = at[c.i]
        elif c.dep_ == "prep" and c.lower_ in ("of", "in"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            place = at.get(obj.i) if obj is not None else None
        else:
            continue
        if place is None or place is own:
            continue
        pdata = _data(place)
        if pdata.get("sector") is None and pdata["country"] != data["country"]:
            return _composed(place, "CVL", tok, min(place.start, tok.i))
    return None


OWNED_FORCES = {
    "troop", "force", "soldier", "artillery", "tank", "warship", "missile", "battalion", "brigade", "unit",
    "reinforcement", "equipment", "jet", "warplane", "bomber", "submarine", "army", "navy", "weapon", "arm", "drone",
    "aircraft", "vessel", "contingent", "militia", "fighter", "mercenary", "arsenal",
}
"""Things an actor moves: in "the deployment of X's artillery" or "the withdrawal
of X's troops" X is the one acting (in "the killing of X's soldiers" X is not)."""


SETTING_UP = {"set", "draw", "open"}
LIGHT_VERBS = {
    "hold", "conduct", "carry", "launch", "begin", "start", "resume", "renew", "continue", "complete", "finish",
    "open", "undertake", "stage", "make", "pay", "mount", "wage", "initiate", "intensify", "step", "speed",
    "escalate", "announce", "declare", "order", "organize", "organise", "perform", "commit", "perpetrate", "have",
    "impose", "institute", "introduce", "enforce", "implement", "extend", "issue", "lodge", "file", "deliver",
    "unleash", "pursue", "accelerate", "expand", "broaden", "deepen", "restart", "reopen", "convene", "arrange",
    "host", "chair", "give", "voice", "convey", "reiterate", "reaffirm", "express", "lend", "show", "register",
    "use", "employ",
}
"""Verbs whose object noun names the event itself: "held talks", "launched an
investigation", "announced a suspension of links", "imposed a curfew"."""


CONTAINER_NOUNS = {"effort", "mission", "process", "campaign", "operation", "initiative", "programme", "program", "attempt",
                   "series", "wave", "round", "spate", "day", "week", "month", "year", "hour", "kind", "form"}
"""Nouns that carry the event of their modifier or 'of' phrase: "a mediation
effort", "a series of attacks", "ten days of war games"."""


def _light_governor(noun: Token) -> Token | None:
    """The light verb whose object (or passive subject) the event noun is, if any."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in CONTAINER_NOUNS:
        noun = noun.head  # "launched a mediation effort"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in CONTAINER_NOUNS:
        noun = noun.head.head  # "launched ten days of war games"
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.i != noun.i and head.pos_ in ("VERB", "AUX") \
            and (head.lemma_.lower() in LIGHT_VERBS or _past_stem(head) in LIGHT_VERBS
                 or head.lemma_.lower() in SETTING_UP and any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children)):
        return head  # "set up a committee of inquiry": the body's work is the event
    if noun.dep_ == "pobj" and head.lower_ == "in" and noun.lemma_.lower() in MANNER_NOUNS \
            and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "walked off the job in protest": the act is the protest
    if noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in STATE_VERBS \
            and noun.lemma_.lower() == "strike":
        return head.head  # "have been on hunger strike", "went on strike": the strike is the act
    return None


COMMITMENT_NOUNS = {"commitment", "obligation", "promise", "pledge", "undertaking", "assurance", "guarantee"}
"""What an actor has undertaken: in "a violation of X's commitments" X is the violator
(in "a violation of X's sovereignty" X is the victim)."""


def _broken(noun: Token, found: list[Found]) -> bool:
    """A commitment noun that is what a violation or breach found in the sentence breaks."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif noun.dep_ != "dobj":
        return False
    return any(f.trigger.i == head.i and f.entry.type == "REJECT" for f in found)


def _misparsed_finite(tok: Token) -> bool:
    """A past-tense verb with its own subject that the parser hung on a noun as a
    modifier ("The opposition boycotted parliament", parsed as a noun phrase)."""
    return tok.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in tok.children)


def _dates_only(prep: Token) -> bool:
    """A preposition whose objects are all dates or times ("on Monday", "in 1995")."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _past_stem(verb: Token) -> str | None:
    """The base form of a regular past tense the lemmatiser got wrong ("staged" -> "stag"):
    the word less its "d", when it ends in "ed"."""
    word = verb.lower_
    return word[:-1] if verb.tag_ in ("VBD", "VBN") and word.endswith("ed") else None


STATE_VERBS = {"be", "go", "remain", "stay", "continue"}
MANNER_NOUNS = {"protest", "solidarity", "retaliation", "reprisal"}


SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE", "SUPPORT"}
"""Types whose conjoined subjects act on each other: "X and Y held talks"."""


def _conjoined_subject(verb: Token, source: Span | dict, at: dict[int, Span]) -> Span | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            for t in c.subtree:
                if t.dep_ == "conj" and t.i in at and not _same_actor(at[t.i], source):
                    return at[t.i]
    return None


def _subject_place(verb: Token, at: dict[int, Span]) -> Span | None:
    """The state of an unnamed group of people, from where the subject says they
    are: "Demonstrators in Baghdad", "students from Hong Kong"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or ([verb.head] if _main_acl(verb) else [])
    for subject in subjects:
        people = [subject, *(g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                             for g in c.children if g.dep_ == "pobj")]  # "thousands of students in X"
        for noun in people:
            actor = _prep_object_actor(noun, {"in", "from"}, at)
            if actor is not None:
                return actor
    return None


def _location_actor(verb: Token, source: Span | dict | None, at: dict[int, Span]) -> Span | None:
    """The state where the act took place ("deployed troops in X", "lifted the
    curfew in X", "lifted a state of emergency in X", "threatened to impose a
    curfew in X"), when nothing else names the other side. A place in the actor's
    own country makes the act a domestic one, aimed at that country (as PLOVER and
    CAMEO code "Sudan's government lifted the state of emergency in Darfur": SDN
    against SDN)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in verb.children if c.dep_ == "xcomp" for g in (c, *c.children) if g is c or g.dep_ == "dobj"]
    objects += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("under", "into")
                for o in c.children if o.dep_ == "pobj"]  # "put under investigation in X"
    objects += [o for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"]
    holders = [verb, *objects]
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "inside", "within", "outside", "near", "at", "through", "across",
                                                 "throughout", "around"):
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        actor = _np_actor(obj, at)
                        if actor is None and c.lower_ in ("at", "outside", "near", "inside"):
                            actor = _prep_object_actor(obj, {"in"}, at)  # "rioted at a jail in X"
                        if actor is not None:
                            return actor
    return None


NOUN_TARGET_PREPS = {"of", "against", "on", "with", "to", "in", "from", "into", "between", "for", "toward", "towards"}


def _for_to_clause(clause: Token) -> Token | None:
    """The "for" of a "for X to do" clause ("called for Iran to release the sailors"), or None."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)


def _prep_object_actor(tok: Token, preps: set[str], at: dict[int, Span]) -> Span | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lemma_.lower() in preps:
            for obj in c.children:
                if obj.dep_ == "pobj":
                    actor = _np_actor(obj, at)
                    if actor is not None:
                        return actor
    return None


def _first_actor_in(tok: Token, at: dict[int, Span]) -> Span | None:
    for t in tok.subtree:
        if t.i in at:
            return at[t.i]
    return None


PRONOUNS = {"it", "they", "he", "she"}


def _subject_actor(verb: Token, at: dict[int, Span]) -> Span | None:
    subject_deps = ("nsubj", "csubj", "expl", "nsubjpass") if verb.lemma_.lower() in STATIVE_PASSIVES \
        else ("nsubj", "csubj", "expl")
    for c in verb.children:
        if c.dep_ in subject_deps:
            actor = _np_actor(c, at)
            if actor is not None:
                return actor
            if c.lower_ in PRONOUNS or any(g.dep_ == "poss" and g.lower_ in ("its", "their") for g in c.children):
                # "Iraq said it would allow ...", "X said its forces had completed ...": the speaker
                return _speaker_of(verb, at)
    if _main_acl(verb):
        return _np_actor(verb.head, at)
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        # "Washington, along with its allies, demanded ...": a name the parser left unattached
        for c in verb.children:
            if c.dep_ == "npadvmod" and c.i < verb.i and c.i in at:
                return at[c.i]
            if c.dep_ in ("aux", "auxpass"):  # "Israel is opposed to ...", the subject hung on "is"
                for g in c.children:
                    if g.dep_ == "nsubj":
                        actor = _np_actor(g, at)
                        if actor is not None:
                            return actor
    return None


def _clause_front_actor(clause: Token, at: dict[int, Span]) -> Span | None:
    """The first actor named in a complement clause before its head word ("demanded
    that the US cancel plans ...", where the parser hangs the subject low)."""
    for t in clause.subtree:
        if t.i >= clause.i:
            return None
        if t.i in at:
            return at[t.i]
    return None


STATIVE_PASSIVES = {"oppose"}
"""Verbs whose passive form is a state of the subject: "X is opposed to Y"."""


def _nominal_participle(tok: Token) -> bool:
    """A participle used as a noun: "the wounded", "the displaced"."""
    return tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj") \
        and any(c.dep_ == "det" for c in tok.children) and not any(c.dep_ in ("dobj", "prep", "agent") for c in tok.children)


def _speaker_of(verb: Token, at: dict[int, Span]) -> Span | None:
    node = verb
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS | {"announce", "warn", "confirm", "add"}:
            for c in node.head.children:
                if c.dep_ == "nsubj":
                    return _np_actor(c, at)
            return None
        if node.dep_ not in ("xcomp", "conj", "acomp") or node.head == node:
            return None
        node = node.head
    return None


def _inherited_subject(tok: Token, at: dict[int, Span]) -> Span | None:
    """Subjects shared through coordination or control: 'X condemned and rejected',
    'X refused to withdraw', 'X plans to attack'."""
    seen = 0
    culprit = _culpable_gerund(tok)
    if culprit is not None:
        # "X is guilty of violating ...", "X is responsible for shelling ...": X did it
        return _subject_actor(culprit, at) or _inherited_subject(culprit, at)
    if _attempt_clause(tok):
        # "X is seeking ways to destabilise", "its efforts to undermine": whoever makes the attempt
        noun = tok.head
        owner = next((at[c.i] for c in noun.children if c.dep_ in ("poss", "amod", "compound") and c.i in at), None)
        if owner is None and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children) \
                or owner is None and noun.dep_ in ("dobj", "pobj", "attr"):
            verb = _governing_verb(noun)
            owner = (_subject_actor(verb, at) or _inherited_subject(verb, at)) if verb is not None else None
        return owner
    if _document_clause(tok):
        # "X issued a statement condemning ...": the document's issuer
        verb = _governing_verb(tok.head)
        return _subject_actor(verb, at) if verb is not None else None
    while tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and seen < 4:
        controlled = tok.dep_ == "xcomp"
        tok = tok.head
        seen += 1
        if controlled and tok.lemma_.lower() in REQUEST_HEADS | {"force", "compel", "allow", "help", "order", "persuade"}:
            # object control: in "call on X to withdraw", X withdraws
            controller = _controller(tok, at)
            if controller is not None:
                return controller
        actor = _subject_actor(tok, at)
        if actor is not None:
            return actor
    return None


def _controller(verb: Token, at: dict[int, Span]) -> Span | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            found = _np_actor(c, at)
            if found is not None:
                return found
        if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon"):
            for obj in c.children:
                if obj.dep_ == "pobj":
                    found = _np_actor(obj, at)
                    if found is not None:
                        return found
    return None


def _governing_verb(tok: Token) -> Token | None:
    head = tok.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head == head.head:
            return None
        head = head.head
    return None


BACKGROUND_CONFIDENCE = 0.4
"""Confidence of events told in passing (relative clauses, participles, 'after'
clauses); PETRARCH-style coders code only the main clauses' events."""


def _record_confidence(f: Found) -> float:
    """An event's confidence as recorded: lower when a role is missing."""
    return f.confidence if f.source is not None and f.target is not None else f.confidence - 0.2


def _news_of_the_sentence(found: list[Found]) -> None:
    """When the main clause asserts no event of its own ("A prisoner died as a
    result of torture", "There were ten soldiers killed", "The release came as X
    announced it would free ..."), the events told in its subordinate clauses are
    what the sentence reports: they keep the confidence of a main clause's."""
    def asserted(f: Found) -> bool:
        return not f.hypothetical and not f.negated and _record_confidence(f) >= 0.5 \
            and (f.source is not None or f.target is not None)
    if any(asserted(f) for f in found):
        return
    for f in found:
        if "background" in f.notes and not f.hypothetical and not f.negated and _reported_as_fact(f.trigger):
            f.confidence = max(f.confidence, 0.7)


DATING_MARKS = {"after", "before", "since", "until", "till", "once", "following", "ahead", "prior"}


def _reported_as_fact(tok: Token) -> bool:
    """Whether the clauses between an event and its sentence's root tell it as
    the news: not a purpose or other infinitive ("to allow supplies to reach"),
    a condition ("unless X is disarmed"), a clausal subject ("removing the
    sanctions is out of the question"), a relative clause (a description: "where
    militias have rampaged since ...") or a clause that only dates the news
    ("a month after the accord was signed")."""
    node = tok
    for _ in range(10):
        if node.dep_ in ("csubj", "csubjpass", "relcl"):
            return False
        if any(c.dep_ in ("mark", "prep") and c.lower_ in DATING_MARKS for c in node.children) \
                or node.dep_ in ("pcomp", "pobj") and node.head.lower_ in DATING_MARKS:
            return False
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" or c.dep_ == "mark"
                                                and c.lower_ in ("if", "unless", "whether", "lest", "for")
                                                for c in node.children):
            return False
        if node.head == node:
            return True
        node = node.head
    return True


def _governing_mood(tok: Token) -> str | None:
    """'requested' when a clause above the event (through infinitives and
    complements) is a request ("demanded that X refuse to recognise Y"),
    'modal' when it is only a possibility or duty ("X should cooperate to help")."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head == node:
            return None
        node = node.head
        if node.lemma_.lower() in REQUEST_HEADS and node.pos_ in ("VERB", "AUX"):
            return "requested"
        if node.lemma_.lower() in THREAT_HEADS and node.pos_ in ("VERB", "AUX"):
            return "threatened"
        if any(c.dep_ == "aux" and c.lower_ in MODALS - FUTURE for c in node.children):
            return "modal"
    return None


PACT_NOUNS = {"accord", "agreement", "deal", "treaty", "pact", "plan", "resolution", "ceasefire", "truce", "protocol",
              "arrangement", "settlement", "mandate", "contract", "memorandum"}
SETTING_PREPS = {"during", "before", "after", "since", "until", "following", "amid", "amidst", "throughout"}


def _in_setting(noun: Token) -> bool:
    """An event noun that only dates or frames the clause: "during a G8 summit",
    "after five days of fighting"."""
    if noun.pos_ != "NOUN":
        return False
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in CONTAINER_NOUNS:
        node = node.head.head
    if node.dep_ == "pobj" and node.head.lower_ in ("of", "to") and node.head.head.lower_ in ("ahead", "prior"):
        return True  # "ahead of the ministerial meeting", "prior to the summit"
    if node.dep_ == "pobj" and node.head.lower_ == "under" and node.lemma_.lower() in PACT_NOUNS:
        return True  # "under the Lusaka peace accord": the frame of the act, not a new agreement
    return node.dep_ == "pobj" and node.head.lower_ in SETTING_PREPS


ASSERTIVE_REQUESTS = {"insist", "stress", "maintain"}


def _asserts_not_demands(verb: Token) -> bool:
    """'insist that X withdraw' demands; 'insisted (that) the unrest reflected old
    tensions' asserts: a finite, non-subjunctive complement."""
    if verb.lemma_.lower() not in ASSERTIVE_REQUESTS:
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None or any(c.dep_ == "prep" and c.lower_ == "on" for c in verb.children):
        return False
    auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    # "insisted that the constitution be rewritten": a subjunctive "be" demands
    return clause.tag_ in ("VBD", "VBZ") or bool(auxes - {"should", "must", "be"}) and clause.tag_ != "VB"


EXERCISE_NOUNS = {"exercise", "drill", "game", "manoeuvre", "maneuver", "war game", "patrol"}


def _joint_exercises(found: list[Found], at: dict[int, Span]) -> None:
    """'X and Y held military exercises', 'X held drills with Y': joint exercises
    are military cooperation (CAMEO 062), not a show of force."""
    for f in found:
        if f.entry.type != "MOBILIZE" or not EXERCISE_NOUNS & set(f.entry.words[1:] if f.entry.pos == "VERB" else
                                                                   (f.trigger.lemma_.lower(),)):
            continue
        verb = f.trigger if f.entry.pos == "VERB" else _light_governor(f.trigger) or _governing_verb(f.trigger)
        partner = None
        if verb is not None and f.source is not None:
            partner = _conjoined_subject(verb, f.source, at)
            for holder in (verb, f.trigger):
                for c in holder.children:
                    if partner is None and c.dep_ == "prep" and c.lower_ == "with":
                        partner = next((_np_actor(o, at) for o in c.children if o.dep_ == "pobj"), None)
        if partner is not None and not _same_actor(partner, f.source):
            f.entry = Trigger(f.entry.words, f.entry.pos, "COOPERATE", None, ("military",), "with")
            f.target = partner


def _ultimatums(words: list[Token], found: list[Found], at: dict[int, Span]) -> list[Found]:
    """'gave X ten days to pull back its weapons or face air strikes', 'told X to
    leave or face arrest': an ultimatum, the giver's THREATEN against X."""
    out: list[Found] = []
    for tok in words:  # the sentence's candidate words, "face" among them
        if tok.lemma_.lower() != "face" or tok.dep_ != "conj" or not any(
                c.dep_ == "cc" and c.lower_ == "or" for c in (*tok.children, *tok.head.children)):
            continue
        demand = tok.head
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in demand.children):
            continue
        giver = demand.head
        if giver == demand or giver.lemma_.lower() in THREAT_HEADS or any(f.trigger.i == giver.i for f in found):
            continue
        source = _subject_actor(giver, at)
        target = next((_np_actor(c, at) for c in giver.children if c.dep_ in ("dative", "dobj")
                       and _np_actor(c, at) is not None), None) or _subject_actor(demand, at)
        if source is None or target is None or _same_actor(source, target):
            continue
        entry = Trigger(("face",), "VERB", "THREATEN", None, (), None)
        modal = any(c.dep_ == "aux" and c.lower_ in MODALS - FUTURE for c in giver.children)
        out.append(Found(tok, entry, tok.i + 1, source, target, negated=_negated(giver), hypothetical=modal,
                         confidence=0.7, notes=["ultimatum"]))
    return out


JOINT_WORDS = {"joint", "jointly", "together", "coordinated", "combined"}
NOT_JOINT_ACTS = {"statement", "declaration", "communique", "communiqué", "conference", "session", "letter", "press",
                  "news", "appeal", "position", "stance", "bid", "proposal", "resolution", "committee", "commission"}


def _joint_acts(words: list[Token], found: list[Found], at: dict[int, Span]) -> list[Found]:
    """'Chinese and Pakistani engineers began joint construction of a harbour',
    'X and Y opened a joint industrial zone', 'survey teams began jointly planting
    boundary markers', 'X and Y launched a joint offensive against Z' (besides the
    attack), 'X launched a joint operation with Y': two sides doing something
    together cooperate (CAMEO 06x; military when the act is force), whatever the
    act. Joint statements and positions are words, not acts."""
    out: list[Found] = []
    coded = {f.trigger.i for f in found if f.entry.type == "COOPERATE"}
    for tok in words:  # the sentence's candidate words, "joint" and its kin among them
        if tok.lower_ not in JOINT_WORDS or tok.dep_ not in ("amod", "advmod"):
            continue
        act = tok.head
        if act.lemma_.lower() in NOT_JOINT_ACTS or act.i in coded or any(f.trigger.i == act.i for f in out):
            continue
        verb = act if act.pos_ in ("VERB", "AUX") else _light_governor(act) or _governing_verb(act)
        while verb is not None and verb.dep_ in ("xcomp", "conj") and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head  # "began jointly planting": the subject of "began"
        if verb is None:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        sides: list[Span] = []
        partners = [o for c in (*verb.children, *act.children) if c.dep_ == "prep" and c.lower_ == "with"
                    for o in c.children if o.dep_ == "pobj"]  # "a joint operation with Y"
        for t in [*(subject.subtree if subject is not None else ()), *(g for o in partners for g in o.subtree)]:
            actor = at.get(t.i)
            if actor is not None and not _against(actor) and not any(_same_actor(actor, a) for a in sides):
                sides.append(actor)
        if len(sides) < 2 or _data(sides[0])["country"] == _data(sides[1])["country"]:
            continue
        force = any(f.trigger.i == act.i and f.entry.type in ("ASSAULT", "MOBILIZE", "COERCE") for f in found)
        entry = Trigger((act.lemma_.lower(),), act.pos_ if act.pos_ in ("VERB", "NOUN") else "NOUN", "COOPERATE", None,
                        ("military",) if force else (), "with")
        out.append(Found(act, entry, act.i + 1, sides[0], sides[1], confidence=0.7, notes=["joint"]))
    return out


def _hyphenated_modifier(tok: Token) -> bool:
    """'Russian-backed', 'state-sponsored': a participle joined by a hyphen to the word before it."""
    doc = tok.doc
    return tok.tag_ in ("VBN", "VBD") and tok.i >= 2 and doc[tok.i - 1].text == "-" \
        and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN", "ADJ")


ASSEMBLY_VERBS = {"gather", "assemble", "converge", "flock", "rally", "congregate"}
PROTEST_PURPOSES = {"demand", "protest", "denounce", "condemn", "call", "press", "oppose", "voice", "express", "show",
                    "decry", "demonstrate", "mourn", "reject"}
_PROTEST_DEMO = Trigger(("<assembly>",), "VERB", "PROTEST", "demo", (), "against")


def _protest_purpose(verb: Token) -> bool:
    """'Thousands gathered in the square to demand ...': a crowd assembled to protest."""
    return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in PROTEST_PURPOSES
               and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _main_acl(tok: Token) -> bool:
    """A finite verb the parser hung on the sentence's noun as a participle:
    "Thousands of students protested in X" (ROOT "Thousands", acl "protested")."""
    head = tok.head
    return tok.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
        and tok.tag_ in ("VBD", "VBN") and tok.i > head.i and not any(c.dep_ in ("auxpass", "agent") for c in tok.children)


DOCUMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "note", "message",
                  "decree", "order", "release", "appeal", "petition", "motion", "report", "memorandum", "ultimatum"}
"""Documents whose participle clause is what their issuer does: "issued a
statement condemning X", "adopted a resolution demanding that X withdraw"."""


EVALUATING_VERBS = {"welcome", "praise", "hail", "commend", "applaud", "salute", "condemn", "denounce", "deplore",
                    "criticise", "criticize", "regret", "appreciate"}
INTENT_NOUNS = {"intention", "intent", "willingness", "readiness", "interest", "desire", "determination", "plan",
                "resolve", "preparedness", "wish", "commitment"}


def _intended(tok: Token) -> bool:
    """An act an actor has declared the intention of: the infinitive or gerund of
    an intention noun ("its intention to extend a loan", "its readiness to pull
    troops back", "its interest in holding talks")."""
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in INTENT_NOUNS and tok.head.pos_ == "NOUN":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.dep_ == "pcomp" and tok.head.lower_ == "in" and tok.head.head.lemma_.lower() in INTENT_NOUNS:
        return True
    return False


def _unadopted(document: Token) -> bool:
    """A draft, or a document someone vetoed, rejected or blocked: what it says was not adopted."""
    if any(c.lower_ == "draft" for c in document.children if c.dep_ in ("amod", "compound")):
        return True
    verb = _governing_verb(document)
    return verb is not None and verb.lemma_.lower() in ("veto", "reject", "block", "oppose", "defeat", "kill")


def _document_clause(tok: Token) -> bool:
    return tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in DOCUMENT_NOUNS


CONTROL_VERBS = {"force", "compel", "allow", "help", "order", "persuade", "permit", "enable", "invite", "encourage",
                 "tell", "ask", "urge", "oblige", "require", "authorize", "authorise", "instruct", "pressure", "press",
                 "lead", "cause", "get", "warn", "advise", "expect", "want", "need", "train", "send", "deploy", "use"}


def _purpose_infinitive(clause: Token) -> bool:
    """A to-infinitive hung as a complement on a transitive verb that does not take
    one ("fired tear gas to break up a protest"): the act's purpose."""
    head = clause.head
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) \
        and any(c.dep_ == "dobj" for c in head.children) \
        and head.lemma_.lower() not in CONTROL_VERBS | REQUEST_HEADS | PROMISE_HEADS | INTENT_HEADS | THREAT_HEADS


def _in_background(tok: Token) -> bool:
    if _main_acl(tok):
        return False
    node = tok
    if _document_clause(node):
        node = node.head  # the statement's own place in the sentence decides
    for _ in range(8):
        complement = _misparsed_complement(node)
        if node.dep_ == "pcomp" and node.tag_ == "VBG" and node.head.lower_ == "by":
            node = node.head.head  # "broke the ceasefire by shelling X": the means, as told as the act
            continue
        if node.dep_ in ("relcl", "acl", "advcl", "pcomp", "appos", "csubj", "csubjpass") and not complement:
            return True
        if node.dep_ == "xcomp" and _purpose_infinitive(node):
            return True  # "fired tear gas to break up a protest": what the act was for
        if node.head == node or node.dep_ in ("ROOT",):
            return False
        if node.dep_ in ("ccomp", "xcomp", "conj") or complement:
            node = node.head
            continue
        node = node.head
    return False


def _speaker_is_implicit(tok: Token) -> bool:
    """'Calls on X to withdraw.', 'Strongly condemns the attack': a statement's
    root verb with no subject at all is the issuer speaking."""
    root = tok
    while root.dep_ in ("conj",) and root.head != root:
        root = root.head
    if root.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in root.children):
        return False
    # not a fragment: "to destabilise X", "stoking tensions", "and have continued their attacks"
    first = root.sent[0]
    return root.tag_ in ("VBZ", "VBP", "VB") and first.dep_ != "cc" and first.lower_ not in ("and", "or", "but") \
        and not any(c.dep_ in ("aux", "auxpass") for c in root.children)


def _negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("never",):
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "noone", "none") or c.lower_ == "one"
                                                  and any(g.lower_ == "no" for g in c.children)):
            return True  # "nobody questions X's right", "no one has attacked"
    # "has no interest in": the negation sits on the governing verb's object
    return False


def _so_called(tok: Token) -> bool:
    doc = tok.doc
    window = doc[max(0, tok.i - 3):tok.i]
    if not any(t.lower_.endswith("called") for t in window):
        return False
    return "so-called" in window.text.lower() or "so called" in window.text.lower()


def _scare_quoted(tok: Token) -> bool:
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text in ('"', "“", "'", "‘") and doc[tok.i + 1].text in ('"', "”", "'", "’")


def _reporter(tok: Token, *, at, doc: Doc) -> Span | None:
    """The actor whose claim this is: the subject of a speech verb, or the owner
    of a claim noun, governing the clause the trigger sits in."""
    mentions = _mention_index(doc)
    node = tok
    for _ in range(6):
        if node.dep_ in ("ccomp", "acl", "relcl") or (node.dep_ == "advcl" and node.head.lemma_ in ("accuse",)):
            head = node.head
            if head.lemma_.lower() in SPEECH_VERBS and head.i != tok.i and head.pos_ in ("VERB", "AUX"):
                speaker = _subject_actor(head, mentions)
                if speaker is not None and _is_issuer(speaker):
                    return None
                return speaker
            if head.lemma_.lower() in SPEECH_NOUNS:
                owner = _np_actor(head, mentions)
                if owner is not None and _is_issuer(owner):
                    return None
                return owner
        if node.head == node:
            break
        node = node.head
    return None


def _mention_index(doc: Doc) -> dict[int, Span]:
    """Token index -> actor mention, computed once per doc."""
    index = doc.user_data.get("communique.mention_index")
    if index is None:
        index = {i: span for span in doc.spans.get(SPAN_KEY, []) for i in range(span.start, span.end)}
        doc.user_data["communique.mention_index"] = index
    return index


def _is_issuer(span: Span | dict) -> bool:
    return isinstance(span, Span) and span._.via == "issuer"


def _issuer_span(doc: Doc, issuer: dict) -> Span | dict:
    """The issuer as the speaker: its first mention, or the issuer itself when unnamed."""
    for span in doc.spans.get(SPAN_KEY, []):
        if span._.via == "issuer":
            return span
    return {**issuer, "text": None}


PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "mob", "crowd", "marcher", "picketer",
                   "hooligan", "looter"}


STATE_FORCE_SECTORS = {None, "", "GOV", "MIL", "COP", "PRM", "SPY"}
PEOPLE_NOUNS = {"child", "civilian", "hostage", "people", "man", "woman", "villager", "worker", "foreigner", "tourist",
                "journalist", "girl", "boy", "student", "passenger", "aid worker", "resident", "person", "refugee",
                "soldier", "peacekeeper", "official", "diplomat", "missionary", "engineer", "sailor", "fisherman",
                "teacher", "schoolteacher", "schoolchild", "schoolgirl", "priest", "nun", "employee", "farmer",
                "pilgrim", "businessman", "trader", "nurse", "doctor", "prisoner"}
LABOUR_STRIKE_WORDS = {"nationwide", "national", "general", "indefinite", "token", "sympathy", "rolling", "wildcat",
                       "labour", "labor", "union", "one-day", "day", "hour", "week", "teacher", "worker", "doctor",
                       "miner", "transport", "public-sector", "hunger", "warning"}


CONCLUDING_VERBS = {"end", "conclude", "complete", "wrap", "close", "finish"}
ENVOY_NOUNS = {"diplomat", "ambassador", "envoy", "attache", "attaché", "consul", "official", "agency", "inspector",
               "monitor", "observer", "peacekeeper", "staff", "mission", "representative", "correspondent",
               "journalist", "organisation", "organization", "group", "ngo", "charity"}


def _fired_over(verb: Token) -> bool:
    """A missile fired over a country (and into the sea), at no one."""
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep" and not _dates_only(c)}  # not "on Monday"
    preps |= {g.lower_ for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"}
    return "over" in preps and not preps & {"at", "on", "against", "upon", "toward", "towards"}


def _talks_concluded(verb: Token) -> bool:
    """'ended three days of talks', 'concluded a round of negotiations': the talks ran their course."""
    for c in verb.children:
        if c.dep_ == "dobj" and (c.lemma_.lower() in CONTAINER_NOUNS | {"round", "session"}
                                 or any(g.dep_ == "nummod" for g in c.children)):
            return True
    return False


def _people_expelled(verb: Token) -> bool:
    """Whether an expulsion's object is a population ("the remaining Muslims", "thousands
    of Eritreans") rather than envoys, agencies or inspectors."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.pos_ == "NOUN":  # "the forced expulsion of 700,000 Rohingya"
        objects = _with_of_objects(verb)[1:]
    for c in objects:
        nouns = _with_of_objects(c)
        if any(n.lemma_.lower() in ENVOY_NOUNS for n in nouns):
            return False
        return any(n.ent_type_ == "NORP" or n.lemma_.lower() in PEOPLE_NOUNS - ENVOY_NOUNS
                   or n.lemma_.lower() in ("thousand", "hundred", "dozen") or n.like_num for n in nouns)
    return False


def _with_of_objects(noun: Token) -> list[Token]:
    """A noun and the objects of its "of" ("hundreds of children": hundreds, children)."""
    return [noun, *(o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                    if o.dep_ == "pobj")]


def _people_object(verb: Token) -> bool:
    """Whether what a verb seizes is people ("seizing hundreds of children")."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return dobj is not None and any(n.lemma_.lower() in PEOPLE_NOUNS for n in _with_of_objects(dobj))


def _labour_strike(f: Found) -> bool:
    """A strike by workers: its modifiers ("nationwide", "general", "24-hour") or its
    actor (labour, unions, teachers) say so."""
    words = {c.lower_ for c in f.trigger.children if c.dep_ in ("amod", "compound", "nummod", "nmod")}
    words |= {c.lemma_.lower() for c in f.trigger.children if c.dep_ in ("amod", "compound")}
    if words & LABOUR_STRIKE_WORDS or any(w.endswith(("-hour", "-day", "-week")) for w in words):
        return True
    if f.source is not None and _data(f.source).get("sector") in ("LAB", "EDU", "MED", "AGR"):
        return True
    governor = _light_governor(f.trigger) or _governing_verb(f.trigger)
    subject = next((c for c in governor.children if c.dep_ == "nsubj"), None) if governor is not None else None
    return subject is not None and any(t.lemma_.lower() in ("union", "federation", "worker", "teacher", "labour",
                                                            "labor", "employee", "docker", "miner", "driver")
                                       for t in subject.subtree)


CIVIL_SECTORS = {"CVL", "LAB", "AGR", "EDU", "SOC", "OPP", "REL", "MED", "REF", "JRN", "BUS"}
WORKER_WORDS = {"worker", "miner", "teacher", "docker", "union", "employee", "driver", "doctor", "nurse", "farmer",
                "labour", "labor", "staff", "civil servant", "pilot", "railwayman", "federation"}
COURT_WORDS = {"tribunal", "court", "custody", "hague", "prosecutor", "icty", "ictr", "icc", "justice"}


def _own_announcement(f: Found) -> bool:
    """Whether the act is the complement of its own agent's saying or warning ("X said it could ...")."""
    speech = _speech_head(f.trigger)
    if speech is None or speech.lemma_.lower() not in ("say", "warn", "announce", "declare", "state", "threaten"):
        return False
    speaker = _subject_actor(speech, _mention_index(f.trigger.doc))
    return speaker is not None and _same_actor(speaker, f.source)


def _asks_for_something(verb: Token) -> bool:
    """Whether 'call on X' asks X to do something (an infinitive, a clause or a 'for')."""
    nodes = [verb, *(c for c in verb.children if c.dep_ == "prep")]
    return any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "for"
               or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for n in nodes for c in n.children) or any(
        c.dep_ == "pobj" and any(g.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in g.children)
                                 for g in c.children) for n in nodes for c in n.children)


def _workers_subject(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(t.lemma_.lower() in WORKER_WORDS for t in subject.subtree)


def _to_a_court(verb: Token) -> bool:
    """'handed over / turned over X to the tribunal / to Spanish custody'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "into"):
            if any(t.lower_ in COURT_WORDS for t in c.subtree):
                return True
    return False


def _envoy(actor: Span | dict | None) -> bool:
    """A government's person or delegation (a leader, minister, envoy), who can pay a visit."""
    if actor is None:
        return False
    data = _data(actor)
    if data.get("sector") not in ("GOV", "ELI", "LEG") and not (isinstance(actor, Span) and actor.root.ent_type_ == "PERSON"):
        return False
    words = str(data.get("text", "")).lower()
    return not any(w in words for w in ("troop", "force", "soldier", "army", "police", "refugee", "ship", "plane"))


def _peacekeepers_moved(verb: Token) -> bool:
    """Whether the forces a verb moves (its subject or object) are peacekeepers."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            words = {c.lemma_.lower(), *(g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod"))}
            if {"peacekeeper", "peacekeeping"} & words or c.lemma_.lower() == "helmet" and "blue" in words:
                return True
    return False


OBSTRUCTING_VERBS = {"block", "blockade", "barricade", "occupy", "seal", "close", "shut", "cut", "besiege", "surround"}


def _protesting_subject(verb: Token) -> bool:
    """Whether a verb's subject, an actor the gazetteer does not know, is people
    protesting: "Rioters torched shops", "Truck drivers protesting against taxes blocked ..."."""
    protesting = ("protest", "demonstrate", "riot", "strike")
    if any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in protesting for c in verb.children):
        return True  # "fishermen blocked the ports with their trawlers, protesting against imports"
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.lemma_.lower() in PROTESTER_NOUNS:
                return True
            return any(g.dep_ in ("acl", "relcl") and g.lemma_.lower() in protesting for g in c.children)
    return False


def _protesters(actor: Span | dict) -> bool:
    """Whether an actor is people protesting ("a Ukrainian protestor", "an angry crowd")."""
    if isinstance(actor, Span):
        root = actor.root
        noun = root.head if root.dep_ in ("amod", "compound", "poss") else root  # "a Ukrainian protestor"
        return noun.lemma_.lower() in PROTESTER_NOUNS or actor[-1].lemma_.lower() in PROTESTER_NOUNS
    words = str(actor.get("text", "")).lower().split()
    return bool(words) and (words[-1] in PROTESTER_NOUNS or words[-1].rstrip("s") in PROTESTER_NOUNS)


def _data(actor: Span | dict) -> dict:
    return actor if isinstance(actor, dict) else {**actor._.actor, "text": actor.text}


def _same_actor(a: Span | dict, b: Span | dict) -> bool:
    da, db = _data(a), _data(b)
    if UNKNOWN_COUNTRY in (da["country"], db["country"]):
        return da["code"] == db["code"] and da.get("text") == db.get("text")
    return da["code"] == db["code"]


# -- actors the gazetteer cannot place --------------------------------------------
UNKNOWN_COUNTRY = "---"
"""CAMEO's and PETRARCH's country code for an actor whose state is not known:
"President Avril" or "the rebels" when the text does not say of which state.
No country is guessed; the actor keeps its text and, where its title or group
noun gives one, its sector ("--- REB")."""

NAME_ENTITIES = {"PERSON", "ORG", "NORP", ""}
"""Entity types (and none) of proper nouns that may name an unplaced actor; places,
dates, laws and the like never do."""
AGENT_NOUNS = {
    "union": "LAB", "unions": "LAB", "trade union": "LAB", "trade unions": "LAB", "miners": "LAB",
    "strikers": "LAB", "employees": "LAB", "teachers": "EDU", "doctors": "MED", "nurses": "MED",
    "prisoners": "CVL", "inmates": "CVL", "detainees": "CVL", "villagers": "CVL", "crowd": "CVL", "crowds": "CVL",
    "mob": "CVL", "youths": "CVL", "settlers": "CVL", "protester": "CVL", "demonstrator": "CVL",
    "gunmen": "UAF", "gunman": "UAF", "assailants": "UAF", "attackers": "UAF", "fighters": "UAF",
    "militia": "PRM", "militias": "PRM", "militiamen": "PRM", "paramilitaries": "PRM",
    "insurgent": "REB", "militant": "REB", "separatist": "REB", "terrorists": "REB", "terrorist": "REB",
    "guerillas": "REB", "guerilla": "REB", "mutineers": "REB", "rebel forces": "REB", "front": "REB",
    "separatist movement": "REB", "rebel movement": "REB", "armed movement": "REB", "separatist forces": "REB",
    "armed separatists": "REB", "extremists": "REB", "mercenaries": "UAF",
    "movement": "OPP", "coalition": None, "alliance": None, "group": None, "groups": None, "organization": None,
    "organisation": None, "leader": "GOV", "leaders": "GOV",
    "general": "MIL", "gen.": "MIL", "colonel": "MIL", "col.": "MIL", "commander": "MIL", "officers": "MIL",
    "governor": "GOV", "mayor": "GOV", "officials": "GOV", "official": "GOV", "authorities": "GOV",
    "police": "COP", "church": "REL", "clerics": "REL", "bishops": "REL", "priests": "REL", "court": "JUD",
    "students": "EDU", "workers": "LAB", "farmers": "AGR", "journalists": "JRN", "newspaper": "JRN",
    "hackers": None, "pirates": "CRM", "smugglers": "CRM", "criminals": "CRM", "gang": "CRM", "gangs": "CRM",
    "bandits": "CRM", "kidnappers": "CRM", "dissidents": "OPP", "monks": "REL", "clergy": "REL",
}
"""Heads of noun phrases that name people acting together, beyond the
gazetteer's sector nouns, with the PLOVER sector they imply (None: unknown)."""
MEMBER_HEADS = {"leader", "leaders", "member", "members", "head", "chief", "group", "groups", "section", "wing",
                "faction", "representative", "representatives", "delegation", "spokesman", "spokesperson"}
"""Heads whose 'of' complement says who they belong to: "leaders of the opposition"."""


@lru_cache(maxsize=1)
def _sector_words() -> dict[str, str | None]:
    """Lower-cased sector nouns (the gazetteer's and ours) -> PLOVER sector."""
    from communique.actors.gazetteer import DATA_DIR, load_sector_nouns

    words = {phrase: noun.sector for phrase, noun in load_sector_nouns(DATA_DIR).items() if noun.role != "generic"}
    words = {**AGENT_NOUNS, **words}
    singular = {w[:-1]: sector for w, sector in words.items() if w.endswith("s") and not w.endswith("ss")}
    return {w: sector for w, sector in {**singular, **words}.items() if w not in NOT_UNPLACED and w[:-1] not in NOT_UNPLACED}


ORGANISATION_NOUNS = {"party", "network", "association", "council", "committee", "agency", "watchdog", "federation",
                      "league", "society", "foundation", "institute", "front", "movement", "group", "organization",
                      "organisation", "union", "alliance", "coalition", "brigade", "brigades", "army", "faction",
                      "congress", "assembly", "commission", "institution", "body", "cartel", "church", "order"}
"""Common nouns that, with a proper name before them, name an organisation: "the Umma party"."""


NOT_UNPLACED = {"party", "parties", "side", "sides", "people", "public", "population", "country", "nation", "state",
                "republic", "mission", "delegation"}
"""Group nouns that, without a state, name no one in particular ("all parties must
show restraint", "the people"): no unplaced actor is made of them."""


def _unresolved_actor(tok: Token | None) -> dict | None:
    """An actor for a noun phrase that names a person, group or organisation
    the gazetteer does not know: country ``---``, the sector its title or group
    noun implies, and the phrase as its text. None for anything else."""
    if tok is None or tok.pos_ not in ("PROPN", "NOUN"):
        return None
    words = _sector_words()
    doc = tok.doc
    left = min([tok.i, *(c.left_edge.i for c in tok.children
                        if c.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "punct", "quantmod")
                        and c.i < tok.i)])
    phrase = doc[left:tok.i + 1]
    lowers = [t.lower_ for t in phrase]
    sector, found = None, False
    # the longest sector noun ending at the head ("opposition leader"), else the first
    # one before a name ("Lt. Gen. Prosper Avril", "the rebel Kurdistan Workers' Party")
    spans = [(len(lowers) - n, n) for n in range(min(4, len(lowers)), 0, -1)]
    if tok.pos_ == "PROPN":
        spans += [(start, n) for start in range(len(lowers) - 1) for n in range(min(4, len(lowers) - start), 0, -1)]
    for start, n in spans:
        gram = " ".join(lowers[start:start + n])
        key = gram if gram in words else gram.replace(" - ", "-") if gram.replace(" - ", "-") in words else None
        if key is not None:
            sector, found = words[key], True
            break
    named = any(t.pos_ == "PROPN" and t.ent_type_ in NAME_ENTITIES for t in phrase)
    if tok.pos_ == "PROPN":
        if tok.ent_type_ not in NAME_ENTITIES or not tok.text[:1].isupper():
            return None
    elif tok.lower_ in ORGANISATION_NOUNS and named:
        found = True  # "the al-Qaeda network", "the Umma party"
        sector = words.get(tok.lower_, sector)
    elif not found:
        return None
    if tok.pos_ == "PROPN" and sector is None and any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children):
        sector = "CVL"  # "ethnic Albanians": people, whose state is where they are, not the one their name recalls
    if found and sector is None:
        # "the Azadliq opposition coalition", "a Kurdish rebel alliance": a modifier says what kind
        sector = next((words[w] for w in reversed(lowers[:-1]) if words.get(w)), None)
    end = phrase.end
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ != "of":
            continue
        obj = next((o for o in c.children if o.dep_ == "pobj"), None)
        if obj is None:
            break
        if tok.lower_ in MEMBER_HEADS:
            # "leaders of the Azadliq opposition coalition": the group they lead says what they are
            inner = _unresolved_actor(obj)
            if inner is not None:
                sector, end = inner["sector"], c.right_edge.i + 1
        elif tok.pos_ == "PROPN" and obj.pos_ == "PROPN":
            end = c.right_edge.i + 1  # "the National Union of Mineworkers"
        break
    text = doc[left:end].text
    name = SECTOR_NAMES[sector].format("an unidentified state") if sector in SECTOR_NAMES else "Unidentified actor"
    code = f"{UNKNOWN_COUNTRY} {sector}" if sector else UNKNOWN_COUNTRY
    return {"code": code, "country": UNKNOWN_COUNTRY, "sector": sector, "name": name, "org": None, "text": text}


PLACED_SECTORS = {"CVL", "LAB", "EDU", "AGR", "REL", "REF", "MED", "JRN", "SOC", "OPP", "REB", "CRM", "BUS"}
"""Sectors of unnamed groups of people that the place where they act puts in its state."""


def _placed_group(actor: dict, verb: Token, at: dict[int, Span]) -> dict:
    """An unnamed group acting in a place the gazetteer knows belongs to that place's
    state: "prisoners rioted at a jail in Dili" (a group of Timor-Leste's civilians),
    "hundreds of thousands of people blocked streets in Hong Kong". Named persons and
    organisations, and office holders, keep their unknown country."""
    if actor["sector"] not in PLACED_SECTORS:
        return actor
    place = _location_actor(verb, None, at)
    if place is None:  # "at a jail in X"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("at", "outside", "near", "inside"):
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        place = _prep_object_actor(obj, {"in"}, at)
    if place is None:
        return actor
    data = _data(place)
    if data["country"] in NON_STATE_CODES:
        return actor
    from communique.actors.gazetteer import load

    country_name = load().country_name(data["country"]) or data["country"]
    return {**actor, "code": f"{data['country']} {actor['sector']}", "country": data["country"],
            "name": SECTOR_NAMES[actor["sector"]].format(country_name)}


def _group_in_place(actor: dict, noun: Token, at: dict[int, Span]) -> dict:
    """An unnamed group whose own phrase says where it is: "refugees fleeing the
    war in Liberia", "villagers in Samarra" are that place's state's people."""
    if actor["sector"] not in PLACED_SECTORS:
        return actor
    for t in noun.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "from") and t.i in at:
            data = _data(at[t.i])
            if data.get("sector") is None and data["country"] not in NON_STATE_CODES:
                from communique.actors.gazetteer import load

                country_name = load().country_name(data["country"]) or data["country"]
                return {**actor, "code": f"{data['country']} {actor['sector']}", "country": data["country"],
                        "name": SECTOR_NAMES[actor["sector"]].format(country_name)}
    return actor


def _unresolved_speaker(verb: Token) -> dict | None:
    node = verb
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS | {"announce", "warn", "confirm", "add"}:
            return next((_unresolved_actor(c) for c in node.head.children if c.dep_ == "nsubj"), None)
        if node.dep_ not in ("xcomp", "conj", "acomp") or node.head == node:
            return None
        node = node.head
    return None


def _unresolved_subject(verb: Token | None) -> dict | None:
    """The unplaced actor named as the subject of ``verb`` or of the verb it is
    coordinated with or controlled by ("X declined to resign")."""
    node = verb
    if node is not None and _document_clause(node):
        node = _governing_verb(node.head)  # "X issued a declaration demanding ...": X
    elif node is not None and _culpable_gerund(node) is not None:
        node = _culpable_gerund(node)  # "the rebels are guilty of killing ..."
    for _ in range(4):
        if node is None:
            return None
        for c in node.children:
            if c.dep_ == "nsubj":
                if c.lower_ in PRONOUNS:
                    # "X announced it will return ...": the speaker
                    return _unresolved_speaker(node)
                return _unresolved_actor(c)
            if c.dep_ == "nsubjpass" and node is not verb:
                return None
        if _main_acl(node):
            return _unresolved_actor(node.head)
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head == node:
            return None
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in REQUEST_HEADS | {"force", "compel", "allow", "help",
                                                                                    "order", "persuade"}:
            return None  # object control: "urged the rebels to ..." is not the urger's act
        node = node.head
    return None


def _long_ago(sent: Span, year: int) -> bool:
    years = [int(m.group(1)) for m in _YEAR.finditer(sent.text)]
    if any(y < year - 1 for y in years):
        return True
    return bool(_LONG_AGO.search(sent.text))




def _record(doc: Doc, f: Found, sentence: int, n: int) -> dict:
    if f.start is not None:
        trigger = doc[f.start:f.end]
    else:
        trig_end = f.end if f.entry.pos == "VERB" and f.end - f.trigger.i <= 4 else f.trigger.i + 1
        trigger = doc[f.trigger.i:trig_end]
    return {
        "id": f"e{n}",
        "type": f.entry.type,
        "mode": f.entry.mode,
        "contexts": list(f.entry.contexts),
        "source": _actor_of(f.source),
        "target": _actor_of(f.target),
        "sentence": sentence,
        "trigger": {"start": trigger.start_char, "end": trigger.end_char, "text": trigger.text},
        "reported_by": _actor_of(f.reported_by),
        "negated": f.negated,
        "hypothetical": f.hypothetical,
        "historical": f.historical,
        "intensity": intensity(f.entry.type, f.entry.mode),
        "confidence": round(_record_confidence(f), 2),
    }


def _actor_of(actor: Span | dict | None) -> dict | None:
    return None if actor is None else _data(actor)
