"""The query language and the snippets (no database)."""

from __future__ import annotations

import pytest

from communique.corpus.search import QueryError, fts5, parse, snippet, stem, tsquery


def test_queries_translate_to_both_back_ends():
    q = parse('ceasefire "Upper Varn" mines OR minefields -Geneva demin* Armenia\'s')
    assert fts5(q) == '"ceasefire" AND "upper varn" AND ("mines" OR "minefields") AND "demin"* AND "armenia" NOT "geneva"'
    assert tsquery(q) == "'ceasefire' & ('upper' <-> 'varn') & ('mines' | 'minefields') & 'demin':* & 'armenia' & !'geneva'"
    assert parse("") is None and parse("  ,  ") is None
    with pytest.raises(QueryError):
        parse("-Geneva")
    assert fts5(parse('say "he said ""no"""')) == '"say" AND "he said" AND "no"'  # quotes cannot break out
    assert tsquery(parse("o'brien")) == "('o' <-> 'brien')"


def test_snippet_centres_on_the_matches_and_marks_them():
    text = ("Opening words. " * 40) + "The Ministry rejects the sanctions.\n\nSanctioned   goods are listed. " + ("Closing. " * 40)
    shown, marks = snippet(text, parse("sanction"), width=120)
    assert shown.startswith("…") and shown.endswith("…")
    assert [shown[a:b] for a, b in marks] == ["sanctions", "Sanctioned"]
    assert "\n" not in shown and "  " not in shown
    head, none = snippet(text, None, width=50)
    assert head.startswith("Opening words.") and none == []


def test_the_highlighting_stemmer_groups_word_forms():
    assert stem("sanctions") == stem("sanctioned") == stem("sanction")
    assert stem("peaceful") == stem("peace")
    assert stem("nations") == "nation"
