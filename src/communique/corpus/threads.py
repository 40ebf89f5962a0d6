"""Threads: which stored statement a statement responds to.

The references layer marks references to earlier statements ("the statement
made on 28 February 2024 by the Minister of Foreign Affairs of Velmaria") and
whether this statement answers them (``responds_to``). Each such reference is
matched against the stored statements:

- actor: the candidate's issuer is the country of the first actor named in
  the reference;
- date: within ``DAYS`` days of the reference's date, and not after the
  responding statement; a reference without a date looks back ``UNDATED_DAYS``;
- content: the share of the responding sentence's content words (outside the
  reference itself and the actors it names, which the issuer already
  matched) that the candidate's title and text contain; the best candidate
  must reach ``MIN_OVERLAP`` (``MIN_OVERLAP_UNDATED`` without a date, where it
  must also beat every other candidate).

References that match nothing stay pending and are tried again whenever
statements are added, so the order of ingestion does not matter.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import timedelta

DAYS = 2
UNDATED_DAYS = 60
MIN_OVERLAP = 0.15
MIN_OVERLAP_UNDATED = 0.4

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP = set("""
about above after again against also among around because been before being below between both could does doing
down during each from further have having here into itself just more most must other over same should some such
than that their them then there these they this those through under until very were what when where which while
whom will with would your shall upon only once said says statement statements ministry foreign affairs minister
remarks spokesperson government side republic kingdom made issued regarding concerning reject rejects rejected
response respond responds comment comments note notes
""".split())


def content_words(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP}


def resolve(backend) -> int:
    """Link every pending responds-to reference that matches a stored statement."""
    pending = backend.query(
        "SELECT r.statement, r.idx, r.char_start, r.char_end, r.actor_country, r.ref_date, s.date "
        "FROM refs r JOIN statements s ON s.n = r.statement "
        "WHERE r.kind IN ('statement', 'speech') AND r.responds_to = 1 AND r.actor_country IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM links l WHERE l.statement = r.statement AND l.ref = r.idx) "
        "ORDER BY r.statement, r.idx"
    )
    added = 0
    for n, idx, start, end, country, ref_date, own_date in pending:
        window = _window(ref_date, own_date)
        if window is None:
            continue
        low, high = window
        candidates = backend.query(
            "SELECT n, id, date, title, text FROM statements WHERE issuer_country = ? AND n <> ? "
            "AND date >= ? AND substr(date, 1, 10) <= ?",
            (country, n, low, high),
        )
        candidates = [c for c in candidates if len(c[2] or "") >= 10]
        if not candidates:
            continue
        text = backend.one("SELECT text FROM statements WHERE n = ?", (n,))[0]
        words = content_words(_sentence_around(backend, n, start, end, text))
        scored = []
        for cn, _id, cdate, ctitle, ctext in candidates:
            found = words & content_words((ctitle or "") + " " + ctext)
            overlap = len(found) / len(words) if words else 0.0
            days = abs((Date.fromisoformat(cdate[:10]) - Date.fromisoformat((ref_date or own_date)[:10])).days)
            scored.append(((overlap, -days, -cn), cn, cdate, overlap, days, len(found)))
        scored.sort(reverse=True)
        (_, cn, cdate, overlap, days, shared) = scored[0]
        if overlap < (MIN_OVERLAP if ref_date else MIN_OVERLAP_UNDATED):
            continue
        if not ref_date and len(scored) > 1 and scored[1][3] >= overlap:
            continue  # an undated reference that two statements fit equally well: no guess
        quoted = " ".join(text[start:end].split())
        when = f"dated {ref_date}; statement of {cdate} ({days} day{'s' if days != 1 else ''} apart)" if ref_date \
            else f"undated; statement of {cdate}"
        reason = (f"reference '{quoted}': issuer {country}, {when}; "
                  f"{shared} of {len(words)} content words of the sentence shared")
        with backend.transaction():
            backend.execute("INSERT INTO links (statement, ref, target, reason) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT DO NOTHING", (n, idx, cn, reason))
        added += 1
    return added


def _window(ref_date: str | None, own_date: str | None) -> tuple[str, str] | None:
    """The dates a referenced statement may have (ISO strings, inclusive)."""
    own = _day(own_date)
    if ref_date:
        ref = _day(ref_date)
        if ref is None:
            return None
        high = ref + timedelta(days=DAYS)
        if own is not None:
            high = min(high, own)
        return (ref - timedelta(days=DAYS)).isoformat(), high.isoformat()
    if own is None:
        return None
    return (own - timedelta(days=UNDATED_DAYS)).isoformat(), own.isoformat()


def _day(value: str | None) -> Date | None:
    if not value or len(value) < 10:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sentence_around(backend, n: int, start: int, end: int, text: str) -> str:
    """The sentence holding a reference, without the reference and the actors it names."""
    row = backend.one(
        "SELECT char_start, char_end FROM sentences WHERE statement = ? AND char_start <= ? AND char_end >= ?",
        (n, start, end),
    )
    lo, hi = (row[0], row[1]) if row else (max(0, start - 200), min(len(text), end + 200))
    chars = list(text[lo:hi])
    spans = [(start, end)] + backend.query(
        "SELECT char_start, char_end FROM mentions WHERE statement = ? AND char_start >= ? AND char_end <= ?",
        (n, lo, hi))
    for a, b in spans:
        chars[a - lo : b - lo] = " " * (b - a)
    return "".join(chars)
