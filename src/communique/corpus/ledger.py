"""The claim ledger: near-identical claims across statements, grouped.

Each claim's text is normalised with every actor mention masked (one stand-in
for all: "@ forces shelled the village of @"), so that similarity is about the
content and cannot depend on which state is named; the actors themselves
(their codes, in order of appearance) and the numbers in the
claim must then be *equal* for two claims to match, which keeps "A attacked B"
apart from "B attacked A" and "2,700 mines" apart from "3,000 mines". Swapping
two states' names swaps the keys and changes nothing else.

Similarity is the Jaccard similarity of word 3-gram shingles, estimated by a
minhash signature (16 permutations) and banded for lookup (8 bands of 2 rows:
pairs at 0.6 meet in a band 97 times in a hundred, at 0.7 995 times in a
thousand), then computed exactly on the stored shingle sets. A new claim joins the cluster of its most similar
stored claim when the similarity reaches ``THRESHOLD`` (``SHORT_THRESHOLD``
for short claims), else it starts a new cluster (so clusters grow as statements arrive, without recomputing).

A claim *disputes* a cluster when it denies or rejects something said
(:func:`is_denial`: "rejects the allegations", "denies that", "these claims
are baseless"; not a REJECT event as such, which is as often a vote against a
resolution or a refusal to talk), comes from another issuer,
names at least the cluster's actors, of which at least one is a state, and restates a claim of the cluster: at
least ``DISPUTE_SHARED`` shingles and ``DISPUTE_CONTAINMENT`` of that claim's
shingles in common. A denial restates only part of a claim, so its similarity
is often too low for the bands: disputes found through the bands are stored
as claims arrive, and :func:`find_disputes` also looks for them through the
full-text index when the ledger is listed.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import re
import zlib
from dataclasses import dataclass

import numpy as np

from communique.contract import Analysis, Claim

THRESHOLD = 0.4
"""Shingle Jaccard similarity at which two claims are the same claim, chosen by
the precision measured per band of similarity on pairs of UN General Debate
claims judged by hand (benchmarks/results/ledger_bands.jsonl: 0.917 in
0.4-0.5, 0.948 at 0.4 and above, 0.5 in 0.3-0.4)."""
MIN_SHINGLES = 6
SHORT_THRESHOLD = 0.8
"""Claims of fewer than MIN_SHINGLES shingles (eight words) must be this similar:
short and truncated sentences ("there has been no progress") were most of the
wrong pairs below 0.6."""
DISPUTE_CONTAINMENT = 0.25
"""Share of a claim's shingles that a denying claim must contain to dispute it."""
DISPUTE_SHARED = 4
PERMUTATIONS = 16
BANDS = 8
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3

_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20240611)  # fixed: signatures must be the same in every process and run
_A = _rng.integers(1, int(_PRIME), size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, int(_PRIME), size=PERMUTATIONS, dtype=np.uint64)

_SAID = (r"(?:claims?|allegations?|accusations?|assertions?|statements?|remarks?|charges?|reports?|contentions?|"
         r"insinuations?|propaganda|lies|narratives?|versions?|fabrications?|information|assessments?|conclusions?|"
         r"findings?|interpretations?|views?|arguments?|notions?|ideas?|attempts? to)")
DENIAL = re.compile(
    rf"\b(?:(?<!not\s)(?<!cannot\s)(?<!n't\s)(?<!can\s)(?<!could\s)(?<!never\s)(?:den(?:y|ies|ied)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?|dismiss(?:es|ed|ing)?)"
    rf"\W+(?:\w+\W+){{0,5}}?(?:{_SAID}|that)|"
    rf"den(?:y|ies|ied)\W+(?:any\W+|all\W+|its\W+|their\W+|the\W+)?(?:involvement|responsibility|participation|"
    rf"role|presence|knowledge|having)|"
    rf"(?:{_SAID})\W+(?:that\W+(?:\w+\W+){{0,30}}?|(?:\w+\W+){{0,3}}?)(?:is|are|was|were|remains?)\W+(?:\w+\W+){{0,2}}?"
    rf"(?:false|wrong|untrue|baseless|groundless|unfounded|absurd|invented)|"
    rf"false (?:{_SAID})|baseless|groundless|unfounded|falsely|falsehoods?|fabricat\w*|untrue|"
    rf"(?:spread\w*|tell\w*|told|pump\w* out|peddl\w*)\W+(?:\w+\W+){{0,2}}?lies|"
    rf"slander\w*|distort\w*|disinformation|misinformation|no truth|not true)\b",
    re.I,
)
"""What denies or rejects something said: a verb of denial before what was said ("rejects the
allegations", "denies that"), what was said called false ("these claims are baseless"), or a word of
denial on its own ("groundless", "disinformation"). Not "denied their rights" or "rejected the old order"."""

_NEGATED = re.compile(r"\b(?:not|cannot|can't|never|no one|nobody|none)\W+(?:\w+\W+){0,2}$", re.I)


def is_denial(sentence: str) -> bool:
    """Whether ``sentence`` denies or rejects something said (``DENIAL``), not
    when the denial is itself negated ("no one can now deny that ...")."""
    return any(not _NEGATED.search(sentence[max(0, m.start() - 40) : m.start()]) for m in DENIAL.finditer(sentence))


FORMULA = re.compile(
    r"^\W*(?:the\s+)?(?:acting\s+|temporary\s+)?president\s+(?:returned\s+to|took|resumed|left)\s+the\s+chair\b|"
    r"^\W*the\s+meeting\s+(?:rose|was\s+(?:called\s+to\s+order|suspended|adjourned|resumed))\b|"
    r"\bcongratulat\w*\b[^;]{0,160}?\b(?:on|upon)\s+(?:(?:his|her|your|their|the)\s+)?(?:\w+\s+){0,2}?"
    r"(?:election|elevation|assumption|appointment)\b",
    re.I,
)
"""Formulas of the record and of ceremony, which recur in every session and say nothing a reader
would check or dispute: a transcript's notes on who presides ("The President returned to the
Chair.", "The meeting rose at 1 p.m.") and congratulations on an election ("I congratulate Mr. X on
his election as President of the General Assembly")."""


def is_formula(text: str) -> bool:
    """Whether a claim's text is a formula of the record or of ceremony
    (``FORMULA``), a heading in title case, or too short to be a claim: fewer
    than four words, as the claims layer now requires of a claim
    ("He said:"; corpora analysed earlier still hold such claims)."""
    words = _WORD.findall(text)
    if len(words) < 4:
        return True
    # a heading in title case ("Representation on and Increase in the Membership of the Security Council.")
    return all(w[0].isupper() or w.lower() in _CONNECTORS for w in words) or bool(FORMULA.search(text))


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CONNECTORS = frozenset("of the on to and for in against between de la du des".split())


_TOKEN = re.compile(r"@|\d[\d,.]*\d|\d|[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class ClaimKey:
    """What the ledger keeps of one claim."""

    key: str
    """The actors (codes, in order of appearance) and numbers: must be equal to match."""
    shingles: np.ndarray
    """Sorted unique uint32 hashes of the masked word 3-grams."""
    denial: bool


def claim_key(analysis: Analysis, claim: Claim, mentions: list | None = None) -> ClaimKey:
    """Mask, normalise and shingle one claim of ``analysis`` (``mentions``: its
    mentions sorted by start, when the caller has them)."""
    text = analysis.statement.text
    start, end = claim.start, claim.end
    pieces: list[str] = []
    actors: list[str] = []
    at = start
    mentions = mentions if mentions is not None else sorted(analysis.mentions, key=lambda m: m.start)
    first = bisect.bisect_left([m.start for m in mentions], start) if len(mentions) > 64 else 0
    for m in mentions[first:]:
        if m.start >= end:
            break
        if m.start < at or m.end > end:
            continue
        pieces.append(text[at : m.start])
        country = m.actor.country
        if country not in actors:
            actors.append(country)
        pieces.append(" @ ")
        at = m.end
    pieces.append(text[at:end])
    masked = "".join(pieces)
    found = list(_TOKEN.finditer(masked))
    tokens = [m.group().lower() for m in found]
    numbers = sorted({t.replace(",", "") for t in tokens if t[0].isdigit()})
    denial = is_denial(text[start:end])
    return ClaimKey(key=" ".join(actors) + "|" + " ".join(numbers), shingles=content_shingles(masked, found, tokens),
                    denial=denial)


_INSTITUTIONS = frozenset("""
treaty treaties convention conventions conference declaration charter agreement accord accords protocol covenant
statute act pact organization organisation council assembly committee commission programme program summit court
tribunal union nations fund bank agency institute forum movement group alliance community secretariat session
decade year strategy plan agenda goals initiative process talks review parties law sea
""".split())


def name_runs(text: str, found: list[re.Match]) -> list[int]:
    """For each token, the number of the name of an instrument or body it lies
    inside (a run of at least ``SHINGLE`` tokens of capitalised words, joined
    by "of", "the", "on"..., with a word such as "Treaty", "Conference" or
    "Council" in it: "the Second Review Conference of the Parties to the
    Treaty on the Non-Proliferation of Nuclear Weapons"), or -1. A person's
    name is not one: "our thanks to Mr. X" and "to Mr. Y" are not the same
    claim."""
    def capital(i: int) -> bool:
        word = found[i].group()
        if word[0].isupper() and len(word) > 1:
            return True  # "I" is no name
        # the second part of a hyphenated name ("Non-proliferation")
        return word[0].isalpha() and i > 0 and text[found[i].start() - 1 : found[i].start()] == "-" and capital(i - 1)

    runs = [-1] * len(found)
    i, number = 0, 0
    while i < len(found):
        if not capital(i):
            i += 1
            continue
        j = last = i
        while j + 1 < len(found):
            if capital(j + 1):
                j = last = j + 1
            elif found[j + 1].group().lower() in _CONNECTORS:
                j += 1
            else:
                break
        if last - i + 1 >= SHINGLE and any(found[k].group().lower() in _INSTITUTIONS for k in range(i, last + 1)):
            runs[i : last + 1] = [number] * (last - i + 1)
            number += 1
        i = last + 1
    return runs


def content_shingles(text: str, found: list[re.Match], tokens: list[str] | None = None) -> np.ndarray:
    """The shingles of a claim's tokens (``found`` in ``text``; ``tokens``:
    theirs lower-cased, when the caller has them) less those lying inside one
    proper name: claims that share only a long name ("... the Review
    Conference of the Parties to the Treaty on the Non-Proliferation of
    Nuclear Weapons failed" and "... was a success") are not the same claim.
    A claim that is nothing but names keeps all its shingles."""
    tokens = tokens if tokens is not None else [m.group().lower() for m in found]
    if len(tokens) < SHINGLE:
        return shingles(tokens)
    runs = name_runs(text, found)
    kept = [i for i in range(len(tokens) - SHINGLE + 1) if runs[i] < 0 or runs[i + SHINGLE - 1] != runs[i]]
    return shingles(tokens, kept) if kept else shingles(tokens)


def shingles(tokens: list[str], starts: list[int] | None = None) -> np.ndarray:
    """The hashed word 3-grams of ``tokens`` (those starting at ``starts``, or all)."""
    if len(tokens) < SHINGLE:
        grams = [" ".join(tokens)] if tokens else []
    else:
        starts = starts if starts is not None else range(len(tokens) - SHINGLE + 1)
        grams = [" ".join(tokens[i : i + SHINGLE]) for i in starts]
    return np.unique(np.array([zlib.crc32(g.encode("utf-8")) for g in grams], dtype=np.uint32))


def signature(shingle_set: np.ndarray) -> np.ndarray:
    """The minhash signature (``PERMUTATIONS`` values) of a shingle set."""
    if shingle_set.size == 0:
        return np.zeros(PERMUTATIONS, dtype=np.uint64)
    x = (shingle_set.astype(np.uint64) % _PRIME)[:, None]
    hashed = (_A * x + _B) % _PRIME  # a, x < 2**31: no overflow in uint64
    return hashed.min(axis=0)


def bands(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band's number and its rows)."""
    out = []
    for b in range(BANDS):
        raw = b.to_bytes(1, "little") + sig[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "little", signed=True))
    return out


def same_claim(a: np.ndarray, b: np.ndarray) -> float | None:
    """The similarity of two claims' shingle sets if it makes them the same claim, else None."""
    sim = jaccard(a, b)
    if sim < THRESHOLD or (min(a.size, b.size) < MIN_SHINGLES and sim < SHORT_THRESHOLD):
        return None
    return sim


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


NOT_STATES = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "---"})


def disputable(key: str) -> bool:
    """Whether a claim with this key can be disputed: it names a state (one
    state's claim about another is what another state rejects; a general
    sentence about the Charter or the Assembly is not disputed by every
    denial that shares its words)."""
    return any(code not in NOT_STATES for code in key.split("|")[0].split())


def disputes(claim: np.ndarray, denial: np.ndarray) -> bool:
    """Whether the ``denial`` restates ``claim`` (shingle sets). Shingles inside
    the name of a treaty or convention do not count: "we did not sign the
    Treaty on the Non-Proliferation of Nuclear Weapons" shares six shingles
    with every claim that names the Treaty, and restates none of them."""
    if claim.size == 0:
        return False
    names = name_shingles()
    claim = claim[~np.isin(claim, names)]
    if claim.size == 0:
        return False
    shared = np.intersect1d(claim, denial, assume_unique=True).size
    return shared >= DISPUTE_SHARED and shared / claim.size >= DISPUTE_CONTAINMENT


@functools.cache
def name_shingles() -> np.ndarray:
    """The shingles of the names of the instruments the references layer knows
    (the bundled core set: the UN Charter, the major conventions...), each
    also with "the" before it, as they read in a claim."""
    from communique.references.kb import CORE_FILES, DATA_DIR

    grams: list[np.ndarray] = []
    with (DATA_DIR / CORE_FILES["instruments"]).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                for name in [record["name"], *record.get("aliases", [])]:
                    words = _TOKEN.findall(name)
                    if sum(w[:1].isupper() for w in words) < 2 or any(w[:1].isdigit() for w in words):
                        continue  # a proper name ("the Geneva Conventions"), not "the ceasefire agreement of 1994"
                    tokens = [w.lower() for w in words]
                    if len(tokens) >= SHINGLE:
                        grams.append(shingles(tokens))
                        grams.append(shingles(["the", *tokens]))
    return np.unique(np.concatenate(grams)) if grams else np.zeros(0, dtype=np.uint32)


def to_blob(shingle_set: np.ndarray) -> bytes:
    return shingle_set.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<u4").astype(np.uint32)


def settings() -> str:
    """The ledger's settings, stored in ``meta``: claims clustered with other
    settings are clustered again (``Corpus.recluster``)."""
    return (f"jaccard>={THRESHOLD} short<{MIN_SHINGLES}:{SHORT_THRESHOLD} "
            f"dispute>={DISPUTE_SHARED},{DISPUTE_CONTAINMENT}-names-states "
            f"shingle={SHINGLE}-institution-names "
            f"perms={PERMUTATIONS} bands={BANDS}")


_CONTENT = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_COMMON = set("""
that this with from have have been were will would shall should could which their there these those what when
where while about also into than then them they your said such only other more most very upon over under between
against after before during within without because
""".split())


def find_disputes(corpus, cluster: int, members: list[tuple]) -> set[str]:
    """Issuers whose denying claims restate a claim of ``cluster`` (see
    :func:`find_dispute_claims`)."""
    return {issuer for issuer, _k in find_dispute_claims(corpus, cluster, members)}


def find_dispute_claims(corpus, cluster: int, members: list[tuple]) -> list[tuple[str, int]]:
    """(issuer, claim k) of the denying claims that restate a claim of ``cluster``, found through
    the full-text index: statements sharing the claim's content words, their
    denying claims checked shingle by shingle. ``members``: (statement n,
    char_start, char_end, issuer country, key, shingles) of the cluster."""
    from communique.corpus.search import fts5, parse, tsquery

    backend = corpus.backend
    head = members[0]
    chars = list(backend.one("SELECT substr(text, ?, ?) FROM statements WHERE n = ?",
                             (head[1] + 1, head[2] - head[1], head[0]))[0])
    for a, b in backend.query("SELECT char_start, char_end FROM mentions WHERE statement = ? AND char_start >= ? "
                              "AND char_end <= ?", (head[0], head[1], head[2])):
        chars[a - head[1] : b - head[1]] = " " * (b - a)
    words = sorted({w.lower() for w in _CONTENT.findall("".join(chars))} - _COMMON, key=lambda w: (-len(w), w))[:5]
    if len(words) < 2:
        return []
    query = parse(" OR ".join(words))
    expression = fts5(query) if backend.kind == "sqlite" else tsquery(query)
    issuers = {m[3] for m in members}
    if not disputable(head[4]):
        return []
    actors = set(head[4].split("|")[0].split())
    _, ranked, _ = backend.fts_search(expression, " AND s.n IN (SELECT statement FROM claims WHERE denial = 1)", [],
                                   100, 0, count=False)
    ns = [r[0] for r in ranked]
    found = backend.query(
        "SELECT c.shingles, c.key, s.issuer, c.k FROM claims c JOIN statements s ON s.n = c.statement "
        f"WHERE c.denial = 1 AND c.cluster <> ? AND c.statement IN ({','.join('?' * len(ns))})",
        [cluster, *ns]) if ns else []
    out = []
    for blob, key, issuer, k in found:
        if not issuer or issuer.split()[0] in issuers or not actors <= set(key.split("|")[0].split()):
            continue
        denial = from_blob(blob)
        if any(disputes(m[5], denial) for m in members[:50]):
            out.append((issuer, int(k)))
    return out
