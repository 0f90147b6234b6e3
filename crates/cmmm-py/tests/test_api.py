"""The package's calls: models, scoring from every kind of input, errors, types, threads."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import cmmm

from conftest import EXAMPLES, ROOT, as_json, cli

TIERS = ["summary", "profile", "gaps", "full"]


def walk(value: Any) -> list[Any]:
    """Every value inside a result."""
    out = [value]
    if isinstance(value, dict):
        for v in value.values():
            out.extend(walk(v))
    elif isinstance(value, list):
        for v in value:
            out.extend(walk(v))
    return out


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_results_equal_the_cli(example: Path, tier: str) -> None:
    run = cli("score", "--format", "json", "--detail", tier, str(example))
    assert run.returncode == 0, run.stderr
    expected = json.loads(run.stdout)
    assert as_json(cmmm.Model.default().score(example, detail=tier)) == expected
    # The same from JSON text, from a dict and from bytes.
    text = example.read_text(encoding="utf-8")
    assert as_json(cmmm.score(text, detail=tier)) == expected
    assert as_json(cmmm.score(json.loads(text), detail=tier)) == expected
    assert as_json(cmmm.score(text.encode("utf-8"), detail=tier)) == expected


def test_types_are_exact() -> None:
    result = cmmm.score(EXAMPLES[0], detail="full")
    values = walk(result)
    assert not any(isinstance(v, float) for v in values), "no float anywhere"
    assert isinstance(result["total"], Decimal)
    assert all(isinstance(d, Decimal) for s in result["sub_domains"] for d in s["scores"] if d is not None)
    assert all(isinstance(level["score"], Decimal) for level in result["levels"])
    assert isinstance(result["meets_level_2"], bool)
    assert result["detail"] == "full"
    assert result["model"]["provenance"]["weights"] == "placeholder"
    assert any(w["code"] == "unofficial-model" for w in result["warnings"])


def test_the_summary_is_the_default_tier() -> None:
    result = cmmm.score(EXAMPLES[0])
    assert result["detail"] == "summary"
    assert "sub_domains" not in result or not result.get("sub_domains")


def test_readme_one_liner() -> None:
    text = (ROOT / "data" / "examples" / "discrete.json").read_text(encoding="utf-8")
    assert cmmm.score(text)["level"] == 2


def test_sheets_in_every_format(tmp_path: Path) -> None:
    example = ROOT / "data" / "examples" / "discrete.json"
    expected = cmmm.score(example)
    for to, name in [("csv", "a.csv"), ("csv-wide", "wide.csv"), ("xlsx", "a.xlsx"), ("ndjson", "a.ndjson")]:
        out = tmp_path / name
        run = cli("convert", "--to", to, "--out", str(out), str(example))
        assert run.returncode == 0, run.stderr
        assert cmmm.score(out) == expected, name
        assert cmmm.score(str(out)) == expected, name
    # GBK, as Excel on a Chinese Windows saves CSV.
    utf8 = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(utf8.encode("gbk"))
    assert cmmm.score(gbk) == expected
    # An XLSX upload held in memory.
    upload = (tmp_path / "a.xlsx").read_bytes()
    assert cmmm.score(upload, input_format="xlsx") == expected


def test_models() -> None:
    default = cmmm.Model.default()
    assert default.id == "gbt39116-2020"
    assert "discrete" in default.profiles
    assert repr(default).startswith("<cmmm.Model gbt39116-2020")
    text = (ROOT / "data" / "models" / "gbt39116-2020.json").read_text(encoding="utf-8")
    for source in (text, text.encode("utf-8"), json.loads(text)):
        model = cmmm.Model.from_json(source)
        assert model.version == default.version
        assert model.score(EXAMPLES[0]) == default.score(EXAMPLES[0])
    wide = cmmm.Model.from_file(ROOT / "tests" / "vectors" / "models" / "wide.json")
    assert wide.profiles == ["standard"]


def test_template_is_an_assessment() -> None:
    model = cmmm.Model.default()
    blank = model.template("discrete")
    assert blank["profile"] == "discrete"
    answers = blank["ratings"].values()
    assert all(a["rating"] is None and a["text"]["zh"] for a in answers)
    for answer in answers:
        answer["rating"] = "full"
    assert model.score(blank)["level"] == 5


def test_ratings_as_decimals_and_numbers() -> None:
    blank = cmmm.Model.default().template("discrete")
    as_decimal = {**blank, "ratings": {k: Decimal("1") for k in blank["ratings"]}}
    as_int = {**blank, "ratings": {k: 1 for k in blank["ratings"]}}
    assert cmmm.score(as_decimal)["level"] == 5
    assert cmmm.score(as_int)["level"] == 5


def error_of(call: Any) -> cmmm.CmmmError:
    with pytest.raises(cmmm.CmmmError) as raised:
        call()
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).startswith(raised.value.code + ": ")
    return raised.value


def test_errors_say_code_and_location(tmp_path: Path) -> None:
    e = error_of(lambda: cmmm.score('{"profile": "discrete", "ratings": {"nope": "full"}}'))
    assert (e.code, e.location) == ("unknown-requirement", "ratings.nope")
    e = error_of(lambda: cmmm.score("{"))
    assert e.code == "invalid-json"
    e = error_of(lambda: cmmm.score(EXAMPLES[0], detail="everything"))
    assert (e.code, e.location) == ("invalid-detail", "detail")
    e = error_of(lambda: cmmm.score(EXAMPLES[0], target=9))
    assert e.code == "invalid-target"
    e = error_of(lambda: cmmm.score(EXAMPLES[0], lang="fr"))
    assert (e.code, e.location) == ("invalid-argument", "lang")
    e = error_of(lambda: cmmm.score(tmp_path / "missing.json"))
    assert e.code == "unreadable-file"
    assert "missing.json" in str(e)
    e = error_of(lambda: cmmm.Model.default().template("nope"))
    assert (e.code, e.location) == ("unknown-profile", "profile")
    e = error_of(lambda: cmmm.Model.from_json("{}"))
    assert e.code == "invalid-json"
    broken = (ROOT / "data" / "models" / "gbt39116-2020.json").read_text(encoding="utf-8")
    e = error_of(lambda: cmmm.Model.from_json(broken.replace('"gate": "0.8"', '"gate": "1.5"')))
    assert (e.code, e.location) == ("invalid-model", "gate")
    e = error_of(lambda: cmmm.Model.from_file(tmp_path / "missing-model.json"))
    assert e.code == "io"


def test_errors_in_sheets_name_the_cell(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert cli("convert", "--to", "csv", "--out", str(out), str(EXAMPLES[0])).returncode == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[3].split(",")
    cells[4] = "大概吧"
    lines[3] = ",".join(cells)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = error_of(lambda: cmmm.score(out))
    assert e.code == "invalid-rating"
    assert e.location.startswith("ratings.")
    assert "a.csv" in str(e) and "4" in str(e)
    zh = error_of(lambda: cmmm.score(out, lang="zh"))
    assert "第 4 行" in str(zh)


def test_one_model_many_threads() -> None:
    model = cmmm.Model.default()
    expected = [model.score(e, detail="gaps") for e in EXAMPLES]
    work = [EXAMPLES[i % len(EXAMPLES)] for i in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda e: model.score(e, detail="gaps"), work))
    assert results == [expected[i % len(EXAMPLES)] for i in range(40)]
