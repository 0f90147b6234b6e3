"""Intelligent-manufacturing maturity self-assessment (GB/T 39116-2020 / GB/T 39117-2020).

The engine of the ``cmmm`` Rust crates: exact scoring, questionnaires in every format people
exchange (JSON, NDJSON, CSV in UTF-8 or GBK, XLSX), batches on all cores. Results are plain
``dict``/``list`` values shaped as the result schema (``data/schema/result.schema.json``),
with every score a :class:`decimal.Decimal` (the exact value to 28 places) and never a float.

The embedded default model has the standard's structure with an ILLUSTRATIVE requirement
catalogue and PLACEHOLDER weights; every result says so (``result["model"]["provenance"]``
and a warning). Load an official model with :meth:`Model.from_file`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ._cmmm import Batch, CmmmError, Model, __version__

if TYPE_CHECKING:
    import pandas

__all__ = ["Batch", "CmmmError", "Model", "__version__", "batch", "score", "to_frame"]

_DEFAULT = Model.default()

#: :meth:`Model.score` on the embedded default model.
score = _DEFAULT.score

#: :meth:`Model.batch` on the embedded default model.
batch = _DEFAULT.batch


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    source = record["source"]
    row: dict[str, Any] = {
        "file": source["file"],
        "line": source["line"],
        "column": source.get("column"),
        "assessment_id": record["id"],
        "status": record["status"],
    }
    error = record.get("error")
    row["error_code"] = error["code"] if error else None
    row["error_location"] = error["location"] if error else None
    row["error_message"] = error["message"] if error else None
    result = record.get("result")
    if result is None:
        return row
    enterprise = (result.get("assessment") or {}).get("enterprise") or {}
    for key in ("name", "code", "industry", "region"):
        row["enterprise_" + key] = enterprise.get(key)
    row["profile"] = result["profile"]
    row["level"] = result["level"]
    row["total"] = result["total"]
    for level in result["levels"]:
        row["t%d" % level["level"]] = level["score"]
    row["meets_level_2"] = result["meets_level_2"]
    for programme, met in result["thresholds"].items():
        row["programme." + programme] = met
    for sub_domain, level in result["sub_domain_levels"].items():
        row["level." + sub_domain] = level
    return row


def to_frame(records: Iterable[Mapping[str, Any]]) -> "pandas.DataFrame":
    """One row per record of :meth:`Model.batch` (any tier), in input order.

    Columns: ``file``, ``line`` (int), ``column``, ``assessment_id``, ``status`` (``ok`` or
    ``error``), ``error_code``, ``error_location``, ``error_message``, ``enterprise_name``,
    ``enterprise_code``, ``enterprise_industry``, ``enterprise_region``, ``profile``,
    ``level`` (``Int64``, missing for an error), ``total`` and ``t1`` ... ``tN``
    (:class:`decimal.Decimal`, object dtype: exact), ``meets_level_2`` and one
    ``programme.<id>`` column per programme threshold (``boolean``), and one
    ``level.<sub-domain>`` column per sub-domain with its own level (``Int64``). Text
    columns are object dtype (``str`` or ``None``). Needs pandas (``pip install
    cmmm[pandas]``).
    """
    import pandas

    rows = [_row(r) for r in records]
    frame = pandas.DataFrame.from_records(rows)
    for name in frame.columns:
        if name in ("level", "line") or name.startswith("level."):
            frame[name] = frame[name].astype("Int64")
        elif name == "meets_level_2" or name.startswith("programme."):
            frame[name] = frame[name].astype("boolean")
        elif name == "total" or (name[:1] == "t" and name[1:].isdigit()):
            column = frame[name].astype(object)
            frame[name] = column.where(column.notna(), None)
    return frame
