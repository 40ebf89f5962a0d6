"""The ``communique_rhetoric`` spaCy component: persuasion techniques and stance.

It runs after the actors, events and claims layers and writes two lists of
plain data to the Doc: ``doc._.techniques`` (character spans with a
SemEval-2023 label, confidence, explanation, the actor they are aimed at) and
``doc._.stance`` (the issuer's stance toward each actor mentioned). It reads
the masked text (``view.py``), so neither list can depend on which state is
named.
"""

from __future__ import annotations

from bisect import bisect_right
from contextlib import nullcontext

from spacy.language import Language
from spacy.tokens import Doc

from communique.actors.component import SPAN_KEY
from communique.rhetoric import stance
from communique.rhetoric.features import TokenTable
from communique.rhetoric.find import FoundTechnique, find_techniques
from communique.rhetoric.model import TechniqueModel, load
from communique.rhetoric.view import View, build

for _name in ("techniques", "stance"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("communique_rhetoric", requires=["doc.spans"], assigns=["doc._.techniques", "doc._.stance"])
def make_rhetoric(nlp: Language, name: str) -> RhetoricLayer:
    return RhetoricLayer(load(), nlp)


class RhetoricLayer:
    def __init__(self, model: TechniqueModel, nlp: Language | None = None):
        self.model = model
        self.nlp = nlp
        self._blas = _blas_controller()

    def __call__(self, doc: Doc) -> Doc:
        # the layer's matrix products are small: BLAS threads would only wait on each other
        with self._blas.limit(limits=1, user_api="blas") if self._blas is not None else nullcontext():
            return self._analyse(doc)

    def _analyse(self, doc: Doc) -> Doc:
        try:
            view = build(doc)
            found = find_techniques(view, self.model, table=TokenTable(view))
            mentions = _mentions(doc, view)
            techniques = [_record(doc, view, f, mentions, doc._.issuer) for f in found]
            events = doc._.events if Doc.has_extension("events") and doc._.events else []
            doc._.stance = stance.compute(view, mentions, events, techniques, doc._.issuer, self._name)
            for t in techniques:
                del t["first"], t["last"]
            doc._.techniques = techniques
        except Exception as err:  # noqa: BLE001 - reported in the record's warnings, the rest of the analysis stands
            doc._.techniques, doc._.stance = [], []
            doc.user_data.setdefault("communique.warnings", []).append(
                f"rhetoric could not be analysed ({type(err).__name__}: {err}); techniques and stance are empty")
        return doc

    def _name(self, key: str) -> str | None:
        if self.nlp is None or "communique_actors" not in self.nlp.pipe_names:
            return None
        return self.nlp.get_pipe("communique_actors").gazetteer.country_name(key)


def _blas_controller():
    """threadpoolctl's controller when it is installed (it comes with scikit-learn), else None."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _mentions(doc: Doc, view: View) -> list[dict]:
    """Actor mentions with their sentence and their token in the masked view."""
    starts = [t.real_start for t in view.tokens]
    out = []
    for span in doc.spans.get(SPAN_KEY, []):
        token = max(0, bisect_right(starts, span.start_char) - 1)
        out.append({"actor": span._.actor, "sentence": view.tokens[token].sentence, "token": token,
                    "via": span._.via})
    return out


def _record(doc: Doc, view: View, f: FoundTechnique, mentions: list[dict], issuer: dict | None) -> dict:
    sentence = view.tokens[f.first].sentence
    return {
        "start": f.start, "end": f.end, "text": view.real_text[f.start:f.end], "technique": f.technique,
        "confidence": f.confidence, "explanation": f.explanation, "via": f.via, "sentence": sentence,
        "target": _target(f, sentence, mentions, issuer), "first": f.first, "last": f.last,
    }


def _target(f: FoundTechnique, sentence: int, mentions: list[dict], issuer: dict | None) -> dict | None:
    """The actor a technique is aimed at: the nearest actor mentioned in its
    sentence other than the issuer, by distance in masked tokens (a mention
    inside the span is nearest; on a tie, the one after the span wins)."""
    own = issuer["country"] if issuer else None
    best = None
    for m in mentions:
        if m["sentence"] != sentence or m["actor"]["country"] == own or m["via"] == "issuer":
            continue
        k = m["token"]
        distance = 0 if f.first <= k <= f.last else (k - f.last if k > f.last else f.first - k)
        rank = (distance, 0 if k >= f.first else 1)
        if best is None or rank < best[0]:
            best = (rank, m["actor"])
    return dict(best[1]) if best else None
