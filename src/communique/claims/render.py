"""Claims ranked by check-worthiness, as a terminal table."""

from __future__ import annotations

import textwrap

from communique.contract import Analysis


def render_claims(analysis: Analysis, *, top: int | None = None, width: int = 110) -> str:
    st = analysis.statement
    claims = sorted(analysis.claims, key=lambda c: -c.checkworthiness)[:top]
    lines = [f"Statement {st.id}" + (f"  {st.title}" if st.title else "")
             + f"  ({len(analysis.claims)} claims in {len(analysis.sentences)} sentences)"]
    for claim in claims:
        text = " ".join(claim.text.split())
        lines.append(f"  {claim.checkworthiness:.2f}  [{', '.join(claim.kinds)}]")
        lines += ["        " + line for line in textwrap.wrap(text, width=width - 8)]
        for i in claim.quantities:
            q = analysis.quantities[i]
            lines.append(f"        quantity: {q.text!r} -> {_num(q.value)}"
                         + (f" ({q.qualifier})" if q.qualifier else "") + (f" {q.unit}" if q.unit else ""))
        for i in claim.dates:
            d = analysis.dates[i]
            lines.append(f"        date: {d.text!r} -> {d.value or d.duration or '?'}")
        for i in claim.references:
            r = analysis.references[i]
            lines.append(f"        reference ({r.kind}): {r.text!r}" + (f" -> {', '.join(r.ids)}" if r.ids else "")
                         + (" [responds to]" if r.responds_to else ""))
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
