"""Finding ../shared/data: the evaluations read it in place."""

from __future__ import annotations

import json
import os
from pathlib import Path

from communique.errors import CommuniqueError

_HERE = Path(__file__).resolve()


def candidates() -> list[Path]:
    found = [Path.cwd() / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    # a checkout: src/communique/eval/data.py -> repo root -> ../shared/data
    if len(_HERE.parents) > 4:
        found.append(_HERE.parents[4] / "shared" / "data")
    return found


def find_shared_data(explicit: str | os.PathLike | None = None) -> Path:
    """The shared data folder, or a clear error saying where it was looked for."""
    if explicit:
        path = Path(explicit)
        if not path.is_dir():
            raise CommuniqueError(f"{path}: no such folder (the shared data folder)")
        return path
    env = os.environ.get("COMMUNIQUE_SHARED_DATA")
    if env:
        return find_shared_data(env)
    for path in candidates():
        if path.is_dir():
            return path
    looked = ", ".join(str(p) for p in candidates())
    raise CommuniqueError(f"shared data not found (looked in {looked}); pass --data or set COMMUNIQUE_SHARED_DATA")


def shared_data_or_none() -> Path | None:
    try:
        return find_shared_data()
    except CommuniqueError:
        return None


def read_statements(path: Path, ids: set[str]) -> dict[str, dict]:
    """The records of a JSONL corpus whose ``id`` is in ``ids``, by id."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = rec
    return out
