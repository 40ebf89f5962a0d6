"""Techniques by sentence and the stance table, for the terminal."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from communique.contract import Analysis, Technique


def describe(t: Technique) -> str:
    target = f" -> {t.target.code}" if t.target else ""
    via = f" [{t.via}]" if t.via else ""
    return f"{t.technique:<26} {t.confidence:.2f}  '{_clip(' '.join(t.text.split()), 60)}'{target}{via}"


def render_rhetoric(analysis: Analysis, *, width: int = 110) -> str:
    st = analysis.statement
    lines = [f"Statement {st.id}" + (f"  {st.title}" if st.title else "")
             + f"  ({len(analysis.techniques)} techniques in {len(analysis.sentences)} sentences)"]
    by_sentence: dict[int, list[Technique]] = defaultdict(list)
    for t in analysis.techniques:
        by_sentence[t.sentence if t.sentence is not None else _sentence_of(analysis, t.start)].append(t)
    for index in sorted(by_sentence):
        sent = analysis.sentences[index]
        text = " ".join(st.text[sent.start:sent.end].split())
        lines.append("")
        lines += textwrap.wrap(f"[{index}] {text}", width=width, initial_indent="  ", subsequent_indent="      ")[:3]
        for t in by_sentence[index]:
            lines.append(f"      {describe(t)}")
            lines.append(f"        {_clip(t.explanation, width - 8)}")
    if not analysis.techniques:
        lines.append("  no techniques found")
    lines.append("")
    lines.append(render_stance(analysis))
    return "\n".join(lines) + "\n"


def render_stance(analysis: Analysis) -> str:
    issuer = analysis.statement.issuer
    who = issuer.code if issuer else "the issuer (not given: events cannot count)"
    if not analysis.stance:
        return f"  Stance of {who}: no actors mentioned"
    lines = [f"  Stance of {who} toward each actor mentioned (-1 hostile .. +1 friendly)",
             f"  {'actor':<8} {'score':>6}  {'name':<34} sentences"]
    for s in analysis.stance:
        sentences = ", ".join(str(i) for i in s.sentences) or "-"
        lines.append(f"  {s.actor:<8} {s.score:>+6.2f}  {_clip(s.name or '', 34):<34} {_clip(sentences, 40)}")
    return "\n".join(lines)


def _sentence_of(analysis: Analysis, start: int) -> int:
    for s in analysis.sentences:
        if s.start <= start < s.end:
            return s.index
    return 0


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
