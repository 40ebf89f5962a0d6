"""`communique serve` as a user runs it: prints the URL, answers there, and fails in one line."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import httpx
import pytest

from tests.conftest import ROOT


def serve(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "communique", "serve", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture()
def server(corpus_path):
    procs = []

    def start(*args: str) -> tuple[subprocess.Popen, str]:
        proc = serve("--db", str(corpus_path), "--port", "0", *args)
        procs.append(proc)
        line = proc.stdout.readline()
        match = re.search(r"at (http://\S+)", line)
        assert match, (line, proc.stderr.read() if proc.poll() is not None else "")
        return proc, match.group(1)

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_prints_the_url_and_answers_there(server, corpus_path):
    proc, url = server()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
    health = httpx.get(url + "api/health", timeout=10).json()
    assert health["status"] == "ok" and health["writable"] is True
    page = httpx.get(url + "statements/xos-2024-03-02", timeout=10)
    assert page.status_code == 200 and "Ostravia rejects remarks" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_serve_on_another_address_without_token_warns_and_refuses_writes(server):
    proc, url = server("--host", "0.0.0.0")
    line = proc.stderr.readline()
    assert "writes are off" in line
    r = httpx.post(url + "api/analyze", json={"text": "We reject it.", "store": True}, timeout=30)
    assert r.status_code == 403


def test_serve_token_from_the_environment(corpus_path):
    import os

    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(corpus_path), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COMMUNIQUE_TOKEN": "from-env"})
    try:
        url = re.search(r"at (http://\S+)", proc.stdout.readline()).group(1)
        assert httpx.delete(url + "api/statements/xos-2024-01-15", timeout=10).status_code == 401
        assert httpx.get(url + "api/health", timeout=10).json()["token_required"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_busy_port_is_one_line(corpus_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = serve("--db", str(corpus_path), "--port", str(port))
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and err.strip() == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"


def test_not_a_corpus_is_one_line(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database", encoding="utf-8")
    proc = serve("--db", str(bad), "--port", "0")
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and len(err.strip().splitlines()) == 1 and "not a communique corpus" in err
    assert "Traceback" not in err


def test_listening_socket_is_tcp_so_asyncio_turns_nagle_off():
    from communique.web.cli import _listen

    sock = _listen("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP  # accepted sockets inherit it; asyncio then sets TCP_NODELAY
    finally:
        sock.close()
