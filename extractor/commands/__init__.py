"""Sub-commands of the ``extractor`` CLI.

Each module exposes ``register(subparsers)``, which adds its parser and sets
``run`` (a function of the parsed arguments returning an exit code). The
modules import only the standard library at load time; the pipeline, OCR
engines, the web server and Dask load when their command runs.
"""

from __future__ import annotations

from extractor.commands import batch, extract, serve

COMMANDS = [extract.register, batch.register, serve.register]
