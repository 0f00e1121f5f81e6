"""The trained table classifier: loading the artefact and predicting one label.

The artefact (``models/table_classifier.joblib``, written by
``training/train_classifier.py``) holds a scikit-learn pipeline over the
feature maps of ``features``, and the confidence threshold chosen on held-out
data: below it the model's best guess is not trusted and the table is
labelled 其他, so a doubtful table gets a warning instead of a wrong label.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib

from extractor.classify.features import FEATURE_VERSION, table_features
from extractor.errors import MissingDependencyError
from extractor.model import RawTable

DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "table_classifier.joblib"
FALLBACK_LABEL = "其他"


@dataclass(frozen=True)
class Classification:
    label: str  # the label to use: the best guess, or 其他 when it is not trusted
    confidence: float  # the model's probability of its best guess
    best_guess: str  # what the model would have said, for the warning
    low_confidence: bool  # True: label fell back to 其他; the caller should warn


@dataclass(frozen=True)
class TableClassifier:
    pipeline: Any  # sklearn Pipeline: DictVectorizer -> probabilistic classifier
    threshold: float

    def classify(self, raw: RawTable, doc_kind: str | None) -> Classification:
        probs = self.pipeline.predict_proba([table_features(raw, doc_kind)])[0]
        best = int(probs.argmax())
        guess, confidence = str(self.pipeline.classes_[best]), float(probs[best])
        trusted = confidence >= self.threshold
        return Classification(
            label=guess if trusted else FALLBACK_LABEL,
            confidence=confidence,
            best_guess=guess,
            low_confidence=not trusted,
        )


@lru_cache(maxsize=4)
def load_classifier(path: Path = DEFAULT_MODEL_PATH) -> TableClassifier:
    """The classifier stored at ``path``, loaded once per process."""
    try:
        artefact = joblib.load(path)
    except FileNotFoundError as exc:
        raise MissingDependencyError(
            f"table classifier model not found at {path}; run `python training/train_classifier.py` to build it"
        ) from exc
    if artefact.get("feature_version") != FEATURE_VERSION:
        raise MissingDependencyError(
            f"table classifier at {path} was trained on feature version {artefact.get('feature_version')}, "
            f"the code expects {FEATURE_VERSION}; rebuild it with `python training/train_classifier.py`"
        )
    return TableClassifier(pipeline=artefact["pipeline"], threshold=float(artefact["threshold"]))
