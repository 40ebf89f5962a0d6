"""Uploads and pasted text: caps on size and type, clear messages, nothing from the request touches the filesystem."""

from __future__ import annotations

import pytest

from communique.web.uploads import UploadRejected, display_name, pasted, read_upload
from tests.conftest import EXAMPLES

CAP = dict(max_bytes=10_000, max_chars=5_000)


def rejected(filename, data, **caps) -> UploadRejected:
    with pytest.raises(UploadRejected) as err:
        read_upload(filename, data, **{**CAP, **caps})
    return err.value


def test_text_html_and_pdf_are_read():
    assert read_upload("a.txt", b"We reject the statement.", **CAP).text == "We reject the statement."
    html = (EXAMPLES / "velmaria-statement.html").read_bytes()
    record = read_upload("page.html", html, **CAP)
    assert record.title == "Statement by the Ministry of Foreign Affairs of Velmaria" and record.date == "2024-02-28"
    assert "Visa information" not in record.text


def test_wrong_types_are_415():
    assert rejected("tool.exe", b"MZ\x90\x00").status == 415
    assert rejected("photo.png", b"\x89PNG\r\n").status == 415
    assert rejected("noname", b"text").status == 415
    err = rejected("fake.pdf", b"just text, not a pdf")
    assert err.status == 415 and "not a PDF" in err.message
    assert rejected("binary.txt", b"abc\x00def").status == 415
    assert rejected("sneaky.txt", b"%PDF-1.4 ...").status == 415


def test_oversized_and_empty_uploads():
    err = rejected("big.txt", b"x" * 10_001)
    assert err.status == 413 and "upload limit" in err.message
    assert rejected("empty.txt", b"  \n ").status == 422
    err = rejected("long.txt", b"word " * 1_500)
    assert err.status == 413 and "5,000-character limit" in err.message


def test_unreadable_files_name_the_file():
    err = rejected("broken.pdf", b"%PDF-1.4\nnot really a pdf")
    assert err.status == 422 and err.message.startswith("broken.pdf: ")
    err = rejected("latin1.txt", "Déclaration".encode("latin-1"))
    assert err.status == 422 and "UTF-8" in err.message


def test_file_names_are_reduced_to_a_harmless_last_component():
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("C:\\Users\\x\\report.pdf") == "report.pdf"
    assert display_name('<img src=x onerror=alert(1)>.txt') == "_img src_x onerror_alert(1)_.txt"
    assert display_name("") == "upload" and len(display_name("a" * 500)) == 80


def test_pasted_text():
    assert pasted("  We reject it.\r\n", max_chars=100).text == "  We reject it.\n"
    with pytest.raises(UploadRejected) as err:
        pasted(" \n\t", max_chars=100)
    assert err.value.status == 422 and "empty text" in err.value.message
