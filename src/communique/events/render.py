"""Events as a terminal table and as PLOVER-style records."""

from __future__ import annotations

from communique.contract import Analysis, Event


def describe(event: Event) -> str:
    kind = event.type + (f"/{event.mode}" if event.mode else "")
    flags = [name for name in ("negated", "hypothetical", "historical") if getattr(event, name)]
    if event.reported_by:
        flags.append(f"reported by {event.reported_by.code}")
    source = event.source.code if event.source else "?"
    target = event.target.code if event.target else "-"
    return f"{source:<9} {kind:<24} {target:<9} {event.trigger.text:<16}" + (f" [{', '.join(flags)}]" if flags else "")


def render_table(analysis: Analysis, *, width: int = 160) -> str:
    st = analysis.statement
    head = f"Statement {st.id}" + (f"  {st.title}" if st.title else "") + f"  ({len(analysis.events)} events)"
    lines = [head, f"  {'source':<9} {'type/mode':<24} {'target':<9} {'trigger':<16} sentence"]
    for event in analysis.events:
        sent = analysis.sentences[event.sentence]
        text = " ".join(st.text[sent.start:sent.end].split())
        row = f"  {describe(event)}  {text}"
        lines.append(row if len(row) <= width else row[: width - 1] + "…")
    return "\n".join(lines) + "\n"


def plover_records(analysis: Analysis, *, asserted_only: bool = True) -> list[dict]:
    """PLOVER-style records. Event datasets count what happened, so by default
    negated and hypothetical (requested, planned, alleged) events are left out;
    each record still carries its flags."""
    st = analysis.statement
    out = []
    for event in analysis.events:
        if asserted_only and (event.negated or event.hypothetical):
            continue
        sent = analysis.sentences[event.sentence]
        out.append({
            "id": f"{st.id}-{event.id}",
            "date": st.date,
            "event": event.type,
            "mode": event.mode or "",
            "context": "; ".join(event.contexts),
            "actor": _actor(event.source),
            "recipient": _actor(event.target),
            "event_text": st.text[sent.start:sent.end],
            "trigger": event.trigger.text,
            "reported_by": _actor(event.reported_by),
            "negated": event.negated,
            "hypothetical": event.hypothetical,
            "historical": event.historical,
            "intensity": event.intensity,
            "statement_id": st.id,
            "source_document": st.source,
        })
    return out


def _actor(actor) -> dict | None:
    if actor is None:
        return None
    return {"actorText": actor.text, "code": actor.country, "sector": actor.sector or ""}
