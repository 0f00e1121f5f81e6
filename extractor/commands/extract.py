"""``extractor extract FILE.pdf [-o OUT.json]``: one document to the contract JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from extractor.commands.options import add_extract_options, extract_options
from extractor.errors import OutputError


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = sub.add_parser("extract", help="extract one PDF to JSON (budget-tables/1)")
    parser.add_argument("file", type=Path, help="the PDF to read")
    parser.add_argument("-o", "--output", type=Path, help="write the JSON here instead of standard output")
    parser.add_argument("--summary", action="store_true", help="print a short summary to standard error")
    add_extract_options(parser, max_bytes=None, max_pages=None)
    parser.set_defaults(run=run)


def summary(document: dict) -> str:
    meta = document["document"]
    kinds = Counter(t["type"] for t in document["tables"])
    checks = Counter(c["status"] for t in document["tables"] for c in t["checks"])
    sources = Counter(p["source"] for p in document["pages"])
    return "\n".join([
        f"{document['file']}: {meta['organization'] or '?'} {meta['year'] or '?'} {meta['kind'] or '?'} (unit {meta['unit'] or '?'})",
        f"  pages: {len(document['pages'])} ({', '.join(f'{k} {v}' for k, v in sources.items())})",
        f"  tables: {len(document['tables'])}: " + ", ".join(f"{k}×{v}" if v > 1 else k for k, v in kinds.items()),
        f"  records: {sum(len(t['records']) for t in document['tables'])}; "
        f"checks: {checks['pass']} pass, {checks['fail']} fail, {checks['skipped']} skipped",
        f"  warnings: {len(document['warnings'])}",
    ])


def run(args: argparse.Namespace) -> int:
    from extractor.batch.atomic import write_bytes_atomic
    from extractor.pipeline import extract_file

    document = extract_file(args.file, extract_options(args))
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if args.output:
        try:
            write_bytes_atomic(args.output, text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(f"cannot write {args.output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text + "\n")
    if args.summary:
        print(summary(document), file=sys.stderr)
    return 0
