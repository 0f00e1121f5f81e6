"""A department's money for one year, as exact integer cents, before any table is drawn.

Every table of a report is a view of the same ledger, so the accounting
identities real reports obey (column totals, 类 = Σ 款 = Σ 项, both sides of
the summary tables, one table's totals reappearing in another) hold by
construction. Amounts are cents of the document's unit; ``Scale`` sets the
random magnitudes so a report in 元 has 元-sized numbers, and a report printing
whole 元 gets amounts that are whole 元.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

from extractor.vocab import functional_codes
from samples.generator.grid import split_cents
from samples.generator.names import OPTIONAL_PROJECT_ITEMS, OPTIONAL_STAFF_ITEMS, STAFF_ITEMS, Profile

OTHER_INCOME = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")

PERSONNEL = {
    "301": (("30101", 0.25), ("30102", 0.2), ("30103", 0.08), ("30106", 0.01), ("30107", 0.08), ("30108", 0.09),
            ("30109", 0.04), ("30110", 0.045), ("30111", 0.01), ("30112", 0.005), ("30113", 0.08), ("30114", 0.01),
            ("30199", 0.02)),
    "303": (("30301", 0.02), ("30302", 0.05), ("30305", 0.005), ("30309", 0.002), ("30399", 0.005)),
}
OPERATING = {
    "302": (("30201", 0.1), ("30202", 0.02), ("30204", 0.005), ("30205", 0.02), ("30206", 0.05), ("30207", 0.03),
            ("30208", 0.03), ("30209", 0.08), ("30211", 0.05), ("30213", 0.05), ("30215", 0.02), ("30216", 0.02),
            ("30217", 0.01), ("30226", 0.03), ("30228", 0.08), ("30229", 0.1), ("30231", 0.08), ("30239", 0.15),
            ("30299", 0.05)),
    "310": (("31002", 0.05), ("31007", 0.03)),
}


@dataclass
class Leaf:
    """One 项 of the functional classification and what was spent and received under it."""

    code: str
    gb: int = 0  # 一般公共预算财政拨款, basic
    gp: int = 0  # 一般公共预算财政拨款, project
    nb: int = 0  # other funds (单位资金 / 非财政拨款), basic
    np: int = 0  # other funds, project
    gf: int = 0  # 政府性基金预算财政拨款, project (funds pay for projects only)
    cy: int = 0  # 上年结转 (budgets): last year's 一般公共预算 money carried into projects, outside ``spent``
    fiscal_in: int = 0  # 一般公共预算财政拨款收入
    fund_in: int = 0  # 政府性基金预算财政拨款收入
    other_in: dict[str, int] = field(default_factory=dict)

    @property
    def fiscal(self) -> int:
        return self.gb + self.gp

    @property
    def project(self) -> int:
        return self.gp + self.np + self.gf

    @property
    def spent(self) -> int:
        return self.gb + self.nb + self.project

    @property
    def received(self) -> int:
        return self.fiscal_in + self.fund_in + sum(self.other_in.values())


@dataclass
class Project:
    name: str
    code: str
    initial: int  # 年初预算数 (cents of the table unit)
    annual: int  # 全年预算数
    executed: int  # 全年执行数
    fund: bool = False  # paid from 政府性基金 rather than 一般公共预算


@dataclass
class Ledger:
    leaves: list[Leaf]
    personnel: dict[str, int]  # economic code (5 digits) -> cents, 人员经费
    operating: dict[str, int]  # economic code -> cents, 公用经费
    projects: list[Project]
    fiscal_open: int = 0  # 年初财政拨款结转和结余
    fiscal_close: int = 0
    other_open: int = 0  # 非财政拨款 结转和结余
    other_close: int = 0
    sangong_budget: dict[str, int] = field(default_factory=dict)  # 出国 购置 运行 接待
    sangong_actual: dict[str, int] = field(default_factory=dict)
    procurement: tuple[int, int, int] = (0, 0, 0)  # 货物 工程 服务
    carried: list[tuple[str, int]] = field(default_factory=list)  # (project, cents) carried over (budgets)
    vehicles: dict[str, int] = field(default_factory=dict)

    @property
    def general_leaves(self) -> list[Leaf]:
        """The 项 with 一般公共预算 money (the 05 tables list only these)."""
        return [leaf for leaf in self.leaves if leaf.fiscal]

    @property
    def fiscal_income(self) -> int:
        return sum(leaf.fiscal_in for leaf in self.leaves)

    @property
    def fiscal_spent(self) -> int:
        return sum(leaf.fiscal for leaf in self.leaves)

    @property
    def fund_income(self) -> int:
        return sum(leaf.fund_in for leaf in self.leaves)

    @property
    def fund_spent(self) -> int:
        return sum(leaf.gf for leaf in self.leaves)

    @property
    def received(self) -> int:
        return sum(leaf.received for leaf in self.leaves)

    @property
    def spent(self) -> int:
        return sum(leaf.spent for leaf in self.leaves)

    @property
    def carried_total(self) -> int:
        return sum(cents for _, cents in self.carried)

    @property
    def unit_funds(self) -> int:
        """单位资金 / 非财政拨款 income: everything that is not a fiscal grant."""
        return sum(sum(leaf.other_in.values()) for leaf in self.leaves)

    @property
    def basic(self) -> int:
        return sum(leaf.gb for leaf in self.leaves)

    def other_income(self, source: str) -> int:
        return sum(leaf.other_in.get(source, 0) for leaf in self.leaves)


def hierarchy(leaves: list[Leaf], values: Callable[[Leaf], tuple[int, ...]]) -> list[tuple[str, str, tuple[int, ...]]]:
    """类, 款 and 项 rows in code order, each parent the exact sum of its children."""
    names = functional_codes()
    rows: list[tuple[str, str, tuple[int, ...]]] = []
    for code in sorted({leaf.code[:n] for leaf in leaves for n in (3, 5, 7)}):
        members = [values(leaf) for leaf in leaves if leaf.code.startswith(code)]
        rows.append((code, names[code], tuple(map(sum, zip(*members)))))
    return rows


@dataclass(frozen=True)
class Scale:
    """Magnitude of the document's unit (1 for 万元, 10000 for 元) and the smallest step its amounts take."""

    mag: int
    step: int = 1  # 100: whole units only

    def amount(self, rng: random.Random, lo: float, hi: float) -> int:
        return self.round(rng.uniform(lo, hi) * 100 * self.mag)

    def part(self, cents: int, share: float) -> int:
        return self.round(cents * share)

    def round(self, cents: float) -> int:
        return int(cents) // self.step * self.step


def _breakdown(rng: random.Random, total: int, table: dict[str, tuple[tuple[str, float], ...]], step: int) -> dict[str, int]:
    chosen = [(code, w * rng.uniform(0.5, 1.5)) for group in table.values() for code, w in group if rng.random() < 0.75]
    if not chosen:
        chosen = [next(iter(table.values()))[0]]
    parts = split_cents(total, [w for _, w in chosen], step)
    return {code: cents for (code, _), cents in zip(chosen, parts) if cents}


def build_ledger(rng: random.Random, profile: Profile, kind: str, scale: Scale, carry: bool = False) -> Ledger:
    """Draw one department-year: staff costs, projects, other funds, carry-overs, 三公, procurement.

    ``carry``: the budget prints 上年结转 (Shanxi's 13 tables do), so some may be drawn.
    """
    basic_total = scale.amount(rng, 120, 2500)
    leaves: dict[str, Leaf] = {}
    staff = list(STAFF_ITEMS) + [item for item in OPTIONAL_STAFF_ITEMS if rng.random() < 0.35]
    staff_weights = [w * rng.uniform(0.6, 1.4) for _, w in staff]
    running = rng.sample(profile.basic, k=rng.randint(1, len(profile.basic)))
    main_share = max(0.2, 1 - sum(staff_weights))
    weights = staff_weights + [main_share * rng.uniform(0.6, 1.0) for _ in running]
    codes = [code for code, _ in staff] + running
    for code, cents in zip(codes, split_cents(basic_total, weights, scale.step)):
        leaves.setdefault(code, Leaf(code)).gb += cents
    project_codes = rng.sample(profile.projects, k=rng.randint(1, len(profile.projects)))
    if rng.random() < 0.3:
        project_codes.append(rng.choice(OPTIONAL_PROJECT_ITEMS))
    if rng.random() < 0.3:
        project_codes.append(running[0])
    n_projects = rng.randint(max(2, len(project_codes)), max(3, len(project_codes) + 4))
    names = rng.sample(profile.project_names, k=min(n_projects, len(profile.project_names)))
    projects = []
    for i, name in enumerate(names):
        code = project_codes[i % len(project_codes)]
        annual = scale.amount(rng, 2, 400)
        executed = annual if rng.random() < 0.5 else scale.part(annual, rng.uniform(0.6, 1.0))
        initial = annual if rng.random() < 0.7 else scale.part(annual, rng.uniform(0.5, 1.0))
        projects.append(Project(name, code, initial, annual, executed))
        leaves.setdefault(code, Leaf(code)).gp += executed if kind == "决算" else annual
    if profile.fund_projects and rng.random() < 0.6:
        for code, name in rng.sample(profile.fund_projects, k=rng.randint(1, len(profile.fund_projects))):
            annual = scale.amount(rng, 50, 3000)
            executed = annual if rng.random() < 0.6 else scale.part(annual, rng.uniform(0.7, 1.0))
            projects.append(Project(name, code, annual, annual, executed, fund=True))
            leaf = leaves.setdefault(code, Leaf(code))
            leaf.gf += executed if kind == "决算" else annual
            leaf.fund_in = leaf.gf
    carried = []
    if carry and rng.random() < 0.35:
        unused = [name for name in profile.project_names if name not in names] or list(profile.project_names)
        for name in rng.sample(unused, k=min(len(unused), rng.randint(1, 2))):
            cents = scale.amount(rng, 1, 80)
            carried.append((name, cents))
            leaves[rng.choice(sorted({p.code for p in projects if not p.fund}))].cy += cents
    ledger = Ledger(sorted(leaves.values(), key=lambda leaf: leaf.code), {}, {}, projects, carried=carried)
    personnel_share = rng.uniform(0.78, 0.95)
    personnel = scale.part(ledger.basic, personnel_share)
    ledger.personnel = _breakdown(rng, personnel, PERSONNEL, scale.step)
    ledger.operating = _breakdown(rng, ledger.basic - sum(ledger.personnel.values()), OPERATING, scale.step)
    _other_funds(rng, ledger, kind, scale)
    _carry_over(rng, ledger, kind, scale)
    _sangong(rng, ledger, scale)
    goods, works = scale.amount(rng, 0, 60), (scale.amount(rng, 0, 200) if rng.random() < 0.3 else 0)
    ledger.procurement = (goods, works, scale.amount(rng, 0, 300))
    ledger.vehicles = {"机要通信用车": rng.choice([0, 0, 1, 2]), "应急保障用车": rng.choice([0, 0, 1]),
                       "执法执勤用车": rng.choice([0, 0, 0, 2]), "其他用车": rng.choice([0, 0, 1])}
    return ledger


def _other_funds(rng: random.Random, ledger: Ledger, kind: str, scale: Scale) -> None:
    """Income and spending outside the fiscal grant: often none, sometimes a little interest, sometimes 事业收入."""
    for leaf in ledger.leaves:
        leaf.fiscal_in = leaf.fiscal
    roll = rng.random()
    if roll < 0.45:
        return
    leaf = rng.choice(ledger.leaves)
    if roll < 0.75:
        leaf.other_in["其他收入"] = scale.amount(rng, 0.01, 8) or scale.step
    else:
        leaf.other_in[rng.choice(["事业收入", "上级补助收入"])] = scale.amount(rng, 5, 150)
    received = sum(leaf.other_in.values())
    spent = scale.part(received, rng.uniform(0.5, 1.0)) if kind == "决算" else received
    leaf.nb += scale.part(spent, 0.5)
    leaf.np += spent - scale.part(spent, 0.5)
    if kind == "决算":
        ledger.other_open = scale.amount(rng, 0, 10) if rng.random() < 0.4 else 0
        ledger.other_close = ledger.other_open + received - spent


def _carry_over(rng: random.Random, ledger: Ledger, kind: str, scale: Scale) -> None:
    """决算: fiscal money carried in and out; the difference is booked on one project 项's income."""
    if kind != "决算" or rng.random() < 0.5:
        return
    ledger.fiscal_open = scale.amount(rng, 0.5, 40)
    target = max(ledger.leaves, key=lambda leaf: leaf.gp)
    shift = scale.round(rng.randint(-min(ledger.fiscal_open, target.fiscal_in), ledger.fiscal_open))
    target.fiscal_in += shift
    ledger.fiscal_close = ledger.fiscal_open + shift


def _sangong(rng: random.Random, ledger: Ledger, scale: Scale) -> None:
    budget = {"出国": 0, "购置": 0, "运行": 0, "接待": 0}
    if rng.random() < 0.75:
        budget["运行"] = scale.amount(rng, 0.5, 12) if rng.random() < 0.8 else 0
        budget["接待"] = scale.amount(rng, 0.1, 5) if rng.random() < 0.6 else 0
        budget["出国"] = scale.amount(rng, 1, 30) if rng.random() < 0.1 else 0
        budget["购置"] = scale.amount(rng, 10, 30) if rng.random() < 0.1 else 0
    ledger.sangong_budget = budget
    ledger.sangong_actual = {k: (v if rng.random() < 0.5 else scale.part(v, rng.uniform(0.3, 1.0)))
                             for k, v in budget.items()}
