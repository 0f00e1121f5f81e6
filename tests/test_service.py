"""The HTTP service, started for real (uvicorn in a subprocess on a free
loopback port) and spoken to over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from pdf_factory import budget_pdf, encrypted_pdf, text_file, truncated_pdf

from extractor.schema import contract_errors
from extractor.service.store import JobStore

PROBLEM = "application/problem+json"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, *flags: str) -> None:
        self.data_dir, self.flags = data_dir, flags
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / f"server-{self.port}.log"

    def start(self) -> Server:
        command = [sys.executable, "-m", "extractor.cli", "serve", "--port", str(self.port),
                   "--data-dir", str(self.data_dir), *self.flags]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        with self.log.open("ab") as log:
            # Own session: killing the group takes the workers too, like a machine crash.
            self.process = subprocess.Popen(command, stdout=log, stderr=log, env=env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"server did not start:\n{self.log.read_text()}")

    def crash(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.crash()


@contextmanager
def running(data_dir: Path, *flags: str) -> Iterator[Server]:
    server = Server(data_dir, *flags).start()
    try:
        yield server
    finally:
        server.stop()


def _upload(url: str, path: Path, name: str | None = None, **kwargs: object) -> httpx.Response:
    with path.open("rb") as handle:
        return httpx.post(url, files={"file": (name or path.name, handle, "application/pdf")}, timeout=120, **kwargs)


def _wait(url: str, until: tuple[str, ...], timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(url, timeout=10).json()
        if job["state"] in until:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job still {job['state']} after {timeout} s")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    good = budget_pdf(folder / "good.pdf", pages=2)
    return {
        "good": good,
        "long": budget_pdf(folder / "long.pdf", pages=12, variant=1),
        "text": text_file(folder / "notes.pdf"),
        "truncated": truncated_pdf(folder / "cut.pdf", good),
        "encrypted": encrypted_pdf(folder / "locked.pdf", good),
        "big": budget_pdf(folder / "big.pdf", pages=30, variant=2),
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, files: dict[str, Path]) -> Iterator[Server]:
    limit = files["big"].stat().st_size - 1  # "big" is over the byte limit, "long" is over the page limit
    assert files["long"].stat().st_size < limit
    with running(tmp_path_factory.mktemp("data"), "--workers", "1", "--ocr", "never",
                 "--max-bytes", str(limit), "--max-pages", "10") as started:
        yield started


def test_sync_extract_returns_the_contract_with_a_request_id(server: Server, files: dict[str, Path]) -> None:
    response = _upload(f"{server.url}/v1/extract", files["good"], "../../etc/passwd.pdf",
                       headers={"X-Request-ID": "test-123"})
    assert response.status_code == 200, response.text
    assert response.headers["x-request-id"] == "test-123"
    document = response.json()
    assert contract_errors(document) == []
    assert document["file"] == "passwd.pdf"  # a display name only, never a path
    assert len(document["pages"]) == 2
    # The access line is logged once the response has gone out: give the server a moment to write it.
    deadline = time.monotonic() + 5
    while "[test-123]" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "[test-123]" in server.log.read_text()
    assert not list((server.data_dir / "uploads").iterdir())


@pytest.mark.parametrize("endpoint", ["/v1/extract", "/v1/jobs"])
@pytest.mark.parametrize(("kind", "status", "code"), [
    ("text", 415, "not-a-pdf"),
    ("truncated", 422, "corrupt-pdf"),
    ("encrypted", 422, "encrypted-pdf"),
    ("big", 413, "too-large"),
    ("long", 413, "too-large"),
])
def test_bad_input_gets_a_problem_response(server: Server, files: dict[str, Path], endpoint: str,
                                           kind: str, status: int, code: str) -> None:
    response = _upload(server.url + endpoint, files[kind])
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert (problem["status"], problem["code"], problem["instance"]) == (status, code, endpoint)
    assert problem["detail"] and problem["request_id"] == response.headers["x-request-id"]


def test_missing_file_field_and_unknown_job_are_problems(server: Server) -> None:
    response = httpx.post(f"{server.url}/v1/jobs", data={"other": "x"}, files={"note": ("a.txt", b"x")})
    assert (response.status_code, response.json()["code"]) == (400, "bad-upload")
    response = httpx.get(f"{server.url}/v1/jobs/{'0' * 32}")
    assert (response.status_code, response.headers["content-type"]) == (404, PROBLEM)
    assert httpx.get(f"{server.url}/v1/jobs/..%2F..%2Fetc").status_code == 404


def test_job_lifecycle(server: Server, files: dict[str, Path]) -> None:
    response = _upload(f"{server.url}/v1/jobs", files["good"])
    assert response.status_code == 202, response.text
    job_url = server.url + response.headers["location"]
    job = _wait(job_url, ("done", "failed"))
    assert (job["state"], job["pages_done"], job["pages_total"], job["error"]) == ("done", 2, 2, None)
    result = httpx.get(f"{job_url}/result")
    assert result.status_code == 200
    assert contract_errors(result.json()) == []
    assert httpx.delete(job_url).status_code == 204
    assert httpx.get(job_url).status_code == 404
    assert not list((server.data_dir / "results").iterdir())


def test_openapi_document_lists_the_api(server: Server) -> None:
    paths = httpx.get(f"{server.url}/openapi.json").json()["paths"]
    assert {"/v1/extract", "/v1/jobs", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/result", "/healthz"} <= set(paths)
    assert "multipart/form-data" in paths["/v1/jobs"]["post"]["requestBody"]["content"]


def _slow_job(server: Server, pdf: Path) -> str:
    """Queues ``pdf`` and waits until its extraction has started."""
    response = _upload(f"{server.url}/v1/jobs", pdf)
    assert response.status_code == 202, response.text
    job_url = server.url + response.headers["location"]
    _wait(job_url, ("running",))
    return job_url


@pytest.mark.slow
def test_a_job_cut_off_by_a_crash_is_resumed_after_restart(tmp_path: Path, files: dict[str, Path]) -> None:
    data = tmp_path / "data"
    server = Server(data, "--workers", "1", "--ocr", "always", "--dpi", "100").start()
    try:
        job_url = _slow_job(server, files["good"])
        server.crash()
    finally:
        server.stop()
    with running(data, "--workers", "1", "--ocr", "always", "--dpi", "100") as restarted:
        job = _wait(job_url.replace(server.url, restarted.url), ("done", "failed"), timeout=240)
        assert (job["state"], job["attempts"]) == ("done", 2)
        result = httpx.get(f"{restarted.url}/v1/jobs/{job['id']}/result").json()
        assert contract_errors(result) == []


@pytest.mark.slow
def test_a_graceful_stop_finishes_the_running_job(tmp_path: Path, files: dict[str, Path]) -> None:
    data = tmp_path / "data"
    server = Server(data, "--workers", "1", "--ocr", "always", "--dpi", "100").start()
    try:
        job_url = _slow_job(server, files["good"])
    finally:
        server.stop()  # SIGTERM: the server waits for the running extraction
    with running(data, "--workers", "1") as restarted:
        job = httpx.get(job_url.replace(server.url, restarted.url)).json()
        assert (job["state"], job["attempts"], job["pages_done"]) == ("done", 1, 2)


@pytest.mark.slow
def test_a_job_that_keeps_crashing_fails_with_the_reason(tmp_path: Path, files: dict[str, Path]) -> None:
    data = tmp_path / "data"
    flags = ("--workers", "1", "--ocr", "always", "--dpi", "100", "--max-attempts", "1")
    server = Server(data, *flags).start()
    try:
        job_url = _slow_job(server, files["good"])
        server.crash()
    finally:
        server.stop()
    with running(data, *flags) as restarted:
        job = httpx.get(job_url.replace(server.url, restarted.url)).json()
        assert job["state"] == "failed"
        assert job["error"]["code"] == "interrupted"
        assert "server stopped" in job["error"]["message"]
        problem = httpx.get(f"{restarted.url}/v1/jobs/{job['id']}/result")
        assert (problem.status_code, problem.json()["code"]) == (500, "interrupted")


@pytest.mark.slow
def test_a_full_queue_answers_429(tmp_path: Path, files: dict[str, Path]) -> None:
    with running(tmp_path / "data", "--workers", "1", "--ocr", "always", "--dpi", "100", "--max-queued-jobs", "1") as server:
        first = _slow_job(server, files["good"])
        assert _upload(f"{server.url}/v1/jobs", files["good"]).status_code == 202  # queued behind it
        refused = _upload(f"{server.url}/v1/jobs", files["good"])
        assert (refused.status_code, refused.json()["code"]) == (429, "queue-full")
        assert refused.headers["retry-after"]
        assert httpx.delete(first).status_code == 204  # a running job's result is discarded


def test_store_ignores_a_stale_attempt_and_recovers_cut_off_jobs(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    store.create("a" * 32, "a.pdf", 10, "req-1")
    first = store.claim_next()
    assert first is not None and (first.state, first.attempts) == ("running", 1)
    assert store.claim_next() is None

    assert store.recover(max_attempts=2) == 1  # the server died: run it again
    second = store.claim_next()
    assert second is not None and second.attempts == 2
    store.progress(second.id, 1, 5, 9)  # a worker left over from attempt 1 reports
    assert not store.finish(second.id, 1, 9)
    job = store.get(second.id)
    assert job is not None and (job.state, job.pages_done) == ("running", 0)

    assert store.recover(max_attempts=2) == 1  # died again: out of attempts
    job = store.get(second.id)
    assert job is not None and job.state == "failed" and job.failure is not None
    assert (job.failure.code, job.failure.http_status) == ("interrupted", 500)
    assert "2 time(s)" in job.failure.message
