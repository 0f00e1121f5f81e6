"""``extractor extract FILE.pdf [-o OUT.json]``: one document to the contract JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from extractor.errors import OutputError


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = sub.add_parser("extract", help="extract one PDF to JSON (budget-tables/1)")
    parser.add_argument("file", type=Path, help="the PDF to read")
    parser.add_argument("-o", "--output", type=Path, help="write the JSON here instead of standard output")
    parser.add_argument("--ocr", choices=["auto", "always", "never"], default="auto",
                        help="auto: OCR the pages whose text layer cannot be trusted (default)")
    parser.add_argument("--dpi", type=int, default=200, help="resolution for OCR'd pages (default 200)")
    parser.add_argument("--summary", action="store_true", help="print a short summary to standard error")
    parser.set_defaults(run=run)


def summary(document: dict) -> str:
    meta = document["document"]
    kinds = Counter(t["type"] for t in document["tables"])
    failed = sum(1 for t in document["tables"] for c in t["checks"] if c["status"] == "fail")
    passed = sum(1 for t in document["tables"] for c in t["checks"] if c["status"] == "pass")
    sources = Counter(p["source"] for p in document["pages"])
    lines = [
        f"{document['file']}: {meta['organization'] or '?'} {meta['year'] or '?'} {meta['kind'] or '?'} (unit {meta['unit'] or '?'})",
        f"  pages: {len(document['pages'])} ({', '.join(f'{k} {v}' for k, v in sources.items())})",
        f"  tables: {len(document['tables'])}: " + ", ".join(f"{k}×{v}" if v > 1 else k for k, v in kinds.items()),
        f"  records: {sum(len(t['records']) for t in document['tables'])}; checks: {passed} pass, {failed} fail",
        f"  warnings: {len(document['warnings'])}",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from extractor.pipeline import ExtractOptions, extract_file  # heavy: loaded only when the command runs

    document = extract_file(args.file, ExtractOptions(ocr=args.ocr, dpi=args.dpi))
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if args.output:
        try:
            tmp = args.output.with_name(args.output.name + ".part")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(args.output)
        except OSError as exc:
            raise OutputError(f"cannot write {args.output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text + "\n")
    if args.summary:
        print(summary(document), file=sys.stderr)
    return 0
