"""Facts about a Doc that spaCy recomputes on every access, computed once.

``Token.is_sent_start`` checks the whole Doc's annotation and ``Doc.text``
joins every token on each call; the layers ask them per token or per match,
so they are cached in the Doc's ``user_data`` (the Doc is finished by then).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

_STARTS = "communique.sentence_starts"
_TEXT = "communique.text"


def sentence_starts(doc: Doc) -> frozenset[int]:
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = frozenset(s.start for s in doc.sents)
        doc.user_data[_STARTS] = starts
    return starts


def is_sentence_start(tok: Token) -> bool:
    return tok.i in sentence_starts(tok.doc)


def text_of(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


def statement_date(doc: Doc) -> date | None:
    """The statement's date (``doc._.date``, ISO) as a date, or None."""
    value = doc._.date if Doc.has_extension("date") else None
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
