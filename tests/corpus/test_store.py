"""The store, run against both back ends (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from communique.contract import Analysis, Technique
from communique.corpus import Corpus, QueryError
from communique.corpus.rows import statement_id
from communique.corpus.store import SCHEMA_VERSION
from communique.errors import CommuniqueError, StoreError


def test_schema_is_created_once_and_versioned(db):
    with Corpus.open(db) as c:
        assert c.backend.schema_version() == SCHEMA_VERSION
        assert len(c) == 0
    with Corpus.open(db) as c:  # opening again migrates nothing
        rows = c.backend.query("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_migrations_apply_in_order_and_only_once(corpus):
    extra = [(SCHEMA_VERSION + 1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"),
             (SCHEMA_VERSION + 2, "ALTER TABLE notes ADD COLUMN author TEXT")]
    from communique.corpus.store import MIGRATIONS

    migrations = MIGRATIONS[corpus.backend.kind] + extra
    assert corpus.backend.migrate(migrations) == SCHEMA_VERSION + 2
    corpus.backend.execute("INSERT INTO notes (id, body, author) VALUES (1, 'x', 'y')")
    assert corpus.backend.migrate(migrations) == SCHEMA_VERSION + 2  # nothing re-applied
    with pytest.raises(StoreError, match="newer than this communique"):
        corpus.backend.migrate(MIGRATIONS[corpus.backend.kind])


def test_an_older_database_is_migrated_with_its_data(db, analyses):
    from communique.corpus.store import MIGRATIONS, open_backend

    backend = open_backend(db)
    backend.migrate(MIGRATIONS[backend.kind][:1])  # a corpus made by the first release
    old = Corpus(backend)
    old.ingest(analyses[:3])
    backend.close()
    with Corpus.open(db) as corpus:
        assert corpus.backend.schema_version() == SCHEMA_VERSION
        assert [corpus.get(a.statement.id) for a in analyses[:3]] == analyses[:3]
        assert corpus.ledger(min_count=1, top=1)


def test_ingest_stores_every_layer_and_get_returns_the_record(filled, analyses):
    assert len(filled) == len(analyses)
    for original in analyses:
        stored = filled.get(original.statement.id)
        assert stored == original
    counts = filled.stats()["counts"]
    assert counts["events"] == sum(len(a.events) for a in analyses)
    assert counts["claims"] == sum(len(a.claims) for a in analyses)
    assert counts["mentions"] == sum(len(a.mentions) for a in analyses)
    assert counts["sentences"] == sum(len(a.sentences) for a in analyses)
    # offsets point into the stored text
    n, start, end = filled.backend.one(
        "SELECT m.statement, m.char_start, m.char_end FROM mentions m ORDER BY m.statement, m.idx LIMIT 1")
    text = filled.backend.one("SELECT text FROM statements WHERE n = ?", (n,))[0]
    first = analyses[0].mentions[0]
    assert text[start:end] == first.text
    assert filled.get("no-such-id") is None


def test_ingesting_again_changes_nothing(filled, analyses):
    before = filled.backend.query("SELECT id, n, updated_at FROM statements ORDER BY n")
    report = filled.ingest(analyses)
    assert (report.added, report.unchanged, report.updated, report.failed) == (0, len(analyses), 0, [])
    assert filled.backend.query("SELECT id, n, updated_at FROM statements ORDER BY n") == before


def test_a_changed_statement_is_replaced_not_duplicated(filled, analyses):
    changed = analyses[0].model_copy(deep=True)
    changed.statement.title = "A new title"
    report = filled.ingest([changed])
    assert report.updated == 1 and report.added == 0
    assert len(filled) == len(analyses)
    assert filled.get(changed.statement.id).statement.title == "A new title"
    assert filled.backend.one("SELECT count(*) FROM statements WHERE id = ?", (changed.statement.id,))[0] == 1


def test_add_gives_a_stable_corpus_id_and_delete_removes_everything(corpus, fictional):
    analysis = fictional.analyze("Ostravia rejects the claims of Velmaria about the Marrow Valley.",
                                 issuer="XOS GOV", date="2024-05-01")
    sid = corpus.add(analysis)
    assert sid == statement_id(analysis.statement.text, "XOS GOV", "2024-05-01")
    assert corpus.add(analysis) == sid and len(corpus) == 1
    assert corpus.get(sid).statement.id == sid
    assert corpus.backend.one("SELECT count(*) FROM mentions")[0] == len(analysis.mentions)
    assert corpus.delete(sid) is True
    assert corpus.delete(sid) is False
    for table in ("statements", "mentions", "events", "claims", "claim_bands", "sentences"):
        assert corpus.backend.one(f"SELECT count(*) FROM {table}")[0] == 0, table
    assert corpus.search("Marrow").total == 0


# -- search ------------------------------------------------------------------------------------
def test_search_ranks_statements_and_marks_the_matched_words(filled):
    results = filled.search("minefields maps")
    ids = [h.id for h in results.hits]
    assert results.total == 2 and set(ids) == {"xos-2024-04-10", "xvl-2024-04-12"}
    for hit in results.hits:
        marked = [hit.snippet[a:b].lower() for a, b in hit.marks]
        assert marked and set(marked) <= {"minefields", "maps"}
        assert "\n" not in hit.snippet and "<" not in hit.snippet
    top = results.hits[0]
    assert top.score >= results.hits[1].score


def test_search_stems_phrases_or_exclusion_and_prefix(filled):
    assert {h.id for h in filled.search("prisoner").hits} >= {"xos-2024-02-14", "xvl-2024-03-05"}  # stemmed
    phrase = filled.search('"village of Upper Varn"')
    assert {h.id for h in phrase.hits} == {"xvl-2024-01-10", "xos-2024-01-11", "xvl-2024-01-15", "xvl-2024-02-06"}
    either = filled.search("Geneva OR minefields")
    assert either.total == len({h.id for h in filled.search("Geneva").hits} | {h.id for h in filled.search("minefields").hits})
    without = filled.search("Geneva -prisoners")
    assert without.total == filled.search("Geneva").total - len(
        {h.id for h in filled.search("Geneva").hits} & {h.id for h in filled.search("prisoners").hits})
    assert filled.search("demin*").total == 3
    with pytest.raises(QueryError):
        filled.search("-Geneva")


def test_phrases_over_many_candidates_are_checked_in_the_newest_and_the_total_estimated(filled, monkeypatch):
    exact = filled.search('"Ostravian forces"')
    assert not exact.total_estimated and exact.total == 4
    words = filled.search("Ostravian forces").total
    assert words > exact.total  # statements holding the words, not all in that order
    if filled.backend.kind != "postgresql":
        return  # SQLite's FTS5 counts phrases exactly
    monkeypatch.setattr(filled.backend, "RANK_LIMIT", 3)
    estimate = filled.search('"Ostravian forces"')
    newest = sorted(filled.search("Ostravian forces", limit=50).hits, key=lambda h: (h.date, h.id))[-3:]
    in_newest = {h.id for h in newest} & {h.id for h in exact.hits}
    assert estimate.total_estimated and {h.id for h in estimate.hits} == in_newest
    assert estimate.total == round(words * len(in_newest) / 3)


def test_search_filters(filled):
    assert {h.issuer for h in filled.search("ceasefire", issuer="XVL").hits} == {"XVL GOV"}
    assert filled.search("ceasefire", issuer="XVL GOV").total == filled.search("ceasefire", issuer="XVL").total
    assert filled.search("ceasefire", issuer="XVL MIL").total == 0
    march = filled.search("", date_from="2024-03-01", date_to="2024-03-31")
    assert [h.id for h in march.hits] == ["xvl-2024-03-05", "xos-2024-03-02"]  # no words: newest first
    assert filled.search("", date_to="2024-01").total == 4
    assert filled.search("", date_from="2024-04").total == 3
    accusing = filled.search("", event_type="ACCUSE")
    assert accusing.total >= 1
    for hit in accusing.hits:
        assert any(e.type == "ACCUSE" for e in filled.get(hit.id).events)
    targeted = filled.search("", target="XOS")
    for hit in targeted.hits:
        assert any(e.target and e.target.country == "XOS" for e in filled.get(hit.id).events)
    assert filled.search("", mentions="IGO").total >= 2  # the OSCE
    page = filled.search("", limit=5, offset=10)
    assert page.total == 12 and len(page.hits) == 2
    with pytest.raises(CommuniqueError, match="date_from"):
        filled.search("", date_from="March 2024")


def test_techniques_from_the_rhetoric_layer_are_stored_and_searchable(corpus, analyses):
    base = analyses[0].model_copy(deep=True)
    sent = base.sentences[0]
    base.techniques = [Technique(start=sent.start, end=sent.end, text=base.statement.text[sent.start:sent.end],
                                 technique="loaded_language", confidence=0.8, explanation="charged words")]
    corpus.ingest([base])
    assert [h.id for h in corpus.search("", technique="loaded_language").hits] == [base.statement.id]
    assert corpus.search("", technique="doubt").total == 0
    assert corpus.get(base.statement.id).techniques == base.techniques


# -- timelines, threads, ledger -------------------------------------------------------------------
def test_timeline_counts_each_direction_per_period(filled, analyses):
    t = filled.timeline("XOS", "XVL", by="month")
    assert [p.period for p in t.periods] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    expected = {}
    for a in analyses:
        for e in a.events:
            if e.negated or e.hypothetical or e.historical or not (e.source and e.target):
                continue
            pair = (e.source.country, e.target.country)
            if pair in (("XOS", "XVL"), ("XVL", "XOS")):
                key = (a.statement.date[:7], "a_to_b" if pair[0] == "XOS" else "b_to_a")
                expected.setdefault(key, []).append(e)
    for p in t.periods:
        for way in ("a_to_b", "b_to_a"):
            events = expected.get((p.period, way), [])
            assert sum(getattr(p, way).values()) == len(events)
            score = getattr(p, "score_" + way)
            if events:
                assert score == pytest.approx(sum(e.intensity for e in events) / len(events), abs=0.01)
            else:
                assert score is None
    government = filled.timeline("XOS GOV", "XVL", by="month")
    assert sum(sum(p.a_to_b.values()) for p in government.periods) <= sum(sum(p.a_to_b.values()) for p in t.periods)
    swapped = filled.timeline("XVL", "XOS", by="month")
    assert [(p.a_to_b, p.b_to_a) for p in swapped.periods] == [(p.b_to_a, p.a_to_b) for p in t.periods]
    days = filled.timeline("XOS", "XVL", by="week")
    weeks = [p.period for p in days.periods]  # every week from the first to the last with events, quiet ones too
    assert weeks == [f"2024-W{w:02d}" for w in range(2, int(weeks[-1][-2:]) + 1)]


def test_thread_follows_responses_both_ways(filled):
    thread = filled.thread("xos-2024-01-11")
    assert thread.root == "xvl-2024-01-10"
    assert [n.id for n in thread.nodes] == ["xvl-2024-01-10", "xos-2024-01-11", "xvl-2024-01-15"]
    edges = {(e.from_id, e.to_id) for e in thread.edges}
    assert edges == {("xos-2024-01-11", "xvl-2024-01-10"), ("xvl-2024-01-15", "xos-2024-01-11")}
    assert all("issuer" in e.reason and "dated" in e.reason for e in thread.edges)
    assert filled.thread("xvl-2024-01-15").nodes == thread.nodes
    lone = filled.thread("xos-2024-04-20")
    assert [n.id for n in lone.nodes] == ["xos-2024-04-20"] and lone.edges == []
    assert filled.thread("missing") is None


def test_thread_links_whatever_order_statements_arrive_in(corpus, analyses):
    by_id = {a.statement.id: a for a in analyses}
    corpus.ingest([by_id["xvl-2024-01-15"], by_id["xos-2024-01-11"]])
    assert {(e.from_id, e.to_id) for e in corpus.thread("xos-2024-01-11").edges} == {
        ("xvl-2024-01-15", "xos-2024-01-11")}
    corpus.ingest([by_id["xvl-2024-01-10"]])  # the statement answered arrives last
    assert len(corpus.thread("xos-2024-01-11").edges) == 2


def test_ledger_groups_repeated_claims_with_who_asserted_and_disputed(filled):
    clusters = filled.ledger(top=10)
    texts = {c.text: c for c in clusters}
    shelling = texts["Ostravian forces shelled the village of Upper Varn on 8 January 2024, damaging a school."]
    assert shelling.count == 3 and shelling.first_seen == "2024-01-10"
    assert shelling.statements == ["xvl-2024-01-10", "xvl-2024-01-15", "xvl-2024-02-06"]
    assert shelling.asserted_by == ["XVL GOV"] and shelling.disputed_by == ["XOS GOV"]
    violations = next(c for c in clusters if c.text.startswith("Velmarian forces have violated"))
    assert violations.count == 3 and violations.asserted_by == ["XOS GOV"] and violations.disputed_by == ["XVL GOV"]
    mines = next(c for c in clusters if "2,700 mines" in c.text)
    assert mines.count == 2 and mines.disputed_by == ["XVL GOV"]
    assert [c.count for c in clusters] == sorted((c.count for c in clusters), reverse=True)
    assert {c.id for c in filled.ledger(actor="XVL")} == {shelling.id}
    assert {c.id for c in filled.ledger(actor="XOS GOV")} == {violations.id, mines.id}
    assert filled.ledger(top=1)[0].count == 3


# -- exports and stats ------------------------------------------------------------------------------
def test_exports(filled, analyses, tmp_path):
    import pyarrow.parquet as pq

    n = filled.export(tmp_path / "events.csv", fmt="csv", table="events")
    lines = (tmp_path / "events.csv").read_text().splitlines()
    assert n == sum(len(a.events) for a in analyses) == len(lines) - 1
    assert lines[0].startswith("statement_id,date,issuer,event_id,type")
    filled.export(tmp_path / "claims.parquet", fmt="parquet", table="claims")
    table = pq.read_table(tmp_path / "claims.parquet")
    assert table.num_rows == sum(len(a.claims) for a in analyses)
    assert set(table.column("text").to_pylist()) == {" ".join(c.text.split()) for a in analyses for c in a.claims} or \
        set(table.column("text").to_pylist()) == {a.statement.text[c.start:c.end] for a in analyses for c in a.claims}
    filled.export(tmp_path / "all.jsonl", fmt="jsonl", table="statements")
    records = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert [Analysis.model_validate(r) for r in records] == analyses
    filled.export(tmp_path / "events.plover.jsonl", fmt="plover")
    plover = [json.loads(x) for x in (tmp_path / "events.plover.jsonl").read_text().splitlines()]
    assert plover and all({"event", "mode", "context", "actor", "recipient", "event_text", "date"} <= r.keys()
                          for r in plover)
    assert all(not r["negated"] and not r["hypothetical"] for r in plover)
    with pytest.raises(CommuniqueError, match="plover"):
        filled.export(tmp_path / "x", fmt="plover", table="claims")


def test_exported_records_ingest_into_another_corpus_without_analysis(filled, tmp_path):
    out = tmp_path / "all.jsonl"
    filled.export(out, fmt="jsonl")
    with Corpus.open(tmp_path / "copy.db") as copy:
        report = copy.ingest([str(out)])
        assert report.added == len(filled)
        assert copy.get("xos-2024-01-11") == filled.get("xos-2024-01-11")
        assert copy.ledger(top=3) == filled.ledger(top=3) or [c.count for c in copy.ledger(top=3)] == [3, 3, 2]


def test_a_corpus_copies_into_another_keeping_versions(filled, tmp_path):
    with Corpus.open(tmp_path / "first.db") as first:
        first.ingest([filled.get(i) for i in filled.ids()])
    with Corpus.open(tmp_path / "second.db") as second:
        report = second.ingest([str(tmp_path / "first.db")])
        assert report.added == len(filled)
        assert second.ingest([str(tmp_path / "first.db")]).unchanged == len(filled)
        assert second.stats()["analysis_versions"] == filled.stats()["analysis_versions"]


def test_stats(filled):
    info = filled.stats()
    assert info["counts"]["statements"] == 12
    assert info["date_range"] == ["2024-01-10", "2024-04-20"]
    assert info["issuers"] == {"XOS GOV": 6, "XVL GOV": 6}
    assert info["size_bytes"] > 0


def test_one_corpus_shared_by_threads(corpus, analyses):
    """A web server's threads share one Corpus: reads while another thread writes."""
    import threading

    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                corpus.search("ceasefire")
                corpus.stats()
                for sid in corpus.ids()[:3]:
                    assert corpus.get(sid) is not None
        except BaseException as err:  # noqa: BLE001 - reported by the test below
            errors.append(err)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for a in analyses:
            corpus.ingest([a])
    finally:
        done.set()
        for t in readers:
            t.join()
    assert errors == [] and len(corpus) == len(analyses)
