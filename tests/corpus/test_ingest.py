"""Ingest: paths and records in, analyses stored; ids, versions, failures, workers."""

from __future__ import annotations

import json

import pytest

from communique.corpus import Corpus
from communique.corpus.light import LightPipeline
from communique.corpus.rows import statement_id
from communique.corpus.version import analysis_version
from communique.errors import StoreError

from .conftest import EXCHANGE, GAZETTEER


def test_paths_of_every_kind_are_read_analysed_and_stored(tmp_path, fictional):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "note.txt").write_text("Ostravia welcomes the release of prisoners by Velmaria.", encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "ok-1", "issuer": "XVL GOV", "date": "2024-06-01", "text": "Velmaria thanks Ostravia."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "bad-issuer", "issuer": "Atlantis", "text": "We reject everything."}) + "\n",
        encoding="utf-8")
    with Corpus.open(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(EXCHANGE), str(folder), str(batch)], pipeline=fictional, issuer="XOS GOV",
                               date="2024-06-02")
        assert report.added == 12 + 1 + 1
        assert {f.where for f in report.failed} == {f"{batch}:2", "bad-issuer"}
        assert "Atlantis" in next(f.message for f in report.failed if f.where == "bad-issuer")
        note = "Ostravia welcomes the release of prisoners by Velmaria."
        sid = statement_id(note, "XOS GOV", "2024-06-02")
        stored = corpus.get(sid)
        assert stored.statement.issuer.code == "XOS GOV" and stored.statement.date == "2024-06-02"
        assert corpus.get("ok-1").statement.date == "2024-06-01"  # a record's own fields win
        again = corpus.ingest([str(EXCHANGE), str(folder), str(batch)], pipeline=fictional, issuer="XOS GOV",
                              date="2024-06-02")
        assert (again.added, again.unchanged, len(again.failed)) == (0, 14, 2)


def test_ids_are_stable_and_depend_on_text_issuer_and_date():
    a = statement_id("We  reject\nthe claims.", "XOS GOV", "2024-01-01")
    assert a == statement_id("We reject the claims.", "xos  gov", "2024-01-01")
    assert a != statement_id("We reject the claims.", "XVL GOV", "2024-01-01")
    assert a != statement_id("We reject the claims.", "XOS GOV", "2024-01-02")
    assert len(a) == 16


def test_stale_analyses_are_redone_only_when_asked(tmp_path, fictional, records):
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(records[:3], pipeline=LightPipeline())
        assert set(corpus.stats()["analysis_versions"]) == {analysis_version(LightPipeline())}
        assert corpus.get(records[0]["id"]).events == []
        kept = corpus.ingest(records[:3], pipeline=fictional)
        assert (kept.unchanged, kept.stale, kept.reanalysed) == (3, 3, 0)
        redone = corpus.ingest(records[:3], pipeline=fictional, reanalyse=True)
        assert (redone.reanalysed, redone.added) == (3, 0)
        assert corpus.get(records[0]["id"]).events  # now analysed by the real pipeline
        assert set(corpus.stats()["analysis_versions"]) == {analysis_version(fictional, [])}
        # without sources: every stale stored statement, from its stored text
        corpus.ingest([{**records[3], "issuer": "Ostravia"}, records[4]], pipeline=fictional)
        assert corpus.get(records[3]["id"]).statement.issuer.code == "XOS"
        corpus.backend.execute("UPDATE statements SET analysis_version = 'an older release' WHERE id IN (?, ?)",
                               (records[3]["id"], records[4]["id"]))
        from_store = corpus.ingest([], pipeline=fictional, reanalyse=True)
        assert (from_store.reanalysed, from_store.updated) == (2, 0) and len(corpus) == 5
        assert corpus.get(records[4]["id"]).statement.issuer.code == records[4]["issuer"]


def test_fields_map_other_record_keys_and_a_bare_year_is_kept(tmp_path, fictional):
    path = tmp_path / "speeches.jsonl.gz"
    import gzip

    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for year, iso3, text in ((2019, "XOS", "We call on Velmaria to withdraw its forces from Hollin."),
                                 (2020, "XVL", "We call on Ostravia to withdraw its forces from Tessin.")):
            fh.write(json.dumps({"id": f"{iso3}_{year}", "iso3": iso3, "year": year, "text": text}) + "\n")
    with Corpus.open(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(path)], pipeline=fictional, fields={"issuer": "iso3", "date": "year"})
        assert report.added == 2
        hit = corpus.search("withdraw", issuer="XOS").hits[0]
        assert (hit.id, hit.issuer, hit.date) == ("XOS_2019", "XOS", "2019")
        assert corpus.get("XOS_2019").statement.date is None  # the pipeline never saw a made-up day
        by_year = corpus.timeline("XOS", "XVL", by="year")
        assert [p.period for p in by_year.periods] == ["2019", "2020"]
        assert corpus.timeline("XOS", "XVL", by="month").undated == by_year.statements and by_year.statements == 2


class _Breaking:
    """A pipeline that fails on one record, as a layer with a bug would."""

    def __init__(self, inner):
        self.inner = inner
        self.nlp = inner.nlp

    def analyze_many(self, records, **kw):
        for record in records:
            if "BOOM" in record.text:
                raise RuntimeError("a layer broke")
        return self.inner.analyze_many(records, **kw)


def test_a_record_that_breaks_the_analysis_is_reported_and_the_rest_stored(tmp_path, fictional, records):
    bad = {"id": "breaks", "issuer": "XOS GOV", "date": "2024-01-02", "text": "BOOM goes the layer."}
    with Corpus.open(tmp_path / "c.db") as corpus:
        lines = []
        report = corpus.ingest([*records[:3], bad, *records[3:6]], pipeline=_Breaking(fictional), batch_size=4,
                               log=lines.append)
        assert report.added == 6
        assert [(f.where, f.message) for f in report.failed] == [
            ("breaks", "analysis failed (RuntimeError: a layer broke)")]
        assert lines == ["error: breaks: analysis failed (RuntimeError: a layer broke)"]
        assert "breaks" not in corpus


def test_worker_processes_store_the_same_as_one_process(tmp_path, monkeypatch, records):
    monkeypatch.setenv("COMMUNIQUE_LIGHT_PIPELINE", "1")
    with Corpus.open(tmp_path / "one.db") as one, Corpus.open(tmp_path / "two.db") as two:
        one.ingest(records)
        report = two.ingest(records, jobs=2, batch_size=3)
        assert report.added == len(records)
        assert one.ids() == two.ids()
        assert all(one.get(i) == two.get(i) for i in one.ids())


def test_disk_full_is_one_line_and_keeps_what_was_committed(tmp_path, analyses):
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(analyses[:4])
        pages = corpus.backend.one("PRAGMA page_count")[0]
        corpus.backend.execute(f"PRAGMA max_page_count = {pages + 1}")
        with pytest.raises(StoreError) as err:
            corpus.ingest(analyses[4:], batch_size=2)
        assert "database or disk is full" in str(err.value) and "\n" not in str(err.value)
        assert str(tmp_path / "c.db") in str(err.value)
    with Corpus.open(tmp_path / "c.db") as corpus:  # the batches committed before the disk filled are all there
        assert 4 <= len(corpus) < len(analyses)
        assert [corpus.get(i) for i in corpus.ids()] == analyses[: len(corpus)]


def test_the_cli_reads_the_gazetteer_option(tmp_path, run_cli):
    db = tmp_path / "c.db"
    first = run_cli("ingest", str(EXCHANGE), "--db", str(db), "--gazetteer", str(GAZETTEER))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("added 12, unchanged 0, failed 0 in ")
    assert "2 new thread links" in first.stdout
    second = run_cli("ingest", str(EXCHANGE), "--db", str(db), "--gazetteer", str(GAZETTEER), "--format", "json")
    report = json.loads(second.stdout)
    assert (report["added"], report["unchanged"], report["failed"]) == (0, 12, [])
