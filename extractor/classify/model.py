"""The trained table classifier: loading the artefact and predicting one label.

The artefact (``models/table_classifier.joblib``, written by
``training/train_classifier.py``) holds a scikit-learn pipeline over the
feature maps of ``features``, and the confidence threshold chosen on held-out
data: below it the model's best guess is not trusted and the table is
labelled 其他, so a doubtful table gets a warning instead of a wrong label.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from extractor.classify.features import FEATURE_VERSION, table_features
from extractor.errors import MissingDependencyError
from extractor.model import RawTable

DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "table_classifier.joblib"
FALLBACK_LABEL = "其他"
# The labels each kind of report can hold: a budget never prints a 决算 公开NN table (whatever its
# caption says), a final account never a 预算NN. Known kinds rule the other family out.
_KIND_LABELS = {
    "决算": re.compile(r"^(公开\d{2}|绩效自评表|整体绩效自评表|其他)$"),
    "预算": re.compile(r"^(预算\d{2}|绩效目标表|整体绩效目标表|其他)$"),
}


def probabilities(pipeline: Any, features: Sequence[dict[str, float]], kinds: Sequence[str | None]) -> np.ndarray:
    """Class probabilities (columns in ``pipeline.classes_`` order), renormalised over the labels each report kind allows."""
    probs = pipeline.predict_proba(list(features))
    for i, kind in enumerate(kinds):
        if kind in _KIND_LABELS:
            allowed = np.array([bool(_KIND_LABELS[kind].match(str(c))) for c in pipeline.classes_])
            row = np.where(allowed, probs[i], 0.0)
            probs[i] = row / row.sum() if row.sum() > 0 else probs[i]
    return probs


@dataclass(frozen=True)
class Classification:
    label: str  # the label to use: the best guess, or 其他 when the guess is not trusted
    confidence: float  # the model's probability of ``label`` (the contract's type_confidence)
    best_guess: str  # what the model would have said, for the warning
    best_confidence: float
    low_confidence: bool  # True: the guess is below the trust threshold; the caller should warn
    ranked: tuple[tuple[str, float], ...] = ()  # the likeliest labels with their probabilities, best first


# Labels kept in a classification's ranking: enough for a table's place to choose among.
_RANKED = 3


@dataclass(frozen=True)
class TableClassifier:
    pipeline: Any  # sklearn Pipeline: DictVectorizer -> probabilistic classifier
    threshold: float

    def classify(self, raw: RawTable, doc_kind: str | None) -> Classification:
        probs = probabilities(self.pipeline, [table_features(raw, doc_kind)], [doc_kind])[0]
        classes = [str(c) for c in self.pipeline.classes_]
        best = int(probs.argmax())
        trusted = float(probs[best]) >= self.threshold
        label = classes[best] if trusted else FALLBACK_LABEL
        return Classification(
            label=label,
            confidence=float(probs[classes.index(label)]) if label in classes else 0.0,
            best_guess=classes[best],
            best_confidence=float(probs[best]),
            low_confidence=not trusted,
            ranked=tuple((classes[k], float(probs[k])) for k in probs.argsort()[::-1][:_RANKED]),
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
    except (OSError, EOFError, ValueError, KeyError, pickle.UnpicklingError) as exc:  # what a damaged pickle raises
        raise MissingDependencyError(
            f"table classifier model at {path} cannot be read ({exc}); rebuild it with `python training/train_classifier.py`"
        ) from exc
    if not isinstance(artefact, dict) or artefact.get("feature_version") != FEATURE_VERSION:
        raise MissingDependencyError(
            f"table classifier at {path} does not match this code's features (version {FEATURE_VERSION}); "
            "rebuild it with `python training/train_classifier.py`"
        )
    return TableClassifier(pipeline=artefact["pipeline"], threshold=float(artefact["threshold"]))
