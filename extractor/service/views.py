"""What the job endpoints answer, as models so the OpenAPI document shows them."""

from __future__ import annotations

from pydantic import BaseModel

from extractor.service.store import Job


class JobError(BaseModel):
    code: str
    status: int
    message: str


class JobLinks(BaseModel):
    self: str
    result: str


class JobView(BaseModel):
    id: str
    state: str  # queued | running | done | failed
    file: str  # the uploaded file's name, for display only
    size: int
    created: float  # Unix time
    updated: float
    attempts: int  # times extraction was started (a crash during one starts another)
    pages_done: int
    pages_total: int | None
    error: JobError | None
    links: JobLinks

    @classmethod
    def of(cls, job: Job) -> JobView:
        failure = job.failure
        return cls(
            id=job.id, state=job.state, file=job.file_name, size=job.size, created=job.created,
            updated=job.updated, attempts=job.attempts, pages_done=job.pages_done, pages_total=job.pages_total,
            error=JobError(code=failure.code, status=failure.http_status, message=failure.message) if failure else None,
            links=JobLinks(self=f"/v1/jobs/{job.id}", result=f"/v1/jobs/{job.id}/result"),
        )


class Health(BaseModel):
    status: str
    workers: int
    jobs_running: int
    jobs_queued: int
    sync_in_progress: int
