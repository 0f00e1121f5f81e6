"""Self-tests of the scorer (extractor/evaluation).

The truth documents are built from excerpts of the real reports in
shared/seeds (cells TAB-separated, a blank line where the printed table broke
onto the next page), parsed into contract tables by the small helpers below.
Each test damages a copy of a truth in one known way and checks that exactly
the metric it should move moves, by the amount it should.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import InputFileError
from extractor.evaluation import evaluate_dirs, score_document
from extractor.evaluation.facts import FUND_FIELDS, INDICATOR_FIELDS, normalise_text
from extractor.evaluation.multiset import Bag, values_equal
from extractor.evaluation.numbers import is_blank, parse_number
from extractor.evaluation.report import KNOWN_VARIANTS, empty_output, variant_of
from extractor.schema import contract_errors

REPO = Path(__file__).resolve().parents[1]
RATIO_METRICS = (
    "table_recall", "type_accuracy", "value_f1", "row_f1", "item_accuracy", "form_accuracy", "doc_meta_accuracy",
)

# 大同市政务服务中心 2024 决算: 公开01 (two-sided, breaks onto a second page).
DATONG_01 = """
收入			支出		
项目	行次	金额	项目	行次	金额
栏次		1	栏次		2
一、一般公共预算财政拨款收入	1	1126.92	一、一般公共服务支出	32	1066.43
二、政府性基金预算财政拨款收入	2		二、外交支出	33	
三、国有资本经营预算财政拨款收入	3		三、国防支出	34	
四、上级补助收入	4		四、公共安全支出	35	
五、事业收入	5		五、教育支出	36	
六、经营收入	6		六、科学技术支出	37	
七、附属单位上缴收入	7		七、文化旅游体育与传媒支出	38	
八、其他收入	8	0.01	八、社会保障和就业支出	39	34.14
	9		九、卫生健康支出	40	9.05
	10		十、节能环保支出	41	
	11		十一、城乡社区支出	42	
	12		十二、农林水支出	43	
	13		十三、交通运输支出	44	
	14		十四、资源勘探工业信息等支出	45	
	15		十五、商业服务业等支出	46	
	16		十六、金融支出	47	
	17		十七、援助其他地区支出	48	
	18		十八、自然资源海洋气象等支出	49	
	19		十九、住房保障支出	50	17.38
	20		二十、粮油物资储备支出	51	
	21		二十一、国有资本经营预算支出	52	
	22		二十二、灾害防治及应急管理支出	53	
	23		二十三、其他支出	54	

	24		二十四、债务还本支出	55	
	25		二十五、债务付息支出	56	
	26		二十六、抗疫特别国债安排的支出	57	
本年收入合计	27	1126.93	本年支出合计	58	1127.00
使用非财政拨款结余（含专用结余）	28		结余分配	59	
年初结转和结余	29	7.15	年末结转和结余	60	7.08
	30			61	
总计	31	1134.08	总计	62	1134.08
"""

# 公开05, the first rows.
DATONG_05 = """
项目		本年支出		
科目代码	科目名称	小计	基本支出	项目支出
栏次		1	2	3
合计		1126.92	204.29	922.63
201	一般公共服务支出	1066.35	154.03	912.32
20101	人大事务	2.47	2.47	
2010150	事业运行	2.47	2.47	
20102	政协事务	0.77	0.77	
2010201	行政运行	0.77	0.77	
20103	政府办公厅（室）及相关机构事务	1057.67	150.79	906.88
2010301	行政运行	135.49	135.49	
2010306	政务公开审批	906.88		906.88
2010350	事业运行	15.30	15.30	
20199	其他一般公共服务支出	5.44		5.44
2019999	其他一般公共服务支出	5.44		5.44
208	社会保障和就业支出	34.14	23.83	10.32
20805	行政事业单位养老支出	23.83	23.83	
"""

# 公开06, the first rows and the totals line: four (code, name, amount) triples per row.
DATONG_06 = """
人员经费			公用经费								
科目代码	科目名称	决算数	科目代码	科目名称	决算数	科目代码	科目名称	决算数	科目代码	科目名称	决算数
301	工资福利支出	181.22	302	商品和服务支出	15.57	307	债务利息及费用支出		31011	地上附着物和青苗补偿	
30101	基本工资	59.99	30201	办公费	1.11	30701	国内债务付息		31012	拆迁补偿	
30102	津贴补贴	36.64	30202	印刷费		30702	国外债务付息		31013	公务用车购置	
30103	奖金	27.39	30203	咨询费		30703	国内债务发行费用		31019	其他交通工具购置	
30106	伙食补助费		30204	手续费	0.04	30704	国外债务发行费用		31021	文物和陈列品购置	
人员经费合计		188.72	公用经费合计								15.57
"""

# The top of one 项目支出绩效自评表.
DATONG_FORM = """
项目名称		QK关于下达市本级清欠企业欠款资金									
主管部门及代码		032-大同市行政审批服务管理局[部门]			预算单位	032002-大同市政务服务中心					
项目资金预算安排及执行进度(万元)	年初预算数		全年预算数	全年执行数	资金结(转)余	执行率	得分	偏差原因			
	目标申报数	预算编制数									
	资金总额:	13.06	13.06	13.06	13.06	0	100	10			
市县区财政资金	13.06	13.06	13.06	13.06	0	100.00	10.00	无偏差			
项目年度绩效目标	年度目标				实际完成情况						
	依据《关于加快推进清偿企业账款和“一欠”问题化解的通知》用于偿还以前年度欠款				已偿还目标欠款。						
绩效指标	一级指标	二级指标	三级指标	年初指标值	调整后指标值	实际完成值	定性值情况说明	分值	得分	偏差原因分析及改进措施	
	产出指标	数量指标	款项	=1项	=1项	=1项			20	20	无偏差
		质量指标	足额支付		足额	达成预期指标			10	10	无偏差
		时效指标	及时支付		及时	达成预期指标			10	10	无偏差
	效益指标	成本指标	支付金额	=元	=130600元	=130600元			10	10	无偏差
		社会效益	提振企业信心		提振	达成预期指标			30	30	无偏差
满意度指标	服务对象满意度	企业满意度	≥%	≥85%	≥90%			10	10	无偏差	
总分										100	优
"""

# 汾阳市行政审批服务管理局 2024 预算: 预算公开表1 (two-sided, breaks onto a second page).
FENYANG_01 = """
收入		支出			
项目	2024年	项目	2024年合计	当年预算安排	上年结转安排
一、一般公共预算	1256.36	一、一般公共服务支出	1194.16	1194.16	
二、政府性基金预算		二、外交支出			
三、国有资本经营预算		三、国防支出			
四、财政专户管理资金		四、公共安全支出			
五、单位资金		五、教育支出			
		六、科学技术支出			
		七、文化旅游体育与传媒支出			
		八、社会保障和就业支出	30.95	30.95	
		九、社会保险基金支出			
		十、卫生健康支出	10.69	10.69	
		十一、节能环保支出			
		十二、城乡社区支出			
		十三、农林水支出			
		十四、交通运输支出			
		十五、资源勘探工业信息等支出			
		十六、商业服务业等支出			
		十七、金融支出			
		十八、援助其他地区支出			
		十九、自然资源海洋气象等支出			
		二十、住房保障支出	20.56	20.56	
		二十一、粮油物资储备支出			
		二十二、国有资本经营预算支出			
		二十三、灾害防治及应急管理支出			
		二十四、预备费			
		二十五、其他支出			
		二十六、转移性支出			
		二十七、债务还本支出			

		二十八、债务付息支出			
		二十九、债务发行费用支出			
		三十、抗疫特别国债安排的支出			
本年收入合计	1256.36	本年支出合计	1256.36	1256.36	
上年结转		年终结转			
收入总计	1256.36	支出总计	1256.36	1256.36	
"""


def pages_of_rows(text: str) -> list[list[list[str]]]:
    """The rows of a seed excerpt, split into printed pages at blank lines."""
    pages: list[list[list[str]]] = [[]]
    for line in text.strip("\n").split("\n"):
        if line.strip():
            pages[-1].append(line.split("\t"))
        else:
            pages.append([])
    return pages


def amount(cell: str) -> float | None:
    cell = cell.strip()
    return None if not cell or set(cell) <= set("-—") else float(cell.replace(",", ""))


def record(side: str | None, code: str | None, line: int | None, item: str | None, values: list[float | None],
           group: str | None = None) -> dict[str, Any]:
    return {"side": side, "code": code, "line": line, "item": item, "group": group, "values": values}


def table(tid: str, type_: str, title: str, pages: list[int], grid: list[list[str]], columns: dict[str, list[str]],
          records: list[dict[str, Any]], form: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": tid, "type": type_, "type_confidence": 1.0, "title": title, "pages": pages, "unit": "万元",
            "grid": grid, "columns": columns, "records": records, "form": form, "checks": []}


def two_sided(text: str, header_rows: int, left_width: int, with_line: bool) -> tuple[list[list[str]], list[dict]]:
    """Grid and records of a 收入 | 支出 table; each side is (item, [行次,] amounts...)."""
    grid = [row for page in pages_of_rows(text) for row in page]
    records = []
    for row in grid[header_rows:]:
        for side, cells in (("收入", row[:left_width]), ("支出", row[left_width:])):
            item, rest = cells[0], cells[1:]
            line = None
            if with_line:
                line = int(rest[0]) if rest[0].strip() else None
                rest = rest[1:]
            values = [amount(c) for c in rest]
            if item or line is not None or any(v is not None for v in values):
                records.append(record(side, None, line, item or None, values))
    return grid, records


def coded(text: str, header_rows: int) -> tuple[list[list[str]], list[dict]]:
    """Grid and records of a (科目代码, 科目名称, amounts...) table."""
    grid = [row for page in pages_of_rows(text) for row in page]
    records = [record(None, row[0] if row[0].isdigit() else None, None, row[1] or row[0], [amount(c) for c in row[2:]])
               for row in grid[header_rows:]]
    return grid, records


def triples(text: str, header_rows: int) -> tuple[list[list[str]], list[dict]]:
    """Grid and records of 公开06: one record per (code, name, amount) triple."""
    grid = [row for page in pages_of_rows(text) for row in page]
    records = []
    for row in grid[header_rows:]:
        if not row[0].isdigit():  # the totals line: 人员经费合计 … 公用经费合计 … at the far right
            records.append(record(None, None, None, row[0], [amount(row[2])], "人员经费"))
            records.append(record(None, None, None, row[3], [amount(row[-1])], "公用经费"))
            continue
        for k in range(0, len(row) - 2, 3):
            code, name, value = row[k:k + 3]
            if code:
                records.append(record(None, code, None, name, [amount(value)], "人员经费" if k == 0 else "公用经费"))
    return grid, records


def datong_form() -> dict[str, Any]:
    return {
        "project": "QK关于下达市本级清欠企业欠款资金",
        "department": "032-大同市行政审批服务管理局[部门]",
        "implementing_unit": "032002-大同市政务服务中心",
        "funds": [
            {"source": "资金总额", "initial_budget": 13.06, "annual_budget": 13.06, "executed": 13.06,
             "weight": 10, "execution_rate": 100, "score": 10},
            {"source": "市县区财政资金", "initial_budget": 13.06, "annual_budget": 13.06, "executed": 13.06,
             "weight": 10, "execution_rate": 100, "score": 10},
        ],
        "goals": [{"expected": "依据《关于加快推进清偿企业账款和“一欠”问题化解的通知》用于偿还以前年度欠款",
                   "actual": "已偿还目标欠款。"}],
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "level3": "款项", "target": "=1项", "actual": "=1项",
             "weight": 20, "score": 20, "note": "无偏差"},
            {"level1": "产出指标", "level2": "质量指标", "level3": "足额支付", "target": "足额", "actual": "达成预期指标",
             "weight": 10, "score": 10, "note": "无偏差"},
            {"level1": "产出指标", "level2": "时效指标", "level3": "及时支付", "target": "及时", "actual": "达成预期指标",
             "weight": 10, "score": 10, "note": "无偏差"},
            {"level1": "效益指标", "level2": "成本指标", "level3": "支付金额", "target": "=130600元",
             "actual": "=130600元", "weight": 10, "score": 10, "note": "无偏差"},
            {"level1": "效益指标", "level2": "社会效益", "level3": "提振企业信心", "target": "提振",
             "actual": "达成预期指标", "weight": 30, "score": 30, "note": "无偏差"},
            {"level1": "满意度指标", "level2": "服务对象满意度", "level3": "企业满意度", "target": "≥85%",
             "actual": "≥90%", "weight": 10, "score": 10, "note": "无偏差"},
        ],
        "total_score": 100,
        "grade": "优",
    }


def document(file: str, organization: str, kind: str, tables: list[dict[str, Any]]) -> dict[str, Any]:
    last_page = max((p for t in tables for p in t["pages"]), default=1)
    return {
        "schema": "budget-tables/1", "file": file, "sha256": "0" * 64,
        "document": {"organization": organization, "year": 2024, "kind": kind, "unit": "万元"},
        "pages": [{"number": n, "source": "text-layer", "rotation": 0, "seconds": 0.0} for n in range(1, last_page + 1)],
        "tables": tables, "warnings": [],
    }


def datong_truth() -> dict[str, Any]:
    grid01, records01 = two_sided(DATONG_01, 3, 3, with_line=True)
    grid05, records05 = coded(DATONG_05, 3)
    grid06, records06 = triples(DATONG_06, 2)
    form_grid = [row for page in pages_of_rows(DATONG_FORM) for row in page]
    return document("大同市政务服务中心2024决算.pdf", "大同市政务服务中心", "决算", [
        table("t1", "公开01", "收入支出决算总表", [3, 4], grid01, {"收入": ["金额"], "支出": ["金额"]}, records01),
        table("t2", "公开05", "一般公共预算财政拨款支出决算表", [9], grid05,
              {"": ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]}, records05),
        table("t3", "公开06", "一般公共预算财政拨款基本支出决算明细表", [10], grid06, {"": ["决算数"]}, records06),
        table("t4", "绩效自评表", "项目支出绩效自评表", [20], form_grid, {}, [], datong_form()),
    ])


def fenyang_truth() -> dict[str, Any]:
    grid, records = two_sided(FENYANG_01, 2, 2, with_line=False)
    return document("汾阳市行政审批服务管理局2024预算.pdf", "汾阳市行政审批服务管理局", "预算", [
        table("t1", "预算01", "2024年预算收支总表", [5, 6], grid,
              {"收入": ["2024年"], "支出": ["2024年合计", "当年预算安排", "上年结转安排"]}, records),
    ])


def generated_truths() -> list[Path]:
    return sorted((REPO / "samples" / "fixtures").glob("*.truth.json"))


def all_truths() -> list[tuple[str, dict[str, Any]]]:
    built = [("datong", datong_truth()), ("fenyang", fenyang_truth())]
    return built + [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in generated_truths()]


each_truth = pytest.mark.parametrize("name,truth", all_truths(), ids=lambda v: v if isinstance(v, str) else "")


def numeric_slots(doc: dict[str, Any]) -> list[tuple[dict[str, Any] | list, str | int]]:
    """Every place a numeric fact lives: (container, key) pairs, in document order."""
    slots: list[tuple[Any, Any]] = []
    for t in doc["tables"]:
        for r in t["records"]:
            slots += [(r["values"], i) for i, v in enumerate(r["values"]) if v is not None]
        form = t["form"]
        if form:
            for fund in form["funds"]:
                slots += [(fund, k) for k in FUND_FIELDS if fund[k] is not None]
            for ind in form["indicators"]:
                slots += [(ind, k) for k in INDICATOR_FIELDS if ind[k] is not None]
            if form["total_score"] is not None:
                slots.append((form, "total_score"))
    return slots


# ---------------------------------------------------------------- the fixtures are real contract documents

@each_truth
def test_fixture_truths_satisfy_the_contract(name: str, truth: dict[str, Any]) -> None:
    assert contract_errors(truth) == []


def test_fixture_parsing_read_the_seed_faithfully() -> None:
    truth = datong_truth()
    t01, t05, t06, _ = truth["tables"]
    income = {r["line"]: r for r in t01["records"] if r["side"] == "收入"}
    spending = {r["line"]: r for r in t01["records"] if r["side"] == "支出"}
    assert income[1]["values"] == [1126.92] and spending[62]["item"] == "总计" and spending[62]["values"] == [1134.08]
    assert income[9]["item"] is None and spending[40]["values"] == [9.05]
    assert t05["records"][0] == record(None, None, None, "合计", [1126.92, 204.29, 922.63])
    assert {"code": "2010306", "values": [906.88, None, 906.88]}.items() <= t05["records"][8].items()
    by_code = {r["code"]: r for r in t06["records"]}
    assert by_code["30204"]["values"] == [0.04] and by_code["30204"]["group"] == "公用经费"
    assert by_code["301"]["group"] == "人员经费"
    assert [r["values"] for r in t06["records"] if r["code"] is None] == [[188.72], [15.57]]


# ---------------------------------------------------------------- the defining cases

@each_truth
def test_truth_against_itself_scores_one_everywhere(name: str, truth: dict[str, Any]) -> None:
    score = score_document(copy.deepcopy(truth), truth)
    metrics = score.metrics()
    assert metrics["spurious_tables"] == 0 and score.spurious == []
    for metric in RATIO_METRICS:
        assert metrics[metric] in (1.0, None), metric
    assert metrics["table_recall"] == 1.0 and metrics["row_f1"] == 1.0
    assert metrics["value_f1"] == (1.0 if numeric_slots(truth) else None)  # a blank template states no numbers


def test_the_seed_document_exercises_every_metric() -> None:
    metrics = score_document(datong_truth(), datong_truth()).metrics()
    assert all(metrics[m] == 1.0 for m in RATIO_METRICS)


@each_truth
def test_empty_output_scores_zero(name: str, truth: dict[str, Any]) -> None:
    metrics = score_document(empty_output(), truth).metrics()
    assert metrics["spurious_tables"] == 0
    for metric in RATIO_METRICS:
        assert metrics[metric] in (0.0, None), metric
    assert metrics["table_recall"] == 0.0 and metrics["row_f1"] == 0.0 and metrics["doc_meta_accuracy"] == 0.0
    assert metrics["value_f1"] == (0.0 if numeric_slots(truth) else None)


def test_empty_truth_against_empty_output_has_nothing_to_score() -> None:
    truth = document("blank.pdf", None, None, [])
    truth["document"]["year"] = truth["document"]["unit"] = None
    metrics = score_document(empty_output(), truth).metrics()
    assert metrics["doc_meta_accuracy"] == 1.0  # four nulls agree with four nulls
    assert metrics["spurious_tables"] == 0
    assert all(metrics[m] is None for m in RATIO_METRICS if m != "doc_meta_accuracy")


def test_output_tables_against_an_empty_truth_are_all_spurious() -> None:
    truth = document("blank.pdf", "大同市政务服务中心", "决算", [])
    metrics = score_document(datong_truth(), truth).metrics()
    assert metrics["spurious_tables"] == 4
    assert metrics["value_f1"] == 0.0 and metrics["row_f1"] == 0.0 and metrics["table_recall"] is None


@each_truth
def test_damaging_a_tenth_of_the_values_costs_a_tenth_of_value_f1(name: str, truth: dict[str, Any]) -> None:
    # k = round(N/10) facts are moved by 1000.5, far outside the tolerance and onto no other fact of their
    # key. Each damaged fact is then one false positive and one false negative, so precision = recall =
    # F1 = (N - k) / N exactly, which is within 0.5/N of 0.9 (the rounding of k).
    output = copy.deepcopy(truth)
    slots = numeric_slots(output)
    n = len(slots)
    if n < 10:
        pytest.skip(f"{name} states {n} numbers: too few to damage a tenth of them")
    k = round(n / 10)
    for container, key in random.Random(20241121).sample(slots, k):
        container[key] += 1000.5
    score = score_document(output, truth).scores
    expected = (n - k) / n
    assert score.values.precision == pytest.approx(expected, abs=1e-12)
    assert score.values.recall == pytest.approx(expected, abs=1e-12)
    assert score.values.f1 == pytest.approx(expected, abs=1e-12)
    assert abs(score.values.f1 - 0.9) <= 0.5 / n + 1e-12
    assert score.rows.f1 == 1.0 and score.tables.ratio == 1.0  # grids untouched, tables still found


def test_values_within_half_a_cent_are_equal() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    slots = numeric_slots(output)
    for container, key in slots[::2]:
        container[key] += 0.0049
    for container, key in slots[1::2][:3]:
        container[key] += 0.0051
    counts = score_document(output, truth).scores.values
    assert (counts.fp, counts.fn) == (3, 3)


def test_a_wrong_type_costs_type_accuracy_exactly_and_that_tables_facts() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    output["tables"][1]["type"] = "公开03"
    n_facts = len(numeric_slots(truth))
    wrong_facts = sum(v is not None for r in truth["tables"][1]["records"] for v in r["values"])
    score = score_document(output, truth)
    metrics = score.metrics()
    assert metrics["type_accuracy"] == 3 / 4 and metrics["table_recall"] == 1.0
    assert metrics["value_f1"] == pytest.approx((n_facts - wrong_facts) / n_facts, abs=1e-12)
    assert metrics["row_f1"] == 1.0 and metrics["item_accuracy"] == 1.0  # neither depends on the type
    assert [(m.truth_type, m.output_type) for m in score.matches if m.truth_id == "t2"] == [("公开05", "公开03")]
    assert score.type_pairs == [("公开01", "公开01"), ("公开05", "公开03"), ("公开06", "公开06"), ("绩效自评表", "绩效自评表")]


@each_truth
def test_a_wrong_type_costs_the_same_on_every_truth(name: str, truth: dict[str, Any]) -> None:
    output = copy.deepcopy(truth)
    sizes = [len(numeric_slots({"tables": [t]})) for t in truth["tables"]]
    victim = max(range(len(sizes)), key=sizes.__getitem__)
    used = {t["type"] for t in truth["tables"]}
    output["tables"][victim]["type"] = next(label for label in ("公开10", "预算13", "其他") if label not in used)
    metrics = score_document(output, truth).metrics()
    n = len(truth["tables"])
    assert metrics["type_accuracy"] == (n - 1) / n and metrics["table_recall"] == 1.0
    if sum(sizes):
        assert metrics["value_f1"] == pytest.approx(1 - sizes[victim] / sum(sizes), abs=1e-12)


def test_a_spurious_table_is_counted_and_named() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    toc = [["一、收入支出决算总表.....", "3"], ["二、收入决算表.....", "5"]]
    output["tables"].append(table("t9", "其他", "目录", [2], toc, {}, []))
    # Same page as 公开05 but nothing like it: still spurious, and 公开05 still matches its own table.
    output["tables"].append(table("t10", "其他", None, [9], [["注：本表反映部门本年度一般公共预算财政拨款支出情况。"]], {}, []))
    score = score_document(output, truth)
    metrics = score.metrics()
    assert metrics["spurious_tables"] == 2 and score.spurious == ["t9", "t10"]
    assert metrics["table_recall"] == 1.0 and metrics["type_accuracy"] == 1.0 and metrics["value_f1"] == 1.0
    assert score.scores.rows.fp == 2  # the two numbered contents lines


def test_a_table_split_in_two_is_matched_once() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    whole = output["tables"][0]
    pages = pages_of_rows(DATONG_01)
    header, first, second = pages[0][:3], pages[0][3:], pages[1]
    cut = len(first)
    first_half = table("t1a", "公开01", whole["title"], [3], header + first, whole["columns"], [])
    second_half = table("t1b", "公开01", None, [4], header + second, whole["columns"], [])
    rows_per_side = {"收入": 0, "支出": 0}
    for r in whole["records"]:  # a record belongs to the half its printed row is in
        target = first_half if rows_per_side[r["side"]] < cut else second_half
        target["records"].append(r)
        rows_per_side[r["side"]] += 1
    output["tables"][0:1] = [first_half, second_half]
    score = score_document(output, truth)
    metrics = score.metrics()
    assert metrics["table_recall"] == 1.0 and metrics["spurious_tables"] == 1
    assert [m.output_id for m in score.matches if m.truth_id == "t1"] == ["t1a"] and score.spurious == ["t1b"]
    # Facts are pooled over the document, so a correctly typed split loses none;
    # the repeated header row is one extra numbered grid row.
    assert metrics["value_f1"] == 1.0 and score.scores.rows.fp == 1 and score.scores.rows.fn == 0


def test_tables_are_found_by_their_grid_alone_or_their_records_alone() -> None:
    truth = datong_truth()
    grids_only, records_only = copy.deepcopy(truth), copy.deepcopy(truth)
    for t in grids_only["tables"]:
        t["records"], t["form"] = [], None
    for t in records_only["tables"]:
        t["grid"] = []
    for output in (grids_only, records_only):
        metrics = score_document(output, truth).metrics()
        assert metrics["table_recall"] == 1.0 and metrics["spurious_tables"] == 0
    assert score_document(grids_only, truth).metrics()["value_f1"] == 0.0
    assert score_document(records_only, truth).metrics()["row_f1"] == 0.0


def test_a_table_on_the_wrong_page_is_not_found() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    output["tables"][1]["pages"] = [8]
    score = score_document(output, truth)
    assert score.metrics()["table_recall"] == 3 / 4 and score.spurious == ["t2"]


def test_two_tables_merged_into_one_match_one_truth_table() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    t05, t06 = output["tables"][1], output["tables"][2]
    merged = table("m", "公开05", t05["title"], [9, 10], t05["grid"] + t06["grid"], t05["columns"],
                   t05["records"] + t06["records"])
    output["tables"][1:3] = [merged]
    metrics = score_document(output, truth).metrics()
    assert metrics["table_recall"] == 3 / 4 and metrics["type_accuracy"] == 3 / 4 and metrics["spurious_tables"] == 0


def test_duplicate_fact_keys_count_as_a_multiset() -> None:
    def doc(n_copies: int) -> dict[str, Any]:
        rows = [record(None, None, None, "其他", [5.0]) for _ in range(n_copies)]
        grid = [["其他", "5.00"] for _ in range(n_copies)]
        return document("x.pdf", "某单位", "决算", [table("t1", "公开10", "部门决算公开相关信息统计表", [1], grid, {}, rows)])

    counts = score_document(doc(1), doc(2)).scores
    assert (counts.values.tp, counts.values.fn) == (1, 1)
    assert (counts.rows.tp, counts.rows.fn) == (1, 1)
    over = score_document(doc(3), doc(2)).scores.values
    assert (over.tp, over.fp, over.fn) == (2, 1, 0)


def test_items_are_compared_after_normalising_and_each_error_counts_once() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    coded_records = [r for t in truth["tables"] for r in t["records"] if r["code"]]
    renamed = next(r for r in output["tables"][1]["records"] if r["code"] == "20103")
    renamed["item"] = " 政府办公厅(室)及相关机构事务 "  # half-width brackets, spaces: the same name
    misread = next(r for r in output["tables"][1]["records"] if r["code"] == "2010350")
    misread["item"] = "事业运营"
    metrics = score_document(output, truth).metrics()
    assert metrics["item_accuracy"] == pytest.approx((len(coded_records) - 1) / len(coded_records), abs=1e-12)


def test_a_form_needs_its_project_and_total_score() -> None:
    truth = datong_truth()
    wrong_score = copy.deepcopy(truth)
    wrong_score["tables"][3]["form"]["total_score"] = 90
    wrong_project = copy.deepcopy(truth)
    wrong_project["tables"][3]["form"]["project"] = "QK关于下达市本级清欠企业欠款"
    same_project = copy.deepcopy(truth)
    same_project["tables"][3]["form"]["project"] = "QK 关于下达市本级清欠企业欠款资金。"
    assert score_document(wrong_score, truth).metrics()["form_accuracy"] == 0.0
    assert score_document(wrong_project, truth).metrics()["form_accuracy"] == 0.0
    assert score_document(same_project, truth).metrics()["form_accuracy"] == 1.0


def test_document_meta_is_scored_field_by_field() -> None:
    truth = datong_truth()
    output = copy.deepcopy(truth)
    output["document"]["year"] = 2023
    output["document"]["organization"] = "大同市 政务服务中心"  # a space is not an error
    assert score_document(output, truth).metrics()["doc_meta_accuracy"] == 0.75


# ---------------------------------------------------------------- small parts

@pytest.mark.parametrize("cell,number,blank", [
    ("1,126.92", 1126.92, False), ("1126.92", 1126.92, False), ("-", None, True), ("——", None, True),
    ("———", None, True), ("", None, True), ("  ", None, True), ("12.5%", 12.5, False), ("１２３", 123.0, False),
    ("-3.50", -3.5, False), ("−3.5", -3.5, False), ("1,12.6", None, False), ("1 126", None, False),
    ("≥90%", None, False), ("行政运行", None, False), ("0", 0.0, False),
])
def test_grid_cells_are_read_strictly(cell: str, number: float | None, blank: bool) -> None:
    assert parse_number(cell) == number and is_blank(cell) == blank


def test_text_normalisation_drops_spaces_and_punctuation_only() -> None:
    assert normalise_text("政府办公厅（室）及相关 机构事务") == normalise_text("政府办公厅(室)及相关机构事务")
    assert normalise_text("“三公”经费") == "三公经费"
    assert normalise_text("≥90%") != normalise_text("90")


def test_bag_matching_is_maximal_not_greedy() -> None:
    truth, output = Bag(), Bag()
    for v in (1.000, 1.004):
        truth.add("k", (v,))
    for v in (1.004, 1.009):
        output.add("k", (v,))
    assert truth.matched(output) == 2  # 1.000-1.004 and 1.004-1.009, though 1.004-1.004 is the exact pair


def test_bag_matching_agrees_with_exhaustive_search() -> None:
    # Values a few thousandths apart (so that tolerance chains form), repeats, missing numbers and pairs.
    pool = [1.0, 1.004, 1.0045, 1.009, 0.996, None, 2.0]
    rng = random.Random(5)

    def exhaustive(left: list[tuple], right: list[tuple]) -> int:
        if not left:
            return 0
        best = exhaustive(left[1:], right)
        for j, value in enumerate(right):
            if values_equal(left[0], value):
                best = max(best, 1 + exhaustive(left[1:], right[:j] + right[j + 1:]))
        return best

    for _ in range(400):
        width = rng.choice([1, 2])
        left = [tuple(rng.choice(pool) for _ in range(width)) for _ in range(rng.randint(0, 6))]
        right = [tuple(rng.choice(pool) for _ in range(width)) for _ in range(rng.randint(0, 6))]
        truth, output = Bag(), Bag()
        for value in left:
            truth.add("k", value)
        for value in right:
            output.add("k", value)
        assert truth.matched(output) == exhaustive(left, right), (left, right)


def test_bag_matching_stays_fast_on_a_column_of_repeats() -> None:
    truth, output = Bag(), Bag()
    for _ in range(20000):
        truth.add("k", (0.0,))
        output.add("k", (0.0,))
    assert truth.matched(output) == 20000


@pytest.mark.parametrize("stem,variant", [
    ("d0007-digital", "digital"), ("d0007-scanned", "scanned"), ("a-b-other", "other"), ("d0007", "unknown"),
    ("d0007-", "unknown"), ("0003-shanghai-juesuan-scanned-103", "scanned"),
    ("0007-shanghai-juesuan-digital-blank-107", "digital"), ("0001-shanxi-juesuan-101", "unknown"),
])
def test_variant_comes_from_the_stem(stem: str, variant: str) -> None:
    assert variant_of(stem) == variant


def test_known_variants_are_the_generators() -> None:
    corpus = pytest.importorskip("samples.generator.corpus")
    assert KNOWN_VARIANTS == set(corpus.VARIANTS)
    job = corpus.Job(3, 103, "决算", "shanghai", "scanned", blank=True)
    assert variant_of(job.stem) == "scanned"


# ---------------------------------------------------------------- directories and the command line

def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    out_dir, truth_dir = tmp_path / "out", tmp_path / "truth"
    out_dir.mkdir()
    truth_dir.mkdir()
    write_json(truth_dir / "d0001-digital.truth.json", datong_truth())
    write_json(truth_dir / "d0002-scanned.truth.json", fenyang_truth())
    write_json(truth_dir / "d0003-scanned.truth.json", datong_truth())
    write_json(out_dir / "d0001-digital.json", datong_truth())
    write_json(out_dir / "d0002-scanned.json", fenyang_truth())
    (out_dir / "d0003-scanned.json").write_text("{not json", encoding="utf-8")
    return out_dir, truth_dir


def test_evaluate_dirs_pools_counts_per_variant_and_overall(corpus: tuple[Path, Path]) -> None:
    report = evaluate_dirs(*corpus)
    assert list(report.documents) == ["d0001-digital", "d0002-scanned", "d0003-scanned"]
    assert report.documents["d0003-scanned"].problems[0].startswith("unreadable output")
    variants = report.by_variant()
    assert variants["digital"].metrics()["value_f1"] == 1.0
    scanned = variants["scanned"]
    n_fenyang, n_datong = len(numeric_slots(fenyang_truth())), len(numeric_slots(datong_truth()))
    assert scanned.docs == 2 and scanned.metrics()["value_f1"] == pytest.approx(
        2 * n_fenyang / (2 * n_fenyang + n_datong))
    overall = report.overall()
    assert overall.docs == 3 and overall.tables.total == 9 and overall.tables.hits == 5
    assert report.as_dict()["overall"]["counts"]["tables"] == {"hits": 5, "total": 9}
    assert report.type_confusion()["公开05"] == {"公开05": 1, "": 1}


def test_missing_output_scores_as_empty(corpus: tuple[Path, Path]) -> None:
    out_dir, truth_dir = corpus
    (out_dir / "d0001-digital.json").unlink()
    doc = evaluate_dirs(out_dir, truth_dir).documents["d0001-digital"]
    assert doc.problems == ["missing output"] and doc.metrics()["value_f1"] == 0.0


def test_an_output_that_breaks_the_contract_scores_as_empty(corpus: tuple[Path, Path]) -> None:
    out_dir, truth_dir = corpus
    broken = datong_truth()
    broken["tables"][0]["type"] = "收入支出表"
    write_json(out_dir / "d0001-digital.json", broken)
    doc = evaluate_dirs(out_dir, truth_dir).documents["d0001-digital"]
    assert "breaks the contract" in doc.problems[0] and doc.metrics()["table_recall"] == 0.0


def test_a_broken_truth_or_missing_directory_is_a_clear_error(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    out_dir, truth_dir = corpus
    with pytest.raises(InputFileError, match="not a directory"):
        evaluate_dirs(tmp_path / "nowhere", truth_dir)
    with pytest.raises(InputFileError, match="no \\*.truth.json"):
        evaluate_dirs(out_dir, out_dir)
    (truth_dir / "d0004-digital.truth.json").write_text('{"schema": "budget-tables/1"}', encoding="utf-8")
    with pytest.raises(InputFileError, match="breaks the contract"):
        evaluate_dirs(out_dir, truth_dir)


def test_command_line_prints_documents_variants_and_overall_last(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    out_dir, truth_dir = corpus
    json_path = tmp_path / "scores.json"
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "evaluate.py"), str(out_dir), str(truth_dir),
                          "--json", str(json_path)], capture_output=True, text=True, check=True)
    lines = run.stdout.strip().split("\n")
    assert [line.split(":")[0] for line in lines] == [
        "d0001-digital", "d0002-scanned", "d0003-scanned", "variant digital", "variant scanned", "overall"]
    assert lines[-1].startswith("overall: docs=3 table_recall=0.556 type_accuracy=0.556 value_f1=")
    assert lines[-1].endswith("spurious_tables=0")
    assert "unreadable output" in lines[2]
    written = json.loads(json_path.read_text(encoding="utf-8"))
    assert written["documents"]["d0002-scanned"]["metrics"]["table_recall"] == 1.0
    assert evaluate_dirs(out_dir, truth_dir).summary_lines() == lines


def test_command_line_reports_bad_input_with_its_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    spec = importlib.util.spec_from_file_location("evaluate_script", REPO / "scripts" / "evaluate.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main([str(tmp_path), str(tmp_path)]) == InputFileError.exit_code
    assert "no *.truth.json" in capsys.readouterr().err
