"""One self-contained HTML page: the statement with each mention highlighted.

Every piece of statement text and metadata is escaped; the page loads nothing
from outside (inline CSS, no scripts).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from communique.contract import Analysis

_CSS = """
body{font:16px/1.6 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f7f7f5;color:#1d1d1f}
main{max-width:52rem;margin:0 auto;padding:1.5rem}
article{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1.25rem 1.5rem;margin:0 0 1.5rem}
h1{font-size:1.3rem;margin:.2rem 0 .6rem} h2{font-size:1.05rem;margin:1.2rem 0 .3rem} .meta{color:#555;font-size:.9rem;margin:0 0 1rem}
.text{white-space:pre-wrap}
mark{border-radius:3px;padding:0 .1em;position:relative;cursor:help}
mark.actor{background:#ffe3a3} mark.person{background:#c9e7ff} mark.place{background:#d6f5d0} mark.organisation{background:#ead7ff}
mark:hover::after,mark:focus::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:2;white-space:nowrap;
 background:#222;color:#fff;font-size:.8rem;padding:.2rem .45rem;border-radius:4px}
.legend span{display:inline-block;margin-right:.8rem;font-size:.85rem}
.tq{border-bottom:3px solid #c2410c;cursor:help} .tq.appeal{border-bottom-color:#1d4ed8} .tq.form{border-bottom-color:#7e22ce}
.tq.many{border-bottom-style:double}
table{border-collapse:collapse;font-size:.9rem;margin-top:1rem} td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}
.warn{color:#8a4b00}
"""


def render_html(analyses: Sequence[Analysis], *, title: str = "communique analysis") -> str:
    body = "\n".join(_article(a) for a in analyses)
    legend = "".join(
        f'<span><mark class="{k}">{k}</mark></span>' for k in ("actor", "person", "place", "organisation")
    ) + "".join(f'<span><span class="tq {k}">{name}</span></span>' for k, name in (
        ("attack", "technique: attack"), ("appeal", "technique: appeal"), ("form", "technique: form")))
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f"<body><main><p class=\"legend\">{legend}</p>{body}</main></body></html>\n"
    )


def _article(analysis: Analysis) -> str:
    st = analysis.statement
    meta = " · ".join(
        escape(x)
        for x in (
            st.issuer.code + " (" + st.issuer.name + ")" if st.issuer else "issuer not given",
            st.date or "date not given",
            st.source or "",
            f"id {st.id}",
        )
        if x
    )
    heading = escape(st.title) if st.title else f"Statement {escape(st.id)}"
    warnings = "".join(f'<p class="warn">warning: {escape(w)}</p>' for w in analysis.warnings)
    return (
        f"<article><h1>{heading}</h1><p class=\"meta\">{meta}</p>{warnings}"
        f"<div class=\"text\">{_highlight(analysis)}</div>{_table(analysis)}{_events(analysis)}{_claims(analysis)}"
        f"{_techniques(analysis)}{_stance(analysis)}</article>"
    )


def _events(analysis: Analysis) -> str:
    if not analysis.events:
        return ""
    rows = []
    for e in analysis.events:
        flags = [f for f in ("negated", "hypothetical", "historical") if getattr(e, f)]
        if e.reported_by:
            flags.append(f"reported by {e.reported_by.code}")
        rows.append(
            "<tr>" + "".join(f"<td>{escape(x)}</td>" for x in (
                e.source.code if e.source else "?", e.type + (f"/{e.mode}" if e.mode else ""),
                e.target.code if e.target else "-", e.trigger.text, ", ".join(flags))) + "</tr>")
    return ("<h2>Events</h2><table><thead><tr><th>source</th><th>event</th><th>target</th><th>trigger</th>"
            f"<th>flags</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _claims(analysis: Analysis) -> str:
    if not analysis.claims:
        return ""
    rows = "".join(
        f"<tr><td>{c.checkworthiness:.2f}</td><td>{escape(', '.join(c.kinds))}</td><td>{escape(' '.join(c.text.split()))}</td></tr>"
        for c in sorted(analysis.claims, key=lambda c: -c.checkworthiness))
    return ("<h2>Claims, most check-worthy first</h2><table><thead><tr><th>score</th><th>kinds</th><th>claim</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


APPEALS = frozenset({"Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values", "Appeal_to_Fear-Prejudice",
                     "Flag_Waving", "Appeal_to_Time", "Appeal_to_Hypocrisy"})
FORMS = frozenset({"Repetition", "Slogans", "Conversation_Killer", "Exaggeration-Minimisation",
                   "Obfuscation-Vagueness-Confusion", "False_Dilemma-No_Choice", "Causal_Oversimplification",
                   "Consequential_Oversimplification"})


def _family(label: str) -> str:
    """A CSS class from a fixed set (never from the data): appeal, form or attack."""
    return "appeal" if label in APPEALS else "form" if label in FORMS else "attack"


def _highlight(analysis: Analysis) -> str:
    """The text cut at every mention and technique boundary: techniques underline
    (label and explanation on hover), mentions are marked inside them."""
    text = analysis.statement.text
    mentions = []
    pos = 0
    for m in sorted(analysis.mentions, key=lambda m: m.start):
        if m.start >= pos:  # mentions do not overlap; keep the first of any that would
            mentions.append(m)
            pos = m.end
    techniques = [t for t in analysis.techniques if t.end > t.start]
    cuts = sorted({0, len(text)} | {x for m in mentions for x in (m.start, m.end)}
                  | {x for t in techniques for x in (t.start, t.end)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        mention = next((m for m in mentions if m.start <= a and b <= m.end), None)
        if mention is not None:
            tip = f"{mention.actor.code} · {mention.actor.name} · {mention.kind} · via {mention.via}"
            piece = (f'<mark class="{escape(mention.kind)}" tabindex="0" title="{escape(tip)}" '
                     f'data-tip="{escape(tip)}">{piece}</mark>')
        over = [t for t in techniques if t.start <= a and b <= t.end]
        if over:
            tip = " | ".join(f"{t.technique.replace('_', ' ')} ({t.confidence:.2f}): {t.explanation}" for t in over)
            classes = "tq " + _family(over[0].technique) + (" many" if len(over) > 1 else "")
            piece = f'<span class="{classes}" title="{escape(tip)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _techniques(analysis: Analysis) -> str:
    if not analysis.techniques:
        return ""
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(x)}</td>" for x in (
            t.technique.replace("_", " "), f"{t.confidence:.2f}", " ".join(t.text.split()),
            t.target.code if t.target else "-", t.explanation)) + "</tr>"
        for t in analysis.techniques)
    return ("<h2>Persuasion techniques</h2><table><thead><tr><th>technique</th><th>confidence</th><th>text</th>"
            f"<th>aimed at</th><th>explanation</th></tr></thead><tbody>{rows}</tbody></table>")


def _stance(analysis: Analysis) -> str:
    if not analysis.stance:
        return ""
    rows = "".join(
        f"<tr><td>{escape(s.actor)}</td><td>{escape(s.name or '')}</td><td>{s.score:+.2f}</td>"
        f"<td>{escape(', '.join(str(i) for i in s.sentences))}</td></tr>" for s in analysis.stance)
    return ("<h2>Stance of the issuer</h2><table><thead><tr><th>actor</th><th>name</th><th>score (-1 hostile .. +1 "
            f"friendly)</th><th>sentences</th></tr></thead><tbody>{rows}</tbody></table>")


def _table(analysis: Analysis) -> str:
    counts: dict[str, tuple[str, int]] = {}
    for m in analysis.mentions:
        name, n = counts.get(m.actor.code, (m.actor.name, 0))
        counts[m.actor.code] = (name, n + 1)
    if not counts:
        return "<p>No actor mentions found.</p>"
    rows = "".join(
        f"<tr><td>{escape(code)}</td><td>{escape(name)}</td><td>{n}</td></tr>"
        for code, (name, n) in sorted(counts.items(), key=lambda kv: -kv[1][1])
    )
    return f"<table><thead><tr><th>actor</th><th>name</th><th>mentions</th></tr></thead><tbody>{rows}</tbody></table>"
