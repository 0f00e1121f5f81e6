"""Load test for the HTTP service: bounded concurrent uploads, then throughput,
latency percentiles and the server's memory (its process and its workers).

    .venv/bin/python scripts/load.py samples/fixtures/some.pdf --requests 200 --concurrency 20

Without --url it starts its own server (``extractor serve``) on a free
loopback port with a temporary data directory, and stops it afterwards.
Only loopback servers are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    rss: list[tuple[int, int]] = field(default_factory=list)  # (requests completed, bytes)


def rss_of_tree(pid: int) -> int:
    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing to load-test {host!r}: only loopback servers (127.0.0.1, ::1, localhost)")


async def one_request(client: httpx.AsyncClient, url: str, pdf: bytes, name: str, endpoint: str) -> float:
    started = time.perf_counter()
    response = await client.post(f"{url}{endpoint}", files={"file": (name, pdf, "application/pdf")})
    if endpoint == "/v1/jobs" and response.status_code == 202:
        job_url = url + response.headers["location"]
        while (job := (await client.get(job_url)).json())["state"] not in ("done", "failed"):
            await asyncio.sleep(0.5)
        if job["state"] != "done":
            raise RuntimeError(f"job failed: {job['error']}")
    elif response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
    return time.perf_counter() - started


async def run_load(url: str, pdf: Path, requests: int, concurrency: int, endpoint: str, server_pid: int | None) -> Stats:
    stats = Stats()
    data = pdf.read_bytes()
    limit = asyncio.Semaphore(concurrency)
    done = 0

    async def bounded(client: httpx.AsyncClient) -> None:
        nonlocal done
        async with limit:
            try:
                stats.latencies.append(await one_request(client, url, data, pdf.name, endpoint))
            except Exception as exc:
                key = str(exc)[:120]
                stats.errors[key] = stats.errors.get(key, 0) + 1
            done += 1
            if server_pid and done % 10 == 0:
                stats.rss.append((done, rss_of_tree(server_pid)))

    async with httpx.AsyncClient(timeout=600, limits=httpx.Limits(max_connections=concurrency)) as client:
        await asyncio.gather(*(bounded(client) for _ in range(requests)))
    return stats


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def own_server(workers: int, extra: list[str]) -> Iterator[tuple[str, int]]:
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="extractor-load-") as data:
        command = [sys.executable, "-m", "extractor.cli", "serve", "--port", str(port), "--data-dir", data,
                   "--workers", str(workers), "--log-level", "warning", *extra]
        process = subprocess.Popen(command, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            yield url, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def report(stats: Stats, requests: int, seconds: float, warmup: int) -> str:
    lat = sorted(stats.latencies)
    lines = [
        f"requests: {requests}, ok: {len(lat)}, errors: {sum(stats.errors.values())}",
        f"throughput: {len(lat) / seconds:.2f} req/s over {seconds:.1f} s",
    ]
    if lat:
        p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
        lines.append(f"latency: p50 {statistics.median(lat) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms")
    for error, count in stats.errors.items():
        lines.append(f"  error x{count}: {error}")
    if stats.rss:
        after_warmup = next((rss for n, rss in stats.rss if n >= warmup), stats.rss[0][1])
        final, peak = stats.rss[-1][1], max(rss for _, rss in stats.rss)
        lines.append(f"server RSS (process + workers): after warm-up {after_warmup / 2**20:.0f} MiB, "
                     f"final {final / 2**20:.0f} MiB, peak {peak / 2**20:.0f} MiB, "
                     f"growth {(final - after_warmup) / 2**20:+.0f} MiB")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--endpoint", choices=("/v1/extract", "/v1/jobs"), default="/v1/extract")
    parser.add_argument("--url", help="an already running server (loopback only); default: start one")
    parser.add_argument("--server-pid", type=int, help="with --url: the server's pid, to report its memory")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the server this script starts")
    parser.add_argument("--serve-arg", action="append", default=[], help="extra flag for the started server, e.g. --serve-arg=--ocr=never")
    args = parser.parse_args()

    def go(url: str, pid: int | None) -> int:
        require_loopback(url)
        started = time.perf_counter()
        stats = asyncio.run(run_load(url, args.pdf, args.requests, args.concurrency, args.endpoint, pid))
        print(report(stats, args.requests, time.perf_counter() - started, warmup=args.concurrency * 2))
        return 1 if stats.errors else 0

    if args.url:
        return go(args.url, args.server_pid)
    with own_server(args.workers, args.serve_arg) as (url, pid):
        return go(url, pid)


if __name__ == "__main__":
    sys.exit(main())
