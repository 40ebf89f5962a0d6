"""Search queries: one small query language for both back ends, and snippets.

A query is a list of words, all required: ``nuclear disarmament``. Also:
``"quoted phrases"``, ``a OR b``, ``-word`` (must not occur) and ``prefix*``.
Words are stemmed (English), so ``sanction`` also finds "sanctions" and
"sanctioned". The query is translated to an FTS5 MATCH expression (SQLite)
or a tsquery (PostgreSQL); the snippet and the marks in it are computed here,
the same way for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.errors import CommuniqueError


class QueryError(CommuniqueError):
    """A search query that cannot be run."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """Required groups (each an OR of terms) and excluded terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def words(self) -> list[tuple[str, bool]]:
        """Every positive word with whether it is a prefix, for highlighting."""
        out = []
        for group in self.groups:
            for term in group:
                for i, word in enumerate(term.words):
                    out.append((word, term.prefix and i == len(term.words) - 1))
        return out


_TOKEN = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def parse(text: str) -> Query | None:
    """Parse a query; None for one without words (a filter-only search)."""
    items: list[Term | str] = []
    for m in _TOKEN.finditer(text or ""):
        if m.group(4) is not None:
            raw = m.group(4)
            if raw == "OR":
                items.append("OR")
                continue
            negated = raw.startswith("-") and len(raw) > 1
            raw = raw[1:] if negated else raw
            prefix = raw.endswith("*")
            words = _words(raw)
        else:
            negated, prefix = bool(m.group(1)), bool(m.group(3))
            words = _words(m.group(2))
        if words:
            items.append(Term(tuple(words), prefix=prefix, negated=negated))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for item in items:
        if item == "OR":
            join_next = bool(groups)
            continue
        assert isinstance(item, Term)
        if item.negated:
            excluded.append(item)
        elif join_next:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_next = False
    if not groups:
        if excluded:
            raise QueryError(f"search {text!r}: give at least one word that is not excluded with '-'")
        return None
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def _words(raw: str) -> list[str]:
    """Lower-cased words; a possessive "'s" is dropped ("Armenia's" -> armenia)."""
    raw = re.sub(r"['’]s\b", "", raw)
    return [w.lower() for w in _WORD.findall(raw)]


# -- back-end expressions ---------------------------------------------------------------
def fts5(query: Query) -> str:
    """The FTS5 MATCH expression."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.words).replace('"', '""') + '"' + ("*" if t.prefix else "")

    parts = []
    for group in query.groups:
        parts.append(term(group[0]) if len(group) == 1 else "(" + " OR ".join(term(t) for t in group) + ")")
    expression = " AND ".join(parts)
    for t in query.excluded:
        expression += " NOT " + term(t)
    return expression


def tsquery(query: Query) -> str:
    """The PostgreSQL tsquery text (for ``to_tsquery('english', ...)``)."""

    def term(t: Term) -> str:
        words = ["'" + w.replace("'", "''") + "'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"

    parts = []
    for group in query.groups:
        parts.append(term(group[0]) if len(group) == 1 else "(" + " | ".join(term(t) for t in group) + ")")
    parts += ["!" + term(t) for t in query.excluded]
    return " & ".join(parts)


# -- snippets -------------------------------------------------------------------------------
_SUFFIXES = ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "edly", "ful", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A light English stemmer, only to decide which words to highlight (both
    the query's words and the text's go through it)."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def snippet(text: str, query: Query | None, width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """The ``width`` characters of ``text`` with the most query words, cut at
    word boundaries, and the offsets of the query words inside it."""
    matches: list[tuple[int, int]] = []
    if query is not None:
        exact = {stem(w) for w, is_prefix in query.words if not is_prefix}
        prefixes = tuple(w for w, is_prefix in query.words if is_prefix)
        # only words that begin like a query word (its stem, less a letter) can match: find those, then check
        starts = {w[: max(1, len(w) - 1)] for w in exact} | set(prefixes)
        for a, b in _words_starting(text, starts):
            word = text[a:b].lower()
            if stem(word) in exact or (prefixes and word.startswith(prefixes)):
                matches.append((a, b))
        matches.sort()
    start = _best_window(matches, width)
    if start > 0:
        start = _word_start(text, start)
    end = min(len(text), start + width)
    if end < len(text):
        end = _word_end(text, end)
    body = text[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shown = lead + " ".join(body.split()) + tail
    # offsets into the whitespace-collapsed body
    marks = []
    mapping = _collapse_map(body)
    for a, b in matches:
        if a >= start and b <= end:
            marks.append((len(lead) + mapping[a - start], len(lead) + mapping[b - start - 1] + 1))
    return shown, marks


def _words_starting(text: str, starts: set[str]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` that begin with one of ``starts`` (lower case)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: offsets would drift
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, starts)) + r")\w*", re.IGNORECASE)
        return [m.span() for m, _ in zip(pattern.finditer(text), range(400), strict=False)]
    spans = set()
    for start in starts:
        at = lowered.find(start)
        while at >= 0 and len(spans) < 400:  # a word on every line: the first few hundred are plenty
            if at == 0 or not lowered[at - 1].isalnum():
                end = _WORD.match(lowered, at).end()
                spans.add((at, end))
            at = lowered.find(start, at + 1)
    return sorted(spans)


def _best_window(matches: list[tuple[int, int]], width: int) -> int:
    if not matches:
        return 0
    best, best_count, j = matches[0][0], 0, 0
    for i, (a, _b) in enumerate(matches):
        while j < len(matches) and matches[j][1] <= a + width:
            j += 1
        if j - i > best_count:
            best, best_count = a, j - i
    return max(0, best - width // 4)


def _word_start(text: str, i: int) -> int:
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def _collapse_map(body: str) -> list[int]:
    """For each character of ``body``, its index after ``" ".join(body.split())``."""
    out, j, in_space, started = [], 0, False, False
    for ch in body:
        if ch.isspace():
            if started and not in_space:
                j += 1
            in_space = True
            out.append(max(j - 1, 0))
        else:
            in_space = False
            started = True
            out.append(j)
            j += 1
    return out
