"""``extractor serve``: the HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from extractor.commands.options import add_extract_options, positive_int

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = sub.add_parser(
        "serve",
        help="run the HTTP API (synchronous extraction and durable jobs)",
        description="Serve POST /v1/extract, /v1/jobs and the OpenAPI document (/docs). Jobs survive "
        "restarts: they are kept in DATA_DIR (SQLite + files).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--data-dir", type=Path, default=Path("extractor-data"),
                        help="job database, uploads and results (default: ./extractor-data)")
    parser.add_argument("--workers", type=positive_int, default=1, help="extraction worker processes (default: 1)")
    parser.add_argument("--max-queued-jobs", type=positive_int, default=1000,
                        help="queued jobs beyond which POST /v1/jobs answers 429 (default: 1000)")
    parser.add_argument("--max-waiting", type=positive_int, default=32,
                        help="synchronous extractions in progress beyond which POST /v1/extract answers 429 (default: 32)")
    parser.add_argument("--max-attempts", type=positive_int, default=2,
                        help="times a job is started before a crash during it fails it (default: 2)")
    parser.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    add_extract_options(parser, max_bytes=50 << 20, max_pages=500)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from extractor.service.app import create_app
    from extractor.service.config import ServiceConfig

    _configure_logging(args.log_level)
    config = ServiceConfig(
        data_dir=args.data_dir,
        workers=args.workers,
        max_bytes=args.max_bytes,
        max_pages=args.max_pages,
        ocr=args.ocr,
        dpi=args.dpi,
        renderer=args.renderer,
        max_queued_jobs=args.max_queued_jobs,
        max_waiting_sync=args.max_waiting,
        max_attempts=args.max_attempts,
    )
    # uvicorn's own access log lacks the request id; the app logs each request itself.
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_config=None, access_log=False,
                log_level=args.log_level)
    return 0


def _configure_logging(level: str) -> None:
    from extractor.service.request_id import RequestIdFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
