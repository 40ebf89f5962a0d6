"""Command line of the rhetoric layer: ``communique rhetoric``, ``eval techniques``, ``train techniques``."""

from __future__ import annotations

import json
import sys

import click

from communique.cli import _setup, statement_options
from communique.errors import InputError

DATA_OPTION = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False), envvar="COMMUNIQUE_SHARED_DATA",
    help="The shared data folder (default: the first of ./shared/data, ../shared/data found).")


@click.command(name="rhetoric", epilog="""
\b
Examples:
  communique rhetoric examples/ostravia-rejects.txt --gazetteer examples/gazetteer.jsonl --issuer "XOS GOV"
  communique rhetoric statements.jsonl --format jsonl > rhetoric.jsonl
  communique rhetoric speech.txt --issuer ARM --format json
""")
@statement_options
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json", "jsonl")), default="table", show_default=True,
              help="table: techniques by sentence and the stance table; json: one record per statement (statement id, "
                   "techniques, stance) in an array; jsonl: the same records one a line.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def rhetoric(inputs, issuer, date_, gazetteers, jobs, fmt, quiet) -> None:
    """How statements argue: persuasion techniques and the issuer's stance toward each actor.

    Techniques are character spans labelled with the SemEval-2023 Task 3
    taxonomy (Loaded_Language, Doubt, Appeal_to_Hypocrisy, Whataboutism, ...),
    each with a confidence, an explanation naming its cue and, when one is
    mentioned nearby, the actor it is aimed at. They come from a model trained
    on the Propaganda Techniques Corpus and from rules for the techniques of
    diplomatic rebuttals. Stance scores the issuer's attitude toward every
    actor mentioned (-1 hostile .. +1 friendly) from the events it directs at
    it, the techniques aimed at it and the tone of the sentences about it;
    give --issuer for the events to count.
    """
    from communique.rhetoric.render import render_rhetoric

    pipeline, records = _setup(inputs, issuer, date_, gazetteers)
    ok = skipped = 0
    collected = []
    for result in pipeline.analyze_many(records, n_process=jobs):
        if isinstance(result, InputError):
            skipped += 1
            click.echo(f"error: {result}", err=True)
            continue
        ok += 1
        if fmt == "table":
            click.echo(render_rhetoric(result))
            continue
        record = {"statement": result.statement.id,
                  "techniques": [t.model_dump(mode="json") for t in result.techniques],
                  "stance": [s.model_dump(mode="json") for s in result.stance]}
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            collected.append(record)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if not quiet and ok + skipped > 1:
        click.echo(f"analysed {ok} statement{'s' if ok != 1 else ''}, skipped {skipped}", err=True)
    if ok == 0:
        sys.exit(1)


def _progress(enabled: bool):
    def wrap(items, total=None, desc=None):
        if not enabled:
            return items
        from tqdm import tqdm

        return tqdm(items, total=total, desc=desc, unit=" articles", file=sys.stderr, dynamic_ncols=True)
    return wrap


@click.command(name="techniques", epilog="""
\b
Examples:
  communique eval techniques
  communique eval techniques --format json > techniques-eval.json
  communique eval techniques --split dev
""")
@DATA_OPTION
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--split", type=click.Choice(("test", "dev", "train")), default="test", show_default=True,
              help="Which part of PTC to measure on; test is the held-out part (dev was used to choose settings, "
                   "train and dev to fit the shipped model).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, exists=True),
              help="A model file to measure (default: the one inside the package).")
def eval_techniques(data_dir, fmt, split, model_path) -> None:
    """Persuasion techniques on the held-out PTC articles (SemEval-2020 Task 11 measures).

    \b
    TC: technique classification given the gold spans, micro-F1 and per-label P/R/F1.
    SI: span identification, the task's span measure (partial overlaps earn
        |s ∩ t| / |s| toward precision and |s ∩ t| / |t| toward recall).
    FLC: spans and labels together, the same measure per technique.
    SI and FLC are given for the model alone and with the rules, as it runs.
    """
    from pathlib import Path

    from communique.eval.data import find_shared_data
    from communique.rhetoric.evaluate import evaluate, format_report
    from communique.rhetoric.model import MODEL_PATH

    report = evaluate(find_shared_data(data_dir), split=split, path=Path(model_path) if model_path else MODEL_PATH,
                      progress=_progress(sys.stderr.isatty()))
    click.echo(json.dumps(report, indent=2) if fmt == "json" else format_report(report))


@click.command(name="techniques", epilog="""
\b
Examples:
  communique train techniques
  communique train techniques --out /tmp/techniques.npz
  communique train techniques --limit 60 --out /tmp/quick.npz    # a quick check on 60 articles
""")
@DATA_OPTION
@click.option("--out", type=click.Path(dir_okay=False), help="Where to write the model (default: inside the package).")
@click.option("--limit", type=click.IntRange(10), help="Only the first N PTC articles and a small word-vector corpus (a quick check).")
def train_techniques(data_dir, out, limit) -> None:
    """Train the technique model on PTC (needs scikit-learn and python-crfsuite: pip install 'communique[train]').

    Fits on the train part, chooses thresholds, blends and regularisation on
    dev, refits on train + dev, writes the model and reports on the held-out
    test part. Takes about 20 minutes on two cores.
    """
    from pathlib import Path

    from communique.eval.data import find_shared_data
    from communique.rhetoric.model import MODEL_PATH
    from communique.rhetoric.train import train

    report = train(find_shared_data(data_dir), Path(out) if out else MODEL_PATH, limit=limit,
                   log=lambda m: click.echo(m, err=True), progress=_progress(sys.stderr.isatty()))
    click.echo(json.dumps(report, indent=2))
