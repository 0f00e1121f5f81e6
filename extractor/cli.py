"""The ``extractor`` command line.

Each sub-command lives with the code it drives (``extractor.commands.*``);
this module only builds the parser and is the one place that turns
``ExtractorError`` into an exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from extractor import __version__
from extractor.commands import COMMANDS
from extractor.errors import ExtractorError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Extract the tables of Chinese budget / final-account disclosure reports into JSON (budget-tables/1).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ExtractorError as exc:
        print(f"extractor: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
