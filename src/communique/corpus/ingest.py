"""Ingest: sources in, analysed statements stored, in batches.

The reading is ``communique.ingest.read_inputs`` (text, HTML, PDF, JSONL and
gzipped JSONL, folders) and the analysis ``Pipeline.analyze_many``; this module
plans which records need analysing (a record already stored with the same
content and analysis version is skipped before any analysis), runs the
analysis in this process or in a pool of worker processes that each load
their own pipeline (``jobs``), and hands each batch of results to the store,
which writes it in one transaction. A run killed at any point loses at most
the batches not yet committed; running it again skips what is stored.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from communique.contract import Analysis
from communique.errors import InputError
from communique.ingest import jsonl, read_inputs
from communique.ingest.records import StatementRecord

LIGHT_ENV = "COMMUNIQUE_LIGHT_PIPELINE"
"""Set to 1 to analyse with the lightweight test pipeline (``communique.corpus.light``):
statements and sentences only, no models. For the crash-safety tests; never for real use."""

_REDUCED_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")


@dataclass
class Job:
    """One record to analyse and store."""

    record: StatementRecord
    id: str
    content: str
    kind: str  # "added" | "reanalysed" | "updated"
    date: str | None  # the corpus date: ISO, or a year ("1952") or month when only that is known


@dataclass
class Stored:
    """An analysis to store as it is (given as a record, or copied from another corpus)."""

    analysis: Analysis
    content: str
    version: str
    kind: str
    date: str | None


# -- reading sources -----------------------------------------------------------------------
def read_sources(
    sources: Iterable,
    *,
    issuer: str | None = None,
    date: str | None = None,
    title: str | None = None,
    fields: dict[str, str] | None = None,
) -> Iterator[StatementRecord | InputError | Analysis | tuple]:
    """Records from paths (files, folders, JSONL, corpora) and objects.

    ``issuer``/``date``/``title`` fill what a record leaves out; ``fields`` maps
    a statement field to another key of JSONL records or dicts (``{"issuer":
    "iso3", "date": "year"}`` for the UN General Debate corpus).
    """
    if isinstance(sources, (str, os.PathLike, StatementRecord, Analysis, dict)):
        sources = [sources]
    for source in sources:
        if isinstance(source, (Analysis, InputError)) or (isinstance(source, tuple) and source[:1] == ("stored",)):
            yield source
        elif isinstance(source, StatementRecord):
            yield _fill(source, issuer, date, title)
        elif isinstance(source, dict):
            yield _fill(_from_dict(source, fields), issuer, date, title)
        elif isinstance(source, str) and source.startswith(("postgresql://", "postgres://")):
            yield ("corpus", source)
        elif isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            if _is_corpus_file(path):
                yield ("corpus", path)
            elif jsonl.is_jsonl_name(path) and os.path.isfile(path) and _is_analysis_jsonl(path):
                yield from _read_analyses(path)
            elif fields and jsonl.is_jsonl_name(path) and os.path.isfile(path):
                for item in _read_jsonl_fields(path, fields):
                    yield _fill(item, issuer, date, title)
            else:
                for item in read_inputs([path]):
                    yield _fill(item, issuer, date, title)
        else:
            raise TypeError(f"cannot ingest a {type(source).__name__}: give paths, dicts, StatementRecords or Analyses")


def _fill(item, issuer, date, title):
    """Options fill what a JSONL record leaves out, and set a single file's metadata."""
    if not isinstance(item, StatementRecord):
        return item
    from_jsonl = item.line is not None
    changes = {}
    for field, value in (("issuer", issuer), ("date", date), ("title", title)):
        if value and (not from_jsonl or not getattr(item, field)):
            changes[field] = value
    return replace(item, **changes) if changes else item


def _from_dict(data: dict, fields: dict[str, str] | None) -> StatementRecord | InputError:
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError("record has no 'text'", source=str(data.get("id") or data.get("url") or "<record>"))
    from communique.ingest.text import normalise

    values = {}
    for key in ("id", "title", "issuer", "date"):
        raw = data.get((fields or {}).get(key, key))
        values[key] = str(raw) if raw not in (None, "") else None
    return StatementRecord(text=normalise(text), source=data.get("url") or data.get("source"), **values)


def _read_jsonl_fields(path: str, fields: dict[str, str]) -> Iterator[StatementRecord | InputError]:
    """JSONL lines read by the standard parser, with mapped fields filled in."""
    try:
        with jsonl.open_lines(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                try:
                    record = jsonl.parse_line(raw, source=path, line=number)
                except InputError as err:
                    yield err
                    continue
                data = json.loads(raw)
                changes = {}
                for field, key in fields.items():
                    if data.get(key) not in (None, "") and not getattr(record, field):
                        changes[field] = str(data[key])
                yield replace(record, **changes) if changes else record
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield InputError(f"cannot read further ({err})", source=path)


def _is_corpus_file(path: str) -> bool:
    if not os.path.isfile(path):
        return False
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _is_analysis_jsonl(path: str) -> bool:
    """A JSONL file of ``communique/1`` records (``communique export --format jsonl``)."""
    try:
        with jsonl.open_lines(path) as stream:
            for raw in stream:
                if raw.strip():
                    first = json.loads(raw)
                    return isinstance(first, dict) and first.get("schema") == "communique/1"
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        return False
    return False


def _read_analyses(path: str) -> Iterator[Analysis | InputError]:
    from pydantic import ValidationError

    with jsonl.open_lines(path) as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                yield Analysis.model_validate_json(raw)
            except ValidationError as err:
                first = err.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                yield InputError(f"not a communique/1 record ({where}: {first['msg']})", source=path, line=number)


def count_records(sources: Iterable) -> int | None:
    """How many records the sources hold (for the progress bar), or None if unknown."""
    total = 0
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        if not isinstance(source, (str, os.PathLike)) or str(source).startswith(("postgresql://", "postgres://")):
            return None
        path = os.fspath(source)
        if os.path.isdir(path):
            from communique.ingest import _folder_files

            for child in _folder_files(Path(path)):
                total += _count_file(str(child))
        elif os.path.isfile(path):
            if _is_corpus_file(path):
                return None
            total += _count_file(path)
        else:
            total += 1
    return total


def _count_file(path: str) -> int:
    if not jsonl.is_jsonl_name(path):
        return 1
    try:
        with jsonl.open_lines(path) as stream:
            return sum(1 for raw in stream if raw.strip())
    except (OSError, EOFError, gzip.BadGzipFile):
        return 0


# -- planning -------------------------------------------------------------------------------
def corpus_date(date: str | None) -> tuple[str | None, str | None]:
    """(date for the pipeline, date for the corpus): a bare year or month is kept
    by the corpus but not given to the pipeline, which needs a full date."""
    if date and _REDUCED_DATE.match(date.strip()):
        return None, date.strip()
    return date, (date.strip()[:10] if date else None)


def where(item: StatementRecord | InputError) -> str:
    if isinstance(item, InputError):
        return item.source + (f":{item.line}" if item.line is not None else "") if item.source else "<input>"
    if item.id:
        return item.id
    return (item.source or "<input>") + (f":{item.line}" if item.line is not None else "")


def failure_message(err: InputError) -> tuple[str, str]:
    return where(err), err.message


# -- analysing --------------------------------------------------------------------------------
_worker_pipeline = None


def _init_worker(gazetteers: tuple[str, ...], light: bool) -> None:
    global _worker_pipeline
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _worker_pipeline = load_pipeline(gazetteers, light)


def load_pipeline(gazetteers: Iterable[str] = (), light: bool = False):
    if light:
        from communique.corpus.light import LightPipeline

        return LightPipeline()
    from communique.pipeline import Pipeline

    return Pipeline.load(gazetteers=list(gazetteers))


def analyse_batch(records: list[StatementRecord], pipeline=None, batch_size: int = 16) -> list:
    """Analyses (or ``(where, message)`` failures) of ``records``, in order.

    A record that makes a layer fail is retried alone, so only it is lost."""
    pipeline = pipeline or _worker_pipeline
    try:
        results = list(pipeline.analyze_many(records, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - isolate the record that broke the batch
        results = []
        for record in records:
            try:
                results += list(pipeline.analyze_many([record], batch_size=1))
            except Exception as err:  # noqa: BLE001 - a bad record is reported, not fatal
                results.append(InputError(f"analysis failed ({type(err).__name__}: {err})",
                                          source=record.source, line=record.line))
    out = []
    for record, result in zip(records, results, strict=True):
        if isinstance(result, InputError):
            out.append((where(record) if record.id else where(result), result.message))
        else:
            out.append(result)
    return out


class Analyser:
    """Runs batches in this process, or in ``jobs`` worker processes (spawned,
    each with its own pipeline), returning results in submission order."""

    def __init__(self, jobs: int, pipeline=None, gazetteers: Iterable[str] = (), light: bool = False,
                 batch_size: int = 16):
        self.jobs = jobs
        self.batch_size = batch_size
        self.pending: deque = deque()
        self.pool = None
        self.pipeline = pipeline
        if pipeline is None and jobs > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("spawn")
            self.pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(tuple(map(str, gazetteers)), light))
        elif pipeline is None:
            self.pipeline = load_pipeline(gazetteers, light)

    @property
    def full(self) -> bool:
        return len(self.pending) >= (2 * self.jobs if self.pool else 1)

    def submit(self, batch: list) -> None:
        records = [job.record for job in batch]
        if self.pool is not None:
            self.pending.append((batch, self.pool.apply_async(analyse_batch, (records, None, self.batch_size))))
        else:
            self.pending.append((batch, analyse_batch(records, self.pipeline, self.batch_size)))

    def next(self) -> tuple[list, list]:
        batch, result = self.pending.popleft()
        return batch, (result.get() if self.pool is not None else result)

    def close(self, *, abort: bool = False) -> None:
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
            self.pool = None

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        self.close(abort=exc_type is not None)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def log_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


Logger = Callable[[str], None]

