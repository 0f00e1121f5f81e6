"""Copies of PDFs damaged in part of some pages, in both ways one report can be: the ``mixed`` corpus variant.

Real typed reports carry both failures at once: a table pasted in as a
scanned picture on one page, a table set in a font with a broken map on
another. Each damaged page here has exactly one of the two, so the benchmark
can tell which kind a page that reached the output unread had. The damage
itself is done by samples.degrade.regions; every random choice comes from
the seed.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pikepdf

from samples.degrade.regions import garble_tables, paste_table_images


class MixedDamage(NamedTuple):
    """1-based page numbers, disjoint: pages with a table whose text reads wrong, pages with a table now a picture."""

    garbled: list[int]
    pasted: list[int]


def mix_pdf(src: Path, dst: Path, seed: int) -> MixedDamage:
    """Write a copy with some tables pasted as pictures and, on other pages, some tables' text garbled.

    Tables are pasted first; the garbling then chooses among the pages left
    untouched, garbled as a document of their own so the pasted pages cannot
    be chosen, and put back where they were. A document with nothing to
    paste (every table too big) is only garbled, one with nothing to garble
    only pasted.
    """
    paste_seed, garble_seed = (int(s) for s in np.random.SeedSequence(seed).generate_state(2))
    with tempfile.TemporaryDirectory() as tmp:
        pasted_pdf, rest_pdf, garbled_pdf = (Path(tmp) / name for name in ("pasted.pdf", "rest.pdf", "rest-garbled.pdf"))
        try:
            pasted = paste_table_images(src, pasted_pdf, paste_seed)
        except ValueError:
            pasted, pasted_pdf = [], src
        with pikepdf.open(pasted_pdf) as pdf, pikepdf.new() as rest_doc:
            rest = [n for n in range(1, len(pdf.pages) + 1) if n not in pasted]
            rest_doc.pages.extend(pdf.pages[n - 1] for n in rest)
            rest_doc.save(rest_pdf, deterministic_id=True)
        try:
            changed = garble_tables(rest_pdf, garbled_pdf, garble_seed) if rest else []
        except ValueError:
            changed = []
        if not pasted and not changed:
            raise ValueError(f"{src.name} has no table to paste as a picture or to garble")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if not changed:
            shutil.copyfile(pasted_pdf, dst)
            return MixedDamage([], pasted)
        with pikepdf.open(pasted_pdf) as pdf, pikepdf.open(garbled_pdf) as garbled:
            for k in changed:
                pdf.pages[rest[k - 1] - 1] = garbled.pages[k - 1]
            pdf.save(dst, deterministic_id=True)
    return MixedDamage([rest[k - 1] for k in changed], pasted)
