"""Shared helpers of the Python package's tests (run by scripts/python.sh)."""

from __future__ import annotations

import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.json"))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The `cmmm` command (CMMM_CLI, set by scripts/python.sh), run from the repository."""
    command = os.environ.get("CMMM_CLI", str(ROOT / "target" / "debug" / "cmmm"))
    return subprocess.run(
        [command, *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def as_python(value: Any) -> Any:
    """The CLI's JSON as the package gives it: every score `{"value", "display"}` a Decimal."""
    if isinstance(value, dict):
        if set(value) == {"value", "display"}:
            return Decimal(value["value"])
        return {k: as_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_python(v) for v in value]
    return value


def ndjson(text: str) -> list[Any]:
    return [as_python(json.loads(line)) for line in text.splitlines() if line]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
