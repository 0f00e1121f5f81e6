"""Labelling tables (公开01–10, 预算01–13, the performance forms, 其他) from their content.

``classify_table`` gives the label and the model's probability of that label.
When the model's best guess falls below its trust threshold the label is
其他; ``classify`` says so (``low_confidence``) and keeps the untrusted guess
for the warning the caller should add.
"""

from __future__ import annotations

from extractor.classify.kind import Kind, infer_document_kind
from extractor.classify.model import Classification, load_classifier
from extractor.model import RawTable

__all__ = ["Classification", "Kind", "classify", "classify_table", "infer_document_kind"]


def classify(raw: RawTable, doc_kind: str | None) -> Classification:
    return load_classifier().classify(raw, doc_kind)


def classify_table(raw: RawTable, doc_kind: str | None) -> tuple[str, float]:
    result = classify(raw, doc_kind)
    return result.label, result.confidence

