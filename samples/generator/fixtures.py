"""Regenerate the small committed fixture set in samples/fixtures/.

    python -m samples.generator.fixtures

Born-digital and watermarked reports of both kinds and all three localities,
plus a blank template, short enough to keep the set to a few MB. Only the
files listed here are rewritten: scanned and garbled fixtures made with the
corpus CLI live in the same folder and are left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from samples.generator.corpus import Job, generate

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
MAX_PAGES = 40
FIXTURES = (
    Job(1, 101, "决算", "shanxi", "digital"),
    Job(2, 102, "预算", "shanxi", "watermarked"),
    Job(3, 103, "决算", "shanghai", "digital"),
    Job(4, 104, "预算", "shanghai", "digital"),
    Job(5, 105, "决算", "jiangsu", "watermarked"),
    Job(6, 106, "预算", "jiangsu", "digital"),
    Job(7, 107, "决算", "shanghai", "digital", blank=True),
)


def main() -> int:
    FIXTURES_DIR.mkdir(parents=True, exist_ok=True)
    for job in FIXTURES:
        truth = generate(job, FIXTURES_DIR, MAX_PAGES)
        size = (FIXTURES_DIR / f"{job.stem}.pdf").stat().st_size
        print(f"{job.stem}: {len(truth['pages'])} pages, {len(truth['tables'])} tables, {size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
