#!/usr/bin/env python
"""Train the table classifier: python training/train_classifier.py [--count N] [--work DIR].

Generates three corpora with the team's generator from fixed seeds — one to
train on, one to choose the confidence threshold on, one held out for the
accuracy reported — reads their tables with the extractor's digital path,
adds the seed texts to the training tables, damages copies of every table
(``augment``), fits the model and writes models/table_classifier.joblib with
its metadata in models/table_classifier.json. Same arguments and the same
generator, same artefact. Corpora are kept under --work and reused; delete
that folder after the generator changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

import joblib  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import classification_report  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

from extractor.classify.features import FEATURE_VERSION, table_features  # noqa: E402
from extractor.classify.model import FALLBACK_LABEL, probabilities  # noqa: E402
from training.augment import stripped, variant  # noqa: E402
from training.corpus import Example, corpus_examples, generate_corpus  # noqa: E402
from training.seeds import labelled_seed_tables  # noqa: E402

TRAIN_SEED, CALIBRATION_SEED, HELD_OUT_SEED = 1101, 2202, 3303
AUGMENT_SEED = 4404
VARIANTS_PER_TABLE = 4
# Predictions at or above the threshold must be right this often on the calibration corpus.
TARGET_PRECISION = 0.995
MIN_THRESHOLD = 0.5
# Inverse regularisation strength of the logistic regression.
C = 4.0
MIN_FEATURE_COUNT = 3
SEEDS_DIR = REPO.parent / "shared" / "seeds"


Row = tuple[dict[str, float], str, str | None]  # features, label, report kind told to the classifier


def expand(examples: list[Example], rng: random.Random, copies: int) -> list[Row]:
    """Each table as printed plus ``copies`` damaged variants."""
    out = []
    for ex in examples:
        out.append((table_features(ex.raw, ex.kind), ex.label, ex.kind))
        for _ in range(copies):
            raw, kind = variant(ex.raw, ex.label, ex.kind, rng)
            out.append((table_features(raw, kind), ex.label, kind))
    return out


def fit(rows: list[Row]) -> Pipeline:
    """Features seen fewer than ``MIN_FEATURE_COUNT`` times are left out: they only memorise and bloat the artefact."""
    counts = Counter(name for feats, _, _ in rows for name in feats)
    keep = {name for name, n in counts.items() if n >= MIN_FEATURE_COUNT}
    pipeline = Pipeline([
        ("features", DictVectorizer()),
        ("model", LogisticRegression(C=C, max_iter=3000)),
    ])
    pipeline.fit([{k: v for k, v in feats.items() if k in keep} for feats, _, _ in rows], [y for _, y, _ in rows])
    return pipeline


def _probabilities(pipeline: Pipeline, rows: list[Row]) -> np.ndarray:
    return probabilities(pipeline, [f for f, _, _ in rows], [k for _, _, k in rows])


def choose_threshold(pipeline: Pipeline, rows: list[Row]) -> float:
    """The lowest confidence above which predictions are right at least ``TARGET_PRECISION`` of the time."""
    probs = _probabilities(pipeline, rows)
    scored = sorted(
        ((float(p.max()), pipeline.classes_[p.argmax()] == y) for p, (_, y, _) in zip(probs, rows)), reverse=True
    )
    threshold, right = 1.0, 0
    for n, (confidence, correct) in enumerate(scored, start=1):
        right += correct
        if right / n >= TARGET_PRECISION:
            threshold = confidence
    return max(MIN_THRESHOLD, round(threshold, 4))


def evaluate(pipeline: Pipeline, threshold: float, rows: list[Row]) -> dict:
    """Accuracy of the best guesses, and of the labels as given out (其他 below the threshold)."""
    probs = _probabilities(pipeline, rows)
    truth = [y for _, y, _ in rows]
    raw_pred = [str(pipeline.classes_[p.argmax()]) for p in probs]
    final = [g if p.max() >= threshold else FALLBACK_LABEL for g, p in zip(raw_pred, probs)]
    trusted = [p.max() >= threshold for p in probs]
    n_trusted = int(sum(trusted))
    wrong_trusted = int(sum(bool(t) and g != y for t, g, y in zip(trusted, raw_pred, truth)))
    return {
        "tables": len(rows),
        "accuracy": round(sum(g == y for g, y in zip(raw_pred, truth)) / len(rows), 4),
        "accuracy_after_threshold": round(sum(g == y for g, y in zip(final, truth)) / len(rows), 4),
        "trusted_share": round(n_trusted / len(rows), 4),
        "wrong_but_trusted": wrong_trusted,
    }


def _commit() -> str | None:
    """The checkout's commit, which pins the generator that made the corpora."""
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=90, help="documents in the training corpus (the others get a third)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "classifier-corpus",
                        help="where the generated corpora are kept (reused when present)")
    parser.add_argument("--out", type=Path, default=REPO / "models")
    args = parser.parse_args(argv)

    corpora = {}
    for name, seed, count in (("train", TRAIN_SEED, args.count), ("calibration", CALIBRATION_SEED, max(6, args.count // 3)),
                              ("held-out", HELD_OUT_SEED, max(6, args.count // 3))):
        folder = args.work / f"{name}-{seed}-{count}"
        pdfs = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
        if len(pdfs) < count:
            pdfs = generate_corpus(folder, count, seed)
        corpora[name] = corpus_examples(pdfs)
        print(f"{name}: {len(pdfs)} documents, {len(corpora[name])} tables", flush=True)
    seed_examples = [Example(raw, label, kind, path.stem)
                     for path in sorted(SEEDS_DIR.glob("*.txt"))
                     for raw, label, kind in labelled_seed_tables(path) if label is not None]

    rng = random.Random(AUGMENT_SEED)
    train_rows = expand(corpora["train"] + seed_examples, rng, VARIANTS_PER_TABLE)
    pipeline = fit(train_rows)
    threshold = choose_threshold(pipeline, expand(corpora["calibration"], rng, VARIANTS_PER_TABLE))

    held_out = corpora["held-out"]
    clean_rows = expand(held_out, rng, 0)
    bare_rows = [(table_features(stripped(ex.raw), ex.kind), ex.label, ex.kind) for ex in held_out]
    damaged_rows = expand(held_out, rng, VARIANTS_PER_TABLE)
    predicted = [str(pipeline.classes_[p.argmax()]) for p in _probabilities(pipeline, clean_rows)]
    metadata = {
        "artefact": "table_classifier.joblib",
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "feature_version": FEATURE_VERSION,
        "model": f"DictVectorizer -> LogisticRegression(C={C})",
        "vocabulary_size": len(pipeline.named_steps["features"].vocabulary_),
        "corpus": {
            "generator": "python -m samples.generator --variants digital",
            "commit": _commit(),
            "train": {"seed": TRAIN_SEED, "documents": args.count, "tables": len(corpora["train"])},
            "calibration": {"seed": CALIBRATION_SEED, "tables": len(corpora["calibration"])},
            "held_out": {"seed": HELD_OUT_SEED, "tables": len(held_out)},
            "seed_texts": sorted({ex.document for ex in seed_examples}),
            "seed_text_tables": len(seed_examples),
            "augment_seed": AUGMENT_SEED,
            "variants_per_table": VARIANTS_PER_TABLE,
            "training_rows": len(train_rows),
            "label_counts": dict(sorted(Counter(y for _, y, _ in train_rows).items())),
        },
        "features": "kind; title char 2/3-grams; caption family and number; header cells and 2-grams; "
                    "body text cells and 2-grams; classification-code classes and lengths; columns, rows, "
                    "numeric and filled shares; two-sided layout",
        "threshold": threshold,
        "held_out": {
            "as_printed": evaluate(pipeline, threshold, clean_rows),
            "without_title_and_caption": evaluate(pipeline, threshold, bare_rows),
            "damaged_variants": evaluate(pipeline, threshold, damaged_rows),
            "per_class": classification_report(
                [y for _, y, _ in clean_rows], predicted, output_dict=True, zero_division=0
            ),
        },
    }
    metadata["held_out_accuracy"] = metadata["held_out"]["as_printed"]["accuracy"]
    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"pipeline": pipeline, "threshold": threshold, "feature_version": FEATURE_VERSION},
                args.out / "table_classifier.joblib", compress=3)
    (args.out / "table_classifier.json").write_text(json.dumps(metadata, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
    summary = {k: metadata["held_out"][k] for k in ("as_printed", "without_title_and_caption", "damaged_variants")}
    print(json.dumps({"threshold": threshold, **summary}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
