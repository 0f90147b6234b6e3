# Types of the extension module (crates/cmmm-py/src/lib.rs); checked with mypy --strict on
# crates/cmmm-py/tests/consumer.py by scripts/python.sh.
import os
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

__version__: str

_Path = Union[str, "os.PathLike[str]"]
_Assessment = Union[Mapping[str, Any], str, bytes, "os.PathLike[str]"]

class CmmmError(ValueError):
    """An input the engine cannot use. ``str(e)`` is ``"<code>: <message>"``."""

    code: str
    """The stable code: ``invalid-rating``, ``unknown-profile``, ``missing-ratings``, ..."""
    location: str
    """The field at fault (``ratings.data.2.a``, ``profile``, ``tailoring[0].reason``) or ''."""

class Model:
    @staticmethod
    def default() -> Model: ...
    @staticmethod
    def from_json(source: Union[str, bytes, Mapping[str, Any]]) -> Model: ...
    @staticmethod
    def from_file(path: _Path) -> Model: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def profiles(self) -> list[str]: ...
    def score(
        self,
        assessment: _Assessment,
        *,
        allow_missing: bool = False,
        target: Optional[int] = None,
        detail: str = "summary",
        lang: str = "en",
        input_format: Optional[str] = None,
        sheet: Optional[str] = None,
        profile: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def template(self, profile: str) -> dict[str, Any]: ...
    def batch(
        self,
        paths: Union[_Path, Iterable[_Path]],
        *,
        jobs: Optional[int] = None,
        detail: str = "summary",
        allow_missing: bool = False,
        lang: str = "en",
        input_format: Optional[str] = None,
        sheet: Optional[str] = None,
        profile: Optional[str] = None,
    ) -> Batch: ...

class Batch(Iterator[dict[str, Any]]):
    def __iter__(self) -> Batch: ...
    def __next__(self) -> dict[str, Any]: ...
