"""One generated document from (seed, kind, locality, variant): content, drawing, damage, truth file.

Shared by the corpus CLI and the fixture set so both name and build documents
the same way.
"""

from __future__ import annotations

import importlib
import json
import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import MissingDependencyError
from samples.generator.content import build_document
from samples.generator.render import render_document
from samples.generator.truth import garbled_truth, mixed_truth, scanned_truth

VARIANTS = ("digital", "watermarked", "scanned", "garbled", "mixed")
KINDS = ("决算", "预算")
LOCALITIES = ("shanxi", "shanghai", "jiangsu")
_KIND_SLUG = {"决算": "juesuan", "预算": "yusuan"}
# Degraded variants come from another package, imported only when asked for.
DEGRADED = {"scanned": ("samples.degrade.scan", "scan_pdf"), "garbled": ("samples.degrade.garble", "garble_pdf"),
            "mixed": ("samples.degrade.mixed", "mix_pdf")}
# How each degraded variant's truth follows from the clean one and what its degrader returned.
DEGRADED_TRUTH = {"scanned": scanned_truth, "garbled": garbled_truth, "mixed": mixed_truth}


@dataclass(frozen=True)
class Job:
    index: int
    seed: int
    kind: str
    locality: str
    variant: str
    blank: bool = False  # values left empty, like Shanghai's published blank template

    @property
    def stem(self) -> str:
        blank = "-blank" if self.blank else ""
        return f"{self.index:04d}-{self.locality}-{_KIND_SLUG[self.kind]}-{self.variant}{blank}-{self.seed}"


def plan(count: int, seed: int, variants: list[str], kinds: list[str], localities: list[str]) -> list[Job]:
    """Round-robin over variants, then kinds, then localities, so every combination appears early."""
    jobs = []
    for i in range(count):
        variant = variants[i % len(variants)]
        kind = kinds[(i // len(variants)) % len(kinds)]
        locality = localities[i % len(localities)]
        jobs.append(Job(i, random.Random(f"{seed}:{i}").randrange(1, 2**31), kind, locality, variant))
    return jobs


def degrader(variant: str) -> Callable[[Path, Path, int], Any]:
    module_name, function = DEGRADED[variant]
    try:
        return getattr(importlib.import_module(module_name), function)
    except (ImportError, AttributeError) as exc:
        raise MissingDependencyError(
            f"the {variant} variant needs {module_name}.{function}, which is not available ({exc})"
        ) from exc


def generate(job: Job, out: Path, max_pages: int | None) -> dict[str, Any]:
    """Build, draw and (for degraded variants) damage one document; returns its truth."""
    spec = build_document(job.seed, job.kind, job.locality, blank_template=job.blank)
    pdf = out / f"{job.stem}.pdf"
    if job.variant in ("digital", "watermarked"):
        truth = render_document(spec, pdf, seed=job.seed, watermark=job.variant == "watermarked", max_pages=max_pages)
    else:
        damage = degrader(job.variant)
        with tempfile.TemporaryDirectory() as tmp:
            clean = Path(tmp) / pdf.name
            truth = render_document(spec, clean, seed=job.seed, max_pages=max_pages)
            result = damage(clean, pdf, job.seed)
        truth = DEGRADED_TRUTH[job.variant](truth, pdf, result)
    write_truth(truth, out / f"{job.stem}.truth.json")
    return truth


def write_truth(truth: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


