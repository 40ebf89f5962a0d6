"""The two storage back ends behind one interface: SQLite (a file, FTS5) and
PostgreSQL (a server, tsvector + GIN).

Both hold the same tables with the same columns, so every query outside the
full-text part is written once (with ``?`` placeholders; the PostgreSQL back
end rewrites them). The schema is versioned: ``MIGRATIONS`` lists, per back
end, the statements that take a database from one version to the next, and
:meth:`Backend.migrate` applies the missing ones in order, each in its own
transaction, when a corpus is opened.

Tables (``statement`` is always ``statements.n``):

- ``statements``: one row per statement: id, metadata, text, the whole
  ``communique/1`` record (zlib-compressed JSON without the text) and the
  analysis version that produced it;
- ``sentences``, ``mentions``, ``events``, ``claims``, ``quantities``,
  ``dates``, ``refs``, ``techniques``, ``stances``: every layer's records with
  their character offsets into the statement text (derived from the stored
  record, rebuilt by ``Corpus.reindex``);
- ``claim_bands``, ``claim_disputes``: the claim ledger's minhash index and
  dispute links; ``links``: thread links between statements. (``claim_bands``
  has no foreign key, to save an index the size of the table: its rows are
  deleted with their claim by ``Corpus``, and lookups join ``claims``, so a
  row left behind by a manual delete is never used);
- ``meta``: settings the derived tables were built with.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC
from typing import Any

from communique.errors import StoreError

SCHEMA_VERSION = 2
"""The schema version this code writes; a database with a higher one is refused."""

# -- the schema ------------------------------------------------------------------------
_DERIVED = """
CREATE TABLE sentences (
  statement {ref}, idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
  checkworthiness {real}, PRIMARY KEY (statement, idx)){wr};
CREATE TABLE mentions (
  statement {ref}, idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
  sentence INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, country TEXT NOT NULL, sector TEXT,
  org TEXT, via TEXT, PRIMARY KEY (statement, idx)){wr};
CREATE INDEX mentions_country ON mentions (country, statement);
CREATE TABLE events (
  statement {ref}, idx INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT,
  source_code TEXT, source_country TEXT, source_sector TEXT,
  target_code TEXT, target_country TEXT, target_sector TEXT, reported_by TEXT,
  sentence INTEGER NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, historical INTEGER NOT NULL,
  intensity {real} NOT NULL, confidence {real} NOT NULL, contexts TEXT NOT NULL,
  PRIMARY KEY (statement, idx)){wr};
CREATE INDEX events_pair ON events (source_country, target_country);
CREATE INDEX events_target ON events (target_country, statement);
CREATE INDEX events_type ON events (type, statement);
CREATE TABLE claims (
  k {serial}, statement {ref}, idx INTEGER NOT NULL, claim_id TEXT NOT NULL, sentence INTEGER NOT NULL,
  char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, checkworthiness {real} NOT NULL, kinds TEXT NOT NULL,
  key TEXT NOT NULL, shingles {blob} NOT NULL, denial INTEGER NOT NULL, cluster {bigint},
  UNIQUE (statement, idx));
CREATE INDEX claims_cluster ON claims (cluster);
CREATE TABLE claim_bands (band {bigint} NOT NULL, claim {bigint} NOT NULL, PRIMARY KEY (band, claim)){wr};
CREATE TABLE claim_disputes (
  claim {bigint} NOT NULL REFERENCES claims (k) ON DELETE CASCADE, cluster {bigint} NOT NULL,
  PRIMARY KEY (claim, cluster)){wr};
CREATE INDEX claim_disputes_cluster ON claim_disputes (cluster);
CREATE TABLE quantities (
  statement {ref}, idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
  value {real}, qualifier TEXT, unit TEXT, PRIMARY KEY (statement, idx)){wr};
CREATE TABLE dates (
  statement {ref}, idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
  value TEXT, duration TEXT, PRIMARY KEY (statement, idx)){wr};
CREATE TABLE refs (
  statement {ref}, idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
  kind TEXT NOT NULL, ids TEXT NOT NULL, responds_to INTEGER NOT NULL,
  actor_country TEXT, actor_sector TEXT, ref_date TEXT, PRIMARY KEY (statement, idx)){wr};
CREATE TABLE techniques (
  statement {ref}, idx INTEGER NOT NULL, char_start INTEGER, char_end INTEGER,
  technique TEXT NOT NULL, confidence {real}, data TEXT NOT NULL, PRIMARY KEY (statement, idx)){wr};
CREATE INDEX techniques_technique ON techniques (technique, statement);
CREATE TABLE stances (
  statement {ref}, idx INTEGER NOT NULL, actor TEXT, score {real}, data TEXT NOT NULL,
  PRIMARY KEY (statement, idx)){wr};
CREATE TABLE links (
  statement {ref}, ref INTEGER NOT NULL, target {bigint} NOT NULL REFERENCES statements (n) ON DELETE CASCADE,
  reason TEXT NOT NULL, PRIMARY KEY (statement, ref)){wr};
CREATE INDEX links_target ON links (target);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_SQLITE_V1 = """
CREATE TABLE statements (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT,
  issuer TEXT, issuer_country TEXT, issuer_sector TEXT, date TEXT, language TEXT, source TEXT,
  text TEXT NOT NULL, content_hash TEXT NOT NULL, analysis BLOB NOT NULL, analysis_version TEXT NOT NULL,
  added_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX statements_issuer ON statements (issuer_country, date);
CREATE INDEX statements_date ON statements (date);
CREATE VIRTUAL TABLE statements_fts USING fts5(
  title, text, content='statements', content_rowid='n', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
  INSERT INTO statements_fts (rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF title, text ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
  INSERT INTO statements_fts (rowid, title, text) VALUES (new.n, new.title, new.text);
END;
""" + _DERIVED.format(
    ref="INTEGER NOT NULL REFERENCES statements (n) ON DELETE CASCADE", real="REAL", blob="BLOB",
    bigint="INTEGER", serial="INTEGER PRIMARY KEY", wr=" WITHOUT ROWID",
)

_POSTGRES_V1 = """
CREATE TABLE statements (
  n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT,
  issuer TEXT, issuer_country TEXT, issuer_sector TEXT, date TEXT, language TEXT, source TEXT,
  text TEXT NOT NULL, content_hash TEXT NOT NULL, analysis BYTEA NOT NULL, analysis_version TEXT NOT NULL,
  added_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  tsv TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')
  ) STORED);
CREATE INDEX statements_issuer ON statements (issuer_country, date);
CREATE INDEX statements_date ON statements (date);
CREATE INDEX statements_tsv ON statements USING GIN (tsv);
""" + _DERIVED.format(
    ref="BIGINT NOT NULL REFERENCES statements (n) ON DELETE CASCADE", real="DOUBLE PRECISION", blob="BYTEA",
    bigint="BIGINT", serial="BIGINT PRIMARY KEY", wr="",
)

_V2 = """
CREATE INDEX claims_denial ON claims (statement) WHERE denial = 1;
"""
"""Version 2: the statements with denying claims, for the ledger's dispute search."""

MIGRATIONS: dict[str, list[tuple[int, str]]] = {
    "sqlite": [(1, _SQLITE_V1), (2, _V2)],
    "postgresql": [(1, _POSTGRES_V1), (2, _V2)],
}
"""Per back end, (version, SQL script) in order. A new version appends one entry
to each list; never edit an entry that has shipped."""


def _split(script: str) -> list[str]:
    """SQL statements of a script (triggers keep their inner semicolons)."""
    out, current, depth = [], [], 0
    for line in script.strip().splitlines():
        current.append(line)
        word = line.strip().upper()
        if word.startswith("CREATE TRIGGER"):
            depth += 1
        if depth and word == "END;":
            depth -= 1
        if not depth and line.rstrip().endswith(";"):
            out.append("\n".join(current).strip().rstrip(";"))
            current = []
    if "".join(current).strip():
        out.append("\n".join(current).strip())
    return out


# -- the interface ----------------------------------------------------------------------
class Backend:
    """One open database. Every method may raise :class:`StoreError` (one line)."""

    kind = "?"

    def __init__(self, name: str):
        self.name = name
        """Where the database is, for messages: a path, or a URL without its password."""
        self.lock = threading.RLock()
        self._in_transaction = False

    # connection-level operations, given by each back end
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def _begin(self) -> None: ...
    def _commit(self) -> None: ...
    def _rollback(self) -> None: ...
    def close(self) -> None: ...
    def translate(self, err: Exception) -> StoreError | None: ...

    # -- queries ----------------------------------------------------------------------
    # Every call holds the lock: a connection shared by threads (a web server's) never
    # runs one thread's statement inside another thread's transaction.
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.lock, self.errors():
            return list(self._execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        with self.lock, self.errors():
            return self._execute(sql, params).fetchone()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.lock, self.errors():
            self._execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.lock, self.errors():
                self._executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        """Run an ``INSERT ... RETURNING <key>`` and return the key."""
        with self.lock, self.errors():
            return int(self._execute(sql, params).fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a crash (even SIGKILL) inside leaves no trace of it."""
        with self.lock:
            if self._in_transaction:
                yield
                return
            with self.errors():
                self._begin()
            self._in_transaction = True
            try:
                yield
            except BaseException:
                self._in_transaction = False
                try:
                    self._rollback()
                except Exception:  # noqa: BLE001 - the original error matters more
                    pass
                raise
            self._in_transaction = False
            with self.errors():
                self._commit()

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Database errors become one-line :class:`StoreError`s naming the database."""
        try:
            yield
        except StoreError:
            raise
        except Exception as err:  # noqa: BLE001 - each back end knows its own error types
            store_error = self.translate(err)
            if store_error is None:
                raise
            raise store_error from None

    def ids_in(self, column: str, table: str, values: Sequence[Any], extra: str = "") -> list[tuple]:
        """Rows of ``SELECT {extra} FROM table WHERE column IN values``, in chunks."""
        out: list[tuple] = []
        for i in range(0, len(values), 500):
            chunk = list(values[i : i + 500])
            marks = ",".join("?" * len(chunk))
            out += self.query(f"SELECT {extra} FROM {table} WHERE {column} IN ({marks})", chunk)
        return out

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        raise NotImplementedError

    def migrate(self, migrations: list[tuple[int, str]] | None = None) -> int:
        """Apply the migrations this database lacks, in order; return the version."""
        migrations = MIGRATIONS[self.kind] if migrations is None else migrations
        newest = migrations[-1][0] if migrations else 0
        with self.lock:
            current = self.schema_version()
            if current > newest:
                raise StoreError(
                    f"{self.name}: the corpus schema is version {current}, newer than this communique knows ({newest}); "
                    "upgrade communique"
                )
            for version, script in migrations:
                if version <= current:
                    continue
                with self.transaction():
                    for sql in _split(script):
                        self.execute(sql)
                    self.execute(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, _now())
                    )
                current = version
        return current

    # -- full-text search, given by each back end --------------------------------------------
    def fts_search(self, expression: str, where: str, params: list, limit: int, offset: int,
                   count: bool = True) -> tuple[int | None, list[tuple], bool]:
        """Statements matching a full-text ``expression`` (the back end's own
        syntax) and the filters ``where`` (SQL on ``s``, the statements row,
        starting with " AND"): the total (when ``count``), the rows ``(n, id,
        title, issuer, date, score)`` of one page, best first, and whether the
        total is an estimate."""
        raise NotImplementedError


def _now() -> str:
    from datetime import datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


# -- SQLite -------------------------------------------------------------------------------
class SQLiteBackend(Backend):
    """A corpus in one SQLite file: WAL journal (readers never wait for the
    writer), foreign keys on, FTS5 with the Porter stemmer over title and text."""

    kind = "sqlite"

    def __init__(self, path: str):
        super().__init__(path)
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise StoreError(f"{path}: cannot create the corpus, no such folder {folder}")
        if os.path.isdir(path):
            raise StoreError(f"{path}: is a folder, not a corpus database file")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
        except sqlite3.Error as err:
            raise StoreError(f"{path}: cannot open the corpus ({err})") from None
        with self.errors():
            self.conn.execute("PRAGMA foreign_keys = ON")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                self.conn.execute("PRAGMA journal_mode = DELETE")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA cache_size = -65536")

    def _execute(self, sql, params=()):
        return self.conn.execute(sql, params)

    def _executemany(self, sql, rows):
        self.conn.executemany(sql, rows)

    def _begin(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self):
        self.conn.execute("COMMIT")

    def _rollback(self):
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self):
        with self.lock:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass

    def translate(self, err):
        if not isinstance(err, sqlite3.Error):
            return None
        message = str(err) or type(err).__name__
        if "file is not a database" in message:
            return StoreError(f"{self.name}: not a communique corpus (the file is not an SQLite database)")
        if "malformed" in message:
            return StoreError(f"{self.name}: the corpus database is corrupt ({message})")
        if "disk is full" in message or "database or disk is full" in message:
            return StoreError(f"{self.name}: database or disk is full; everything committed before is kept")
        if "readonly" in message or "read-only" in message:
            return StoreError(f"{self.name}: the corpus is read-only ({message})")
        return StoreError(f"{self.name}: {message}")

    def schema_version(self) -> int:
        tables = {r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_version" not in tables:
            if tables:
                raise StoreError(f"{self.name}: not a communique corpus (an SQLite database without its schema)")
            self.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
            return 0
        row = self.one("SELECT max(version) FROM schema_version")
        return int(row[0] or 0)

    def fts_search(self, expression, where, params, limit, offset, count=True):
        base = f"FROM statements_fts JOIN statements s ON s.n = statements_fts.rowid WHERE statements_fts MATCH ?{where}"
        total = self.one(f"SELECT count(*) {base}", [expression, *params])[0] if count else None
        rows = self.query(
            f"SELECT s.n, s.id, s.title, s.issuer, s.date, -bm25(statements_fts, 4.0, 1.0) AS score {base} "
            f"ORDER BY score DESC, s.n LIMIT {int(limit)} OFFSET {int(offset)}", [expression, *params])
        return total, rows, False

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            try:
                total += os.path.getsize(self.name + suffix)
            except OSError:
                pass
        return total


# -- PostgreSQL ---------------------------------------------------------------------------
def mask_url(url: str) -> str:
    """A PostgreSQL URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresBackend(Backend):
    """A corpus in a PostgreSQL database (psycopg 3): a stored tsvector over
    title (weight A) and text (weight B) with a GIN index, English stemming."""

    kind = "postgresql"

    def __init__(self, url: str):
        super().__init__(mask_url(url))
        import psycopg

        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise StoreError(f"{self.name}: cannot connect to PostgreSQL ({reason})") from None
        self.conn.add_notice_handler(lambda notice: None)  # 'query contains only stop words' and the like
        self._tx = None

    def _execute(self, sql, params=()):
        return self.conn.execute(sql.replace("?", "%s"), params)

    def _executemany(self, sql, rows):
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)

    def _begin(self):
        self._tx = self.conn.transaction()
        self._tx.__enter__()
        # one writer at a time, as SQLite's BEGIN IMMEDIATE: claim keys are allotted as max(k) + 1
        self.conn.execute("SELECT pg_advisory_xact_lock(6006)")

    def _commit(self):
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def _rollback(self):
        tx, self._tx = self._tx, None
        if tx is not None:
            tx.__exit__(RuntimeError, RuntimeError("rollback"), None)

    def close(self):
        with self.lock:
            try:
                self.conn.close()
            except self._psycopg.Error:
                pass

    def translate(self, err):
        if not isinstance(err, self._psycopg.Error):
            return None
        message = " ".join(str(err).split()) or type(err).__name__
        if isinstance(err, self._psycopg.errors.DiskFull):
            return StoreError(f"{self.name}: the database server's disk is full; everything committed before is kept")
        if isinstance(err, self._psycopg.OperationalError):
            return StoreError(f"{self.name}: lost the connection to PostgreSQL ({message})")
        return StoreError(f"{self.name}: {message}")

    def schema_version(self) -> int:
        row = self.one("SELECT to_regclass('schema_version') IS NOT NULL, to_regclass('statements') IS NOT NULL")
        has_version, has_statements = row
        if not has_version:
            if has_statements:
                raise StoreError(f"{self.name}: not a communique corpus (a 'statements' table without its schema)")
            self.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
            return 0
        row = self.one("SELECT max(version) FROM schema_version")
        return int(row[0] or 0)

    RANK_LIMIT = 1000
    """Most matches ranked: when more statements match, the newest RANK_LIMIT of
    them are ranked (ts_rank reads each match's tsvector, about 10 ms per 1,000;
    a phrase is checked the same way, see ``_phrase_search``)."""

    def fts_search(self, expression, where, params, limit, offset, count=True):
        match = f"s.tsv @@ to_tsquery('english', ?){where}"
        rank = "ts_rank(s.tsv, to_tsquery('english', ?))"
        columns = "s.n, s.id, s.title, s.issuer, s.date"
        page = f"ORDER BY score DESC, s.n LIMIT {int(limit)} OFFSET {int(offset)}"
        with self.lock:
            # the planner prefers a sequential scan when most statements match, not knowing that checking
            # a tsvector means reading it; the GIN index answers without reading them
            self.execute("SET enable_seqscan = off")
            try:
                if "<->" in expression and "!" not in expression:
                    return self._phrase_search(expression, where, params, limit, offset, count)
                total = self.one(f"SELECT count(*) FROM statements s WHERE {match}", [expression, *params])[0] \
                    if count else None
                if total is not None and total <= self.RANK_LIMIT:
                    rows = self.query(f"SELECT {columns}, {rank} AS score FROM statements s WHERE {match} {page}",
                                      [expression, expression, *params])
                else:
                    rows = self.query(
                        f"SELECT {columns}, {rank} AS score FROM (SELECT s.n FROM statements s WHERE {match} "
                        f"ORDER BY s.date DESC NULLS LAST, s.n DESC LIMIT {self.RANK_LIMIT}) m "
                        f"JOIN statements s ON s.n = m.n {page}", [expression, expression, *params])
            finally:
                self.execute("RESET enable_seqscan")
        return total, rows, False

    def _phrase_search(self, expression, where, params, limit, offset, count):
        """A query with phrases: the GIN index knows which statements hold the
        words but not where, so checking a phrase means reading the
        statement's tsvector. Read at most RANK_LIMIT of them: the newest
        statements holding all the words, checked for the phrases and ranked;
        when more statements hold the words, the total is estimated from the
        share of those checked that hold the phrases."""
        words = expression.replace("<->", "&")
        # the candidates carry their tsvector out of the LIMIT, so that the phrase is checked on them alone
        candidates = (f"SELECT s.n, s.id, s.title, s.issuer, s.date, s.tsv FROM statements s "
                      f"WHERE s.tsv @@ to_tsquery('english', ?){where} "
                      f"ORDER BY s.date DESC NULLS LAST, s.n DESC LIMIT {self.RANK_LIMIT}")
        holding = self.one(f"SELECT count(*) FROM statements s WHERE s.tsv @@ to_tsquery('english', ?){where}",
                           [words, *params])[0] if count else None
        rows = self.query(
            f"SELECT m.n, m.id, m.title, m.issuer, m.date, ts_rank(m.tsv, to_tsquery('english', ?)) AS score, "
            f"count(*) OVER () FROM ({candidates}) m WHERE m.tsv @@ to_tsquery('english', ?) "
            f"ORDER BY score DESC, m.n LIMIT {int(limit)} OFFSET {int(offset)}",
            [expression, words, *params, expression])
        if holding is None:
            return None, [r[:6] for r in rows], False
        if rows:
            found = rows[0][6]
        elif offset:  # a page past the end: count the matches among the candidates
            found = self.one(f"SELECT count(*) FROM ({candidates}) m WHERE m.tsv @@ to_tsquery('english', ?)",
                             [words, *params, expression])[0]
        else:
            found = 0
        if holding <= self.RANK_LIMIT:
            return found, [r[:6] for r in rows], False
        return round(holding * found / self.RANK_LIMIT), [r[:6] for r in rows], True

    def size_bytes(self) -> int:
        row = self.one("SELECT pg_database_size(current_database())")
        return int(row[0])


def open_backend(target: str) -> Backend:
    """A back end for ``target``: a ``postgresql://`` (or ``postgres://``) URL, else a file path."""
    target = os.fspath(target)
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(target)
    return SQLiteBackend(target)
