"""Shared fixtures: where the real documents live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = Path(os.environ.get("EXTRACTOR_REALDOCS", ROOT.parent / "shared" / "realdocs"))
SEEDS = Path(os.environ.get("EXTRACTOR_SEEDS", ROOT.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def realdocs() -> Path:
    if not REALDOCS.is_dir():
        pytest.skip(f"real documents not found at {REALDOCS}")
    return REALDOCS


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    return SEEDS
