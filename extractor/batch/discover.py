"""Which files a batch covers, and the name each one goes by."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path, PurePosixPath

from extractor.errors import InputFileError


@dataclass(frozen=True)
class InputFile:
    path: Path
    # Path relative to the batch root, POSIX style: the document's display name
    # and, with its suffix changed, the output's path under OUT_DIR (so two
    # "report.pdf" in different folders never overwrite each other).
    name: str


def find_inputs(source: str) -> list[InputFile]:
    """PDFs under a folder (recursively) or matching a glob, in a stable order."""
    root = Path(source)
    if root.is_dir():
        paths = [p for p in root.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"]
    else:
        paths = [Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file()]
        root = _glob_base(source)
    if not paths:
        raise InputFileError(f"no PDF files found in {source!r}; give a folder or a glob such as 'reports/*.pdf'")
    return [InputFile(p, PurePosixPath(*p.relative_to(root).parts).as_posix()) for p in sorted(paths)]


def _glob_base(pattern: str) -> Path:
    """The longest leading part of ``pattern`` without wildcards."""
    fixed = list(takewhile(lambda part: not glob.has_magic(part), Path(pattern).parts))
    base = Path(*fixed) if fixed else Path(".")
    return base if base.is_dir() else base.parent

