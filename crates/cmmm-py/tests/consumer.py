"""A consumer of the package, type-checked with mypy --strict (scripts/python.sh): the
stubs must describe the calls as documented in the README."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas

import cmmm


def level_of(path: Path) -> int:
    result: dict[str, Any] = cmmm.score(path, detail="summary")
    level: int = result["level"]
    return level


def totals(paths: list[Path]) -> list[Decimal]:
    model = cmmm.Model.default()
    out: list[Decimal] = []
    for record in model.batch(paths, jobs=2):
        if record["status"] == "ok":
            out.append(record["result"]["total"])
    return out


def frame(directory: str) -> pandas.DataFrame:
    return cmmm.to_frame(cmmm.batch(directory))


def code_of(text: str) -> str:
    try:
        cmmm.Model.from_json(text)
    except cmmm.CmmmError as e:
        return e.code + " at " + e.location
    return ""


blank: dict[str, Any] = cmmm.Model.default().template("discrete")
print(level_of(Path("data/examples/discrete.json")), totals([]), code_of("{}"), len(blank))
