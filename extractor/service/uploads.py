"""Receiving an uploaded PDF without trusting anything about it.

The upload is copied to a path the server chooses (named by job id); the
client's file name is only ever a display name, cleaned of directories and
control characters. Size is enforced while copying, not after.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import IO

from starlette.datastructures import UploadFile
from starlette.requests import Request

from extractor.service.problems import Problem

FIELD = "file"
# Multipart framing around the file; a Content-Length beyond the limit plus
# this cannot be a file within the limit.
_ENVELOPE = 64 << 10
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def display_name(client_name: str | None) -> str:
    name = _UNSAFE.sub("", (client_name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[:200] if name not in ("", ".", "..") else "upload.pdf"


async def receive_pdf(request: Request, destination: Path, max_bytes: int) -> tuple[str, int]:
    """Saves the multipart field ``file`` at ``destination``; returns its
    display name and size."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes + _ENVELOPE:
        raise _too_large(max_bytes)
    try:
        form = await request.form(max_files=1, max_fields=5)
    except Exception as exc:  # malformed multipart, or more than one file
        raise Problem(400, "bad-upload", f"the request is not a valid multipart upload: {exc}") from exc
    try:
        upload = form.get(FIELD)
        if not isinstance(upload, UploadFile):
            raise Problem(400, "bad-upload", f"send the PDF as multipart/form-data in a field named '{FIELD}'")
        size = await asyncio.to_thread(_copy_limited, upload.file, destination, max_bytes)
        if size is None:
            raise _too_large(max_bytes)
        return display_name(upload.filename), size
    finally:
        await form.close()


def _copy_limited(source: IO[bytes], destination: Path, max_bytes: int) -> int | None:
    size = 0
    with destination.open("wb") as out:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            size += len(chunk)
            if size > max_bytes:
                break
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if size > max_bytes:
        destination.unlink(missing_ok=True)
        return None
    return size


def _too_large(max_bytes: int) -> Problem:
    return Problem(413, "too-large", f"the upload exceeds the limit of {max_bytes} bytes; split the PDF or ask for a higher limit")
