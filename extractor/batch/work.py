"""One file's extraction as a unit of work that never raises.

Local worker processes, Dask tasks and the HTTP service all run files through
``extract_safely``, so a bad file comes back the same way everywhere: as a
``Failure`` carrying the error's code, message, HTTP status and exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from extractor.errors import ExtractorError

if TYPE_CHECKING:
    from extractor.pipeline import ExtractOptions

Progress = Callable[[int, int], None]


class ExtractFn(Protocol):
    """Extracts the file at ``path`` (shown to users as ``name``) into the
    contract JSON, reporting ``progress(pages_done, pages_total)``. Must be
    picklable: it is shipped to worker processes and Dask workers."""

    def __call__(self, path: Path, name: str, progress: Progress) -> dict[str, Any]: ...


@dataclass(frozen=True)
class PipelineExtract:
    """The real extractor, with the options fixed for a batch or a server."""

    options: ExtractOptions

    def __call__(self, path: Path, name: str, progress: Progress) -> dict[str, Any]:
        from extractor.pipeline import extract_file

        return extract_file(path, self.options, progress=progress, display_name=name)


@dataclass(frozen=True)
class Failure:
    code: str
    message: str
    http_status: int = 500
    exit_code: int = 1

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        if isinstance(exc, ExtractorError):
            return cls(exc.code, exc.message, exc.http_status, exc.exit_code)
        return cls("internal-error", f"unexpected {type(exc).__name__}: {exc}")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Outcome:
    document: dict[str, Any] | None
    failure: Failure | None


def extract_safely(extract: ExtractFn, path: Path, name: str, progress: Progress) -> Outcome:
    try:
        return Outcome(extract(path, name, progress), None)
    except Exception as exc:  # one bad file must never stop a batch or kill a worker
        return Outcome(None, Failure.from_exception(exc))
