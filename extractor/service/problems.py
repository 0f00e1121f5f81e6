"""Errors as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from fastapi.responses import Response

from extractor.batch.work import Failure
from extractor.service.request_id import current_request_id

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raised by the routes; rendered by the app's exception handler."""

    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.headers = status, code, detail, headers or {}

    @classmethod
    def from_failure(cls, failure: Failure) -> Problem:
        return cls(failure.http_status, failure.code, failure.message)


def problem_response(problem: Problem, instance: str) -> Response:
    body, media_type = problem_body(problem, instance)
    return Response(body, status_code=problem.status, media_type=media_type, headers=problem.headers)


def problem_body(problem: Problem, instance: str) -> tuple[bytes, str]:
    body: dict[str, Any] = {
        "type": f"urn:budget-extractor:problem:{problem.code}",
        "title": HTTPStatus(problem.status).phrase,
        "status": problem.status,
        "detail": problem.detail,
        "instance": instance,
        "code": problem.code,
        "request_id": current_request_id(),
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8"), MEDIA_TYPE
