"""Scoring extractor output against truth: the source of every accuracy number the project publishes.

``score_document`` compares one output document with its truth;
``evaluate_dirs`` does it for a directory of each. See ``metrics`` for what
each metric counts and ``matching`` for how tables are paired.
"""

from extractor.evaluation.metrics import DocScore, Scores, score_document
from extractor.evaluation.report import Report, evaluate_dirs

__all__ = ["DocScore", "Report", "Scores", "evaluate_dirs", "score_document"]
