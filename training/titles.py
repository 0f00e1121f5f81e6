"""The contract label a standard table title stands for, used to label the seed texts.

Only for training data whose titles are clean and whose report kind is known;
the extractor itself never labels by title alone. Rules are tried in order,
the more specific first (财政拨款收入支出决算总表 before 收入支出决算总表).
"""

from __future__ import annotations

import re

from extractor.classify.features import normalise_text

_JUESUAN = (
    (r"整体支出绩效自评", "整体绩效自评表"),
    (r"绩效自评", "绩效自评表"),
    (r"相关信息统计表", "公开10"),
    (r"三公", "公开09"),
    (r"国有资本经营预算财政拨款", "公开08"),
    (r"政府性基金预算财政拨款", "公开07"),
    (r"基本支出决算", "公开06"),
    (r"一般公共预算财政拨款支出决算", "公开05"),
    (r"财政拨款收入支出决算总表", "公开04"),
    (r"收入支出决算总表", "公开01"),
    (r"收入决算表", "公开02"),
    (r"支出决算表", "公开03"),
)
_YUSUAN = (
    (r"整体支出绩效目标", "整体绩效目标表"),
    (r"绩效目标表", "绩效目标表"),
    (r"项目支出预算表\(上年结转\)", "预算13"),
    (r"项目支出预算表", "预算12"),
    (r"三公", "预算10"),
    (r"机关运行经费", "预算11"),
    (r"国有资本经营预算", "预算09"),
    (r"政府性基金预算收入", "预算07"),
    (r"政府性基金", "预算08"),
    (r"基本支出", "预算06"),
    (r"一般公共预算支出", "预算05"),
    (r"财政拨款收支", "预算04"),
    (r"收支.*总表", "预算01"),
    (r"收入.*总表", "预算02"),
    (r"支出.*总表", "预算03"),
)
_RULES = {"决算": [(re.compile(p), label) for p, label in _JUESUAN], "预算": [(re.compile(p), label) for p, label in _YUSUAN]}


def label_from_title(title: str | None, kind: str) -> str:
    text = normalise_text(title or "")
    for pattern, label in _RULES[kind]:
        if pattern.search(text):
            return label
    return "其他"
