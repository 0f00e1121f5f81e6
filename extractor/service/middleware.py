"""Every request gets an id (``X-Request-ID``: the caller's, when it is tame,
else a new one), an access log line carrying it, and — if a route crashes —
a problem response instead of a bare 500."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from extractor.service.problems import Problem, problem_body
from extractor.service.request_id import reset_request_id, set_request_id

HEADER = "X-Request-ID"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
access_log = logging.getLogger("extractor.service.access")
log = logging.getLogger("extractor.service")


class RequestIdMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(HEADER.lower().encode(), b"").decode("latin-1")
        request_id = given if _ACCEPTED.match(given) else uuid.uuid4().hex
        token = set_request_id(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                message["headers"] = [*message.get("headers", []), (HEADER.lower().encode(), request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error")
            if response_started:
                raise
            await _send_problem(send_with_id, Problem(500, "internal-error", "the server failed; quote the request id when reporting it"), scope["path"])
        finally:
            access_log.info("%s %s -> %d in %.0f ms", scope["method"], scope["path"], status, (time.perf_counter() - started) * 1000)
            reset_request_id(token)


async def _send_problem(send: Any, problem: Problem, instance: str) -> None:
    body, media_type = problem_body(problem, instance)
    await send({"type": "http.response.start", "status": problem.status,
                "headers": [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
