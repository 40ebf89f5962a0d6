"""Timelines: events between two actors per period, and their renderings
(a terminal table, CSV, and a chart as PNG, SVG or a self-contained HTML page)."""

from __future__ import annotations

import csv
import html
import io
from collections import Counter, defaultdict
from datetime import date as Date
from datetime import timedelta

from communique.corpus.models import Period, Timeline
from communique.events.plover import TYPES

_NEEDS = {"year": 4, "month": 7, "week": 10, "day": 10}


def period_of(day: str | None, by: str) -> str | None:
    """The period a (possibly partial) ISO date falls in, or None if too vague."""
    if not day or len(day) < _NEEDS[by]:
        return None
    if by == "year":
        return day[:4]
    if by == "month":
        return day[:7]
    if by == "day":
        return day[:10]
    year, week, _ = Date.fromisoformat(day[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last``, so that quiet periods show as gaps."""
    out = [first]
    while out[-1] < last and len(out) < 100_000:
        out.append(_next(out[-1], by))
    return out


def _next(period: str, by: str) -> str:
    if by == "year":
        return str(int(period) + 1)
    if by == "month":
        y, m = int(period[:4]), int(period[5:7])
        return f"{y + m // 12}-{m % 12 + 1:02d}"
    if by == "day":
        return (Date.fromisoformat(period) + timedelta(days=1)).isoformat()
    y, w = int(period[:4]), int(period[6:])
    monday = Date.fromisocalendar(y, w, 1) + timedelta(days=7)
    y2, w2, _ = monday.isocalendar()
    return f"{y2}-W{w2:02d}"


def _matches(country: str | None, sector: str | None, want: tuple[str, str | None]) -> bool:
    return country == want[0] and (want[1] is None or sector == want[1])


def build(a: str, b: str, by: str, found: list[tuple], want_a: tuple, want_b: tuple) -> Timeline:
    """Aggregate event rows ``(statement, date, source country, source sector,
    target country, target sector, type, intensity)`` into a timeline."""
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: {"ab": Counter(), "ba": Counter()})
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"ab": [], "ba": []})
    statements, undated = set(), 0
    for n, day, sc, ss, tc, ts, kind, intensity in found:
        if _matches(sc, ss, want_a) and _matches(tc, ts, want_b):
            way = "ab"
        elif _matches(sc, ss, want_b) and _matches(tc, ts, want_a):
            way = "ba"
        else:
            continue
        period = period_of(day, by)
        if period is None:
            undated += 1
            continue
        counts[period][way][kind] += 1
        scores[period][way].append(float(intensity))
        statements.add(n)
    periods = []
    if counts:
        for p in periods_between(min(counts), max(counts), by):
            c, s = counts.get(p), scores.get(p)
            periods.append(Period(
                period=p,
                a_to_b=_ordered(c["ab"]) if c else {},
                b_to_a=_ordered(c["ba"]) if c else {},
                score_a_to_b=_mean(s["ab"]) if s else None,
                score_b_to_a=_mean(s["ba"]) if s else None,
            ))
    return Timeline(a=a, b=b, by=by, periods=periods, statements=len(statements), undated=undated)


def _ordered(counter: Counter) -> dict[str, int]:
    order = list(TYPES)
    return {k: counter[k] for k in sorted(counter, key=lambda t: order.index(t) if t in order else len(order))}


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


# -- renderings --------------------------------------------------------------------------------
def _fmt_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"


def _fmt_score(score: float | None) -> str:
    return "-" if score is None else f"{score:+.2f}"


def render_table(t: Timeline, *, quiet_periods: bool = False) -> str:
    """One line per period with events (every period with ``quiet_periods``)."""
    rows = [p for p in t.periods if quiet_periods or p.a_to_b or p.b_to_a]
    head = f"Events between {t.a} and {t.b} by {t.by}: {sum(sum(p.a_to_b.values()) + sum(p.b_to_a.values()) for p in t.periods)} " \
           f"events in {t.statements} statements" + (f" ({t.undated} more without a date precise enough)" if t.undated else "")
    width_a = max([len(f"{t.a} -> {t.b}")] + [len(_fmt_counts(p.a_to_b)) for p in rows])
    lines = [head, f"  {'period':<10} {'score':>6} {t.a + ' -> ' + t.b:<{width_a}}  {'score':>6} {t.b} -> {t.a}"]
    for p in rows:
        lines.append(f"  {p.period:<10} {_fmt_score(p.score_a_to_b):>6} {_fmt_counts(p.a_to_b):<{width_a}}  "
                     f"{_fmt_score(p.score_b_to_a):>6} {_fmt_counts(p.b_to_a)}")
    if not rows:
        lines.append("  (no events)")
    return "\n".join(lines) + "\n"


def render_csv(t: Timeline) -> str:
    """One row per period, direction and type (long form), with the period's score."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "source", "target", "type", "count", "score"])
    for p in t.periods:
        for src, dst, counts, score in ((t.a, t.b, p.a_to_b, p.score_a_to_b), (t.b, t.a, p.b_to_a, p.score_b_to_a)):
            for kind, n in counts.items():
                writer.writerow([p.period, src, dst, kind, n, "" if score is None else score])
    return out.getvalue()


def render_chart(t: Timeline, fmt: str) -> bytes:
    """The timeline as a chart: the score per period in each direction (top)
    and the number of events (bottom). ``fmt``: png or svg."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [p.period for p in t.periods]
    x = list(range(len(labels)))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 5.5), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    for key, label, colour in (("score_a_to_b", f"{t.a} → {t.b}", "#1f5fa8"),
                               ("score_b_to_a", f"{t.b} → {t.a}", "#c4572a")):
        ys = [getattr(p, key) for p in t.periods]
        pts = [(i, y) for i, y in zip(x, ys, strict=True) if y is not None]
        if pts:
            top.plot([i for i, _ in pts], [y for _, y in pts], marker="o", label=label, color=colour)
    top.axhline(0, color="#888", linewidth=0.8)
    top.set_ylim(-10.5, 10.5)
    top.set_ylabel("PLOVER intensity\n(conflict − / cooperation +)")
    top.legend(loc="upper left", fontsize=8)
    top.set_title(f"Events between {t.a} and {t.b}, by {t.by}")
    ab = [sum(p.a_to_b.values()) for p in t.periods]
    ba = [sum(p.b_to_a.values()) for p in t.periods]
    width = 0.4
    bottom.bar([i - width / 2 for i in x], ab, width, color="#1f5fa8", label=f"{t.a} → {t.b}")
    bottom.bar([i + width / 2 for i in x], ba, width, color="#c4572a", label=f"{t.b} → {t.a}")
    bottom.set_ylabel("events")
    step = max(1, len(labels) // 24)
    bottom.set_xticks(x[::step])
    bottom.set_xticklabels(labels[::step], rotation=60, fontsize=7, ha="right")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return buffer.getvalue()


def render_html(t: Timeline) -> str:
    """A self-contained page: the chart as inline SVG and the table."""
    svg = render_chart(t, "svg").decode("utf-8")
    svg = svg[svg.index("<svg"):]
    rows = "\n".join(
        f"<tr><td>{html.escape(p.period)}</td><td>{_fmt_score(p.score_a_to_b)}</td><td>{html.escape(_fmt_counts(p.a_to_b))}</td>"
        f"<td>{_fmt_score(p.score_b_to_a)}</td><td>{html.escape(_fmt_counts(p.b_to_a))}</td></tr>"
        for p in t.periods if p.a_to_b or p.b_to_a
    )
    a, b = html.escape(t.a), html.escape(t.b)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Events between {a} and {b}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2rem .5rem;font-size:.9rem}}svg{{max-width:100%;height:auto}}</style></head>
<body><h1>Events between {a} and {b}, by {html.escape(t.by)}</h1>
<p>{t.statements} statements; score: mean PLOVER intensity of the period's events (−10 conflict, +10 cooperation).</p>
{svg}
<table><thead><tr><th>period</th><th>score</th><th>{a} → {b}</th><th>score</th><th>{b} → {a}</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""
