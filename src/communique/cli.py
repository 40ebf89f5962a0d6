"""The ``communique`` command line: a thin layer over the Python API."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from datetime import date as Date
from typing import IO

import click

from communique import __version__
from communique.errors import CommuniqueError, InputError

FORMATS = ("text", "json", "jsonl", "html")

EXAMPLES = """
\b
Examples:
  communique analyze examples/ostravia-rejects.txt --gazetteer examples/gazetteer.jsonl \
      --issuer "XOS GOV" --date 2024-03-02
  communique analyze page.html --format html --out page.annotated.html
  communique analyze batch.jsonl --format jsonl --jobs 2 > analyses.jsonl
  cat statement.txt | communique analyze - --issuer "AZE GOV" --format json
"""


def _options(*decorators):
    """Several click options as one decorator (applied in the order written)."""
    def apply(func):
        for decorator in reversed(decorators):
            func = decorator(func)
        return func
    return apply


statement_options = _options(
    click.argument("inputs", nargs=-1, metavar="FILE..."),  # required, checked in _setup (claims --db needs none)
    click.option("--issuer", metavar="CODE", help="Who issued the statement: AZE, 'AZE GOV', or a state name. "
                 "The speaker of 'we reject'; resolves 'we', 'our country', 'this Ministry'."),
    click.option("--date", "date_", metavar="YYYY-MM-DD",
                 help="Date of the statement: resolves office holders by tenure and relative dates."),
    click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                 help="Extra gazetteer (JSONL, see actors/data/README.md) with states and office holders to add; repeatable."),
    click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes for batches."),
)
eval_options = _options(
    click.option("--data", "data_dir", type=click.Path(file_okay=False), envvar="COMMUNIQUE_SHARED_DATA",
                 help="The shared data folder (default: the first of ./shared/data, ../shared/data found)."),
    click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True),
    click.option("--errors", "show_errors", default=0, show_default=True, metavar="N",
                 help="Also list up to N misses and false alarms of each evaluation."),
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="communique")
def cli() -> None:
    """Turn official statements into structured, checkable data.

    communique reads foreign-ministry statements, government statements and UN
    speeches and finds who speaks about whom: every mention of a state, its
    institutions, office holders, organisations and places, resolved to
    PLOVER-style actor codes (ISO 3166-1 alpha-3 country + PLOVER sector, e.g.
    ARM GOV). Output follows the communique/1 contract (`communique schema`).
    """


@cli.command(epilog=EXAMPLES)
@statement_options
@click.option("--title", help="Title of the statement.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: terminal summary; json: the contract (an array for several statements); "
                   "jsonl: one contract record a line; html: one self-contained page.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 10_000), help="Statements per spaCy batch.")
@click.option("--max-size", default=20, show_default=True, type=click.FloatRange(0.001), metavar="MB",
              help="Largest text/HTML/PDF file to read, in MB.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input or record was skipped.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary on stderr.")
def analyze(inputs, issuer, date_, gazetteers, jobs, title, fmt, out, batch_size, max_size, strict, quiet) -> None:
    """Analyse statements: FILE paths (text, HTML, PDF, JSONL[.gz]), folders, or - for stdin.

    Bad inputs (empty, binary, invalid UTF-8, too large, a PDF without a text
    layer, a JSONL line that is not JSON or has no "text") are reported on
    stderr with the file and line, and skipped; every good statement is still
    written. Exit status: 0 when something was analysed (1 with --strict if
    anything was skipped), 1 when nothing could be analysed, 2 on bad options.
    """
    pipeline, records = _setup(inputs, issuer, date_, gazetteers, title=title, max_bytes=int(max_size * 1024 * 1024))
    show_progress = not quiet and sys.stderr.isatty() and (len(inputs) > 1 or _may_be_batch(inputs))
    results = pipeline.analyze_many(records, n_process=jobs, batch_size=batch_size)
    with _open_out(out) as stream:
        ok, skipped = _write(results, fmt, stream, progress=show_progress)
    if not quiet and ok + skipped > 1:
        click.echo(f"analysed {ok} statement{'s' if ok != 1 else ''}, skipped {skipped}", err=True)
    if ok == 0 or (strict and skipped):
        sys.exit(1)


def _setup(inputs, issuer, date_, gazetteers, *, title=None, max_bytes=None):
    """Check the options, load the pipeline, and stream the input records with
    the flags applied; a bad --date or --issuer fails before any work."""
    from communique.ingest import MAX_FILE_BYTES, read_inputs
    from communique.pipeline import Pipeline

    if not inputs:
        raise click.UsageError("Missing argument 'FILE...'.")
    _check_options(issuer, date_)
    pipeline = Pipeline.load(gazetteers=gazetteers)
    if issuer:
        from communique.actors.issuer import parse_issuer

        parse_issuer(issuer, pipeline.gazetteer)
    records = (_with_flags(item, issuer, date_, title)
               for item in read_inputs(inputs, max_bytes=max_bytes or MAX_FILE_BYTES))
    return pipeline, records


def _check_options(issuer: str | None, date_: str | None) -> None:
    if date_:
        try:
            Date.fromisoformat(date_)
        except ValueError:
            raise click.BadParameter(f"{date_!r} is not a date in YYYY-MM-DD form", param_hint="--date") from None


def _may_be_batch(inputs) -> bool:
    return any(p == "-" or os.path.isdir(p) or ".jsonl" in p or ".ndjson" in p for p in inputs)


def _with_flags(item, issuer, date_, title):
    """Flags fill in what a JSONL record leaves out, and set metadata for single files."""
    if isinstance(item, InputError):
        return item
    from_jsonl = item.line is not None
    changes = {}
    for field, value in (("issuer", issuer), ("date", date_), ("title", title)):
        if value and (not from_jsonl or not getattr(item, field)):
            changes[field] = value
    return replace(item, **changes) if changes else item


class _open_out:
    def __init__(self, path: str | None):
        self.path = path
        self.stream: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        self.stream = open(self.path, "w", encoding="utf-8") if self.path else sys.stdout
        return self.stream

    def __exit__(self, *exc) -> None:
        if self.path and self.stream is not None:
            self.stream.close()


def _write(results, fmt: str, stream: IO[str], *, progress: bool) -> tuple[int, int]:
    from communique.render import render_html, render_text

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" statements", file=sys.stderr, dynamic_ncols=True)
    ok = skipped = 0
    kept = []
    try:
        for result in results:
            if isinstance(result, InputError):
                skipped += 1
                _report(f"error: {result}", bar)
            else:
                ok += 1
                if fmt == "jsonl":
                    stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                elif fmt == "text":
                    stream.write(render_text(result) + ("\n" if ok > 0 else ""))
                else:
                    kept.append(result)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    if fmt == "json" and kept:
        data = kept[0].to_dict() if len(kept) == 1 else [a.to_dict() for a in kept]
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "html" and kept:
        stream.write(render_html(kept))
    return ok, skipped


def _report(message: str, bar) -> None:
    if bar is not None:
        bar.write(message, file=sys.stderr)
    else:
        click.echo(message, err=True)


@cli.command(epilog="""
\b
Examples:
  communique events examples/ostravia-rejects.txt --gazetteer examples/gazetteer.jsonl --issuer XOS
  communique events batch.jsonl --format plover > events.jsonl
""")
@statement_options
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json", "jsonl", "plover")), default="table",
              show_default=True, help="table: one line per event; json/jsonl: the contract's event records with "
              "their statement id; plover: PLOVER-style records (event, mode, context, actor, recipient, event_text, date).")
@click.option("--all", "include_all", is_flag=True,
              help="With --format plover: also negated and hypothetical events (left out by default).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary on stderr.")
def events(inputs, issuer, date_, gazetteers, jobs, fmt, include_all, quiet) -> None:
    """Who does what to whom: the PLOVER events of statements.

    Each event has a source, a PLOVER type and mode, a target and its trigger
    word. The issuer is the speaker ("We reject X's claims" is ISSUER REJECT
    X); reported claims carry the reporter ("reported by X"); negated,
    hypothetical (requested, planned, alleged) and historical events are marked.
    """
    from communique.events.render import plover_records, render_table

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
            click.echo(render_table(result))
        elif fmt == "plover":
            for rec in plover_records(result, asserted_only=not include_all):
                click.echo(json.dumps(rec, ensure_ascii=False))
        elif fmt == "jsonl":
            for event in result.events:
                click.echo(json.dumps({"statement": result.statement.id, **event.model_dump(mode="json")}, ensure_ascii=False))
        else:
            collected += [{"statement": result.statement.id, **e.model_dump(mode="json")} for e in result.events]
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if not quiet and ok + skipped > 1:
        click.echo(f"analysed {ok} statement{'s' if ok != 1 else ''}, skipped {skipped}", err=True)
    if ok == 0:
        sys.exit(1)


@cli.command(name="claims", epilog="""
\b
Examples:
  communique claims examples/ostravia-rejects.txt --issuer XOS --date 2024-03-02 --gazetteer examples/gazetteer.jsonl
  communique claims statements.jsonl --format json --top 5
  communique claims --db corpus.db --top 20        # the claim ledger of a corpus
""")
@statement_options
@click.option("--top", type=click.IntRange(1), help="Only the N most check-worthy claims of each statement "
              "(with --db: the N most repeated claims, default 20).")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json", "jsonl", "csv")), default=None,
              help="table (default; with --db, jsonl when piped): ranked claims with their quantities, dates and "
                   "references; json/jsonl: claim records with the quantities, dates and references they link to; "
                   "csv: with --db only.")
@click.option("--db", envvar="COMMUNIQUE_DB", metavar="DB",
              help="Without FILEs: list the claim ledger of this corpus (see `communique ingest`): near-identical "
                   "claims across statements, who made them first and how often, who disputed them.")
@click.option("--actor", metavar="CODE", help="With --db: the claims this actor made.")
@click.option("--recluster", is_flag=True, help="With --db: cluster every stored claim again first.")
@click.option("--with-formulas", "formulas", is_flag=True,
              help="With --db: also list formulas of the record and of ceremony (\"The President returned to the "
                   "Chair.\", congratulations on an election) and claims of fewer than four words, left out by "
                   "default.")
def claims(inputs, issuer, date_, gazetteers, jobs, top, fmt, db, actor, recluster, formulas) -> None:
    """The checkable statements: claims ranked by check-worthiness.

    Every sentence gets a check-worthiness score (a model trained on the
    CheckThat! 2024 data, see `communique eval checkworthy`); sentences at or
    above the model's threshold are claims, with their kinds (quantity, event,
    historical, legal, causal, attribution) and the quantities, dates and
    references (UN resolutions, treaties, earlier statements) inside them.
    """
    from communique.claims.render import render_claims

    if db and not inputs:
        from communique.corpus.cli import ledger_listing

        return ledger_listing(db, top, fmt, actor, recluster, formulas)
    fmt = fmt or "table"
    if fmt == "csv":
        raise click.BadParameter("csv is for the claim ledger of a corpus (--db)", param_hint="--format")
    pipeline, records = _setup(inputs, issuer, date_, gazetteers)
    ok = 0
    collected = []
    for result in pipeline.analyze_many(records, n_process=jobs):
        if isinstance(result, InputError):
            click.echo(f"error: {result}", err=True)
            continue
        ok += 1
        if fmt == "table":
            click.echo(render_claims(result, top=top))
            continue
        ranked = sorted(result.claims, key=lambda c: -c.checkworthiness)[:top]
        for claim in ranked:
            record = {
                "statement": result.statement.id, **claim.model_dump(mode="json"),
                "quantities": [result.quantities[i].model_dump(mode="json") for i in claim.quantities],
                "dates": [result.dates[i].model_dump(mode="json") for i in claim.dates],
                "references": [result.references[i].model_dump(mode="json") for i in claim.references],
            }
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                collected.append(record)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if ok == 0:
        sys.exit(1)


@cli.group(name="kb")
def kb_group() -> None:
    """The knowledge base that resolves references (UN resolutions, treaties).

    A core set ships with the package; `kb import` adds a full index to a
    local store ($COMMUNIQUE_KB, else ~/.local/share/communique/kb.sqlite).
    """


@kb_group.command(name="import")
@click.argument("path", type=click.Path(dir_okay=False, exists=True), metavar="FILE.jsonl")
@click.option("--store", type=click.Path(dir_okay=False), help="The local store (default: $COMMUNIQUE_KB or the user data folder).")
def kb_import(path, store) -> None:
    """Add UN resolutions from a JSONL index (one resolution a line, with number,
    year, date, symbol, title, subject), e.g. ../shared/data/kb/unsc_resolutions.jsonl.
    Importing again changes nothing."""
    from communique.references.kb import default_store, import_jsonl

    n = import_jsonl(path, store)
    click.echo(f"imported {n} records from {path} into {store or default_store()}")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the communique/1 output contract."""
    from communique.contract import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@cli.group(name="eval")
def eval_group() -> None:
    """Measure accuracy against annotated data in ../shared/data."""


@eval_group.command(name="actors")
@eval_options
def eval_actors(data_dir, fmt, show_errors) -> None:
    """Precision and recall of country resolution.

    \b
    1. UNSCon: the target country of every negative evaluation annotated in
       UN Security Council speeches, and every state-actor mention in those
       EDUs, annotated by hand (src/communique/eval/gold/unsc_negeval_actors.jsonl).
    2. Singapore MFA: every mention in a 30-statement sample, annotated by
       hand (src/communique/eval/gold/mfa_singapore_actors.jsonl; ids and offsets only).
    """
    from communique.eval import actors as ev
    from communique.eval.data import find_shared_data

    report = ev.evaluate(find_shared_data(data_dir), errors=show_errors)
    click.echo(json.dumps(report, indent=2) if fmt == "json" else ev.format_report(report))


@eval_group.command(name="events")
@eval_options
@click.option("--tune-only", is_flag=True,
              help="Score only the tune halves of the PLOVER records and UNSCon and the dev split of the sentences "
                   "written blind (no held-out, fresh or whole-set numbers): for development runs that must not look "
                   "at the held-out data.")
def eval_events(data_dir, fmt, show_errors, tune_only) -> None:
    """PLOVER event coding against the PLOVER and PETRARCH gold-standard records.

    Event-type precision, recall and F1 per type and overall, and source/target
    accuracy on correctly typed events; also UNSCon criticism clauses and news
    sentences written blind for us (src/communique/eval/gold/events_written.jsonl).

    \b
    Examples:
      communique eval events
      communique eval events --tune-only --errors 30
    """
    from communique.eval import events as ev
    from communique.eval.data import find_shared_data

    report = ev.evaluate(find_shared_data(data_dir), errors=show_errors, tune_only=tune_only)
    click.echo(json.dumps(report, indent=2) if fmt == "json" else ev.format_report(report))


@eval_group.command(name="claims")
@eval_options
@click.option("--only", type=click.Choice(("quantities-dates", "references")), help="Run one of the two evaluations.")
@click.option("--limit", type=int, help="References: only the first N paragraphs naming a resolution.")
@click.option("--gold-set", type=click.Choice(("development", "fresh", "all")), default="all", show_default=True,
              help="Quantities and dates: which hand-annotated set to score (development: the 40 statements read "
                   "while tuning; fresh: 20 held-out statements).")
def eval_claims(data_dir, fmt, show_errors, only, limit, gold_set) -> None:
    """Quantities and dates against hand annotations; UN resolution references resolved across the corpora.

    Quantities and dates are scored on two sets of Singapore MFA statements,
    separately: 'development' (40, whose errors were read while the finders
    were tuned, so optimistic) and 'fresh' (20 held out).

    \b
    Examples:
      communique eval claims --only quantities-dates --errors 20
      communique eval claims --only quantities-dates --gold-set fresh -f json
    """
    from communique.eval import claims as ev
    from communique.eval.data import find_shared_data

    shared = find_shared_data(data_dir)
    sets = tuple(ev.QD_SETS) if gold_set == "all" else (gold_set,)
    qd = ev.quantities_and_dates(shared, errors=show_errors, sets=sets) if only in (None, "quantities-dates") else None
    refs = ev.references(shared, limit=limit) if only in (None, "references") else None
    if fmt == "json":
        click.echo(json.dumps({"quantities_dates": qd, "references": refs}, indent=2))
    else:
        click.echo(ev.format_report(qd, refs))


@eval_group.command(name="checkworthy", epilog="""
\b
Examples:
  communique eval checkworthy                    # dev and dev-test F1, speed, size
  communique eval checkworthy -f json            # the same as JSON
  communique eval checkworthy --data /path/to/shared/data
""")
@click.option("--data", "data_dir", type=click.Path(file_okay=False), envvar="COMMUNIQUE_SHARED_DATA",
              help="The shared data folder (default: the first of ./shared/data, ../shared/data found).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def eval_checkworthy(data_dir, fmt) -> None:
    """Check-worthiness model: F1 of the positive class on CheckThat! 2024 dev and dev-test, speed and size."""
    from communique.claims.train import evaluate
    from communique.eval.data import find_shared_data

    report = evaluate(find_shared_data(data_dir) / "checkworthy")
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"Check-worthiness (CheckThat! 2024 English), threshold {report['threshold']}")
    for split in ("dev", "dev-test"):
        r = report[split]
        click.echo(f"  {split:<9} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}")
    click.echo(f"  speed {report['sentences_per_s']:,} sentences/s on the pipeline's parsed Doc "
               f"({report['sentences_per_s_with_parse']:,} with masking and parsing), one process; "
               f"model {report['model_bytes'] / 1e6:.1f} MB")


@cli.group(name="train")
def train_group() -> None:
    """Rebuild the models that ship inside the package from ../shared/data."""


@train_group.command(name="checkworthy", epilog="""
\b
Examples:
  communique train checkworthy                   # rewrite the shipped model (about 6 minutes)
  communique train checkworthy --out /tmp/cw.npz # somewhere else; the card tells how it chooses
  communique train checkworthy --limit 3000 --out /tmp/cw.npz   # a quick check on a sample
""")
@click.option("--data", "data_dir", type=click.Path(file_okay=False), envvar="COMMUNIQUE_SHARED_DATA",
              help="The shared data folder (default: the first of ./shared/data, ../shared/data found).")
@click.option("--out", type=click.Path(dir_okay=False), help="Where to write the model (default: inside the package).")
@click.option("--limit", type=int, help="Train on the first N training sentences only (for a quick check).")
def train_checkworthy(data_dir, out, limit) -> None:
    """Train the check-worthiness model (needs scikit-learn: pip install 'communique[train]')."""
    from pathlib import Path

    from communique.claims.checkworthy import MODEL_PATH
    from communique.claims.train import train
    from communique.eval.data import find_shared_data

    report = train(find_shared_data(data_dir) / "checkworthy", Path(out) if out else MODEL_PATH, limit=limit,
                   log=lambda m: click.echo(m, err=True))
    click.echo(json.dumps(report, indent=2))


from communique.corpus.cli import COMMANDS as _CORPUS_COMMANDS  # noqa: E402  (ingest, search, timeline, thread, export, stats)

for _command in _CORPUS_COMMANDS:
    cli.add_command(_command)

from communique.web.cli import serve as _serve  # noqa: E402  (the web app)

cli.add_command(_serve)

from communique.rhetoric.cli import eval_techniques, rhetoric, train_techniques  # noqa: E402  (rhetoric layer)

cli.add_command(rhetoric)
eval_group.add_command(eval_techniques)
train_group.add_command(train_techniques)


def main() -> None:
    """Entry point: one line and a non-zero exit for every error, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CommuniqueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("COMMUNIQUE_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set COMMUNIQUE_DEBUG=1 for details)", err=True)
        sys.exit(70)


if __name__ == "__main__":
    main()
