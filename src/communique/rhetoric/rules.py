"""Rules for the techniques of diplomatic rebuttals, which news-trained models rarely see.

Each rule reads the masked text (``view.py``: every state name is one
stand-in word), so what it finds cannot depend on which state is named. It
returns spans in masked-text offsets with a SemEval-2023 label, a confidence
and an explanation that names the cue.

* Appeal_to_Hypocrisy: "a state that itself did X now accuses others of X",
  "double standards", "hypocrisy", "look in the mirror", "in no position to lecture".
* Whataboutism: "what about ...", "instead of accusing others, X should address its own ...".
* Doubt: "allegedly", "so-called", "purported", scare quotes around a short phrase.
* Appeal_to_Popularity: "as the whole world knows", "the entire international community".
* Loaded_Language: loaded adjectives on the other side's statement ("groundless and
  provocative statement"), loaded nouns ("lies", "slander", "hysteria").
* Name_Calling-Labeling: "the X regime", "the junta", "the aggressor", "warmongers".
* Repetition: anaphora, the same opening of three or more words in nearby clauses
  ("we were the ones who ... we were the ones who ...").
* False_Dilemma-No_Choice: "deeds, not words", "either ... or", "there is no alternative".
* Appeal_to_Authority: international law, the UN Charter or Security Council resolutions
  invoked to settle a question ("as enshrined in the UN Charter", "unequivocally confirmed").
* Flag_Waving: "our heroic people", "our sacred land", "national dignity".
* Conversation_Killer: "the issue is closed", "there is nothing to discuss".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from communique.rhetoric.view import View


@dataclass(frozen=True)
class Found:
    """A technique found in the masked text (offsets into ``View.text``).

    ``explanation`` may hold ``{cue}``: the words at ``cue_start:cue_end``,
    filled in from the real text by the caller (the masked text has stand-ins)."""

    start: int
    end: int
    technique: str
    confidence: float
    explanation: str
    cue_start: int = 0
    cue_end: int = 0


LOADED_ADJECTIVES = (
    "groundless|baseless|unfounded|provocative|absurd|preposterous|outrageous|slanderous|libellous|libelous|"
    "fabricated|false|malicious|mendacious|deceitful|deceptive|cynical|shameful|shameless|despicable|disgraceful|"
    "hysterical|irresponsible|biased|distorted|fake|ridiculous|insolent|impudent|hostile|venomous|vile|"
    "outlandish|delusional|hypocritical|unacceptable|destructive|aggressive|inflammatory|defamatory|"
    "insulting|offensive|odious|sinister|barbaric|barbarous|brazen|blatant|heinous|treacherous|"
    "reckless|senseless|irrational|bizarre|nonsensical|deplorable|reprehensible|frivolous|manipulative|"
    "farcical|crude|primitive|perfidious|belligerent|militaristic|revanchist|chauvinistic|xenophobic"
)
STATEMENT_NOUNS = (
    "statements?|claims?|accusations?|allegations?|remarks?|assertions?|narratives?|reports?|rhetoric|"
    "propaganda|insinuations?|speculations?|comments?|declarations?|attacks?|campaign|actions?|policy|policies|"
    "behaviou?r|position|stance|attempts?|lies|fabrications?|provocations?|distortions?|interpretations?|"
    "version|story|stories|messages?|letter|appeals?|demands?|threats?|moves?|steps?|measures?|decisions?"
)
LOADED_NOUNS = (
    "lies|slander|hysteria|propaganda|fabrications?|falsehoods?|falsifications?|disinformation|misinformation|"
    "smear campaign|"
    "fairy tales?|fantasies|delusions?|nonsense|blackmail|provocations?|hypocrisy|cynicism|insolence|"
    "machinations|bluster|rantings?|fiction"
)
_W = r"[\w’'-]+"

_PATTERNS: list[tuple[str, float, re.Pattern, str]] = [
    # -- Appeal to hypocrisy and whataboutism -----------------------------------------------
    ("Appeal_to_Hypocrisy", 0.8, re.compile(
        rf"\b(?:which|who|that) (?:{_W} ){{0,2}}(?P<cue>itself|themselves|himself|herself)\b[^.;!?]{{3,160}}?"
        r"\b(?:now |today |still |then )?(?:accus\w+|blam\w+|lectur\w+|preach\w+|criticis\w+|criticiz\w+|"
        r"condemn\w+|denounc\w+|reproach\w+|teach\w*|point\w* (?:the|a) finger)[^.;!?]{0,120}", re.I),
     "tu quoque: the accuser '{cue}' did what it now accuses others of"),
    ("Appeal_to_Hypocrisy", 0.75, re.compile(
        r"\b(?:which|who)\b[^.;!?]{3,200}?,\s*(?P<cue>(?:should|would|could|now|today|still|dares?|has the "
        r"(?:audacity|nerve)|have the (?:audacity|nerve))(?: now| today| to)?\s+(?:accus\w+|blam\w+|lectur\w+|"
        r"preach\w+|criticis\w+|criticiz\w+|condemn\w+|denounc\w+|reproach\w+))[^.;!?]{0,120}", re.I),
     "tu quoque: the accuser, with the past just recalled, '{cue}' others"),
    ("Appeal_to_Hypocrisy", 0.85, re.compile(
        r"\b(?P<cue>hypocri(?:sy|tical|tes?)|double standards?|(?:look|looks|looking) (?:at itself )?in the mirror|"
        r"(?:is|are) in no position to (?:lecture|teach|accuse|criticise|criticize|judge)|"
        r"ha(?:s|ve) no moral (?:right|authority)|(?:the )?pot calling the kettle black|"
        r"(?:before|instead of) (?:lecturing|preaching to|teaching) others)\b", re.I),
     "charges the other side with hypocrisy: '{cue}'"),
    ("Whataboutism", 0.8, re.compile(
        r"(?P<cue>\b(?:but |and |so )?what about\b)[^.;!?]{2,160}", re.I),
     "deflects to the other side's own conduct: '{cue}'"),
    ("Whataboutism", 0.75, re.compile(
        r"\b(?P<cue>(?:instead of|rather than|before) (?:accusing|blaming|criticising|criticizing|lecturing|"
        r"pointing (?:the|a) finger at) (?:others|other (?:states|countries|nations)|us|our \w+))[^.;!?]{0,160}", re.I),
     "deflects to the accuser's own record: '{cue}'"),
    ("Whataboutism", 0.7, re.compile(
        r"\b(?P<cue>(?:should|would do well to|had better) (?:first |rather )?(?:address|look at|deal with|"
        r"clean up|put in order|examine) (?:its|their|his|her) own)\b[^.;!?]{0,120}", re.I),
     "deflects to the accuser's own problems: '{cue}'"),
    # -- Doubt ----------------------------------------------------------------------------
    ("Doubt", 0.8, re.compile(
        r"\b(?P<cue>allegedly|purportedly|supposedly|ostensibly|so-called|so called|self-styled|self-proclaimed|"
        rf"purported|would-be)\b(?: [“\"‘']?{_W}[”\"’']?){{1,4}}", re.I),
     "'{cue}' casts doubt on what follows"),
    ("Doubt", 0.7, re.compile(
        r"\b(?P<cue>(?:it is|it remains) (?:highly |very |far from )?(?:doubtful|questionable|unclear|dubious) "
        r"(?:whether|that|how|why)|one (?:may|might|can|could) (?:well )?(?:ask|wonder)|raises? (?:serious |legitimate )?"
        r"(?:questions|doubts) (?:about|as to|over))[^.;!?]{0,160}", re.I),
     "questions the other side's credibility: '{cue}'"),
    # -- Appeal to popularity ----------------------------------------------------------------
    ("Appeal_to_Popularity", 0.85, re.compile(
        r"\b(?P<cue>as (?:the (?:whole|entire) world|everyone|everybody|all|the (?:entire |whole )?international "
        r"community) (?:knows?|can see|has seen|recogni[sz]es?|is aware|understands?)|"
        r"(?:the )?(?:whole|entire) world (?:knows|can see|has seen|recogni[sz]es|is aware)|"
        r"(?:everyone|everybody) (?:knows|can see|understands|is aware)|it is (?:well|widely|universally|commonly) "
        r"(?:known|recogni[sz]ed|acknowledged)|the (?:overwhelming|vast) majority of (?:states|countries|nations|"
        r"the international community|member states|humanity)|(?:the )?entire international community|"
        r"no one (?:in the world )?(?:believes|doubts)|(?:the )?whole world (?:stands|is) (?:with|behind))\b", re.I),
     "claims that everyone agrees: '{cue}'"),
    # -- Loaded language and name calling ----------------------------------------------------------
    ("Loaded_Language", 0.8, re.compile(
        rf"\b(?P<cue>(?:(?:utterly|totally|completely|absolutely|deeply|openly|entirely|blatantly|patently) )?"
        rf"(?:{LOADED_ADJECTIVES})(?:(?:,| and| or|, and) (?:(?:utterly|totally|completely|absolutely|deeply|"
        rf"openly|entirely|blatantly|patently) )?(?:{LOADED_ADJECTIVES}))*)(?= (?:{_W} ){{0,2}}(?:{STATEMENT_NOUNS})\b)",
        re.I),
     "loaded words aimed at the other side or its statement: '{cue}'"),
    ("Loaded_Language", 0.75, re.compile(rf"\b(?P<cue>{LOADED_NOUNS})\b", re.I),
     "loaded word for the other side's statement or conduct: '{cue}'"),
    ("Name_Calling-Labeling", 0.8, re.compile(
        r"\b(?P<cue>(?:the |this |that )?(?:(?:[Cc]riminal|[Pp]uppet|[Ii]llegitimate|[Tt]errorist|[Ff]ascist|"
        r"[Nn]eo-[Nn]azi|[Mm]urderous|[Bb]loody|[Dd]ictatorial|[Tt]otalitarian) |(?!(?:Sanctions|Visa|Ceasefire|"
        r"Non-[Pp]roliferation|Nonproliferation|Treaty|Control|Export|Legal|Safeguards|International|Special|Customs|"
        r"Trade|Security|Border|Transit|Monitoring|Verification|Tax|Climate|Protection)\b)[A-Z][\w-]+ )"
        r"(?:regime|junta|clique))\b"),
     "labels the other side: '{cue}'"),
    ("Name_Calling-Labeling", 0.8, re.compile(
        r"\b(?P<cue>(?:the )?(?:junta|clique)|(?:the |an? )?aggressor(?: state| country)?|(?:the )?occupiers|"
        r"warmongers?|neo-nazis?|(?:a |the )?terrorist (?:state|regime)|(?:a |the )?rogue (?:state|regime)|"
        r"puppets?|(?:the )?invaders|(?:the )?separatists|(?:the )?militarists|(?:the )?revanchists|"
        r"(?:the )?war criminals)\b", re.I),
     "labels the other side: '{cue}'"),
    # -- False dilemma ------------------------------------------------------------------------
    ("False_Dilemma-No_Choice", 0.8, re.compile(
        r"\b(?P<cue>(?:deeds|actions|acts),? not words|(?:not|never) words,? but (?:deeds|actions)|"
        r"there (?:is|can be) no (?:other )?(?:alternative|middle ground|third way|other way|other option|choice)|"
        r"(?:the )?only (?:way|option|alternative|solution|path|choice) (?:is|left|forward)|"
        r"(?:either )?with us or against us|no other (?:choice|option|way))\b[^.;!?]{0,120}", re.I),
     "presents one course as the only one: '{cue}'"),
    ("False_Dilemma-No_Choice", 0.7, re.compile(
        r"\b(?P<cue>either)\b[^.;!?]{3,120}\bor (?:else|face|we will|there will be|risk)\b[^.;!?]{0,120}", re.I),
     "offers two options as the only ones: '{cue} ... or'"),
    # -- Flag waving -----------------------------------------------------------------------------
    ("Flag_Waving", 0.8, re.compile(
        r"\b(?P<cue>our (?:heroic |brave |great |glorious |proud |valiant |courageous |long-suffering |sacred |"
        r"ancestral |historic |native )?(?:people|nation|homeland|motherland|fatherland|ancestors|forefathers|"
        r"martyrs|heroes|soldiers|defenders|sacred land|native land|historic lands|ancestral lands)|"
        r"(?:the )?(?:heroic|brave|glorious|valiant) (?:[A-Z][\w-]+ )?(?:people|nation|army|soldiers|defenders)|"
        r"national (?:pride|honou?r|dignity|glory)|patriotic duty|(?:every|an) inch of (?:our )?(?:land|soil|territory)|"
        r"(?:the )?honou?r and dignity of (?:our|the) (?:people|nation))\b", re.I),
     "appeals to national pride: '{cue}'"),
    # -- Conversation killer -----------------------------------------------------------------------
    ("Conversation_Killer", 0.75, re.compile(
        r"\b(?P<cue>(?:this|the) (?:issue|question|matter|chapter) (?:is|has been) (?:closed|settled once and for all)|"
        r"there is nothing (?:more |further )?to (?:discuss|negotiate|talk about)|end of (?:story|discussion)|"
        r"(?:is|are) not (?:up )?for (?:discussion|negotiation|debate)|full stop)\b", re.I),
     "closes the discussion: '{cue}'"),
]

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VERBS = _words(
    "accuse accuses accused accusing blame blames blamed blaming lecture lectures lectured lecturing preach preaches "
    "preached preaching criticise criticises criticised criticising criticize criticizes criticized criticizing "
    "condemn condemns condemned condemning denounce denounces denounced denouncing reproach reproaches reproached "
    "reproaching teach teaches teaching point points pointing")
NEEDS: tuple[frozenset[str], ...] = (
    _words("itself themselves himself herself"),
    _VERBS,
    _words("hypocrisy hypocritical hypocrite hypocrites double mirror position moral kettle lecturing preaching teaching"),
    _words("about"),
    _words("instead rather before"),
    _words("own"),
    _words("allegedly purportedly supposedly ostensibly so self purported would so-called self-styled self-proclaimed "
           "would-be"),
    _words("doubtful questionable unclear dubious ask wonder questions doubts"),
    _words("world everyone everybody known recognized recognised acknowledged majority community believes doubts"),
    frozenset(LOADED_ADJECTIVES.split("|")),
    _words("lies slander hysteria propaganda fabrication fabrications falsehood falsehoods falsification "
           "falsifications disinformation misinformation smear fairy fantasies delusion delusions nonsense blackmail "
           "provocation provocations hypocrisy cynicism insolence machinations bluster ranting rantings fiction"),
    _words("regime junta clique"),
    _words("junta clique aggressor occupiers warmonger warmongers neo nazi nazis neo-nazi neo-nazis terrorist rogue "
           "puppet puppets invaders separatists militarists revanchists criminals"),
    _words("words alternative middle third option choice only against"),
    _words("either"),
    _words("our heroic brave glorious valiant national patriotic inch honour honor"),
    _words("closed settled nothing end discussion negotiation debate stop"),
)
"""For each pattern, in order: words one of which must be in the text for it to match at all (a fast
first check: most statements contain the words of few patterns)."""
AUTHORITY_NEEDS = _words("law charter resolution resolutions court icj act convention conventions norms principles")

AUTHORITY = re.compile(
    r"\b(international law|international humanitarian law|(?:the )?(?:UN|United Nations) Charter|Charter of the "
    r"United Nations|(?:Security Council|UN|General Assembly) resolutions?|resolutions? \d+|International Court of "
    r"Justice|ICJ|Helsinki Final Act|Geneva Conventions?|norms and principles of international law|"
    r"universally recogni[sz]ed (?:norms|principles))\b", re.I)
SETTLING = re.compile(
    r"\b(clearly|unequivocally|unambiguously|explicitly|expressly|leaves? no (?:room for )?doubt|beyond (?:any )?"
    r"(?:doubt|question|dispute)|(?:has|have) (?:long )?(?:confirmed|established|affirmed|reaffirmed|recogni[sz]ed|"
    r"determined|ruled)|stipulates?|enshrined|in (?:full |strict )?(?:accordance|conformity|line) with|"
    r"under international law|as required by|(?:is|are) (?:a )?(?:gross |flagrant |blatant )?violations? of|"
    r"contrary to|in (?:flagrant |gross )?violation of|incompatible with)\b", re.I)

assert len(NEEDS) == len(_PATTERNS)

STOP_OPENINGS = {("in", "the"), ("it", "is"), ("of", "the"), ("on", "the"), ("at", "the"), ("this", "is")}


def find(view: View) -> list[Found]:
    """Every rule's findings in the masked text; no finding crosses a sentence boundary."""
    bounds = [(view.tokens[a].start, view.tokens[b - 1].end) for a, b in view.sentences if a < b]
    starts = [a for a, _b in bounds]
    found: list[Found] = []
    redo: set[tuple[int, int]] = set()  # (pattern, sentence) pairs to scan alone
    words = {t.text.lower() for t in view.tokens}
    for n, (technique, confidence, pattern, explanation) in enumerate(_PATTERNS):
        if words.isdisjoint(NEEDS[n]):
            continue
        # one scan of the whole text per pattern (fast); a match that runs into the next
        # sentence is looked for again inside its own sentence
        for m in pattern.finditer(view.text):
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or m.start() >= bounds[k][1]:
                continue
            if m.end() > bounds[k][1]:
                redo.add((n, k))
                continue
            found += _found(m, 0, technique, confidence, pattern, explanation, view.text)
    for n, k in sorted(redo):
        technique, confidence, pattern, explanation = _PATTERNS[n]
        start, end = bounds[k]
        sentence = view.text[start:end]
        for m in pattern.finditer(sentence):
            found += _found(m, start, technique, confidence, pattern, explanation, sentence)
    if not words.isdisjoint(AUTHORITY_NEEDS):
        for start, end in bounds:
            found += _authority(view, start, view.text[start:end])
    found += _anaphora(view)
    return _dedupe(found)


def _found(m: re.Match, offset: int, technique: str, confidence: float, pattern: re.Pattern, explanation: str,
           text: str) -> list[Found]:
    s, e = _trim(text, m.start(), m.end())
    if e <= s:
        return []
    cue = m.span("cue") if "cue" in pattern.groupindex else m.span()
    return [Found(offset + s, offset + e, technique, confidence, explanation, offset + cue[0], offset + cue[1])]


def _authority(view: View, offset: int, sentence: str) -> list[Found]:
    """International law, the Charter or resolutions invoked to settle a question."""
    authority = AUTHORITY.search(sentence)
    settling = SETTLING.search(sentence)
    if not authority or not settling:
        return []
    s, e = _trim(sentence, *_clause(sentence, min(authority.start(), settling.start()),
                                    max(authority.end(), settling.end())))
    explanation = "invokes {cue} to settle the question ('" + " ".join(settling.group(0).split()) + "')"
    return [Found(offset + s, offset + e, "Appeal_to_Authority", 0.7, explanation.replace("{", "{{").replace(
        "}", "}}").replace("{{cue}}", "{cue}"), offset + authority.start(), offset + authority.end())]


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the clause around it (between ; or : and the sentence's ends)."""
    left = max(sentence.rfind(";", 0, start), sentence.rfind(":", 0, start))
    right_candidates = [i for i in (sentence.find(";", end), sentence.find(":", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(sentence)
    return left + 1, right


def _anaphora(view: View) -> list[Found]:
    """The same opening at the start of successive clauses or sentences: three
    times or more within four openings, or twice in a row when the shared
    opening runs to four words or more ("we were the ones who ...")."""
    openings: list[int] = []  # token index of each clause start, in order
    for a, b in view.sentences:
        k = a
        while k < b and not view.tokens[k].text.strip():
            k += 1
        if k < b:
            openings.append(k)
        openings += [i + 1 for i in range(a, b - 2) if view.tokens[i].text in (";", ",", ":", "—", "–")]
    words = [t.text.lower() for t in view.tokens]
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)  # opening -> positions in ``openings``
    for n, start in enumerate(openings):
        key = tuple(words[start:start + 3])
        names = sum(1 for t in view.tokens[start:start + 3] if t.pos in ("PROPN", "NUM"))
        if len(key) == 3 and all(w.isalpha() or w in ("’", "'") for w in key) and key[:2] not in STOP_OPENINGS \
                and names < 2:  # a repeated name or headline is not anaphora
            groups[key].append(n)
    found = []
    for positions in groups.values():
        chosen: set[int] = set()
        for i, n in enumerate(positions):
            window = [m for m in positions[i:] if m - n <= 3]
            if len(window) >= 3:
                chosen.update(window)
            elif i + 1 < len(positions) and positions[i + 1] == n + 1 and \
                    _common_length(words, openings[n], [openings[n + 1]]) >= 4:
                chosen.update((n, n + 1))
        starts = [openings[n] for n in sorted(chosen)]
        for s in starts:
            length = _common_length(words, s, [o for o in starts if o != s])
            first, last = view.tokens[s], view.tokens[s + length - 1]
            found.append(Found(first.start, last.end, "Repetition", 0.8,
                               f"anaphora: '{{cue}}' opens {len(starts)} successive clauses", first.start, last.end))
    return found


def _common_length(words: list[str], start: int, others: list[int]) -> int:
    """How many words the opening at ``start`` shares with the longest matching other opening (3..8)."""
    best = 3
    for o in others:
        n = 3
        while n < 8 and start + n < len(words) and o + n < len(words) and words[start + n] == words[o + n] \
                and words[start + n].isalpha():
            n += 1
        best = max(best, n)
    return best


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """No leading or trailing space or punctuation (PTC v2's span convention)."""
    while start < end and (text[start].isspace() or text[start] in ".,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


def _dedupe(found: list[Found]) -> list[Found]:
    """One finding per label where rules overlap: the longer, then the more confident."""
    found.sort(key=lambda f: (f.technique, f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and out[-1].technique == f.technique and f.start < out[-1].end:
            if f.end > out[-1].end:
                keep = out[-1]
                out[-1] = Found(keep.start, f.end, keep.technique, max(keep.confidence, f.confidence), keep.explanation,
                                keep.cue_start, keep.cue_end)
            continue
        out.append(f)
    return sorted(out, key=lambda f: (f.start, f.end, f.technique))
