"""Errors the extractor raises for bad input or a broken environment.

Each class carries the process exit code the CLI uses and the HTTP status the
service answers with, so the two front ends never disagree on what a failure
means. Only the front ends turn these into codes; the stages just raise.
Messages say what the user can do about the problem.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class: something about the input or the set-up stops extraction."""

    exit_code: int = 1
    http_status: int = 500
    code: str = "extraction-failed"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.__doc__ or self.code)

    @property
    def message(self) -> str:
        return str(self.args[0])


class InputFileError(ExtractorError):
    """The input file could not be read; check that the path exists and is readable."""

    exit_code = 2
    http_status = 400
    code = "input-file"


class NotAPdfError(ExtractorError):
    """The input is not a PDF; only PDF files can be extracted (convert images to PDF first)."""

    exit_code = 3
    http_status = 415
    code = "not-a-pdf"


class EncryptedPdfError(ExtractorError):
    """The PDF is password-protected; remove the password (for example with qpdf --decrypt) and retry."""

    exit_code = 4
    http_status = 422
    code = "encrypted-pdf"


class CorruptPdfError(ExtractorError):
    """The PDF is damaged or truncated; re-download it or repair it (for example with qpdf) and retry."""

    exit_code = 5
    http_status = 422
    code = "corrupt-pdf"


class TooLargeError(ExtractorError):
    """The PDF exceeds the configured size or page limit; split it or raise the limit."""

    exit_code = 6
    http_status = 413
    code = "too-large"


class MissingDependencyError(ExtractorError):
    """A required engine or model is not installed; run the README's set-up command."""

    exit_code = 7
    http_status = 500
    code = "missing-dependency"


class OutputError(ExtractorError):
    """The result could not be written; check the output path and free space."""

    exit_code = 8
    http_status = 500
    code = "output"


class SchemaViolationError(ExtractorError):
    """The result does not match the output contract; this is a bug, please report it with the input file."""

    exit_code = 9
    http_status = 500
    code = "schema-violation"
