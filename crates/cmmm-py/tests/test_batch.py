"""Model.batch: the same records as `cmmm batch --format ndjson`, in input order, over sheets
of every format with broken records among them; and to_frame."""

from __future__ import annotations

import gc
from decimal import Decimal
from pathlib import Path

import pandas
import pytest

import cmmm

from conftest import EXAMPLES, as_json, cli, ndjson


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples as people send them back: CSV (long, wide, GBK), XLSX, NDJSON, JSON,
    a file that is not JSON and an assessment with a rating off the scale."""
    d = tmp_path_factory.mktemp("inputs")
    for i, example in enumerate(EXAMPLES):
        for to, ext in [("csv", "csv"), ("csv-wide", "wide.csv"), ("xlsx", "xlsx"), ("ndjson", "ndjson")]:
            out = d / f"{i}-{example.stem}.{ext}"
            run = cli("convert", "--to", to, "--out", str(out), str(example))
            assert run.returncode == 0, run.stderr
        (d / f"{i}-{example.stem}.json").write_bytes(example.read_bytes())
    utf8 = (d / f"0-{EXAMPLES[0].stem}.csv").read_text(encoding="utf-8-sig")
    (d / "gbk.csv").write_bytes(utf8.encode("gbk"))
    (d / "broken.json").write_text('{"profile": "discrete", "ratings": {', encoding="utf-8")
    bad = EXAMPLES[1].read_text(encoding="utf-8").replace('"full"', '"very full"', 1)
    (d / "bad-rating.json").write_text(bad, encoding="utf-8")
    return d


@pytest.mark.parametrize("tier", ["summary", "full"])
def test_batch_equals_the_cli(inputs: Path, tier: str) -> None:
    run = cli("batch", "--format", "ndjson", "--detail", tier, str(inputs))
    assert run.returncode == 3, run.stderr  # two records fail
    expected = ndjson(run.stdout)
    records = list(cmmm.Model.default().batch(inputs, detail=tier))
    assert as_json(records) == expected
    assert len(records) == 4 * len(EXAMPLES) + len(EXAMPLES) + 3
    failed = [r for r in records if r["status"] == "error"]
    assert sorted(r["error"]["code"] for r in failed) == ["invalid-json", "invalid-rating"]
    assert all(isinstance(r["result"]["total"], Decimal) for r in records if r["status"] == "ok")


def test_batch_takes_files_and_threads(inputs: Path) -> None:
    files = sorted(str(p) for p in inputs.glob("*.xlsx"))
    one = list(cmmm.batch(files, jobs=1))
    assert [r["source"]["file"] for r in one] == files
    assert list(cmmm.batch(files, jobs=2)) == one
    assert list(cmmm.batch(files[0])) == one[:1]


def test_batch_errors_and_early_stop(inputs: Path) -> None:
    with pytest.raises(cmmm.CmmmError) as raised:
        cmmm.batch(inputs, jobs=0)
    assert (raised.value.code, raised.value.location) == ("invalid-jobs", "jobs")
    with pytest.raises(cmmm.CmmmError) as raised:
        cmmm.batch(inputs, detail="all")
    assert raised.value.code == "invalid-detail"
    # Dropping a batch half read stops its threads; nothing hangs.
    records = cmmm.batch(inputs, jobs=2)
    first = next(records)
    assert first["status"] == "ok"
    del records
    gc.collect()
    # Messages in Chinese when asked.
    zh = [r for r in cmmm.batch(inputs / "bad-rating.json", lang="zh")]
    assert zh[0]["status"] == "error"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh[0]["error"]["message"]), zh[0]["error"]["message"]


def test_to_frame(inputs: Path) -> None:
    records = list(cmmm.batch(inputs))
    frame = cmmm.to_frame(records)
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(records)
    assert list(frame["status"]) == [r["status"] for r in records]
    assert str(frame["level"].dtype) == "Int64"
    assert str(frame["meets_level_2"].dtype) == "boolean"
    assert frame["total"].dtype == object
    ok = frame[frame["status"] == "ok"]
    assert all(isinstance(v, Decimal) for v in ok["total"])
    assert all(isinstance(v, Decimal) for v in ok["t1"])
    failed = frame[frame["status"] == "error"]
    assert failed["level"].isna().all()
    assert all(v is None for v in failed["total"])
    assert set(failed["error_code"]) == {"invalid-json", "invalid-rating"}
    assert any(c.startswith("programme.") for c in frame.columns)
    assert str(frame["level.data"].dtype) == "Int64"
    first = records[0]["result"]
    assert frame.loc[0, "total"] == first["total"]
    assert frame.loc[0, "level"] == first["level"]
