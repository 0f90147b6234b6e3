"""Golden vectors (tests/vectors, format in tests/vectors/README.md) scored by the Python
package: every result string and every error code and location must be what the vector
expects, as the Rust, C and Node suites check them. Each vector is scored from its JSON text
and, when it has one, from the parsed dict."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Optional

import pytest

import cmmm

from conftest import ROOT

VECTORS = sorted((ROOT / "tests" / "vectors").glob("*.json"))
MODELS: dict[str, cmmm.Model] = {}


def model_for(name: str) -> cmmm.Model:
    if name not in MODELS:
        MODELS[name] = cmmm.Model.from_file(ROOT / "tests" / "vectors" / name)
    return MODELS[name]


def text_of(score: Optional[Decimal]) -> Optional[str]:
    assert score is None or isinstance(score, Decimal), repr(score)
    return None if score is None else format(score, "f")


def display(score: Decimal) -> str:
    """A score shown as the CLI shows it: two places, half away from zero."""
    return str(score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def compare_nodes(layer: str, expect: dict[str, Any], out: dict[str, Any]) -> None:
    expected = expect[layer]
    weights = expect["weights"][layer]
    assert len(out[layer]) == len(expected), f"{layer}: node count"
    for node_id, per_level in expected.items():
        node = next(n for n in out[layer] if n["id"] == node_id)
        assert len(node["scores"]) == len(node["weights"]) == len(per_level), f"{layer}.{node_id}"
        for n, value in enumerate(per_level):
            assert text_of(node["scores"][n]) == value, f"{layer}.{node_id}.scores[{n}]"
            assert text_of(node["weights"][n]) == weights[node_id][n], f"{layer}.{node_id}.weights[{n}]"


def compare(expect: dict[str, Any], out: dict[str, Any]) -> None:
    assert len(out["levels"]) == len(expect["levels"]) > 0
    for i, level in enumerate(expect["levels"]):
        at = out["levels"][i]
        assert at["level"] == level["level"]
        assert text_of(at["score"]) == level["value"], f"levels[{i}].score"
        assert display(at["score"]) == level["display"], f"levels[{i}] display"
        assert at["met"] is level["met"] and at["counted"] is level["counted"]
    assert text_of(out["total"]) == expect["total"]["value"]
    assert display(out["total"]) == expect["total"]["display"]
    assert out["level"] == expect["level"]
    assert out["meets_level_2"] is expect["meets_level_2"]
    for layer in ("elements", "domains", "sub_domains"):
        compare_nodes(layer, expect, out)
    assert list(out["sub_domain_levels"]) == expect["scope"]["sub_domains"]
    # An empty list is absent from the result.
    assert out["scope"].get("excluded", []) == expect["scope"]["excluded"]
    assert out["scope"]["requirements"] == expect["scope"]["requirements"]
    none = next((w for w in out["warnings"] if w["code"] == "scored-as-none"), None)
    assert (none["ids"] if none else []) == expect["scored_as_none"]
    if expect["gaps"] is None:
        assert "gaps" not in out
    else:
        gaps = out["gaps"]
        assert gaps["target"] == expect["gaps"]["target"]
        assert gaps["reached"] is expect["gaps"]["reached"]
        assert len(gaps["plan"]["upgrades"]) == expect["gaps"]["plan"]["upgrades"]
        assert gaps["plan"]["level"] == expect["gaps"]["plan"]["level"]


def test_there_are_vectors() -> None:
    assert len(VECTORS) > 50


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector(path: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    model = model_for(vector["model"])
    options = vector["options"]
    kwargs: dict[str, Any] = {
        "allow_missing": options["allow_missing"],
        "target": options["target"],
        "detail": options["detail"],
    }
    if "assessment" in vector:
        inputs: list[Any] = [json.dumps(vector["assessment"]), vector["assessment"]]
    else:
        inputs = [vector["assessment_text"]]
    error = vector["expect"].get("error")
    for assessment in inputs:
        if error:
            with pytest.raises(cmmm.CmmmError) as raised:
                model.score(assessment, **kwargs)
            assert raised.value.code == error["code"]
            assert raised.value.location == error["location"]
            assert str(raised.value).startswith(error["code"] + ": ")
            assert isinstance(raised.value, ValueError)
        else:
            compare(vector["expect"], model.score(assessment, **kwargs))
