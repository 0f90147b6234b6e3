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


def as_json(value: Any) -> Any:
    """A result of the package as the CLI writes it: every `Decimal` its exact text."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def ndjson(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines() if line]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
