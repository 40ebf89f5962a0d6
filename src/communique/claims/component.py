"""The ``communique_claims`` spaCy component: what in a statement can be checked.

It scores every sentence's check-worthiness, finds quantities, dates and
references, and makes a claim of every sentence scoring at least the model's
threshold, with its kinds and links to the quantities, dates and references
inside it. Everything is written to ``doc._`` as plain data.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from communique.claims import checkworthy
from communique.claims.dates import find_dates
from communique.claims.quantities import find_quantities
from communique.doc_facts import statement_date
from communique.references.find import find_references
from communique.references.kb import KnowledgeBase

for _name in ("checkworthiness", "claims", "quantities", "dates", "references"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

CAUSAL = re.compile(r"\b(because|due to|as a result|result(ed|s)? in|led to|lead to|caus(e|ed|es|ing)|owing to|consequen)", re.I)
ATTRIBUTION = re.compile(r"\b(said|says|stated|claimed|claims|asserted|according to|alleged|reported|declared)\b", re.I)
LEGAL = re.compile(r"\b(international law|resolution|convention|charter|treaty|article|law|illegal|unlawful|violat\w*|sovereignty|territorial integrity)\b", re.I)


@Language.factory("communique_claims", requires=["doc.sents"], assigns=["doc._.claims"])
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(checkworthy.load(), KnowledgeBase.load())


class ClaimFinder:
    def __init__(self, model: checkworthy.CheckworthinessModel, kb: KnowledgeBase):
        self.model = model
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        day = statement_date(doc)
        sents = list(doc.sents)
        scores = [round(self.model.score(_masked_sentence(doc, s), checkworthy.sentence_tokens(doc, s.start, s.end)), 4)
                  for s in sents]
        quantities = _guarded(doc, "quantities", lambda: find_quantities(doc))
        dates = _guarded(doc, "dates", lambda: find_dates(doc, day))
        references = _guarded(doc, "references", lambda: find_references(doc, self.kb, day))
        events = doc._.events if Doc.has_extension("events") else None
        claims = []
        for index, (sent, score) in enumerate(zip(sents, scores, strict=True)):
            if score < self.model.threshold or not _asserts(sent):
                continue
            inside = _inside(sent.start_char, sent.end_char)
            q = [i for i, x in enumerate(quantities) if inside(x)]
            d = [i for i, x in enumerate(dates) if inside(x)]
            r = [i for i, x in enumerate(references) if inside(x)]
            sent_events = [e for e in events or [] if e["sentence"] == index]
            claims.append({
                "id": f"c{len(claims)}", "sentence": index, "start": sent.start_char, "end": sent.end_char,
                "text": sent.text, "checkworthiness": score,
                "kinds": _kinds(sent.text, q, [dates[i] for i in d], [references[i] for i in r], sent_events, day),
                "quantities": q, "dates": d, "references": r,
            })
        doc._.checkworthiness = scores
        doc._.quantities, doc._.dates, doc._.references, doc._.claims = quantities, dates, references, claims
        return doc


def _guarded(doc: Doc, what: str, find) -> list[dict]:
    """A finder's failure on an odd text costs its own list, never the analysis:
    the list stays empty and a warning says so."""
    try:
        return [item.model_dump() for item in find()]
    except Exception as err:  # noqa: BLE001 - reported in the record's warnings
        warnings = doc.user_data.setdefault("communique.warnings", [])
        warnings.append(f"{what} could not be extracted ({type(err).__name__}: {err}); the list is empty")
        return []


def _asserts(sent) -> bool:
    """Whether a sentence can assert something checkable: it has a verb (a
    dateline or a heading has none) and at least four words ("He said:" only
    announces a quotation)."""
    return any(t.pos_ in ("VERB", "AUX") for t in sent) and sum(t.is_alpha for t in sent) >= 4


def _masked_sentence(doc: Doc, sent) -> str:
    """The sentence as the statistical models saw it: states replaced by one
    stand-in, so that a score cannot depend on which state is named."""
    reading = doc._.masked
    if not reading:
        return sent.text
    return "".join(reading[t.i] for t in sent)


def _inside(start: int, end: int):
    return lambda x: start <= x["start"] and x["end"] <= end


def _kinds(text: str, quantities: list[int], dates: list[dict], references: list[dict], events: list[dict],
           day: date | None) -> list[str]:
    kinds = []
    if quantities:
        kinds.append("quantity")
    if any(not e["hypothetical"] for e in events):
        kinds.append("event")
    if any(e["historical"] for e in events) or any(d.get("duration") for d in dates) or _older(dates, day):
        kinds.append("historical")
    if references or LEGAL.search(text):
        kinds.append("legal")
    if CAUSAL.search(text):
        kinds.append("causal")
    if ATTRIBUTION.search(text) or any(e["reported_by"] for e in events):
        kinds.append("attribution")
    return kinds or ["other"]


def _older(dates: list[dict], day: date | None) -> bool:
    if day is None:
        return False
    for d in dates:
        value = d.get("value") or ""
        if value[:4].isdigit() and int(value[:4]) < day.year - 1:
            return True
    return False


