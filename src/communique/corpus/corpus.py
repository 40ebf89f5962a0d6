"""The corpus: many analysed statements in one database, searchable.

>>> from communique.corpus import Corpus
>>> with Corpus.open("corpus.db") as corpus:                  # or "postgresql://user@host/db"
...     report = corpus.ingest(["statements.jsonl"], jobs=2)
...     results = corpus.search("ceasefire violation", issuer="ARM")

Every CLI command of the corpus (``communique ingest``, ``search``,
``timeline``, ``thread``, ``claims --db``, ``export``) is a thin layer over a
method here. Methods raise :class:`communique.errors.StoreError` (one line)
for database trouble and :class:`communique.errors.CommuniqueError` for bad
arguments. A ``Corpus`` may be shared by threads (each call holds its lock).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from typing import IO, Any

from communique.contract import Analysis
from communique.corpus import ledger, rows
from communique.corpus.ingest import (
    LIGHT_ENV,
    Analyser,
    Job,
    Stored,
    chunks,
    corpus_date,
    count_records,
    read_sources,
    where,
)
from communique.corpus.models import (
    ClaimCluster,
    Failure,
    Hit,
    IngestReport,
    SearchResults,
    Thread,
    ThreadEdge,
    ThreadNode,
    Timeline,
)
from communique.corpus.search import fts5, parse, snippet, tsquery
from communique.corpus.store import Backend, _now, open_backend
from communique.corpus.version import analysis_version
from communique.errors import CommuniqueError, InputError, StoreError
from communique.ingest.records import StatementRecord

BY = ("day", "week", "month", "year")


class Corpus:
    """An open corpus database. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self._ledger_stale = False
        self._ledger_cache: dict = {}
        self._ledger_state: tuple | None = None

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, target: str | os.PathLike, *, migrate: bool = True) -> Corpus:
        """Open (creating or migrating its schema) the corpus at ``target``: an
        SQLite file path, or a ``postgresql://user@host/db`` URL.

        Raises :class:`StoreError` with one line when the file is not a corpus,
        is corrupt, or the server cannot be reached.
        """
        backend = open_backend(os.fspath(target))
        try:
            if migrate:
                backend.migrate()
            elif backend.schema_version() == 0:
                raise StoreError(f"{backend.name}: not a communique corpus (no schema)")
            corpus = cls(backend)
            corpus._check_ledger_settings()
        except BaseException:
            backend.close()
            raise
        return corpus

    @property
    def name(self) -> str:
        """The database: a path, or the URL without its password."""
        return self.backend.name

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return int(self.backend.one("SELECT count(*) FROM statements")[0])

    def __contains__(self, statement_id: str) -> bool:
        return self.backend.one("SELECT 1 FROM statements WHERE id = ?", (statement_id,)) is not None

    # -- writing -----------------------------------------------------------------------------
    def ingest(
        self,
        sources: Iterable | str | os.PathLike,
        *,
        jobs: int = 1,
        batch_size: int = 16,
        reanalyse: bool = False,
        progress: bool | str = False,
        pipeline: Any = None,
        gazetteers: Iterable[str] = (),
        issuer: str | None = None,
        date: str | None = None,
        title: str | None = None,
        fields: dict[str, str] | None = None,
        log: Any = None,
    ) -> IngestReport:
        """Analyse and store statements; return what happened.

        ``sources``: paths (text, HTML, PDF, JSONL[.gz] files, folders read
        recursively, JSONL of ``communique/1`` records, another corpus file or
        ``postgresql://`` URL to copy from without re-analysing), or
        ``StatementRecord``s, dicts with ``text``, or ``Analysis`` records.

        A statement's id is its record's ``id``, else a hash of its text, issuer
        and date (:func:`rows.statement_id`), so ingesting again changes
        nothing: stored statements with the same content are skipped before
        analysis. Statements stored by another analysis version are re-analysed
        only with ``reanalyse=True`` (else counted as ``stale``); a stored id
        with a different text or metadata is analysed again (``updated``).

        ``progress``: True for a progress bar on stderr, ``"lines"`` for a line
        to ``log`` every minute (for logs of long runs in the background).

        ``jobs`` > 1 analyses in that many worker processes (each loads its
        own pipeline, about 0.6 GB); ``pipeline`` analyses in this process
        with that pipeline instead. Every ``batch_size`` statements are
        written in one transaction. A record that fails is reported in
        ``failed`` (and to ``log``, a callable taking one line) and skipped.
        ``issuer``/``date``/``title`` fill what records leave out; ``fields``
        maps statement fields to other keys of JSONL records or dicts, e.g.
        ``{"issuer": "iso3", "date": "year"}`` (a bare year or year-month is
        kept as the corpus date but not given to the pipeline).
        """
        started = time.perf_counter()
        report = IngestReport()
        gazetteers = [str(g) for g in gazetteers]
        light = os.environ.get(LIGHT_ENV, "") not in ("", "0")
        if pipeline is None and light:
            from communique.corpus.light import LightPipeline

            pipeline = LightPipeline()
        version = analysis_version(pipeline, gazetteers)
        if reanalyse and sources in (None, (), []):
            sources = self._stale_records(version)
        items = read_sources(sources, issuer=issuer, date=date, title=title, fields=fields)
        countable = isinstance(sources, (str, os.PathLike, list, tuple))
        total = count_records(sources) if progress and countable else None
        bar = _progress_bar(total, progress is True)
        lines = _ProgressLines(total, log, report) if progress == "lines" and log is not None else None
        seen: set[str] = set()

        def fail(where_: str, message: str) -> None:
            report.failed.append(Failure(where=where_, message=message))
            if log is not None:
                _log(log, bar, f"error: {where_}: {message}")

        def tick(n: int = 1) -> None:
            if lines is not None:
                lines.update(n)
            if bar is not None:
                bar.update(n)
                bar.set_postfix(added=report.added, unchanged=report.unchanged, failed=len(report.failed),
                                refresh=False)

        analyser: Analyser | None = None
        try:
            for chunk in chunks(items, batch_size):
                jobs_, direct = self._plan(chunk, version, reanalyse, report, seen, fail, tick)
                if direct:
                    self._write_stored(direct, report, fail)
                    tick(len(direct))
                if not jobs_:
                    continue
                if analyser is None:
                    analyser = Analyser(jobs, pipeline, gazetteers, light, batch_size)
                analyser.submit(jobs_)
                while analyser.full:
                    batch, results = analyser.next()
                    self._write_results(batch, results, version, report, fail)
                    tick(len(batch))
            while analyser is not None and analyser.pending:
                batch, results = analyser.next()
                self._write_results(batch, results, version, report, fail)
                tick(len(batch))
        except BaseException:
            if analyser is not None:
                analyser.close(abort=True)
            raise
        finally:
            if bar is not None:
                bar.close()
        if analyser is not None:
            analyser.close()
        report.links = self.link()
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _plan(self, chunk, version, reanalyse, report, seen, fail, tick) -> tuple[list[Job], list[Stored]]:
        """Which records of a chunk need analysing: look up their ids once."""
        jobs_: list[Job] = []
        direct: list[Stored] = []
        wanted: list[tuple[str, str, Any, str | None]] = []
        for item in chunk:
            if isinstance(item, InputError):
                fail(where(item), item.message)
                tick()
            elif isinstance(item, tuple) and item and item[0] == "corpus":
                self._copy_from(item[1], report, fail, tick)
            elif isinstance(item, tuple) and item and item[0] == "stored":
                _, record, content, stored_date = item  # a stored statement to analyse again, as it is
                wanted.append((record.id, content, record, stored_date))
            elif isinstance(item, Analysis):
                st = item.statement
                content = rows.content_hash(st.text, st.issuer.code if st.issuer else None, st.date, st.title)
                wanted.append((st.id, content, item, st.date))
            else:
                pipeline_date, stored_date = corpus_date(item.date)
                sid = item.id or rows.statement_id(item.text, item.issuer, stored_date)
                content = rows.content_hash(item.text, item.issuer, stored_date, item.title)
                record = StatementRecord(text=item.text, id=sid, title=item.title, issuer=item.issuer,
                                         date=pipeline_date, source=item.source, line=item.line,
                                         warnings=item.warnings)
                wanted.append((sid, content, record, stored_date))
        if not wanted:
            return jobs_, direct
        known = {r[0]: (r[1], r[2]) for r in self.backend.ids_in(
            "id", "statements", [w[0] for w in wanted], "id, content_hash, analysis_version")}
        for sid, content, obj, stored_date in wanted:
            if sid in seen:
                report.unchanged += 1
                tick()
                continue
            seen.add(sid)
            if sid not in known:
                kind = "added"
            elif known[sid][0] != content:
                kind = "updated"
            elif known[sid][1] != version and isinstance(obj, StatementRecord):
                if not reanalyse:
                    report.unchanged += 1
                    report.stale += 1
                    tick()
                    continue
                kind = "reanalysed"
            else:
                report.unchanged += 1
                tick()
                continue
            if isinstance(obj, Analysis):
                direct.append(Stored(obj, content, version, kind, stored_date))
            else:
                jobs_.append(Job(obj, sid, content, kind, stored_date))
        return jobs_, direct

    def _write_results(self, batch: list[Job], results: list, version: str, report: IngestReport, fail) -> None:
        stored = []
        for job, result in zip(batch, results, strict=True):
            if isinstance(result, tuple):
                fail(*result)
            else:
                stored.append(Stored(result, job.content, version, job.kind, job.date))
        self._write_stored(stored, report, fail)

    def _write_stored(self, stored: list[Stored], report: IngestReport, fail) -> None:
        """Write a batch in one transaction; if a row breaks it, write them one by one."""
        if not stored:
            return
        try:
            with self.backend.transaction():
                for item in stored:
                    self._store(item)
        except StoreError as err:
            if len(stored) == 1 or _fatal(err):
                if len(stored) == 1 and not _fatal(err):
                    fail(stored[0].analysis.statement.id, str(err))
                    return
                raise
            for item in stored:
                self._write_stored([item], report, fail)
            return
        for item in stored:
            setattr(report, item.kind, getattr(report, item.kind) + 1)

    def _store(self, item: Stored) -> int:
        """Insert (or replace) one statement and its derived rows; inside a transaction."""
        a = item.analysis
        sid = a.statement.id
        old = self.backend.one("SELECT n, added_at FROM statements WHERE id = ?", (sid,))
        now = _now()
        if old is not None:
            self._delete(old[0])
        row = rows.statement_row(a, content=item.content, version=item.version, now=now, date=item.date)
        if old is not None:
            row = row[:-2] + (old[1], now)
        n = self.backend.insert(rows.INSERT_STATEMENT, row)
        self._store_layers(a, n)
        return n

    def _store_layers(self, a: Analysis, n: int) -> None:
        for table, table_rows in rows.layer_rows(a, n).items():
            self.backend.executemany(rows.INSERTS[table], table_rows)
        if a.claims:
            self._store_claims(a, n)

    def _store_claims(self, a: Analysis, n: int) -> None:
        """Insert a statement's claims, each in the cluster of its most similar
        stored claim (or a new one), and the disputes they take part in. One
        lookup for all the claims' bands, and the claims' keys allotted here, so
        that a statement costs a few round trips to the database, not a few per claim."""
        issuer = a.statement.issuer.country if a.statement.issuer else None
        mentions = sorted(a.mentions, key=lambda m: m.start)
        keys = [ledger.claim_key(a, claim, mentions) for claim in a.claims]
        band_keys = [list(dict.fromkeys(ledger.bands(ledger.signature(key.shingles)))) for key in keys]
        by_band: dict[int, dict[int, tuple]] = {}
        for band, k, key, blob, denial, cluster, other_issuer in self.backend.ids_in(
                "b.band", "claim_bands b JOIN claims c ON c.k = b.claim JOIN statements s ON s.n = c.statement",
                sorted({b for bands in band_keys for b in bands}),
                "b.band, c.k, c.key, c.shingles, c.denial, c.cluster, s.issuer_country"):
            by_band.setdefault(band, {})[k] = (key, ledger.from_blob(blob), bool(denial), cluster, other_issuer)
        next_k = int(self.backend.one("SELECT coalesce(max(k), 0) FROM claims")[0]) + 1
        claim_rows, band_rows, disputes = [], [], set()
        for idx, (claim, key, bands) in enumerate(zip(a.claims, keys, band_keys, strict=True)):
            candidates: dict[int, tuple] = {}
            for b in bands:
                for k, found in by_band.get(b, {}).items():
                    if len(candidates) < 300:
                        candidates.setdefault(k, found)
            k = next_k
            next_k += 1
            best, best_sim = None, 0.0
            mine: set[tuple] = set()
            actors = set(key.key.split("|")[0].split())
            for other_k, (other_key, other, denial, cluster, other_issuer) in sorted(candidates.items()):
                if other_key == key.key:
                    sim = ledger.same_claim(key.shingles, other)
                    if sim is not None and (sim > best_sim or (sim == best_sim and cluster < best)):
                        best, best_sim = cluster, sim
                if issuer is None or other_issuer is None or other_issuer == issuer:
                    continue
                other_actors = set(other_key.split("|")[0].split())
                if key.denial and not denial and other_actors <= actors and ledger.disputable(other_key) and \
                        ledger.disputes(other, key.shingles):
                    disputes.add((k, cluster))  # this claim disputes that cluster
                elif denial and not key.denial and actors <= other_actors and ledger.disputable(key.key) and \
                        ledger.disputes(key.shingles, other):
                    mine.add((other_k,))  # that claim disputes this one's cluster
            cluster = best if best is not None else k
            disputes.discard((k, cluster))  # a claim does not dispute the cluster it joins
            disputes.update((d, cluster) for (d,) in mine)
            claim_rows.append((k, n, idx, claim.id, claim.sentence, claim.start, claim.end, claim.checkworthiness,
                               " ".join(claim.kinds), key.key, ledger.to_blob(key.shingles), int(key.denial), cluster))
            band_rows += [(b, k) for b in bands]
            for b in bands:  # later claims of this statement may match it
                by_band.setdefault(b, {})[k] = (key.key, key.shingles, key.denial, cluster, issuer)
        self.backend.executemany(
            "INSERT INTO claims (k, statement, idx, claim_id, sentence, char_start, char_end, checkworthiness, kinds, "
            "key, shingles, denial, cluster) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claim_rows)
        self.backend.executemany("INSERT INTO claim_bands (band, claim) VALUES (?, ?)", band_rows)
        self.backend.executemany(
            "INSERT INTO claim_disputes (claim, cluster) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(disputes))

    def add(self, analysis: Analysis, *, version: str | None = None) -> str:
        """Store one analysed statement (replacing a stored one with the same
        id) and return its id. An analysis whose id is the pipeline's default
        (a hash of its text alone) is stored under the corpus id, a hash of its
        text, issuer and date, as ``ingest`` would give it."""
        st = analysis.statement
        issuer = st.issuer.code if st.issuer else None
        default_id = __import__("hashlib").sha256(st.text.encode("utf-8")).hexdigest()[:16]
        if st.id == default_id:
            analysis = analysis.model_copy(deep=True)
            analysis.statement.id = rows.statement_id(st.text, issuer, st.date)
        content = rows.content_hash(st.text, issuer, st.date, st.title)
        with self.backend.transaction():
            self._store(Stored(analysis, content, version or analysis_version(), "added", st.date))
        self.link()
        return analysis.statement.id

    def delete(self, statement_id: str) -> bool:
        """Remove a statement and everything derived from it; False if absent."""
        with self.backend.transaction():
            row = self.backend.one("SELECT n FROM statements WHERE id = ?", (statement_id,))
            if row is None:
                return False
            self._delete(row[0])
        return True

    def _delete(self, n: int) -> None:
        """Delete statement ``n``: its claims' band rows, then the statement (the
        other derived rows go with it, by foreign key); inside a transaction."""
        bands = []
        for k, blob in self.backend.query("SELECT k, shingles FROM claims WHERE statement = ?", (n,)):
            bands += [(b, k) for b in dict.fromkeys(ledger.bands(ledger.signature(ledger.from_blob(blob))))]
        self.backend.executemany("DELETE FROM claim_bands WHERE band = ? AND claim = ?", bands)
        self.backend.execute("DELETE FROM statements WHERE n = ?", (n,))

    def reindex(self, *, progress: bool = False) -> int:
        """Rebuild every derived table (layers, claim ledger, links) from the
        stored records, e.g. after a schema migration or a ledger change."""
        ns = [r[0] for r in self.backend.query("SELECT n FROM statements ORDER BY n")]
        bar = _progress_bar(len(ns), progress)
        with self.backend.transaction():  # one transaction: a crash leaves the old tables, never half of the new
            for table in ("links", "claim_disputes", "claim_bands", "claims", "sentences", "mentions", "events",
                          "quantities", "dates", "refs", "techniques", "stances"):
                self.backend.execute(f"DELETE FROM {table}")
            for part in chunks(ns, 64):
                for n in part:
                    blob, text = self.backend.one("SELECT analysis, text FROM statements WHERE n = ?", (n,))
                    self._store_layers(rows.unpack(blob, text), n)
                if bar is not None:
                    bar.update(len(part))
            self._set_meta("ledger", ledger.settings())
        if bar is not None:
            bar.close()
        self._ledger_stale = False
        self._ledger_cache, self._ledger_state = {}, None
        self.link()
        return len(ns)

    def recluster(self, *, progress: bool = False) -> int:
        """Cluster every stored claim again (after a change of the ledger's settings)."""
        return self.reindex(progress=progress)

    def _check_ledger_settings(self) -> None:
        current = self._get_meta("ledger")
        if current is None:
            self._set_meta("ledger", ledger.settings())
        elif current != ledger.settings() and len(self):
            self._ledger_stale = True

    def _get_meta(self, key: str) -> str | None:
        row = self.backend.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        with self.backend.transaction():
            self.backend.execute("DELETE FROM meta WHERE key = ?", (key,))
            self.backend.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _stale_records(self, version: str) -> list[tuple]:
        """What ``ingest(reanalyse=True)`` without sources analyses again: every
        stored statement of another version, rebuilt from what is stored (with
        its stored content hash, so that it counts as re-analysed, not changed)."""
        out = []
        for sid, title, issuer, date, source, text, content in self.backend.query(
                "SELECT id, title, issuer, date, source, text, content_hash FROM statements "
                "WHERE analysis_version <> ? ORDER BY n", (version,)):
            pipeline_date, stored_date = corpus_date(date)
            record = StatementRecord(text=text, id=sid, title=title, issuer=issuer, date=pipeline_date, source=source)
            out.append(("stored", record, content, stored_date))
        return out

    def _copy_from(self, source: str, report: IngestReport, fail, tick) -> None:
        """Copy the stored analyses of another corpus (no re-analysis), keeping
        their analysis versions; statements already here unchanged are skipped."""
        with Corpus.open(source, migrate=False) as other:
            ns = [r[0] for r in other.backend.query("SELECT n FROM statements ORDER BY n")]
            for part in chunks(ns, 64):
                marks = ",".join("?" * len(part))
                found = other.backend.query(
                    f"SELECT id, text, analysis, analysis_version, content_hash, date FROM statements WHERE n IN ({marks})",
                    part)
                known = {r[0]: r[1] for r in self.backend.ids_in("id", "statements", [f[0] for f in found],
                                                                 "id, content_hash")}
                batch = []
                for sid, text, blob, version, content, date in found:
                    if known.get(sid) == content:
                        report.unchanged += 1
                        continue
                    kind = "updated" if sid in known else "added"
                    batch.append(Stored(rows.unpack(blob, text), content, version, kind, date))
                self._write_stored(batch, report, fail)
                tick(len(found))

    # -- reading ---------------------------------------------------------------------------
    def get(self, statement_id: str) -> Analysis | None:
        """The stored ``communique/1`` record of a statement, or None."""
        row = self.backend.one("SELECT analysis, text FROM statements WHERE id = ?", (statement_id,))
        return rows.unpack(row[0], row[1]) if row else None

    def ids(self, *, limit: int | None = None, offset: int = 0) -> list[str]:
        """Statement ids in the order they were stored."""
        sql = "SELECT id FROM statements ORDER BY n"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [r[0] for r in self.backend.query(sql)]

    def search(
        self,
        query: str | None = None,
        *,
        issuer: str | None = None,
        target: str | None = None,
        mentions: str | None = None,
        event_type: str | None = None,
        technique: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Statements matching ``query`` (words, all required; ``"phrases"``,
        ``OR``, ``-excluded``, ``prefix*``; English stemming) and the filters,
        best first, each with a plain-text snippet and the offsets of the
        matched words in it. Without words, the filtered statements, newest first.
        (On PostgreSQL, when more than 1,000 statements match, the 1,000 newest
        are ranked, and with phrases, when more than 1,000 statements hold the
        words, the phrases are checked in the 1,000 newest of them and the total
        is estimated, ``total_estimated``; SQLite ranks and counts them all.)

        Filters: ``issuer`` ("ARM" any sector, "ARM GOV" that sector),
        ``target`` (a target of one of its events), ``mentions`` (an actor it
        mentions), ``event_type`` ("ACCUSE" or "ACCUSE/allege"), ``technique``
        (a rhetoric technique label), ``date_from``/``date_to`` (ISO dates or
        their prefixes: "2024", "2024-03"; inclusive).
        """
        parsed = parse(query or "")
        where_sql, params = self._filters(issuer, target, mentions, event_type, technique, date_from, date_to)
        limit, offset = max(0, int(limit)), max(0, int(offset))
        with self.backend.lock:
            estimated = False
            if parsed is None:
                base = f"FROM statements s WHERE 1 = 1{where_sql}"
                total = self.backend.one(f"SELECT count(*) {base}", params)[0]
                found = self.backend.query(
                    f"SELECT s.n, s.id, s.title, s.issuer, s.date, 0.0 {base} ORDER BY s.date DESC, s.n DESC "
                    f"LIMIT {limit} OFFSET {offset}", params)
            else:
                expression = fts5(parsed) if self.backend.kind == "sqlite" else tsquery(parsed)
                total, found, estimated = self.backend.fts_search(expression, where_sql, params, limit, offset)
            texts = dict(self.backend.ids_in("n", "statements", [f[0] for f in found], "n, text")) if found else {}
        hits = []
        for n, sid, title, issuer_, date, score in found:
            text, marks = snippet(texts[n], parsed)
            hits.append(Hit(id=sid, title=title, issuer=issuer_, date=date, score=float(score),
                            snippet=text, marks=marks))
        return SearchResults(query=query or "", total=int(total), total_estimated=estimated, offset=offset, hits=hits)

    def _filters(self, issuer, target, mentions, event_type, technique, date_from, date_to) -> tuple[str, list]:
        sql, params = "", []
        if issuer:
            country, sector = _actor_parts(issuer)
            sql += " AND s.issuer_country = ?"
            params.append(country)
            if sector:
                sql += " AND s.issuer_sector = ?"
                params.append(sector)
        if target:
            country, sector = _actor_parts(target)
            sql += " AND s.n IN (SELECT statement FROM events WHERE target_country = ?" + (
                " AND target_sector = ?)" if sector else ")")
            params += [country, sector] if sector else [country]
        if mentions:
            country, sector = _actor_parts(mentions)
            sql += " AND s.n IN (SELECT statement FROM mentions WHERE country = ?" + (" AND sector = ?)" if sector else ")")
            params += [country, sector] if sector else [country]
        if event_type:
            kind, _, mode = event_type.strip().partition("/")
            sql += " AND s.n IN (SELECT statement FROM events WHERE type = ?" + (" AND mode = ?)" if mode else ")")
            params += [kind.upper(), mode] if mode else [kind.upper()]
        if technique:
            sql += " AND s.n IN (SELECT statement FROM techniques WHERE technique = ?)"
            params.append(technique)
        # substr() keeps the date index out of a full-text search: PostgreSQL would otherwise walk the
        # statements of the date range and read each one's tsvector instead of asking the text index
        if date_from:
            sql += " AND substr(s.date, 1, 10) >= ?"
            params.append(_check_date(date_from, "date_from"))
        if date_to:
            bound = _check_date(date_to, "date_to")
            sql += f" AND substr(s.date, 1, {len(bound)}) <= ?"
            params.append(bound)
        return sql, params

    def timeline(self, a: str, b: str, *, by: str = "month", date_from: str | None = None,
                 date_to: str | None = None, include_all: bool = False) -> Timeline:
        """Events between actors ``a`` and ``b`` in each direction per period:
        counts by PLOVER type and the mean PLOVER intensity (-10 conflict ..
        +10 cooperation). "AZE" matches every sector of Azerbaijan, "AZE GOV"
        only its government. Only asserted events count (not negated,
        hypothetical or historical ones) unless ``include_all``. Events are
        dated by their statement; statements without a date precise enough
        for ``by`` are counted in ``undated``."""
        from communique.corpus.timeline import build

        if by not in BY:
            raise CommuniqueError(f"timeline: by must be one of {', '.join(BY)}, not {by!r}")
        ca, sa = _actor_parts(a)
        cb, sb = _actor_parts(b)
        sql = ("SELECT s.n, s.date, e.source_country, e.source_sector, e.target_country, e.target_sector, e.type, "
               "e.intensity FROM events e JOIN statements s ON s.n = e.statement "
               "WHERE ((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))")
        params: list = [ca, cb, cb, ca]
        if not include_all:
            sql += " AND e.negated = 0 AND e.hypothetical = 0 AND e.historical = 0"
        if date_from:
            sql += " AND s.date >= ?"
            params.append(_check_date(date_from, "date_from"))
        if date_to:
            bound = _check_date(date_to, "date_to")
            sql += f" AND substr(s.date, 1, {len(bound)}) <= ?"
            params.append(bound)
        found = self.backend.query(sql, params)
        return build(" ".join(p for p in (ca, sa) if p), " ".join(p for p in (cb, sb) if p), by, found,
                     (ca, sa), (cb, sb))

    def link(self) -> int:
        """Match the ``responds_to`` statement references not yet linked against
        the stored statements; return how many links were added."""
        from communique.corpus.threads import resolve

        return resolve(self.backend)

    def thread(self, statement_id: str) -> Thread | None:
        """The exchange a statement belongs to: every statement linked to it by
        responds-to links, in either direction, transitively; None if unknown."""
        row = self.backend.one("SELECT n FROM statements WHERE id = ?", (statement_id,))
        if row is None:
            return None
        nodes, frontier = {row[0]}, {row[0]}
        edges: dict[tuple[int, int], str] = {}
        while frontier and len(nodes) < 1000:
            marks = ",".join("?" * len(frontier))
            found = self.backend.query(
                f"SELECT statement, target, reason FROM links WHERE statement IN ({marks}) OR target IN ({marks})",
                [*frontier, *frontier])
            frontier = set()
            for src, dst, reason in found:
                edges.setdefault((src, dst), reason)
                for x in (src, dst):
                    if x not in nodes:
                        nodes.add(x)
                        frontier.add(x)
        info = {r[0]: r[1:] for r in self.backend.ids_in("n", "statements", sorted(nodes),
                                                          "n, id, title, issuer, date")}
        order = sorted(nodes, key=lambda n: (info[n][3] or "", n))
        tnodes = [ThreadNode(id=info[n][0], title=info[n][1], issuer=info[n][2], date=info[n][3]) for n in order]
        tedges = [ThreadEdge(from_id=info[s][0], to_id=info[t][0], reason=r)
                  for (s, t), r in sorted(edges.items(), key=lambda e: (order.index(e[0][0]), order.index(e[0][1])))]
        return Thread(root=tnodes[0].id, nodes=tnodes, edges=tedges)

    def ledger(self, *, top: int = 20, actor: str | None = None, min_count: int = 2,
               offset: int = 0, formulas: bool = False) -> list[ClaimCluster]:
        """The claims repeated most often across statements: clusters of
        near-identical claims (see :mod:`communique.corpus.ledger`) made in at
        least ``min_count`` statements, those made in most statements first,
        each with when it was first seen, how often and by whom it was made,
        and who disputed it. ``actor`` keeps the claims that actor
        ("AZE": any sector) made. Formulas of the record and of ceremony
        ("The President returned to the Chair.", congratulations on an
        election; :func:`communique.corpus.ledger.is_formula`) are left out
        unless ``formulas``."""
        if self._ledger_stale:
            raise StoreError(f"{self.name}: the claim ledger was built with other settings; run "
                             "`communique claims --db ... --recluster` (Corpus.recluster) first")
        # the same question on an unchanged corpus gets the same answer: remember it (the web app asks often)
        with self.backend.lock:
            state = (self.backend.one("SELECT coalesce(max(k), 0) FROM claims")[0], len(self))
            if state != self._ledger_state or len(self._ledger_cache) > 32:
                self._ledger_cache, self._ledger_state = {}, state
            key = (top, actor, min_count, offset, formulas)
            if key not in self._ledger_cache:
                self._ledger_cache[key] = self._ledger(top, actor, min_count, offset, formulas)
            return [c.model_copy(deep=True) for c in self._ledger_cache[key]]

    def _ledger(self, top: int, actor: str | None, min_count: int, offset: int,
                formulas: bool) -> list[ClaimCluster]:
        # the clusters big enough first, from the claims' cluster index alone (most claims stand alone)
        sql = ("SELECT c.cluster, count(*), min(s.date) FROM claims c JOIN statements s ON s.n = c.statement "
               "WHERE c.cluster IN (SELECT cluster FROM claims GROUP BY cluster HAVING count(*) >= ?)")
        params: list = [int(min_count)]
        if actor:
            country, sector = _actor_parts(actor)
            cond = "s2.issuer_country = ?" + (" AND s2.issuer_sector = ?" if sector else "")
            sql += (f" AND c.cluster IN (SELECT c2.cluster FROM claims c2 JOIN statements s2 ON s2.n = c2.statement "
                    f"WHERE {cond})")
            params += [country, sector] if sector else [country]
        # a claim repeated within one statement (an anaphora) is not a recurring claim: count statements
        sql += (" GROUP BY c.cluster HAVING count(DISTINCT c.statement) >= ? "
                "ORDER BY count(DISTINCT c.statement) DESC, count(*) DESC, min(s.date), c.cluster")
        params.append(int(min_count))
        if formulas:
            sql += f" LIMIT {int(top)} OFFSET {int(offset)}"
        groups = self.backend.query(sql, params)
        out: list[ClaimCluster] = []
        skip = int(offset)
        for cluster, count, first in groups:
            if len(out) >= top:
                break
            start, end, n = self.backend.one(
                "SELECT c.char_start, c.char_end, s.n FROM claims c JOIN statements s ON s.n = c.statement "
                "WHERE c.cluster = ? ORDER BY s.date, c.k LIMIT 1", (cluster,))
            text = self.backend.one("SELECT substr(text, ?, ?) FROM statements WHERE n = ?",
                                    (start + 1, end - start, n))[0]
            if not formulas:  # left out here, so that paging counts only what is shown
                if ledger.is_formula(text):
                    continue
                if skip:
                    skip -= 1
                    continue
            members = self.backend.query(
                "SELECT s.id, s.date, s.issuer, NULL, c.char_start, c.char_end, c.k, s.n, s.issuer_country, c.key, "
                "c.shingles FROM claims c JOIN statements s ON s.n = c.statement WHERE c.cluster = ? "
                "ORDER BY s.date, c.k", (cluster,))
            disputers = self.backend.query(
                "SELECT DISTINCT s.issuer FROM claim_disputes d JOIN claims c ON c.k = d.claim "
                "JOIN statements s ON s.n = c.statement WHERE d.cluster = ? AND s.issuer IS NOT NULL", (cluster,))
            statements = list(dict.fromkeys(m[0] for m in members))
            asserted = sorted({m[2] for m in members if m[2]})
            found = ledger.find_disputes(self, cluster, [(m[7], m[4], m[5], m[8], m[9], ledger.from_blob(m[10]))
                                                          for m in members])
            out.append(ClaimCluster(
                id=int(cluster), text=" ".join(text.split()), first_seen=first, count=int(count),
                statements=statements, asserted_by=asserted,
                disputed_by=sorted({d[0] for d in disputers} | found),
            ))
        return out

    def export(self, out: str | os.PathLike | IO, *, fmt: str = "csv", table: str | None = None) -> int:
        """Write a table (statements, events, claims, techniques) as csv,
        parquet or jsonl (statements as jsonl: one ``communique/1`` record a
        line, which ``ingest`` reads back without re-analysing), or the events
        as PLOVER JSONL (``fmt="plover"``); return the number of rows. ``table``
        defaults to statements (events for plover)."""
        from communique.corpus.export import export

        return export(self, out, fmt=fmt, table=table)

    def stats(self) -> dict:
        """Counts per table, the date range, issuers and analysis versions."""
        b = self.backend
        counts = {t: int(b.one(f"SELECT count(*) FROM {t}")[0]) for t in (
            "statements", "sentences", "mentions", "events", "claims", "quantities", "dates", "refs", "techniques",
            "stances", "links")}
        counts["claim_clusters"] = int(b.one("SELECT count(DISTINCT cluster) FROM claims")[0])
        first, last = b.one("SELECT min(date), max(date) FROM statements")
        issuers = b.query("SELECT issuer, count(*) FROM statements GROUP BY issuer ORDER BY count(*) DESC, issuer")
        versions = b.query("SELECT analysis_version, count(*) FROM statements GROUP BY analysis_version "
                           "ORDER BY count(*) DESC")
        current = analysis_version()
        return {
            "database": self.name,
            "backend": b.kind,
            "schema_version": b.schema_version(),
            "counts": counts,
            "undated": int(b.one("SELECT count(*) FROM statements WHERE date IS NULL")[0]),
            "date_range": [first, last],
            "issuers": {(i or "-"): int(c) for i, c in issuers},
            "analysis_versions": {v: int(c) for v, c in versions},
            "current_version": current,
            # stale: made by other code or models (extra gazetteers given at ingest are not held against a row)
            "stale": sum(int(c) for v, c in versions if v.split("; gazetteers ")[0] != current),
            "size_bytes": b.size_bytes(),
        }


# -- helpers ---------------------------------------------------------------------------------
def _actor_parts(code: str) -> tuple[str, str | None]:
    parts = code.strip().upper().split()
    if not parts or len(parts) > 2:
        raise CommuniqueError(f"actor {code!r}: give a code like 'AZE' or 'AZE GOV'")
    return parts[0], (parts[1] if len(parts) == 2 else None)


def _check_date(value: str, name: str) -> str:
    value = str(value).strip()
    for fmt_len, check in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        if len(value) == fmt_len:
            try:
                time.strptime(value, check)
                return value
            except ValueError:
                break
    raise CommuniqueError(f"{name} {value!r}: give a date as YYYY-MM-DD, YYYY-MM or YYYY")


def _fatal(err: StoreError) -> bool:
    """Errors that no other row would escape: stop the run (committed work stays)."""
    message = str(err)
    return any(s in message for s in ("disk is full", "disk full", "lost the connection", "read-only", "corrupt"))


def _progress_bar(total: int | None, enabled: bool):
    if not enabled:
        return None
    import sys

    from tqdm import tqdm

    return tqdm(total=total, unit=" statements", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)


class _ProgressLines:
    """A progress line to ``log`` every ``every`` seconds."""

    def __init__(self, total: int | None, log, report: IngestReport, every: float = 60.0):
        self.total, self.log, self.report, self.every = total, log, report, every
        self.done = 0
        self.started = self.last = time.monotonic()

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            r = self.report
            rate = (r.added + r.reanalysed + r.updated) / (now - self.started)
            of = f" of {self.total:,}" if self.total else ""
            self.log(f"{time.strftime('%H:%M:%S')} {self.done:,}{of} records: added {r.added:,}, unchanged "
                     f"{r.unchanged:,}, reanalysed {r.reanalysed:,}, failed {len(r.failed):,}; {rate:.2f} stored/s")


def _log(log, bar, message: str) -> None:
    if bar is not None:
        bar.write(message, file=__import__("sys").stderr)
    else:
        log(message)

