"""A small, dependency-free language guess: script first, then function words.

It only has to tell English from not-English reliably enough to warn; the
pipeline analyses every text with the English model either way.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for on with as by this it be are was we its has have from at not which".split()),
    "fr": frozenset("le la les des de du et est que qui une un dans pour pas sur avec par nous ce il au".split()),
    "es": frozenset("el la los las de del y que en un una es por para con no se su al lo como".split()),
    "de": frozenset("der die das und ist nicht zu den von mit sich des auf für im dem ein eine wir auch".split()),
    "pt": frozenset("o a os as de do da e que em um uma para com não por se na no dos".split()),
    "it": frozenset("il lo la gli le di e che in un una per con non si del della è sono".split()),
}

_SCRIPTS = (("CYRILLIC", "ru"), ("ARABIC", "ar"), ("CJK", "zh"), ("HANGUL", "ko"),
            ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("ARMENIAN", "hy"), ("GEORGIAN", "ka"),
            ("HEBREW", "he"), ("GREEK", "el"), ("DEVANAGARI", "hi"), ("THAI", "th"))


def detect(text: str, *, sample: int = 5_000) -> str:
    """ISO 639-1 code of the text's language, or ``und`` when unsure."""
    chunk = text[:sample]
    letters = [c for c in chunk if c.isalpha()]
    if not letters:
        return "und"
    latin = sum(1 for c in letters if c < "\u0250")
    if latin / len(letters) < 0.5:
        return _by_script(letters)
    words = [w.lower() for w in _WORD.findall(chunk)]
    if len(words) < 3:
        return "en"  # too short to tell; English is the working assumption
    scores = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in FUNCTION_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.08 else "und"


def _by_script(letters: list[str]) -> str:
    counts: dict[str, int] = {}
    for c in letters[:5000]:
        name = unicodedata.name(c, "")
        for marker, lang in _SCRIPTS:
            if marker in name:
                counts[lang] = counts.get(lang, 0) + 1
                break
    return max(counts, key=counts.__getitem__) if counts else "und"
