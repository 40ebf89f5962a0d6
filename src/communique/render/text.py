"""A readable terminal summary of one analysis: actors by country and sector."""

from __future__ import annotations

import textwrap
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
    rows: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for m in analysis.mentions:
        rows[(m.actor.code, m.actor.name)][m.text] += 1
    if rows:
        lines += ["", f"  {'actor':<9} {'count':>5}  {'name':<32} surface forms"]
        indent = " " * 52
        order = sorted(rows, key=lambda k: (-_country_total(rows, k[0]), k[0].split()[0], -sum(rows[k].values()), k))
        for code, name in order:
            forms = rows[(code, name)]
            shown = ", ".join(f"{t} ({n})" if n > 1 else t for t, n in forms.most_common())
            wrapped = textwrap.wrap(shown, width=max(30, width - len(indent))) or [""]
            lines.append(f"  {code:<9} {sum(forms.values()):>5}  {_clip(name, 32):<32} {wrapped[0]}")
            lines += [indent + more for more in wrapped[1:3]]
            if len(wrapped) > 3:
                lines.append(indent + "…")
    if analysis.events:
        from communique.events.render import describe

        lines += ["", f"  {len(analysis.events)} events (source, type/mode, target, trigger)"]
        lines += [f"  {describe(e)}" for e in analysis.events[:30]]
        if len(analysis.events) > 30:
            lines.append(f"  … and {len(analysis.events) - 30} more (communique events FILE)")
    if analysis.claims:
        top = sorted(analysis.claims, key=lambda c: -c.checkworthiness)[:3]
        lines += ["", f"  {len(analysis.claims)} check-worthy claims; the top {len(top)} (communique claims FILE for all):"]
        for claim in top:
            text = " ".join(claim.text.split())
            lines.append(f"  {claim.checkworthiness:.2f} [{', '.join(claim.kinds)}] " + _clip(text, width - 30))
    if analysis.techniques:
        shown = sorted(analysis.techniques, key=lambda t: -t.confidence)[:4]
        lines += ["", f"  {len(analysis.techniques)} persuasion techniques; the {len(shown)} most confident "
                  "(communique rhetoric FILE for all):"]
        for t in shown:
            target = f" -> {t.target.code}" if t.target else ""
            lines.append(f"  {t.confidence:.2f} {t.technique:<24} '{_clip(' '.join(t.text.split()), width - 46)}'{target}")
    if analysis.stance:
        shown = [s for s in analysis.stance if s.sentences][:6]
        if shown:
            lines += ["", "  stance of the issuer (-1 hostile .. +1 friendly): "
                      + ", ".join(f"{s.actor} {s.score:+.2f}" for s in shown)]
    for warning in analysis.warnings:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines) + "\n"


def _country_total(rows, code: str) -> int:
    country = code.split()[0]
    return sum(sum(c.values()) for (k, _n), c in rows.items() if k.split()[0] == country)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
