"""The SemEval-2020 Task 11 measures, as defined by the task (Da San Martino et al., 2020).

Span identification (SI) and the full task (FLC): for a predicted span ``s``
and a gold span ``t`` (sets of character offsets),
``C(s, t, h) = |s ∩ t| / h`` (times 1 when the labels agree, 0 otherwise, in
FLC; labels are ignored in SI). Over a collection of documents,

    P(S, T) = 1/|S| · Σ_{s∈S, t∈T} C(s, t, |s|)
    R(S, T) = 1/|T| · Σ_{s∈S, t∈T} C(s, t, |t|)

and F1 is their harmonic mean. As in the task's scorers, overlapping spans
are merged first (in SI all of them; in FLC those with the same label), so
that a character is never counted twice.

Technique classification (TC) with the gold spans given: micro-averaged F1
over span instances; when one span carries several labels, the predictions for
that span are matched to its gold labels in the best way (the scorer's rule).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from communique.rhetoric.data import merged

Spans = Mapping[str, Iterable[tuple[int, int]]]
LabelledSpans = Mapping[str, Iterable[tuple[int, int, str]]]


def _prf(p_num: float, p_den: int, r_num: float, r_den: int) -> dict:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f1 = 1.0 if p_den == 0 and r_den == 0 else 2 * p * r / (p + r) if p + r else 0.0  # the scorer's convention
    return {"precision": p, "recall": r, "f1": f1, "predicted": p_den, "gold": r_den}


def _overlap_sums(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    p_num = r_num = 0.0
    for s0, s1 in pred:
        for t0, t1 in gold:
            inter = min(s1, t1) - max(s0, t0)
            if inter > 0:
                p_num += inter / (s1 - s0)
                r_num += inter / (t1 - t0)
    return p_num, r_num


def span_scores(predicted: Spans, gold: Spans) -> dict:
    """SI: precision, recall and F1 of unlabelled spans, by document id."""
    p_num = r_num = 0.0
    p_den = r_den = 0
    for doc in set(predicted) | set(gold):
        pred = merged([s for s in predicted.get(doc, ()) if s[1] > s[0]])
        gold_spans = merged([s for s in gold.get(doc, ()) if s[1] > s[0]])
        p_den += len(pred)
        r_den += len(gold_spans)
        a, b = _overlap_sums(pred, gold_spans)
        p_num += a
        r_num += b
    return _prf(p_num, p_den, r_num, r_den)


def labelled_span_scores(predicted: LabelledSpans, gold: LabelledSpans) -> dict:
    """FLC: span scores where only spans of the same label earn credit; also per label."""
    totals = defaultdict(lambda: [0.0, 0, 0.0, 0])
    for doc in set(predicted) | set(gold):
        by_label_p: dict[str, list] = defaultdict(list)
        by_label_g: dict[str, list] = defaultdict(list)
        for s, e, label in predicted.get(doc, ()):
            by_label_p[label].append((s, e))
        for s, e, label in gold.get(doc, ()):
            by_label_g[label].append((s, e))
        for label in set(by_label_p) | set(by_label_g):
            pred, gold_spans = merged(by_label_p[label]), merged(by_label_g[label])
            a, b = _overlap_sums(pred, gold_spans)
            t = totals[label]
            t[0] += a
            t[1] += len(pred)
            t[2] += b
            t[3] += len(gold_spans)
    overall = _prf(sum(t[0] for t in totals.values()), sum(t[1] for t in totals.values()),
                   sum(t[2] for t in totals.values()), sum(t[3] for t in totals.values()))
    overall["per_label"] = {label: _prf(*t) for label, t in sorted(totals.items())}
    return overall


def classification_scores(pairs: Iterable[tuple[str, list[str], list[str]]]) -> dict:
    """TC: micro-F1 and per-label precision/recall/F1.

    ``pairs``: for each distinct span, (span key, gold labels, predicted
    labels), one prediction per gold instance of the span. Matching within a
    span is by multiset intersection (the best assignment)."""
    correct = total_pred = total_gold = 0
    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter()
    for _key, gold, pred in pairs:
        hit = Counter(gold) & Counter(pred)
        correct += sum(hit.values())
        total_pred += len(pred)
        total_gold += len(gold)
        tp.update(hit)
        n_pred.update(pred)
        n_gold.update(gold)
    p = correct / total_pred if total_pred else 0.0
    r = correct / total_gold if total_gold else 0.0
    per_label = {}
    for label in sorted(set(n_gold) | set(n_pred)):
        lp = tp[label] / n_pred[label] if n_pred[label] else 0.0
        lr = tp[label] / n_gold[label] if n_gold[label] else 0.0
        per_label[label] = {"precision": lp, "recall": lr, "f1": 2 * lp * lr / (lp + lr) if lp + lr else 0.0,
                            "gold": n_gold[label], "predicted": n_pred[label]}
    return {"micro_f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
            "spans": total_gold, "per_label": per_label}
