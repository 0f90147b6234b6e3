"""The README's "Python package" section, run as written in this environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Python package")
    return readme[start : readme.index("\n## ", start + 1)]


def blocks(language: str) -> list[str]:
    return re.findall(r"```" + language + r"\n(.*?)```", section(), re.S)


def run(args: list[str]) -> str:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_python_snippets() -> None:
    snippets = blocks("python")
    assert len(snippets) == 3
    outputs = [run([sys.executable, "-c", code]) for code in snippets]
    assert outputs[0].splitlines()[0] == "2 2.185"
    assert "miit-demo-factory-2023" in outputs[0]
    assert "assessment_id" in outputs[1] and "EX-2026-001" in outputs[1]
    assert outputs[2].strip() == "invalid-rating ratings.data.1.a"


def test_the_one_liner() -> None:
    (shell,) = blocks("sh")
    line = next(l for l in shell.splitlines() if l.startswith("python -c"))
    assert run(["bash", "-c", line]).strip() == "2"
