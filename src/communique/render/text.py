"""A readable terminal summary of one analysis: actors by country and sector."""

from __future__ import annotations

from collections import Counter, defaultdict

from communique.contract import Analysis


def render_text(analysis: Analysis, *, width: int = 100) -> str:
    st = analysis.statement
    lines = [f"Statement {st.id}" + (f"  {st.title}" if st.title else "")]
    meta = [
        f"issuer: {st.issuer.code} ({st.issuer.name})" if st.issuer else "issuer: not given",
        f"date: {st.date or 'not given'}",
        f"language: {st.language}",
        f"source: {st.source or '-'}",
    ]
    lines.append("  " + "   ".join(meta))
    lines.append(
        f"  {len(analysis.sentences)} sentences, {len(st.text):,} characters, {len(analysis.mentions)} actor mentions"
    )
    by_country: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for m in analysis.mentions:
        by_country[m.actor.country][m.actor.code] += 1
        forms[m.actor.code][m.text] += 1
        names[m.actor.code] = m.actor.name
    if by_country:
        lines.append("")
        lines.append(f"  {'actor':<10} {'count':>5}  {'name':<34} surface forms")
        order = sorted(by_country, key=lambda c: (-sum(by_country[c].values()), c))
        for country in order:
            for code, count in by_country[country].most_common():
                shown = ", ".join(f"{t} ({n})" if n > 1 else t for t, n in forms[code].most_common(4))
                more = len(forms[code]) - 4
                if more > 0:
                    shown += f", +{more} more"
                row = f"  {code:<10} {count:>5}  {_clip(names[code], 34):<34} {shown}"
                lines.append(_clip(row, width))
    for warning in analysis.warnings:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
