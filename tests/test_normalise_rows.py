"""Focused cases: header detection, column names, reading a row, name snapping, OCR alternatives."""

from dataclasses import replace

from extractor.model import Record
from extractor.normalise import normalise_table, prefer_alternatives
from extractor.normalise.corrections import corrected_grid
from extractor.normalise.header import column_names, header_height, is_column_number_row, label
from extractor.normalise.names import code_from_name, snap_name, snap_total
from tests.seedtables import raw


def test_header_ends_at_the_first_data_row():
    grid = [
        ["项目", "", "本年支出", "", ""],
        ["科目代码", "科目名称", "小计", "基本支出", "项目支出"],
        ["栏次", "", "1", "2", "3"],
        ["合计", "", "", "", ""],  # a blank template's total line is still data
        ["201", "一般公共服务支出", "", "", ""],
    ]
    assert header_height(grid) == 3
    assert is_column_number_row(grid[2]) and is_column_number_row(["1", "2", "3", "4"])
    assert not is_column_number_row(["0", "0", "0"])


def test_merged_headers_are_carried_over_their_span():
    rows = [["预算数", "", "", "决算数", "", ""], ["合计", "公务用车", "", "合计", "公务用车", ""], ["", "小计", "运行费", "", "小计", "运行费"]]
    assert column_names(rows, 6) == ["预算数/合计", "预算数/公务用车/小计", "预算数/公务用车/运行费",
                                     "决算数/合计", "决算数/公务用车/小计", "决算数/公务用车/运行费"]
    repeated = [["项目", "项目", "金额"], ["科目编码", "科目名称", "金额"]]
    assert column_names(repeated, 3) == ["项目/科目编码", "项目/科目名称", "金额"]


def test_labels_lose_layout_spaces_only():
    assert label("合 计") == "合计"
    assert label("机关事业单位基本养老保险缴\n费支出") == "机关事业单位基本养老保险缴费支出"
    assert label("1. 副部（省）级及以上领导用车") == "1. 副部（省）级及以上领导用车"


def test_names_snap_to_the_vocabulary_only_for_near_misses():
    assert snap_name("2010301", "行政运打")[0] == "行政运行"  # one OCR slip
    name, issue = snap_name("2010301", "行政运行")
    assert name == "行政运行" and issue is None
    assert snap_name("20103", "政府办公厅(室)及相关机构事务") == ("政府办公厅(室)及相关机构事务", None)  # paren width only
    assert snap_name("20805", "行政事业单位离退休")[0] == "行政事业单位离退休"  # the older name, kept
    assert snap_name(None, "合计") == ("合计", None)
    assert snap_name("2010301", None)[0] == "行政运行"
    assert snap_name("208", "保障和就业支出")[0] == "社会保障和就业支出"  # a pale 社会 lost at the cell's edge
    assert snap_name("2010301", "运行") == ("运行", None)  # too little left to say which item it is
    assert snap_name("208", "社会就业支出") == ("社会就业支出", None)  # characters lost inside: kept as printed


def test_a_code_in_no_vocabulary_is_put_right_by_a_name_that_pins_it_down():
    code, issue = code_from_name("3090", "基础设施建设")  # 30905 and 31005 share the name; the digits choose
    assert code == "30905" and issue is not None and issue.code == "code-from-name"
    assert code_from_name("907", "信息网络及软件购置更新")[0] == "30907"
    assert code_from_name("2010102", "行政运行") == ("2010102", None)  # a known code is kept, whatever its name
    assert code_from_name("2019", "行政运行") == ("2019", None)  # too far from every code of the name
    assert code_from_name("3090", "物业管理费") == ("3090", None)  # the name's code 30209 is not a near match
    assert code_from_name("3090", None) == ("3090", None)
    code, issue = code_from_name("21011", "公务员医疗补助")  # the 项 digits of 2101103 lost
    assert code == "2101103" and issue is not None and issue.code == "code-from-name"
    assert code_from_name("21011", "行政事业单位医疗") == ("21011", None)  # the code's own item
    assert code_from_name("2101101", "公务员医疗补助") == ("2101101", None)  # a whole code of another item is kept


def test_a_stray_letter_or_digit_is_taken_off_a_total_line_only():
    assert snap_total("合计7")[0] == "合计" and snap_total("人员经费合计x")[0] == "人员经费合计"
    assert snap_total("合计") == ("合计", None)
    assert snap_total("5G网络建设") == ("5G网络建设", None)  # not a total: an item's own digits stay
    assert snap_total("PM2.5监测合计")[0] == "PM2.5监测合计"  # three strays: not a slip


def test_code_and_name_in_one_cell_and_bad_amounts_are_reported():
    grid = [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["2010301 行政运行", "", "135.49", "135.49"],
        ["2010350", "事业运行", "1.126.92", "abc"],
        ["2O10302", "一般行政管理事务", "1.00", ""],
    ]
    n = normalise_table(raw(grid), "公开05", "万元")
    assert n.records[0] == Record(None, "2010301", None, "行政运行", None, [135.49, 135.49])
    assert n.records[1].values == [1126.92, None]
    assert n.records[2].code == "2010302"
    codes = {i.code for i in n.issues}
    assert {"misread-separator", "not-a-number", "ocr-letter"} <= codes
    assert all(i.page == 1 for i in n.issues)


def test_ocr_alternatives_replace_unreadable_numbers():
    table = raw([["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1O66.3S"]])
    table = replace(table, alternatives={(1, 2): ("1066.35",), (1, 1): ("一般公共服务支岀",)})
    fixed, issues = prefer_alternatives(table)
    assert fixed.grid[1][2] == "1066.35" and fixed.grid[1][1] == "一般公共服务支出"
    assert [i.code for i in issues] == ["ocr-alternative"]
    assert normalise_table(table, "公开05", "万元").records[0].values == [1066.35]


def test_low_confidence_cells_are_named_in_one_warning():
    table = raw([["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1066.35"], ["208", "社会保障和就业支出", ""]])
    table = replace(table, confidence=[[0.99] * 3, [0.3, 0.2, 0.41], [0.99, 0.99, 0.1]])
    issues = [i for i in normalise_table(table, "公开05", "万元").issues if i.code == "low-confidence"]
    assert len(issues) == 1
    assert "row 2 col 3 '1066.35' (0.41)" in issues[0].message and "row 2 col 1 '201'" in issues[0].message
    assert "row 2 col 2 '一般公共服务支出' (0.20)" in issues[0].message  # names are looked at too
    assert issues[0].message.startswith("3 cells")  # an empty cell is no reading to doubt


def test_empty_and_unreadable_tables_are_reported_not_raised():
    empty = normalise_table(raw([["", ""]]), "公开02", "万元")
    assert empty.records == [] and empty.issues[0].code == "empty-table"
    form = normalise_table(raw([["项目名称", "某项目"]]), "绩效自评表", None)
    assert form.form.project == "某项目" and "form-indicators" in {i.code for i in form.issues}


def test_two_sided_split_without_income_and_spending_headings():
    grid = [["项目", "金额", "项目", "金额"],
            ["一、一般公共预算", "10.00", "一、一般公共服务支出", "10.00"],
            ["收入总计", "10.00", "支出总计", "10.00"]]
    n = normalise_table(raw(grid), "预算01", "万元")
    assert n.columns == {"收入": ["金额"], "支出": ["金额"]}
    assert [(r.side, r.item) for r in n.records] == [("收入", "一、一般公共预算"), ("支出", "一、一般公共服务支出"),
                                                   ("收入", "收入总计"), ("支出", "支出总计")]
    assert {c.status for c in n.checks} == {"pass"}


def test_a_column_of_codes_under_a_misread_heading_is_still_the_code_column():
    grid = [["科日代玛", "科目名称", "合计"], ["201", "一般公共服务支出", "10.00"], ["20103", "政府办公厅（室）及相关机构事务", "10.00"]]
    n = normalise_table(raw(grid), "公开05", "万元")
    assert [r.code for r in n.records] == ["201", "20103"] and n.columns == {"": ["合计"]}


def test_a_basic_detail_block_under_a_misread_heading_keeps_its_rows():
    """公开06's third block: 科目代码 read as 科代 over a column that also crosses the 公用经费合计 line,
    and OCR read specks in its empty amount cells as U and yps. The block's 30 rows were lost."""
    grid = [
        ["人员经费", "人员经费", "人员经费", "公用经费", "公用经费", "公用经费", "公用经费", "公用经费", "公用经费"],
        ["科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数", "科代", "科目名称", "决算数"],
        ["301", "工资福利支出", "10.00", "302", "商品和服务支出", "5.00", "309", "资本性支出（基本建设）", "U"],
        ["30101", "基本工资", "10.00", "30201", "办公费", "5.00", "30901", "房屋建筑物购建", "yps"],
        ["", "", "", "", "", "", "30902", "办公设备购置", ""],
        ["", "", "", "", "", "", "30903", "专用设备购置", ""],
        ["", "", "", "", "", "", "30905", "基础设施建设", ""],
        ["人员经费合计", "人员经费合计", "10.00", "公用经费合计", "公用经费合计", "公用经费合计", "公用经费合计", "公用经费合计", "5.00"],
    ]
    n = normalise_table(raw(grid), "公开06", "万元")
    assert [r.code for r in n.records if r.code and r.code.startswith("309")] == ["309", "30901", "30902", "30903", "30905"]
    assert sum(i.code == "not-a-number" for i in n.issues) == 2


def test_a_misread_line_heading_is_recognised_by_its_numbers():
    grid = [["收入", "收入", "收入", "支出", "支出", "支出"], ["项目", "行坎", "金额", "项目", "行次", "金额"],
            ["一、一般公共预算财政拨款收入", "1", "5.00", "一、一般公共服务支出", "32", "5.00"],
            ["二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "33", ""],
            ["本年收入合计", "3", "5.00", "本年支出合计", "34", "5.00"]]
    n = normalise_table(raw(grid), "公开01", "万元")
    assert n.columns == {"收入": ["金额"], "支出": ["金额"]}
    assert n.records[0] == Record("收入", None, 1, "一、一般公共预算财政拨款收入", None, [5.0])


def test_summary_lines_snap_to_the_standard_list():
    from extractor.normalise.names import snap_summary_line

    assert snap_summary_line("八、社会保障和就业支岀")[0] == "八、社会保障和就业支出"
    assert snap_summary_line("本年收入合汁")[0] == "本年收入合计"
    assert snap_summary_line("一、财政拨款收入") == ("一、财政拨款收入", None)  # Shanghai's own line, kept
    assert snap_summary_line("1. 一般公共预算资金") == ("1. 一般公共预算资金", None)
    assert snap_summary_line("收入总汁") == ("收入总汁", None)  # too short to tell 收入合计 from 收入总计
    assert snap_summary_line("结余分配N")[0] == "结余分配"  # seal lettering read beside a short line
    assert snap_summary_line("1一股公共预算资金")[0] == "1一般公共预算资金"  # Shanghai's line, its point lost
    assert snap_summary_line("三、结余分配N")[0] == "三、结余分配"
    assert snap_summary_line("结余分配N3X") == ("结余分配N3X", None)  # more than a speck or two: kept as printed
    assert snap_summary_line("一、一般公共预算财政拨款收人")[0] == "一、一般公共预算财政拨款收入"  # the nearer of two
    assert snap_summary_line("十三·交通运输支出") == ("十三·交通运输支出", None)  # 、 read as ·: still numbering
    kept, doubt = snap_summary_line("八社会战业出")  # too far from 社会保障和就业支出 to correct, so doubted
    assert kept == "八社会战业出" and doubt is not None and doubt.code == "line-misread"
    assert snap_summary_line("三、国防支")[1].code == "line-misread"
    assert snap_summary_line("三、单位预留机动经费") == ("三、单位预留机动经费", None)  # Jiangsu's own line
    assert snap_summary_line("十、某某专项收入") == ("十、某某专项收入", None)  # a local line, nothing like a standard one
    grid = [["收入", "收入", "支出", "支出"], ["项目", "金额", "项目", "金额"],
            ["一、一般公共预算财政拨款收入", "5.00", "一、一般公共服务攴出", "5.00"],
            ["本年收入合计", "5.00", "本年支出合汁", "5.00"]]
    n = normalise_table(raw(grid), "公开01", "万元")
    assert [r.item for r in n.records if r.side == "支出"] == ["一、一般公共服务支出", "本年支出合计"]
    assert [c.status for c in n.checks if c.rule.startswith("本年支出合计")] == ["pass"]
    assert [row[2] for row in corrected_grid(grid, n.corrections)[2:]] == ["一、一般公共服务支出", "本年支出合计"]


def test_lost_numerals_are_restored_from_the_sequence() -> None:
    from extractor.normalise.names import chinese_numeral, restore_numbering

    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 26)] == ["一", "十", "十一", "二十", "二十六"]
    items = ["一、一般公共服务支出", "、外交支出", "三、国防支出", None, "四、公共安全支出", "五、教育支出"]
    fixed, issues = restore_numbering(items)
    assert fixed[1] == "二、外交支出" and fixed[3] is None and len(issues) == 1
    broken = [f"{chinese_numeral(n)}、x{n}" for n in range(1, 26)]
    broken[19] = "十、粮油物资储备支出"  # 二十 read as 十
    assert restore_numbering(broken)[0][19] == "二十、粮油物资储备支出"
    # Lines may be left out: a gap in the numbering is not an error.
    gaps = ["一、一般公共服务支出", "二、外交支出", "七、文化旅游体育与传媒支出", "十九、住房保障支出"]
    assert restore_numbering(gaps) == (gaps, [])
    assert restore_numbering(["、一般公共服务支出", "二、外交支出"])[0][0] == "一、一般公共服务支出"
    fixed, issues = restore_numbering(["一般公共服务支出", "二、外交支出"])  # the whole 一、 lost
    assert fixed[0] == "一、一般公共服务支出" and "'一般公共服务支出'" in issues[0].message
    sub_lines = ["财政拨款", "一般公共预算", "二、事业收入"]  # unnumbered lines under a first line that lost its 一、
    assert restore_numbering(sub_lines) == (sub_lines, [])
    misread = ["十九、住房保障支出", "十、粮油物资储备支出", "十一、国有资本经营预算支出", "二十二、灾害防治及应急管理支出"]
    assert restore_numbering(misread)[0][1:3] == ["二十、粮油物资储备支出", "二十一、国有资本经营预算支出"]  # 二 lost twice
    run = ["、一般公共服务支出", "、社会保障和就业支出", "三、卫生健康支出", "四、住房保障支出"]  # two numerals lost
    assert restore_numbering(run)[0][:2] == ["一、一般公共服务支出", "二、社会保障和就业支出"]
    fixed, issues = restore_numbering(["一、a", "、b", "、c", "五、d"])  # 2-4 for two lines: not pinned, so doubted
    assert fixed == ["一、a", "、b", "、c", "五、d"] and [i.code for i in issues] == ["line-misread", "line-misread"]
    lost = ["一、财政拨款收入", "1.一般公共预算资金", "政府性基金", "国有资本经营预算", "二、事业收入"]  # 2. and 3. pale
    fixed, issues = restore_numbering(lost)
    assert fixed[2:4] == ["2.政府性基金", "3.国有资本经营预算"] and len(issues) == 2
    closing = ["1. 一般公共预算资金", "2. 政府性基金", "上年结转", "收入总计"]  # lines that end the list, unnumbered
    assert restore_numbering(closing) == (closing, [])
    assert restore_numbering(["1. 一般公共预算资金", "政府性基金", "4. 国有资本经营预算"])[1] == []  # 2 or 3? not pinned


def test_a_numeral_that_lost_its_mark_stays_numbering() -> None:
    from extractor.normalise.names import snap_summary_line

    assert snap_summary_line("九卫生健康支出")[0] == "九、卫生健康支出"
    assert snap_summary_line("一般公共服务支出") == ("一般公共服务支出", None)  # 一 here is part of the name
    assert snap_summary_line("二十六、抗疫特别国债安排的支出") == ("二十六、抗疫特别国债安排的支出", None)


def test_a_split_code_column_under_a_misread_heading_is_still_a_code_part():
    """Shanghai's 预算06 splits its codes into 类 and 款; 款 read as 故 made its 01, 02 … an amount column
    and every record lost its code."""
    grid = [
        ["项目", "项目", "项目", "一般公共预算基本支出", "一般公共预算基本支出", "一般公共预算基本支出"],
        ["部门预算经济分类科目编码", "部门预算经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"],
        ["类", "故", "经济分类科目名称", "合计", "人员经费", "公用经费"],
        ["301", "", "工资福利支出", "1,149.82", "1,149.82", "0.00"],
        ["301", "01", "基本工资", "260.80", "260.80", "0.00"],
        ["301", "02", "津贴补贴", "889.02", "889.02", "0.00"],
    ]
    n = normalise_table(raw(grid), "预算06", "万元")
    assert [(r.code, r.values) for r in n.records] == [
        ("301", [1149.82, 1149.82, 0.0]), ("30101", [260.8, 260.8, 0.0]), ("30102", [889.02, 889.02, 0.0])]


def test_a_split_code_part_ocr_could_not_read_is_filled_in_from_the_name():
    """A seal's stroke over 01 read as 'on', beside 11 as '11号': the rows had lost their codes and
    carried the misreadings in their names."""
    from extractor.normalise.records import Columns, read_rows

    cols = Columns(code=[0, 1, 2], name=[3], values=[4])
    rows = [["210", "11", "on", "行政单位医疗", "7.76"], ["210", "11号", "03", "公务员医疗补助", "2.89"],
            ["210", "11", "xy", "不在词表的项目", "1.00"]]
    readings, issues = read_rows(rows, cols)
    assert [(r.code, r.item) for r in readings] == [("2101101", "行政单位医疗"), ("2101103", "公务员医疗补助"), (None, "不在词表的项目")]
    assert [i.code for i in issues].count("code-from-name") == 2
    assert [i.code for i in issues].count("bad-code") == 3  # each unreadable part is reported, filled in or not


def test_the_grid_shows_the_names_codes_and_amounts_the_records_put_right():
    table = raw([
        ["科目编码", "科目编码", "科目编码", "科目名称", "本年支出"],
        ["类", "款", "项", "科目名称", "本年支出"],
        ["合计", "合计", "合计", "合计", "1,066.35"],
        ["201", "", "", "般公共服务支出", "1,066.35"],
        ["201", "03", "0", "行政运行", "1O66.35"],
        ["科目编码", "科目编码", "科目编码", "科目名称", "本年支出"],  # repeated after a page break
        ["201", "03", "02", "一般行政管理事务", "—"],
    ])
    table = replace(table, alternatives={(4, 4): ("1066.35",)})
    out = normalise_table(table, "公开05", "万元")
    grid = corrected_grid(table.grid, out.corrections)
    assert grid[3] == ["201", "", "", "一般公共服务支出", "1,066.35"]
    assert grid[4] == ["201", "03", "01", "行政运行", "1066.35"]  # 项 mended from the name, the alternative kept
    assert grid[6] == table.grid[6] and grid[5] == table.grid[5]  # rows after a repeated header stay in place
    assert [r.code for r in out.records] == [None, "201", "2010301", "2010302"]


def test_a_correction_fills_every_position_of_a_merged_cell_but_not_blank_neighbours():
    grid = [["合讣", "合讣", "", "", "12"]]
    assert corrected_grid(grid, {(0, 1): "合计"}) == [["合计", "合计", "", "", "12"]]
    assert corrected_grid(grid, {(0, 2): "3"}) == [["合讣", "合讣", "3", "", "12"]]
    assert corrected_grid(grid, {(5, 0): "x"}) == grid  # a position past the grid is ignored


def test_amount_cells_holding_no_amount_read_as_a_dash_or_blank_in_the_grid():
    table = raw([
        ["科目编码", "科目名称", "本年支出", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "5.00", "一_", "暂"],  # a dash read as 一 and a speck; seal lettering over a dash
        ["20103", "政府办公厅（室）及相关机构事务", "5.00", "2.00", "一二三"],
        ["2010301", "行政运行", "3.00", "1.00", "2.00"],
        ["2010302", "一般行政管理事务", "2.00", "1.00", "1.00"],
    ])
    out = normalise_table(table, "公开03", "万元")
    grid = corrected_grid(table.grid, out.corrections)
    assert grid[1][3:] == ["——", ""] and grid[2][4] == "一二三"  # three characters are more than a speck: kept
    assert [i.code for i in out.issues].count("not-a-number") == 2


def test_a_line_number_ocr_could_not_read_is_restored_between_its_neighbours():
    table = raw([
        ["项目", "行次", "统计数"],
        ["3.机要通信用车", "10", ""],
        ["4.应急保障用车", "ni", "1"],  # 11 misread
        ["5.执法执勤用车", "12", ""],
        ["二、机关运行经费", "二、机关运行经费", "二、机关运行经费"],
        ["(一)行政单位", "14", "5.00"],  # 13 is not left for the heading between 12 and 14
        ["(二)参照公务员法管理事业单位", "155", ""],  # 15 read with a 5 doubled
        ["三、国有资产占用情况", "16", ""],
    ])
    out = normalise_table(table, "公开10", "万元")
    assert [r.line for r in out.records] == [10, 11, 12, None, 14, 15, 16]
    assert [i.code for i in out.issues].count("line-restored") == 2
    assert "not-a-number" not in [i.code for i in out.issues]  # the heading repeats across the row: no amount misread
    assert corrected_grid(table.grid, out.corrections)[2] == ["4.应急保障用车", "11", "1"]


def test_a_statistics_line_that_lost_its_numbering_gets_it_back():
    from extractor.normalise.names import snap_stats_line

    assert snap_stats_line("行政单位")[0] == "（一）行政单位"  # OCR lost the pale (一)
    assert snap_stats_line("3.机要通讯用车")[0] == "3. 机要通信用车"
    assert snap_stats_line("车辆数合计（辆")[0] == "（一）车辆数合计（辆）"  # its (一) and a bracket lost
    assert snap_stats_line("(一)行政单位") == ("(一)行政单位", None)  # only the bracket's width differs
    assert snap_stats_line("4.其他公务用车") == ("4.其他公务用车", None)  # a local line: kept


def test_a_forms_dashes_read_as_one_show_as_dashes_in_the_grid():
    grid = [
        ["年度预算执行情况（万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度预算执行情况（万元)", "年度资金总额", "100.00", "100.00", "90.00", "10", "90.00", "9.00"],
        ["年度预算执行情况（万元)", "其中：基本支出", "60.00", "60.00", "50.00", "一一", "83.33", "一"],
        ["年度履职目标", "一", "", "", "", "", "", ""],  # no amount in the row: left as read
    ]
    out = normalise_table(raw(grid), "整体绩效自评表", "万元")
    fixed = corrected_grid(grid, out.corrections)
    assert fixed[2][5:] == ["——", "83.33", "—"] and fixed[3] == grid[3]


def test_a_code_that_came_out_blank_is_filled_from_its_name_and_place():
    table = raw([
        ["科目代码", "科目名称", "本年收入合计"],
        ["合计", "合计", "20.00"],
        ["", "一般公共服务支出", "20.00"],  # a seal over the code column
        ["20103", "政府办公厅（室）及相关机构事务", "20.00"],
        ["2010301", "行政运行", "15.00"],
        ["", "一般行政管理事务", "5.00"],  # a name of many codes: 2010302 after 2010301
        ["", "不在词表的项目", "1.00"],
    ])
    out = normalise_table(table, "公开02", "万元")
    assert [r.code for r in out.records] == [None, "201", "20103", "2010301", "2010302", None]
    assert [i.code for i in out.issues].count("code-from-name") == 2
    assert [row[0] for row in corrected_grid(table.grid, out.corrections)[2:6]] == ["201", "20103", "2010301", "2010302"]


def test_a_blank_lines_misread_line_number_is_restored_in_a_summary_table():
    grid = [["收入", "收入", "收入", "支出", "支出", "支出"], ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["", "22", "", "二十二、灾害防治及应急管理支出", "53", ""],
            ["", "28", "", "二十三、其他支出", "54", "1.00"],  # 23 read as 28 on a line with nothing else
            ["", "24", "", "二十四、债务还本支出", "55", ""]]
    n = normalise_table(raw(grid), "公开01", "万元")
    assert [r.line for r in n.records if r.side == "收入"] == [22, 23, 24]
    assert corrected_grid(grid, n.corrections)[3][1] == "23"
