"""The statement text cut into segments, each carrying the annotation layers that cover it.

Layers overlap freely (a mention inside a claim inside a technique), so the
text is cut at every span boundary and each piece lists every span over it:
the page styles a piece by its layers (each togglable) and shows the spans'
details on hover or click. Pure functions over the contract; the one piece of
markup, :func:`text_html`, escapes every string it writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from communique.contract import Analysis, Event

LAYERS = (
    ("actors", "Actors"),
    ("events", "Events"),
    ("claims", "Claims"),
    ("facts", "Quantities, dates, references"),
    ("techniques", "Techniques"),
)
"""The togglable layers, in the order the page lists them."""


@dataclass
class Detail:
    """What the page shows for one span: its layer, a headline and labelled rows."""

    layer: str
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    css: str = ""

    def as_json(self) -> dict:
        return {"layer": self.layer, "title": self.title, "rows": [list(r) for r in self.rows]}


@dataclass
class Segment:
    text: str
    refs: list[str] = field(default_factory=list)
    css: str = ""
    anchors: list[str] = field(default_factory=list)


@dataclass
class Annotated:
    segments: list[Segment]
    details: dict[str, Detail]
    counts: dict[str, int]

    def details_json(self) -> dict:
        return {ref: d.as_json() for ref, d in self.details.items()}

    def text_html(self) -> Markup:
        """The statement text as HTML: each annotated piece a ``<span>`` with its layers and refs.

        Written here rather than in a template loop because a long speech has
        thousands of pieces (this is a third of the page's rendering time); every
        string, the text and the attribute values alike, goes through ``escape``.
        """
        out: list[str] = []
        for seg in self.segments:
            out += [f'<span class="anchor" id="{escape(a)}"></span>' for a in seg.anchors]
            if seg.refs:
                out.append(f'<span class="a {escape(seg.css)}" data-refs="{escape(" ".join(seg.refs))}">'
                           f"{escape(seg.text)}</span>")
            else:
                out.append(str(escape(seg.text)))
        return Markup("".join(out))


def annotate(analysis: Analysis) -> Annotated:
    """Segments and details for the whole statement (see the module docstring)."""
    text = analysis.statement.text
    spans: list[tuple[int, int, str]] = []
    details: dict[str, Detail] = {}
    for ref, start, end, detail in _spans(analysis):
        if 0 <= start < end <= len(text):
            spans.append((start, end, ref))
            details[ref] = detail
    counts = {name: 0 for name, _ in LAYERS}
    for d in details.values():
        counts[d.layer] += 1
    return Annotated(_segments(text, spans, details), details, counts)


def _segments(text: str, spans: list[tuple[int, int, str]], details: dict[str, Detail]) -> list[Segment]:
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    opening: dict[int, list[str]] = {}
    for start, _end, ref in spans:
        opening.setdefault(start, []).append(ref)
    ends = {ref: end for _start, end, ref in spans}
    length = {ref: end - start for start, end, ref in spans}
    classes = {ref: {f"l-{d.layer}", d.css} - {""} for ref, d in details.items()}
    css_of: dict[tuple[str, ...], str] = {}  # neighbouring pieces mostly share their spans
    active: list[str] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if active:
            active = [r for r in active if ends[r] > a]
        opened = opening.get(a)
        if opened:
            active = sorted(active + opened, key=length.__getitem__)  # the narrowest first: what the reader points at
        if not active:
            out.append(Segment(text[a:b]))
            continue
        key = tuple(active)
        css = css_of.get(key)
        if css is None:
            css = css_of[key] = " ".join(sorted(set().union(*(classes[r] for r in active))))
        out.append(Segment(text[a:b], refs=list(key), css=css, anchors=[f"x-{r}" for r in opened] if opened else []))
    return out


def _spans(analysis: Analysis):
    """(ref, start, end, Detail) for every span of every layer."""
    for i, m in enumerate(analysis.mentions):
        rows = [("name", m.actor.name), ("kind", m.kind), ("resolved by", m.via)]
        if m.actor.org:
            rows.append(("organisation", m.actor.org))
        yield f"m{i}", m.start, m.end, Detail("actors", m.actor.code, rows, f"k-{m.kind}")
    for i, e in enumerate(analysis.events):
        yield f"e{i}", e.trigger.start, e.trigger.end, Detail("events", event_line(e), event_rows(e), _polarity(e))
    for i, c in enumerate(analysis.claims):
        rows = [("check-worthiness", f"{c.checkworthiness:.2f}"), ("kinds", ", ".join(c.kinds) or "-")]
        rows += [("quantity", analysis.quantities[j].text) for j in c.quantities if j < len(analysis.quantities)]
        rows += [("date", analysis.dates[j].text) for j in c.dates if j < len(analysis.dates)]
        rows += [("reference", analysis.references[j].text) for j in c.references if j < len(analysis.references)]
        band = "cw-high" if c.checkworthiness >= 0.8 else "cw-mid"
        yield f"c{i}", c.start, c.end, Detail("claims", f"claim, check-worthiness {c.checkworthiness:.2f}", rows, band)
    for i, q in enumerate(analysis.quantities):
        rows = [(k, str(v)) for k, v in (("value", q.value), ("qualifier", q.qualifier), ("unit", q.unit)) if v is not None]
        yield f"q{i}", q.start, q.end, Detail("facts", f"quantity: {q.text}", rows, "f-quantity")
    for i, d in enumerate(analysis.dates):
        rows = [(k, v) for k, v in (("date", d.value), ("duration", d.duration)) if v]
        yield f"d{i}", d.start, d.end, Detail("facts", f"date: {d.text}", rows, "f-date")
    for i, r in enumerate(analysis.references):
        rows = [("kind", r.kind.replace("_", " "))]
        if r.ids:
            rows.append(("identifies", ", ".join(r.ids)))
        if r.responds_to:
            rows.append(("responds to", "yes: the statement answers this"))
        yield f"r{i}", r.start, r.end, Detail("facts", f"reference: {r.text}", rows, "f-reference")
    for i, t in enumerate(analysis.techniques):
        rows = [("confidence", f"{t.confidence:.2f}"), ("explanation", t.explanation)]
        yield f"t{i}", t.start, t.end, Detail("techniques", t.technique.replace("_", " "), rows)


def event_line(e: Event) -> str:
    """``XOS GOV → REJECT → XVL GOV``."""
    kind = e.type + (f"/{e.mode}" if e.mode else "")
    return f"{e.source.code if e.source else '?'} → {kind} → {e.target.code if e.target else '-'}"


def event_flags(e: Event) -> list[str]:
    flags = [f for f in ("negated", "hypothetical", "historical") if getattr(e, f)]
    if e.reported_by:
        flags.append(f"reported by {e.reported_by.code}")
    return flags


def event_rows(e: Event) -> list[tuple[str, str]]:
    rows = [
        ("source", f"{e.source.code} ({e.source.name})" if e.source else "unknown"),
        ("event", e.type + (f", mode {e.mode}" if e.mode else "")),
        ("target", f"{e.target.code} ({e.target.name})" if e.target else "none"),
        ("trigger", e.trigger.text),
        ("intensity", f"{e.intensity:+.1f} (PLOVER, conflict < 0 < cooperation)"),
        ("confidence", f"{e.confidence:.2f}"),
    ]
    if e.contexts:
        rows.append(("contexts", ", ".join(e.contexts)))
    flags = event_flags(e)
    if flags:
        rows.append(("marked", ", ".join(flags)))
    return rows


def _polarity(e: Event) -> str:
    return "ev-conflict" if e.intensity < 0 else "ev-coop" if e.intensity > 0 else "ev-neutral"
