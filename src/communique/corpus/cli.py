"""The corpus commands: ``ingest``, ``search``, ``timeline``, ``thread``,
``export`` and ``stats``, plus the ledger behind ``communique claims --db``.

A thin layer over :class:`communique.corpus.Corpus`: each command opens the
corpus, calls one method and prints its result. ``--db`` may also come from
``$COMMUNIQUE_DB``. Listing commands print a table on a terminal and JSON
Lines when their output is piped, unless ``--format`` says otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import sys

import click

from communique.errors import CommuniqueError

LISTING = ("table", "json", "jsonl", "csv")


def db_option(func):
    return click.option(
        "--db", required=True, envvar="COMMUNIQUE_DB", metavar="DB",
        help="The corpus: an SQLite file (created if missing) or a postgresql://user@host/db URL. "
             "Default: $COMMUNIQUE_DB.")(func)


def format_option(func):
    return click.option(
        "-f", "--format", "fmt", type=click.Choice(LISTING), default=None,
        help="table (the default on a terminal), json, jsonl (the default when piped) or csv.")(func)


def _listing_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "jsonl"


def _open(db: str):
    from communique.corpus import Corpus

    return Corpus.open(db)


def _emit_models(items, fmt: str, columns: list[str], table) -> None:
    """Print pydantic models as json, jsonl or csv, or with ``table`` (a function)."""
    data = [item.model_dump(mode="json") for item in items]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for record in data:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in data:
            writer.writerow(["; ".join(map(str, v)) if isinstance(v, list) else v for v in (record[c] for c in columns)])
        click.echo(out.getvalue(), nl=False)
    else:
        click.echo(table(items), nl=False)


# -- ingest ------------------------------------------------------------------------------------------
@click.command(epilog="""
\b
Examples:
  communique ingest examples/exchange.jsonl --db corpus.db --gazetteer examples/gazetteer.jsonl
  communique ingest ../shared/data/corpora/ungdc.jsonl.gz --db ungdc.db --jobs 2 --field issuer=iso3 --field date=year
  communique ingest ../shared/data/corpora/sg_mfa_statements.jsonl --db corpus.db --issuer "SGP GOV"
  communique ingest --db corpus.db --reanalyse          # re-analyse every statement of an older analysis version
  communique ingest corpus.db --db postgresql://me@localhost/corpus   # copy stored analyses, no re-analysis
""")
@click.argument("inputs", nargs=-1, metavar="PATH...")
@db_option
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes, each with its own pipeline (about 0.6 GB each).")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 10_000),
              help="Statements written per transaction (a crash loses at most the batches in flight).")
@click.option("--reanalyse", is_flag=True,
              help="Analyse again the statements stored by another analysis version; without PATHs, every such "
                   "stored statement, from its stored text.")
@click.option("--issuer", metavar="CODE", help="Issuer for records without one (AZE, 'AZE GOV' or a state name).")
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Date for records without one.")
@click.option("--title", help="Title for a single file.")
@click.option("--field", "fields", multiple=True, metavar="FIELD=KEY",
              help="Take a statement field (id, title, issuer, date) from another key of JSONL records, e.g. "
                   "--field issuer=iso3 --field date=year; a bare year or year-month is kept as the corpus date.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Extra gazetteer (JSONL) of states and office holders; repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: one summary line; json: the full report, with every failure.")
@click.option("--strict", is_flag=True, help="Exit 1 if any record failed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (failures are still reported on stderr).")
def ingest(inputs, db, jobs, batch_size, reanalyse, issuer, date_, title, fields, gazetteers, fmt, strict, quiet) -> None:
    """Analyse statements and store them in a corpus: PATHs of text, HTML, PDF
    or JSONL[.gz] files and folders (read recursively). A JSONL file of
    communique/1 records (`communique export --format jsonl`) or another
    corpus (a file, or a postgresql:// URL) is stored as it is, not analysed again.

    Progress: a bar on a terminal; otherwise a line on stderr every minute.
    Idempotent: a statement already stored with the same content is skipped
    before analysis, so running the same command again (or after a crash, or
    Ctrl-C) only does what is left. Each record's id is its own `id`, else a
    hash of its text, issuer and date. A record that fails is reported on
    stderr with its id (or file:line) and skipped. Exit status: 0 when
    nothing failed or something was stored, 1 otherwise (or any failure with
    --strict), 2 on bad options.
    """
    if not inputs and not reanalyse:
        raise click.UsageError("give the PATHs to ingest (or --reanalyse to redo stale statements)")
    mapping = {}
    for item in fields:
        field, sep, key = item.partition("=")
        if not sep or field not in ("id", "title", "issuer", "date") or not key:
            raise click.BadParameter(f"{item!r}: give FIELD=KEY with FIELD one of id, title, issuer, date",
                                     param_hint="--field")
        mapping[field] = key
    if date_:
        from datetime import date as Date

        try:
            Date.fromisoformat(date_)
        except ValueError:
            raise click.BadParameter(f"{date_!r} is not a date in YYYY-MM-DD form", param_hint="--date") from None
    progress = False if quiet else (True if sys.stderr.isatty() else "lines")
    def log(line: str) -> None:
        click.echo(line, err=True)

    with _open(db) as corpus:
        report = corpus.ingest(list(inputs), jobs=jobs, batch_size=batch_size, reanalyse=reanalyse, progress=progress,
                               gazetteers=gazetteers, issuer=issuer, date=date_, title=title, fields=mapping or None,
                               log=log)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        parts = [f"added {report.added}", f"unchanged {report.unchanged}"]
        for name in ("reanalysed", "updated"):
            if getattr(report, name):
                parts.append(f"{name} {getattr(report, name)}")
        parts.append(f"failed {len(report.failed)}")
        line = ", ".join(parts) + f" in {report.seconds:.1f} s"
        if report.links:
            line += f"; {report.links} new thread link{'s' if report.links != 1 else ''}"
        if report.stale:
            line += f"; {report.stale} stored by an older analysis version (--reanalyse to redo them)"
        click.echo(line)
    if (report.failed and strict) or (report.failed and not report.stored and not report.unchanged):
        sys.exit(1)


# -- search ------------------------------------------------------------------------------------------
@click.command(epilog="""
\b
Query: words (all required, stemmed: 'sanction' finds 'sanctions'), "quoted phrases",
a OR b, -excluded, prefix*. An empty query ('') lists the filtered statements, newest first.
A query that starts with '-' goes after '--': communique search --db corpus.db -- '-Geneva talks'.
\b
Examples:
  communique search "ceasefire violation" --db corpus.db --issuer ARM --from 2020-01-01
  communique search 'mines OR demining' --db corpus.db --event-type ACCUSE --format json
  communique search '' --db corpus.db --target "XVL GOV" --limit 50
""")
@click.argument("query")
@db_option
@click.option("--issuer", metavar="CODE", help="Issued by this actor: 'ARM' (any sector) or 'ARM GOV'.")
@click.option("--target", metavar="CODE", help="With an event whose target is this actor.")
@click.option("--mentions", metavar="CODE", help="Mentioning this actor.")
@click.option("--event-type", metavar="TYPE", help="With an event of this PLOVER type (ACCUSE, or ACCUSE/allege).")
@click.option("--technique", metavar="LABEL", help="With this rhetoric technique.")
@click.option("--from", "date_from", metavar="DATE", help="On or after this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--to", "date_to", metavar="DATE", help="On or before this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@format_option
def search(query, db, issuer, target, mentions, event_type, technique, date_from, date_to, limit, offset, fmt) -> None:
    """Search a corpus: ranked statements with highlighted snippets."""
    fmt = _listing_format(fmt)
    with _open(db) as corpus:
        results = corpus.search(query, issuer=issuer, target=target, mentions=mentions, event_type=event_type,
                                technique=technique, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
    if fmt == "json":
        click.echo(results.model_dump_json(indent=2))
        return
    _emit_models(results.hits, fmt, ["id", "title", "issuer", "date", "score", "snippet"],
                 lambda hits: _search_table(results))


def _search_table(results) -> str:
    shown = f"{results.offset + 1}-{results.offset + len(results.hits)} of " if results.hits else ""
    about = "about " if results.total_estimated else ""
    lines = [f"{shown}{about}{results.total} statement{'s' if results.total != 1 else ''} match '{results.query}'"]
    for hit in results.hits:
        lines.append("")
        lines.append(f"{hit.id}  {hit.date or '-'}  {hit.issuer or '-'}  {hit.title or ''}".rstrip())
        text, at = [], 0
        for a, b in hit.marks:
            text.append(hit.snippet[at:a])
            text.append(click.style(hit.snippet[a:b], bold=True, underline=True))
            at = b
        text.append(hit.snippet[at:])
        lines.append("    " + "".join(text))
    return "\n".join(lines) + "\n"


# -- timeline ------------------------------------------------------------------------------------------
@click.command(epilog="""
\b
Examples:
  communique timeline --db corpus.db --between AZE ARM
  communique timeline --db corpus.db --between "XOS GOV" XVL --by day --format json
  communique timeline --db corpus.db --between IND PAK --by year --format html -o ind-pak.html
""")
@db_option
@click.option("--between", nargs=2, required=True, metavar="A B",
              help="The two actors: 'AZE' matches every sector of Azerbaijan, 'AZE GOV' only its government.")
@click.option("--by", type=click.Choice(("day", "week", "month", "year")), default="month", show_default=True)
@click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--to", "date_to", metavar="DATE", help="To this date (inclusive).")
@click.option("--all", "include_all", is_flag=True, help="Also count negated, hypothetical and historical events.")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json", "jsonl", "csv", "png", "svg", "html")),
              default="table", show_default=True,
              help="table, json, jsonl (one period a line), csv (one row per period, direction and type), or a "
                   "chart: png, svg, html (one self-contained page with the chart and the table).")
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="Write here (png needs it unless piped).")
def timeline(db, between, by, date_from, date_to, include_all, fmt, out) -> None:
    """Events between two actors over time: counts by PLOVER type in each
    direction and the mean PLOVER intensity per period (-10 conflict ..
    +10 cooperation)."""
    from communique.corpus import timeline as tl

    with _open(db) as corpus:
        result = corpus.timeline(between[0], between[1], by=by, date_from=date_from, date_to=date_to,
                                 include_all=include_all)
    if fmt in ("png", "svg"):
        data = tl.render_chart(result, fmt)
        if out:
            _write(out, data)
        elif fmt == "png" and sys.stdout.isatty():
            raise click.UsageError("a PNG goes to a file: give -o FILE (or pipe the output)")
        else:
            sys.stdout.buffer.write(data)
        return
    text = {"json": lambda: result.model_dump_json(indent=2) + "\n", "csv": lambda: tl.render_csv(result),
            "jsonl": lambda: "".join(p.model_dump_json() + "\n" for p in result.periods),
            "html": lambda: tl.render_html(result), "table": lambda: tl.render_table(result)}[fmt]()
    if out:
        _write(out, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as err:
        raise CommuniqueError(f"{path}: cannot write ({err.strerror or err})") from None


# -- thread ------------------------------------------------------------------------------------------
@click.command(epilog="""
\b
Examples:
  communique thread xos-2024-03-02 --db corpus.db
  communique thread xos-2024-03-02 --db corpus.db --format json
""")
@click.argument("statement_id", metavar="ID")
@db_option
@format_option
def thread(statement_id, db, fmt) -> None:
    """The exchange a statement belongs to: the earlier statements it responds
    to, those that respond to it, and so on, each link with its reason."""
    fmt = _listing_format(fmt)
    with _open(db) as corpus:
        result = corpus.thread(statement_id)
    if result is None:
        raise CommuniqueError(f"{statement_id}: no such statement in {db}")
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    elif fmt in ("jsonl", "csv"):
        _emit_models(result.edges, fmt, ["from_id", "to_id", "reason"], None)
    else:
        click.echo(_thread_table(result), nl=False)


def _thread_table(t) -> str:
    lines = [f"Thread of {len(t.nodes)} statement{'s' if len(t.nodes) != 1 else ''} (root {t.root})"]
    for node in t.nodes:
        lines.append(f"  {node.date or '-':<10}  {node.issuer or '-':<8}  {node.id}  {node.title or ''}".rstrip())
        for edge in t.edges:
            if edge.from_id == node.id:
                lines.append(f"      -> responds to {edge.to_id}: {edge.reason}")
    if not t.edges:
        lines.append("  (no links: it responds to no stored statement and none responds to it)")
    return "\n".join(lines) + "\n"


# -- export ------------------------------------------------------------------------------------------
@click.command(epilog="""
\b
Examples:
  communique export --db corpus.db --format csv --table events -o events.csv
  communique export --db corpus.db --format parquet --table claims -o claims.parquet
  communique export --db corpus.db --format plover -o events.plover.jsonl
  communique export --db corpus.db --format jsonl -o analyses.jsonl    # communique/1 records; ingest reads them back
""")
@db_option
@click.option("-f", "--format", "fmt", type=click.Choice(("csv", "parquet", "jsonl", "plover")), default="csv",
              show_default=True, help="plover: PLOVER-style JSONL of the asserted events.")
@click.option("--table", type=click.Choice(("statements", "events", "claims", "techniques")), default=None,
              help="Default: statements (events for --format plover).")
@click.option("-o", "--out", type=click.Path(dir_okay=False), default="-", show_default=True,
              help="The file to write (- for stdout; parquet needs a file).")
def export(db, fmt, table, out) -> None:
    """Export a corpus table: statements, events, claims or techniques."""
    table = table or ("events" if fmt == "plover" else "statements")
    with _open(db) as corpus:
        n = corpus.export(out, fmt=fmt, table=table)
    if out != "-":
        click.echo(f"wrote {n} record{'s' if n != 1 else ''} ({table}) to {out}", err=True)


# -- stats ------------------------------------------------------------------------------------------
@click.command(name="stats")
@db_option
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def stats(db, fmt) -> None:
    """What a corpus holds: counts, date range, issuers, analysis versions, size."""
    with _open(db) as corpus:
        info = corpus.stats()
    if fmt == "json":
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    c = info["counts"]
    lines = [
        f"{info['database']} ({info['backend']}, schema {info['schema_version']}, {info['size_bytes'] / 1e6:.1f} MB)",
        f"  {c['statements']:,} statements ({info['undated']:,} undated), "
        f"dates {info['date_range'][0] or '-'} .. {info['date_range'][1] or '-'}",
        f"  {c['sentences']:,} sentences, {c['mentions']:,} mentions, {c['events']:,} events, {c['claims']:,} claims "
        f"in {c['claim_clusters']:,} clusters, {c['techniques']:,} techniques, {c['links']:,} thread links",
        f"  {len(info['issuers'])} issuers: " + ", ".join(f"{k} {v}" for k, v in list(info["issuers"].items())[:12])
        + (", ..." if len(info["issuers"]) > 12 else ""),
        f"  {info['stale']:,} statements analysed by other code or models than the current ones",
    ]
    click.echo("\n".join(lines))


# -- the ledger (communique claims --db) -----------------------------------------------------------------
def ledger_listing(db: str, top: int | None, fmt: str | None, actor: str | None, recluster: bool,
                   formulas: bool = False) -> None:
    """``communique claims --db DB``: the claim ledger's largest clusters."""
    fmt = _listing_format(fmt)
    with _open(db) as corpus:
        if recluster:
            corpus.recluster(progress=sys.stderr.isatty())
        clusters = corpus.ledger(top=top or 20, actor=actor, formulas=formulas)
    _emit_models(clusters, fmt, ["id", "count", "first_seen", "asserted_by", "disputed_by", "text", "statements"],
                 _ledger_table)


def _ledger_table(clusters) -> str:
    if not clusters:
        return "no claim is repeated in this corpus\n"
    lines = [f"{len(clusters)} most repeated claims"]
    for c in clusters:
        lines.append("")
        head = f"  {c.count}x  first seen {c.first_seen or '-'}  by {', '.join(c.asserted_by) or '-'}"
        if c.disputed_by:
            head += f"  disputed by {', '.join(c.disputed_by)}"
        lines.append(head + f"  (cluster {c.id}, {len(c.statements)} statements)")
        lines.append("      " + (c.text if len(c.text) <= 220 else c.text[:219] + "…"))
    return "\n".join(lines) + "\n"


COMMANDS = [ingest, search, timeline, thread, export, stats]
"""Registered on the main ``communique`` group by ``communique.cli``."""
