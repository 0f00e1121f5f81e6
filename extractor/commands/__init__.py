"""Sub-commands of the ``extractor`` CLI.

Each module exposes ``register(subparsers)``, which adds its parser and sets
``run`` (a function of the parsed arguments returning an exit code).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

# Modules are imported lazily by name so a sub-command's heavy dependencies
# (OCR engines, the web server, Dask) load only when that command runs.
_MODULES = ("extract", "batch", "serve")


def _lazy(name: str) -> Register:
    def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
        try:
            module = import_module(f"extractor.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"extractor.commands.{name}":
                raise
            return
        module.register(sub)

    return register


COMMANDS: list[Register] = [_lazy(n) for n in _MODULES]
