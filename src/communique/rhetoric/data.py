"""The Propaganda Techniques Corpus (PTC v2, SemEval-2020 Task 11) and our fixed split.

``../shared/data/propaganda/ptc/train.jsonl``: 371 news articles with 6,128
character spans labelled with 14 techniques. We split it by article, with a
hash of the article id so the split never changes and never depends on order:

* ``test`` (about 20%, 74 articles): held out for reporting only;
* ``dev`` (about 15%, 66 articles): model selection (features, C, thresholds);
* ``train`` (the rest, 231 articles): fitting.

The shipped model is refitted on train + dev with the settings chosen on dev;
``test`` is never used to fit or to choose anything.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from communique.errors import CommuniqueError

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    technique: str
    """A PTC label, e.g. ``Name_Calling,Labeling``."""


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    spans: tuple[GoldSpan, ...]

    @property
    def split(self) -> str:
        return split_of(self.id)


def split_of(article_id: str) -> str:
    """``test`` for 4 of 20 hash buckets, ``dev`` for 3, ``train`` for the other 13."""
    bucket = int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 20
    return "test" if bucket < 4 else "dev" if bucket < 7 else "train"


def read_ptc(path: Path) -> list[Article]:
    """Every article of a PTC JSONL file (``id``, ``text``, ``spans``), checked."""
    if path.is_dir():
        path = path / "train.jsonl"
    if not path.exists():
        raise CommuniqueError(f"{path}: not found (the PTC training file, ../shared/data/propaganda/ptc/train.jsonl)")
    articles = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text = rec["text"]
                spans = tuple(GoldSpan(int(s["start"]), int(s["end"]), str(s["technique"])) for s in rec["spans"])
            except (ValueError, KeyError, TypeError) as err:
                raise CommuniqueError(f"{path}:{number}: not a PTC record ({err})") from None
            for s in spans:
                if not 0 <= s.start < s.end <= len(text):
                    raise CommuniqueError(f"{path}:{number}: span {s.start}-{s.end} outside the text")
            articles.append(Article(str(rec["id"]), text, spans))
    return articles


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged into one (as the SemEval-2020 SI scorer does)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
