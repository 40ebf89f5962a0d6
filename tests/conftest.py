from __future__ import annotations

from pathlib import Path

import pytest

import communique
from communique.eval.data import shared_data_or_none

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline() -> communique.Pipeline:
    return communique.Pipeline.load()


@pytest.fixture(scope="session")
def fictional() -> communique.Pipeline:
    """The pipeline with the invented states of examples/gazetteer.jsonl added."""
    return communique.Pipeline.load(gazetteers=[str(EXAMPLES / "gazetteer.jsonl")])


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_data_or_none()
    if path is None:
        pytest.skip("../shared/data is not present")
    return path


def codes(analysis, kind: str | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.actor.code) for m in analysis.mentions if kind is None or m.kind == kind]


@pytest.fixture(scope="session")
def run_cli():
    """Run the real command line in a subprocess, as a user would."""
    import subprocess
    import sys

    def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [sys.executable, "-m", "communique", *args],
            input=stdin if stdin is not None else b"", capture_output=True, cwd=cwd or ROOT, timeout=300,
        )
        proc.stdout = proc.stdout.decode("utf-8")
        proc.stderr = proc.stderr.decode("utf-8")
        return proc

    return run
