"""``communique eval techniques``: the technique model on the held-out PTC articles.

* TC (technique classification given the gold spans): micro-F1 over span
  instances and precision/recall/F1 per PTC label;
* SI (span identification): the SemEval-2020 Task 11 span measure (``metrics.py``),
  for the model alone and for the model with the rules, as it runs;
* FLC (spans and labels together), the same measure with labels, as it runs.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from communique.rhetoric.data import read_ptc
from communique.rhetoric.find import TO_PTC, find_techniques
from communique.rhetoric.metrics import classification_scores, labelled_span_scores, span_scores
from communique.rhetoric.model import MODEL_PATH, TechniqueModel, load


def evaluate(shared: Path, *, split: str = "test", path: Path = MODEL_PATH, progress=lambda x, **kw: x) -> dict:
    from communique.rhetoric.train import parse

    articles = [a for a in read_ptc(shared / "propaganda" / "ptc" / "train.jsonl") if a.split == split]
    parsed = parse(articles, lambda docs: progress(docs, total=len(articles), desc="parsing"))
    load.cache_clear()
    model = load(path)
    report = evaluate_parsed(parsed, model)
    report.update({"split": split, "articles": len(articles), "model": str(path), "trained": model.meta.get("trained")})
    return report


def evaluate_parsed(parsed, model: TechniqueModel) -> dict:
    from communique.rhetoric.train import instances, rank_labels

    # TC: each distinct gold span gets as many labels as it has gold ones, in rank order
    pairs = [((x.article, x.start, x.end), x.labels, rank_labels(model.classifier, x)[:len(x.labels)])
             for x in instances(parsed, model.embeddings)]
    tc = classification_scores(pairs)

    gold_spans = {p.article.id: [(s.start, s.end) for s in p.article.spans] for p in parsed}
    gold_labelled = {p.article.id: [(s.start, s.end, s.technique) for s in p.article.spans] for p in parsed}
    runs = {}
    for name, use_rules in (("model", False), ("model+rules", True)):
        found = {p.article.id: find_techniques(p.view, model, use_rules=use_rules, table=p.table) for p in parsed}
        runs[name] = {
            "si": span_scores({k: [(f.start, f.end) for f in v] for k, v in found.items()}, gold_spans),
            "flc": labelled_span_scores({k: [(f.start, f.end, TO_PTC[f.technique]) for f in v if f.technique in TO_PTC]
                                         for k, v in found.items()}, gold_labelled),
        }
    rules_only = {p.article.id: find_techniques(p.view, model, use_model=False, table=p.table) for p in parsed}
    by_rule = defaultdict(int)
    for v in rules_only.values():
        for f in v:
            by_rule[f.technique] += 1
    return {
        "tc": _rounded(tc), "si": _rounded(runs["model"]["si"]), "flc": _rounded(runs["model"]["flc"]),
        "si_with_rules": _rounded(runs["model+rules"]["si"]), "flc_with_rules": _rounded(runs["model+rules"]["flc"]),
        "rule_spans": dict(sorted(by_rule.items())),
        "gold_spans": sum(len(p.article.spans) for p in parsed),
    }


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def format_report(report: dict) -> str:
    tc, si, flc = report["tc"], report["si"], report["flc"]
    lines = [
        f"Persuasion techniques: PTC (SemEval-2020 Task 11) held-out {report['split']} split, "
        f"{report['articles']} articles, {report['gold_spans']:,} gold spans (model trained {report.get('trained')})",
        *([f"  note: the shipped model was fitted on the {report['split']} split too, so these are not held-out numbers"]
          if report["split"] != "test" else []),
        "",
        f"Technique classification given the gold spans (TC): micro-F1 {tc['micro_f1']:.3f}",
        "",
        f"  {'technique (PTC label)':<38} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5} {'predicted':>9}",
    ]
    for label, r in sorted(tc["per_label"].items(), key=lambda kv: -kv[1]["gold"]):
        lines.append(f"  {label:<38} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f} {r['gold']:>5} "
                     f"{r['predicted']:>9}")
    lines += [
        "",
        "Span identification (SI) and spans with labels (FLC), SemEval-2020 Task 11 span measure:",
        f"  {'':<22} {'precision':>9} {'recall':>7} {'F1':>6} {'spans':>6}",
    ]
    for name, r in (("SI, model", si), ("SI, model + rules", report["si_with_rules"]), ("FLC, model", flc),
                    ("FLC, model + rules", report["flc_with_rules"])):
        lines.append(f"  {name:<22} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f} {r['predicted']:>6}")
    if report.get("rule_spans"):
        lines += ["", "  rule findings on these articles: " + ", ".join(f"{k} {v}" for k, v in report["rule_spans"].items())]
    return "\n".join(lines)
