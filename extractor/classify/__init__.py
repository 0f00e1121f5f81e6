"""Labelling tables (公开01–10, 预算01–13, the performance forms, 其他) from their content.

``classify_table`` gives the label and the model's confidence; a label of
其他 with ``is_low_confidence`` true means the model had a guess it did not
trust, and the caller should warn. ``classify`` returns the full
``Classification`` (with the untrusted guess) for that warning.
"""

from __future__ import annotations

from extractor.classify.kind import Kind, infer_document_kind
from extractor.classify.model import Classification, load_classifier
from extractor.model import RawTable

__all__ = ["Classification", "Kind", "classify", "classify_table", "infer_document_kind", "is_low_confidence"]


def classify(raw: RawTable, doc_kind: str | None) -> Classification:
    return load_classifier().classify(raw, doc_kind)


def classify_table(raw: RawTable, doc_kind: str | None) -> tuple[str, float]:
    result = classify(raw, doc_kind)
    return result.label, result.confidence


def is_low_confidence(confidence: float) -> bool:
    """True when a confidence from ``classify_table`` is below the model's trust threshold."""
    return confidence < load_classifier().threshold
