"""The FastAPI application: routes, error mapping and the service's lifetime."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from extractor import __version__
from extractor.batch.work import ExtractFn, Failure, PipelineExtract
from extractor.errors import ExtractorError
from extractor.ingest.pdf import open_pdf
from extractor.service.config import ServiceConfig
from extractor.service.dispatcher import Dispatcher
from extractor.service.middleware import RequestIdMiddleware
from extractor.service.problems import MEDIA_TYPE, Problem, problem_response
from extractor.service.request_id import current_request_id
from extractor.service.store import DONE, FAILED, QUEUED, Job, JobStore, new_job_id
from extractor.service.uploads import FIELD, receive_pdf
from extractor.service.views import Health, JobView
from extractor.service.worker import WorkerPool, run_sync

log = logging.getLogger("extractor.service")
_JOB_ID = re.compile(r"^[0-9a-f]{32}$")
_RETRY_AFTER = {"Retry-After": "5"}

_PDF_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": [FIELD],
            "properties": {FIELD: {"type": "string", "format": "binary", "description": "the PDF"}},
        }}},
    }
}
_PROBLEM = {"content": {MEDIA_TYPE: {"schema": {"type": "object"}}}}
_INPUT_PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"description": "no file in the upload", **_PROBLEM},
    413: {"description": "over the size or page limit", **_PROBLEM},
    415: {"description": "not a PDF", **_PROBLEM},
    422: {"description": "encrypted, corrupt or truncated PDF", **_PROBLEM},
    429: {"description": "overloaded; retry after Retry-After seconds", **_PROBLEM},
}


@dataclass
class Service:
    """What the routes share for one app instance (kept on ``app.state``)."""

    config: ServiceConfig
    store: JobStore
    pool: WorkerPool
    dispatcher: Dispatcher
    extract: ExtractFn
    # pdfium is not thread-safe: one thread checks uploads before they are queued.
    probe: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="probe"))
    sync_in_progress: int = 0


def create_app(config: ServiceConfig, extract: ExtractFn | None = None) -> FastAPI:
    """``extract`` defaults to the real pipeline with the config's options."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        with _exclusive(config.data_dir):
            store = JobStore(config.data_dir)
            recovered = store.recover(config.max_attempts)
            if recovered:
                log.warning("%d job(s) were cut off by the last shutdown or crash; requeued or failed", recovered)
            pool = WorkerPool(config.workers)
            extractor = extract or PipelineExtract(config.extract_options)
            dispatcher = Dispatcher(store, pool, extractor, config.max_attempts)
            app.state.service = Service(config, store, pool, dispatcher, extractor)
            serving = asyncio.create_task(dispatcher.serve())
            try:
                yield
            finally:
                serving.cancel()
                with suppress(asyncio.CancelledError):
                    await serving
                await asyncio.to_thread(pool.shutdown)
                app.state.service.probe.shutdown(wait=False)
                store.close()

    app = FastAPI(
        title="budget-extractor",
        version=__version__,
        description="Tables of Chinese budget / final-account disclosure reports as budget-tables/1 JSON.",
        lifespan=lifespan,
    )
    app.add_middleware(RequestIdMiddleware)
    _add_error_handlers(app)
    _add_routes(app)
    return app



@contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """One server per data directory: two would both "recover" each other's
    running jobs and run them twice."""
    with (data_dir / "server.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RuntimeError(f"another extractor server is using {data_dir}") from exc
        yield


def _service(request: Request) -> Service:
    return request.app.state.service


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> Response:
        return problem_response(exc, request.url.path)

    @app.exception_handler(ExtractorError)
    async def on_extractor_error(request: Request, exc: ExtractorError) -> Response:
        return problem_response(Problem.from_failure(Failure.from_exception(exc)), request.url.path)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        return problem_response(Problem(exc.status_code, f"http-{exc.status_code}", str(exc.detail)), request.url.path)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(f"{'/'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem_response(Problem(422, "invalid-request", detail), request.url.path)


def _job_or_404(service: Service, job_id: str) -> Job:
    job = service.store.get(job_id) if _JOB_ID.match(job_id) else None
    if job is None:
        raise Problem(404, "no-such-job", f"there is no job {job_id!r} (it may have been deleted)")
    return job


def _check_pdf(path: Path, config: ServiceConfig) -> None:
    open_pdf(path, max_bytes=config.max_bytes, max_pages=config.max_pages).document.close()


def _add_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["service"])
    async def healthz(request: Request) -> Health:
        service = _service(request)
        return Health(status="ok", workers=service.config.workers, jobs_running=service.dispatcher.running,
                      jobs_queued=service.store.count(QUEUED), sync_in_progress=service.sync_in_progress)

    @app.post("/v1/extract", tags=["extract"], openapi_extra=_PDF_BODY, responses=_INPUT_PROBLEMS,
              summary="Extract a small PDF and wait for the contract JSON")
    async def extract(request: Request) -> JSONResponse:
        service = _service(request)
        if service.sync_in_progress >= service.config.max_waiting_sync:
            raise Problem(429, "overloaded", "too many extractions in progress; retry later or use POST /v1/jobs", _RETRY_AFTER)
        service.sync_in_progress += 1
        upload = service.store.uploads / f"sync-{uuid.uuid4().hex}.pdf"
        try:
            name, _ = await receive_pdf(request, upload, service.config.max_bytes)
            try:
                outcome = await service.pool.run(run_sync, upload, name, service.extract)
            except BrokenProcessPool as exc:
                raise Problem(503, "worker-died", "the worker process died while extracting; retry, or use POST /v1/jobs", _RETRY_AFTER) from exc
            if outcome.document is None:
                raise Problem.from_failure(outcome.failure or Failure("internal-error", "no result"))
            return JSONResponse(outcome.document)
        finally:
            service.sync_in_progress -= 1
            upload.unlink(missing_ok=True)

    @app.post("/v1/jobs", tags=["jobs"], status_code=202, openapi_extra=_PDF_BODY, response_model=JobView,
              responses=_INPUT_PROBLEMS,
              summary="Queue a PDF for extraction; poll the job for progress")
    async def create_job(request: Request) -> JSONResponse:
        service = _service(request)
        if service.store.count(QUEUED) >= service.config.max_queued_jobs:
            raise Problem(429, "queue-full", "the job queue is full; retry later", _RETRY_AFTER)
        job_id = new_job_id()
        upload = service.store.upload_path(job_id)
        try:
            name, size = await receive_pdf(request, upload, service.config.max_bytes)
            # Reject what cannot be extracted now, not as a failed job later.
            await asyncio.get_running_loop().run_in_executor(service.probe, _check_pdf, upload, service.config)
        except BaseException:
            upload.unlink(missing_ok=True)
            raise
        job = service.store.create(job_id, name, size, current_request_id())
        service.dispatcher.wake()
        return JSONResponse(JobView.of(job).model_dump(), status_code=202, headers={"Location": f"/v1/jobs/{job.id}"})

    @app.get("/v1/jobs/{job_id}", tags=["jobs"], summary="A job's state and page progress")
    async def get_job(request: Request, job_id: str) -> JobView:
        return JobView.of(_job_or_404(_service(request), job_id))

    @app.get("/v1/jobs/{job_id}/result", tags=["jobs"], summary="The contract JSON of a finished job",
             responses={409: {"description": "not finished yet", **_PROBLEM}})
    async def get_result(request: Request, job_id: str) -> Response:
        service = _service(request)
        job = _job_or_404(service, job_id)
        if job.state == DONE:
            return FileResponse(service.store.result_path(job.id), media_type="application/json")
        if job.state == FAILED and job.failure is not None:
            raise Problem.from_failure(job.failure)
        raise Problem(409, "not-finished", f"the job is {job.state} ({job.pages_done}/{job.pages_total or '?'} pages); poll /v1/jobs/{job.id}", _RETRY_AFTER)

    @app.delete("/v1/jobs/{job_id}", tags=["jobs"], status_code=204,
                summary="Forget a job and its files (a running extraction's result is discarded)")
    async def delete_job(request: Request, job_id: str) -> Response:
        service = _service(request)
        _job_or_404(service, job_id)
        service.store.delete(job_id)
        return Response(status_code=204)
