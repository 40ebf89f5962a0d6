"""The analysis version stored with every statement.

A stored analysis is stale when the code, data or models that produced it
change, so the version is communique's release plus a fingerprint of every
file that shapes an analysis (the pipeline, each layer's code, gazetteers,
lexicons, trained models), the spaCy model's version, the layers that ran and
any extra gazetteer files. ``communique ingest --reanalyse`` redoes the rows
whose version differs from the current one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import communique

PACKAGE = Path(communique.__file__).resolve().parent
NOT_ANALYSIS = {"corpus", "web", "eval", "render", "__pycache__"}
"""Folders of the package that never change an analysis (outputs, evaluation, the edges)."""
NOT_ANALYSIS_FILES = {"cli.py", "__main__.py"}

LIGHT = "light"
"""Version tag of the lightweight test pipeline (see ``communique.corpus.light``)."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 (12 hex digits) over the package files that shape an analysis."""
    digest = hashlib.sha256()
    for path in sorted(_analysis_files(PACKAGE)):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _analysis_files(root: Path) -> Iterable[Path]:
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not (here == root and d in NOT_ANALYSIS) and d != "__pycache__"]
        for name in files:
            if here == root and name in NOT_ANALYSIS_FILES:
                continue
            if name.endswith((".pyc", ".pyo")):
                continue
            yield here / name


def analysis_version(pipeline=None, gazetteers: Iterable[str] = ()) -> str:
    """The version string for analyses made by ``pipeline`` (or the default
    pipeline when None) with the extra ``gazetteers`` files."""
    if getattr(pipeline, "version_tag", None) == LIGHT:
        return f"{communique.__version__}+{LIGHT}"
    parts = [f"{communique.__version__}+{code_fingerprint()}", _model_version(pipeline)]
    extra = sorted(str(g) for g in gazetteers)
    if extra:
        digest = hashlib.sha256()
        for path in extra:
            digest.update(Path(path).read_bytes())
        parts.append("gazetteers " + digest.hexdigest()[:8])
    return "; ".join(parts)


def _model_version(pipeline) -> str:
    """The spaCy model package's version and the layers that run (sorted, so the
    description does not depend on the order they were added in)."""
    if pipeline is not None:
        layers = sorted(p.removeprefix("communique_") for p in pipeline.nlp.pipe_names if p.startswith("communique_"))
    else:
        from communique.pipeline import LAYERS

        layers = sorted({"actors", *LAYERS})
    return f"{_model_package()}; layers {' '.join(layers)}"


@lru_cache(maxsize=1)
def _model_package() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from communique.pipeline import MODEL

    try:
        return f"{MODEL} {version(MODEL.replace('_', '-'))}"
    except PackageNotFoundError:
        return f"{MODEL} ?"
