"""Build the content of one generated disclosure report from a seed.

``build_document`` is deterministic: one ``random.Random(seed)`` drives the
department, its ledger, the locality's printed conventions, the tables and
the forms, so a seed names a document. The tables carry their contract truth
(grid, merges, columns, records or form) exactly as the renderer will print
them.
"""

from __future__ import annotations

import random
from typing import Literal

from samples.generator.docstyle import DocStyle, draw_style
from samples.generator.forms import project_target, self_evaluation, whole_self_evaluation, whole_target
from samples.generator.ledger import Scale, build_ledger
from samples.generator.names import PROFILES, department_code, organisation
from samples.generator.prose import cover_title, glossary_yusuan, juesuan_explanation, overview, yusuan_explanation
from samples.generator.spec import Block, Cover, DocSpec, TableSpec, Toc
from samples.generator.tables_juesuan import juesuan_tables
from samples.generator.tables_yusuan import yusuan_tables

KINDS = ("决算", "预算")
LOCALITIES = ("shanxi", "shanghai", "jiangsu")
# One-sided tables whose 合计 row real reports sometimes print 0.01 off the sum of its parts.
NUDGEABLE = ("公开02", "公开03", "公开05", "预算02", "预算03", "预算05")


def build_document(
    seed: int,
    kind: Literal["决算", "预算"],
    locality: Literal["shanxi", "shanghai", "jiangsu"],
    *,
    blank_template: bool = False,
) -> DocSpec:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if locality not in LOCALITIES:
        raise ValueError(f"locality must be one of {LOCALITIES}, not {locality!r}")
    rng = random.Random(seed)
    profile = rng.choice(PROFILES)
    year = rng.choice([2022, 2023, 2024, 2025])
    org = "上海市 XX 局" if blank_template and locality == "shanghai" else organisation(rng, locality, profile)
    style = draw_style(rng, locality, kind, org, year, blank_template)
    scale = Scale(10000 if style.unit == "元" else 1, 1 if style.money.decimals else 100)
    ledger = build_ledger(rng, profile, kind, scale, carry=kind == "预算" and locality == "shanxi")
    dept, unit_code = department_code(rng)
    blocks: list[Block] = [Cover(org, cover_title(style))]
    if kind == "决算":
        tables = juesuan_tables(style, rng, ledger)
        forms: list[TableSpec] = [] if blank_template else [
            self_evaluation(style, rng, project, dept, unit_code)
            for project in rng.sample(ledger.projects, k=rng.randint(1, len(ledger.projects)))
        ]
        if not blank_template and rng.random() < 0.35:
            forms.append(whole_self_evaluation(style, rng, ledger.basic, sum(leaf.project for leaf in ledger.leaves)))
        explanation = juesuan_explanation(style, ledger)
        after_forms: list[Block] = []
    else:
        tables = yusuan_tables(style, rng, ledger)
        basic = sum(leaf.gb + leaf.nb for leaf in ledger.leaves)
        forms = [] if blank_template else [
            whole_target(style, rng, ledger, basic, ledger.spent - basic),
            *(project_target(style, rng, project, dept) for project in ledger.projects),
        ]
        explanation = yusuan_explanation(style, ledger)
        after_forms = [glossary_yusuan()]
    if not blank_template and style.money.decimals and rng.random() < 0.2:
        _nudge_total(style, rng, tables)
    toc = Toc(["第一部分 概况", "第二部分 报表", *(t.title for t in tables), *(p.heading for p in explanation if p.heading)])
    blocks += [toc, *overview(style, rng, profile), *tables, *explanation, *forms, *after_forms]
    return DocSpec(organization=org, year=year, kind=kind, unit=style.unit, locality=locality, blocks=blocks,
                   blank_template=blank_template)


def _nudge_total(style: DocStyle, rng: random.Random, tables: list[TableSpec]) -> None:
    """Put a 0.01 rounding difference into one 合计 row, as real reports (尾数误差) have."""
    candidates = [t for t in tables if t.type in NUDGEABLE
                  and any(r["item"] == "合计" and (r["values"][0] or 0) > 0.02 for r in t.records)]
    if not candidates:
        return
    table = rng.choice(candidates)
    rec = next(r for r in table.records if r["item"] == "合计")
    row = next(r for r in table.grid[table.header_rows:] if r[0] == "合计")
    column = table.numeric_cols[0]
    cents = round(rec["values"][0] * 100) + rng.choice([-1, 1])
    rec["values"][0] = style.money.value(cents)
    row[column] = style.money.text(cents)
