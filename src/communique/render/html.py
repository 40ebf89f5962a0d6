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
table{border-collapse:collapse;font-size:.9rem;margin-top:1rem} td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}
.warn{color:#8a4b00}
"""


def render_html(analyses: Sequence[Analysis], *, title: str = "communique analysis") -> str:
    body = "\n".join(_article(a) for a in analyses)
    legend = "".join(
        f'<span><mark class="{k}">{k}</mark></span>' for k in ("actor", "person", "place", "organisation")
    )
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
        f"<div class=\"text\">{_highlight(analysis)}</div>{_table(analysis)}{_events(analysis)}{_claims(analysis)}</article>"
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


def _highlight(analysis: Analysis) -> str:
    text = analysis.statement.text
    out = []
    pos = 0
    for m in sorted(analysis.mentions, key=lambda m: m.start):
        if m.start < pos:
            continue
        out.append(escape(text[pos:m.start]))
        tip = f"{m.actor.code} · {m.actor.name} · {m.kind} · via {m.via}"
        out.append(
            f'<mark class="{escape(m.kind)}" tabindex="0" title="{escape(tip)}" data-tip="{escape(tip)}">'
            f"{escape(text[m.start:m.end])}</mark>"
        )
        pos = m.end
    out.append(escape(text[pos:]))
    return "".join(out)


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
