"""The command line, end to end: formats, batches, and bad input as a user meets it."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.conftest import EXAMPLES

FICTION = ["--gazetteer", str(EXAMPLES / "gazetteer.jsonl")]


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr


def test_text_summary_of_the_bundled_example(run_cli):
    proc = run_cli("analyze", str(EXAMPLES / "ostravia-rejects.txt"), *FICTION, "--issuer", "XOS GOV", "--date", "2024-03-02")
    assert proc.returncode == 0, proc.stderr
    assert "XOS GOV" in proc.stdout and "XVL GOV" in proc.stdout
    assert "Government of Velmaria" in proc.stdout


def test_json_is_the_contract(run_cli):
    proc = run_cli("analyze", str(EXAMPLES / "ostravia-rejects.txt"), *FICTION, "--issuer", "XOS", "-f", "json")
    data = json.loads(proc.stdout)
    assert data["schema"] == "communique/1"
    assert data["statement"]["source"].endswith("ostravia-rejects.txt")
    assert any(m["text"] == "We" and m["actor"]["code"] == "XOS" for m in data["mentions"])


def test_html_input_takes_main_text_title_and_date(run_cli):
    proc = run_cli("analyze", str(EXAMPLES / "velmaria-statement.html"), *FICTION, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    st = json.loads(proc.stdout)["statement"]
    assert st["title"] == "Statement by the Ministry of Foreign Affairs of Velmaria"
    assert st["date"] == "2024-02-28"
    assert "Saltmere" in st["text"]
    assert "Visa information" not in st["text"] and "All rights reserved" not in st["text"]


def test_html_output_is_self_contained_and_escaped(run_cli, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('Georgia said <script>alert(1)</script> and <img src=x onerror=alert(2)>. '
                       'We reject the claims of the <b>Armenian</b> side about <i>1,500</i> shells.', encoding="utf-8")
    out = tmp_path / "page.html"
    proc = run_cli("analyze", str(hostile), "--issuer", "AZE", "-f", "html", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "<h2>Events</h2>" in page and "REJECT" in page
    assert "&lt;script&gt;" in page
    assert 'title="GEO · Georgia' in page
    assert "http://" not in page and "https://" not in page


def test_jsonl_batch_from_stdin_with_flags_filling_gaps(run_cli):
    data = (EXAMPLES / "batch.jsonl").read_bytes()
    proc = run_cli("analyze", "-", *FICTION, "-f", "jsonl", "--date", "2030-01-01", stdin=data)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["statement"]["id"] for r in rows] == ["xos-2024-03-02", "xvl-2024-03-04", "xos-2024-03-09"]
    assert rows[0]["statement"]["date"] == "2024-03-02"  # the record's own date wins


def test_several_files_and_a_folder(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Moldova spoke.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Romania spoke.", encoding="utf-8")
    proc = run_cli("analyze", str(tmp_path), "-f", "jsonl")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["mentions"][0]["actor"]["code"] for x in proc.stdout.splitlines()] == ["MDA", "ROU"]


def test_pdf_with_a_text_layer(run_cli, tmp_path):
    path = tmp_path / "statement.pdf"
    path.write_bytes(make_pdf("The Ministry of Foreign Affairs of Georgia rejects the claims."))
    proc = run_cli("analyze", str(path), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert ("Ministry of Foreign Affairs of Georgia", "GEO GOV") in [(m["text"], m["actor"]["code"]) for m in data["mentions"]]


# -- bad input: one line naming the file (and line), no traceback -------------
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("binary.bin", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Géorgie a déclaré".encode("latin-1"), "invalid UTF-8"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
        ("scan.pdf", None, "no text layer"),
    ],
)
def test_bad_single_input_fails_with_one_line(run_cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(make_blank_pdf() if content is None else content)
    proc = run_cli("analyze", str(path))
    assert proc.returncode == 1
    no_traceback(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0], proc.stderr


def test_oversized_file(run_cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Georgia said no. " * (50 * 1024 * 1024 // 17 + 1))
    proc = run_cli("analyze", str(path))
    assert proc.returncode == 1
    no_traceback(proc)
    assert "huge.txt" in proc.stderr and "MB" in proc.stderr


def test_missing_file(run_cli):
    proc = run_cli("analyze", "does-not-exist.txt")
    assert proc.returncode == 1 and "does-not-exist.txt: no such file" in proc.stderr


def test_bad_records_in_a_batch_are_reported_and_skipped(run_cli, tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    lines = [
        json.dumps({"id": "a", "text": "Moldova spoke."}),
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "Romania spoke.", "issuer": "ZZQ"}),
        json.dumps({"id": "e", "text": "Romania spoke.", "date": "yesterday"}),
        json.dumps({"id": "f", "text": "Ukraine spoke."}),
    ]
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    proc = run_cli("analyze", str(path), "-f", "jsonl")
    assert proc.returncode == 0
    no_traceback(proc)
    assert [json.loads(x)["statement"]["id"] for x in proc.stdout.splitlines()] == ["a", "f"]
    for line_no, word in ((2, "not valid JSON"), (3, "no 'text'"), (4, "unknown issuer"), (5, "not an ISO date")):
        assert f"batch.jsonl.gz:{line_no}: " in proc.stderr and word in proc.stderr
    assert "analysed 2 statements, skipped 4" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 5
    strict = run_cli("analyze", str(path), "-f", "jsonl", "--strict")
    assert strict.returncode == 1


def test_unknown_issuer_flag(run_cli):
    proc = run_cli("analyze", str(EXAMPLES / "ostravia-rejects.txt"), "--issuer", "QQQ")
    assert proc.returncode == 1
    no_traceback(proc)
    assert len(proc.stderr.strip().splitlines()) == 1 and "unknown issuer 'QQQ'" in proc.stderr


def test_bad_date_flag_is_a_usage_error(run_cli):
    proc = run_cli("analyze", str(EXAMPLES / "ostravia-rejects.txt"), "--date", "02/03/2024")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr
    no_traceback(proc)


def test_non_english_text_is_analysed_with_a_warning(run_cli, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Le ministère des Affaires étrangères de la Géorgie rejette les déclarations de la Russie.", encoding="utf-8")
    proc = run_cli("analyze", str(path), "-f", "json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["statement"]["language"] == "fr"
    assert any("does not look like English" in w for w in data["warnings"])


def test_help_teaches(run_cli):
    proc = run_cli("analyze", "--help")
    assert proc.returncode == 0
    for word in ("--issuer", "--format", "Examples:", "JSONL", "Exit status"):
        assert word in proc.stdout


# -- tiny PDF writers for the tests --------------------------------------------
def make_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _assemble(objects)


def make_blank_pdf() -> bytes:
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_kb_import_is_idempotent_and_reports_bad_lines(run_cli, tmp_path, monkeypatch):
    store = tmp_path / "kb.sqlite"
    monkeypatch.setenv("COMMUNIQUE_KB", str(store))
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"number": 242, "year": 1967, "date": "1967-11-22", "symbol": "S/RES/242(1967)",
                                "title": "Resolution 242 (1967) [on the Middle East]", "subject": "on the Middle East"}) + "\n",
                    encoding="utf-8")
    first = run_cli("kb", "import", str(good))
    again = run_cli("kb", "import", str(good))
    assert first.returncode == again.returncode == 0 and "imported 1 records" in again.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    proc = run_cli("kb", "import", str(bad))
    assert proc.returncode == 1
    no_traceback(proc)
    assert "bad.jsonl:2" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert store.exists()  # what was imported before is still there


def test_events_command_formats(run_cli):
    proc = run_cli("events", str(EXAMPLES / "batch.jsonl"), *FICTION, "--format", "plover")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and rows[0]["event"] == "REJECT" and rows[0]["actor"]["code"] == "XOS"
    table = run_cli("events", str(EXAMPLES / "ostravia-rejects.txt"), *FICTION, "--issuer", "XOS GOV")
    assert table.returncode == 0 and "REJECT" in table.stdout and "XVL GOV" in table.stdout
