#!/usr/bin/env python
"""Score extractor output against truth: scripts/evaluate.py OUT_DIR TRUTH_DIR [--json FILE].

Prints one line per document, one per variant, and the overall line last.
The metrics are defined in extractor/evaluation/metrics.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from extractor.errors import ExtractorError, OutputError  # noqa: E402
from extractor.evaluation import evaluate_dirs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="directory of <stem>.json extractor outputs")
    parser.add_argument("truth_dir", type=Path, help="directory of <stem>.truth.json truths")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every number to FILE as JSON")
    args = parser.parse_args(argv)
    try:
        report = evaluate_dirs(args.out_dir, args.truth_dir)
        if args.json:
            try:
                args.json.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"cannot write {args.json}: {exc}") from exc
    except ExtractorError as exc:
        print(f"evaluate: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    print("\n".join(report.summary_lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
