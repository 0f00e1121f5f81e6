"""What executors run and hand back, independent of where they run it."""

from __future__ import annotations

import ctypes
import hashlib
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from extractor.batch.work import Outcome


@dataclass(frozen=True)
class Task:
    path: Path
    name: str
    sha256: str

    @property
    def key(self) -> str:
        """Unique per (content, name): identical bytes under two names are two
        documents (their ``file`` differs), the same name with new bytes is new work."""
        return f"extract-{self.sha256[:24]}-{hashlib.sha256(self.name.encode()).hexdigest()[:8]}"


PageProgress = Callable[[str, int, int], None]  # (task key, pages done, pages total)


class Executor(Protocol):
    def run(self, tasks: Sequence[Task], on_pages: PageProgress) -> Iterator[tuple[Task, Outcome]]:
        """Runs every task once, yielding each with its outcome as it completes."""
        ...


def die_with_parent() -> None:
    """Ask Linux to kill this worker process when its parent dies, so a killed
    CLI or server never leaves orphans extracting (and writing) behind it."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
