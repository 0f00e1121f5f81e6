"""Correcting printed item names against the code vocabulary and the summary tables' standard lines.

A code pins down its standard name, so when the printed name is a near miss
(an OCR slip, a traditional character, a dropped character) the standard name
is used and the change is reported. A name that differs a lot is kept as
printed: localities rename items and the vocabulary is not complete. The
summary tables (公开01/04, 预算01/04) have no codes, but their lines come from
a short fixed list, which plays the same part.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from extractor.model import Issue
from extractor.normalise.header import TOTAL_LABELS
from extractor.normalise.numbers import clean
from extractor.vocab import economic_codes, functional_codes, name_for

_FOLD = str.maketrans("（）【】［］「」：", "()[][]\"\":")
# At most one differing character per five of the standard name (at least one):
# OCR slips and traditional forms, not an older or local name for the item.
CHARS_PER_SLIP = 5


# The lines of the two-sided summary tables, without their 一、 numbering.
SUMMARY_LINES = (
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入",
    "经营收入", "附属单位上缴收入", "其他收入", "本年收入合计", "使用非财政拨款结余（含专用结余）", "年初结转和结余",
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
    "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出", "债务还本支出",
    "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出", "本年支出合计", "结余分配", "年末结转和结余",
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "年初财政拨款结转和结余",
    "年末财政拨款结转和结余", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金",
    "上年结转", "年终结转", "上年财政拨款结转", "收入总计", "支出总计", "收入合计", "支出合计", "总计", "合计", "小计",
    # Shanghai's 预算01/04 (putuo qufuban 2025): 一、财政拨款收入, 1. 一般公共预算资金, 2. 政府性基金 …
    "财政拨款收入", "一般公共预算资金", "政府性基金", "事业单位经营收入",
    # Jiangsu's 2018 预算01/04 (renda): its lines by use of funds, and the functional classes' names of that year.
    "财政拨款", "其他资金", "基本支出", "项目支出", "单位预留机动经费", "当年收入小计", "当年支出小计", "上年结转资金",
    "结转下年资金", "文化体育与传媒支出", "医疗卫生与计划生育支出", "资源勘探信息等支出", "国土海洋气象等支出",
)
# Short lines differ from each other by a character or two (收入合计 / 收入总计): only longer ones are snapped.
_SHORTEST_SNAPPED = 6
# A digit's point may be lost by OCR (1一般公共预算资金 for 1. 一般公共预算资金), and a numeral's 、 read as
# another mark (十三·交通运输支出).
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+[、·，,．.]|\d+[.、．]\s*|\d{1,2}(?=[\u4e00-\u9fff]))")
_BARE_NUMERAL = re.compile(r"^([一二三四五六七八九十]+)(?!、)")


def _key(text: str) -> str:
    return clean(text).translate(_FOLD)


@lru_cache(maxsize=4)
def _keys_of(lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_key(line) for line in lines)


def snap_name(code: str | None, printed: str | None) -> tuple[str | None, Issue | None]:
    """The item name to emit for a row, and an issue when it was corrected."""
    if not code:
        return printed, None
    standard = name_for(code)
    if standard is None:
        return printed, None
    if not printed:
        return standard, Issue("name-from-code", f"{code}: name missing, filled in as {standard}")
    if _key(printed) == _key(standard):
        return printed, None
    if _near_miss(printed, standard) or _lost_edge(printed, standard):
        return standard, Issue("name-snapped", f"{code}: printed name {printed!r} corrected to {standard!r}")
    return printed, None


# OCR loses up to this many characters from one end of a name (a pale 社会 before 保障和就业支出) ...
_MOST_LOST_AT_EDGE = 2
# ... and what is left must still say which item it is.
_LEAST_LEFT = 4


def _lost_edge(printed: str, standard: str) -> bool:
    """The code's name with its first or last character or two missing: a lost edge of the cell, not
    a local name for the item, which would differ inside."""
    p, s = _key(printed), _key(standard)
    return len(p) >= _LEAST_LEFT and 0 < len(s) - len(p) <= _MOST_LOST_AT_EDGE and (s.endswith(p) or s.startswith(p))


# A misread code differs from the printed one by a digit or two (3090 for 30905, 907 for 30907).
_CODE_SLIPS = 2


@lru_cache(maxsize=1)
def _codes_by_key() -> dict[str, tuple[str, ...]]:
    """Vocabulary names (as compared) -> every code of that name: 行政运行 names dozens, 基础设施建设 one."""
    by_key: dict[str, list[str]] = {}
    for codes in (functional_codes(), economic_codes()):
        for code, name in codes.items():
            by_key.setdefault(_key(name), []).append(code)
    return {k: tuple(v) for k, v in by_key.items()}


def code_in_place(printed: str, before: str | None, after: str | None) -> tuple[str | None, Issue | None]:
    """The code of a row whose code cells came out blank (a seal over them), from its name and the codes
    printed around it, which a table lists in ascending order: the one code of the name that sorts
    between ``before`` and ``after``, or of several the one beside or under ``before`` (一般行政管理事务
    names 2010102, 2010202, 2010302 …; after 2010301 行政运行 it is 2010302)."""
    fits = [c for c in _codes_by_key().get(_key(printed), ()) if (before is None or c > before) and (after is None or c < after)]
    if len(fits) > 1 and before is not None:
        fits = [c for c in fits if _parent(c) in (before, _parent(before))]
    if len(fits) != 1:
        return None, None
    return fits[0], Issue("code-from-name", f"{printed!r}: its code cell came out blank; {fits[0]} is the code of that name in its place")


def _parent(code: str) -> str:
    return code[:-2] if len(code) > 3 else ""


def code_from_name(code: str | None, printed: str | None) -> tuple[str | None, Issue | None]:
    """A code that is in no vocabulary (OCR dropped or garbled a digit), put right by its printed name.

    A code the vocabulary knows is kept even when its name differs: names
    change between years and localities, and a digital layer's code is
    right. The code is also kept when no code of the printed name is a near
    match of its digits, or two are equally near (行政运行 names dozens of
    codes; 基础设施建设 two, 30905 and 31005, which 3090 tells apart).
    """
    if not code or not printed:
        return code, None
    known = name_for(code)
    if known is not None:
        return _lost_tail(code, printed, known)
    near = sorted((differing_chars(code, c), c) for c in _codes_by_key().get(_key(printed), ()) if c != code)
    if not near or near[0][0] > _CODE_SLIPS or (len(near) > 1 and near[1][0] == near[0][0]):
        return code, None
    fixed = near[0][1]
    return fixed, Issue("code-from-name", f"code {code!r} of {printed!r} read as {fixed!r}, the code of that name")


def _lost_tail(code: str, printed: str, known: str) -> tuple[str, Issue | None]:
    """A known code whose printed name is another item's, and that item's one code begins with it:
    OCR dropped the 项 digits (2101103 公务员医疗补助 read as 21011, whose item is 行政事业单位医疗)."""
    if _key(printed) == _key(known) or _near_miss(printed, known):
        return code, None
    longer = [c for c in _codes_by_key().get(_key(printed), ()) if c.startswith(code) and c != code]
    if len(longer) != 1:
        return code, None
    return longer[0], Issue("code-from-name", f"code {code!r} of {printed!r} read as {longer[0]!r}: that name's code, which begins with it")


_STRAY = re.compile(r"[A-Za-z0-9]")
# At most this many stray letters or digits are taken off a total line's label.
_MOST_STRAY = 2


def _without_strays(text: str) -> str | None:
    """``text`` without the one or two letters or digits OCR added to it, or None when it has none or more."""
    stray = _STRAY.findall(text)
    return _STRAY.sub("", text) if stray and len(stray) <= _MOST_STRAY else None


def snap_total(printed: str | None) -> tuple[str | None, Issue | None]:
    """A total line's label without the letter or digit OCR added to it (合计7: a speck beside 合计).

    Only labels that are a total once the strays are gone are touched; names
    of items may hold letters and digits of their own (5G, PM2.5).
    """
    fixed = _without_strays(printed) if printed else None
    if fixed is None or not fixed.endswith(TOTAL_LABELS):
        return printed, None
    return fixed, Issue("name-snapped", f"total line {printed!r} read as {fixed!r}")


def differing_chars(a: str, b: str) -> int:
    """Characters changed, inserted or dropped between two strings (by longest matching blocks)."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def _near_miss(printed: str, standard: str) -> bool:
    return differing_chars(_key(printed), _key(standard)) <= max(1, len(_key(standard)) // CHARS_PER_SLIP)


def snap_summary_line(printed: str | None) -> tuple[str | None, Issue | None]:
    """A summary-table line corrected to the one standard line it nearly matches, numbering kept.

    A numeral whose 、 was lost (九卫生健康支出) keeps its place as numbering.
    Short lines are not snapped, but a letter or digit OCR added to one
    (结余分配N: seal lettering beside it) is taken off, as no standard line has any.
    """
    if not printed:
        return printed, None
    m = _NUMBERING.match(printed)
    numbering, name = (m.group(0), printed[m.end():]) if m else ("", printed)
    keys = _keys_of(SUMMARY_LINES)
    if _key(name) in keys:
        return printed, None
    unstrayed = _without_strays(name)
    if unstrayed is not None and _key(unstrayed) in keys:
        fixed = numbering + unstrayed
        return fixed, Issue("name-snapped", f"printed line {printed!r} read as {fixed!r}")
    bare = None if m else _BARE_NUMERAL.match(printed)
    if bare and _key(printed[bare.end():]) in keys:
        fixed = f"{bare.group(1)}、{printed[bare.end():]}"
        return fixed, Issue("name-snapped", f"printed line {printed!r} corrected to {fixed!r}")
    close = _nearest(name, [line for line in SUMMARY_LINES if len(line) >= _SHORTEST_SNAPPED and _near_miss(name, line)])
    if len(_key(name)) >= _SHORTEST_SNAPPED and close is not None:
        fixed = numbering + close
        return fixed, Issue("name-snapped", f"printed line {printed!r} corrected to {fixed!r}")
    if not m and not bare:
        return printed, None  # an unnumbered line may be a local one
    return printed, _misread_line(printed, printed[bare.end():] if bare else name)


def _nearest(printed: str, lines: list[str]) -> str | None:
    """The one line fewest characters away (一般公共预算财政拨款收人 is one from …收入, two from …拨款)."""
    ranked = sorted((differing_chars(_key(printed), _key(line)), line) for line in lines)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


# Share of a numbered line's characters found, in order, in a standard line for it to be a misreading of one.
_MISREAD_SHARE = 0.6


def _misread_line(printed: str, name: str) -> Issue | None:
    """A doubt about a numbered line that is no standard line but most of one: too damaged to
    correct (八社会战业出), so its amounts may be filed under the wrong line."""
    key = _key(name)
    if not key:
        return None
    shared, nearest = max((_shared_chars(key, _key(line)), line) for line in SUMMARY_LINES)
    if shared < _MISREAD_SHARE * len(key):
        return None
    return Issue("line-misread", f"printed line {printed!r} is no standard line; it may be a misreading of {nearest!r}")


def _shared_chars(a: str, b: str) -> int:
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


# The lines of 公开10 (datong 2024, as every Shanxi 决算 prints them), with their numbering.
STATS_LINES = (
    "一、政府采购情况", "合计", "货物", "工程", "服务", "二、机关运行经费", "（一）行政单位", "（二）参照公务员法管理事业单位",
    "三、国有资产占用情况", "（一）车辆数合计（辆）", "1. 副部（省）级及以上领导用车", "2. 主要负责人用车", "3. 机要通信用车",
    "4. 应急保障用车", "5. 执法执勤用车", "6. 特种专业技术用车", "7. 离退休干部服务用车", "8. 其他用车",
    "（二）单价100万元（含）以上设备（不含车辆）",
)
_STATS_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])\s*")


def snap_stats_line(printed: str | None) -> tuple[str | None, Issue | None]:
    """A 公开10 line put right against the standard lines: its numbering restored where OCR lost it
    (行政单位 for （一）行政单位), or a near miss snapped; a line that matches none is kept."""
    if not printed or _key(printed) in _keys_of(STATS_LINES):
        return printed, None
    bare = _STATS_NUMBERING.sub("", printed)
    by_name = {_key(_STATS_NUMBERING.sub("", line)): line for line in STATS_LINES}
    near = _nearest(bare, [name for name in by_name if len(name) >= _SHORTEST_SNAPPED and _near_miss(bare, name)])
    fixed = by_name.get(_key(bare)) or (by_name[near] if near else None)
    if fixed is None:
        return printed, None
    return fixed, Issue("name-snapped", f"printed line {printed!r} corrected to {fixed!r}")


_DIGITS = "一二三四五六七八九"
_LEAD_NUMERAL = re.compile(r"^([一二三四五六七八九十]*)、")


def chinese_numeral(n: int) -> str:
    """1..99 as printed in report numbering: 一, 十, 十一, 二十, 二十三."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[ones - 1] if ones else "")


def numeral_value(text: str) -> int | None:
    """一..九十九 as a number; None for anything else (including the empty string)."""
    values = {chinese_numeral(n): n for n in range(1, 100)}
    return values.get(text)


def restore_numbering(items: list[str | None]) -> tuple[list[str | None], list[Issue]]:
    """Numbered lines (一、… 二十六、…) whose numeral OCR lost or garbled, renumbered from their neighbours.

    Lines may be left out (a report prints 二、外交支出 then 七、文化…), so a
    numeral is only mended where its neighbours pin it down: the line before
    and the line after differ by two and this one is not the number between
    them (、外交支出 between 一、 and 三、; 十、 between 十九、 and 二十一、). A
    first line followed by 二、 is 一、, even when its whole numbering was
    lost (a pale 一、 before 一般公共服务支出); a last line with no numeral
    follows the one before it.
    """
    printed = items
    present = [i for i, item in enumerate(items) if item]
    if len(present) > 1 and not _LEAD_NUMERAL.match(items[present[0]] or ""):
        second = _LEAD_NUMERAL.match(items[present[1]] or "")
        if second and numeral_value(second.group(1)) == 2:
            items = list(items)
            items[present[0]] = f"、{items[present[0]]}"  # a numbering whose numeral is lost, as below
    numbered = [(i, m) for i, item in enumerate(items) if item and (m := _LEAD_NUMERAL.match(item))]
    read = [numeral_value(m.group(1)) for _, m in numbered]
    values = _runs_renumbered(read)
    out = list(items)
    issues: list[Issue] = []
    for k, (i, m) in enumerate(numbered):
        before = values[k - 1] if k > 0 else 0
        after = values[k + 1] if k + 1 < len(numbered) else None
        if values[k] is not None and values[k] != read[k]:
            want = values[k]  # one of a run of lost or misread numerals, filled in from the numbers around it
        elif after is not None and before is not None:
            want = before + 1 if after == before + 2 else None
        else:  # the last line, or one before a lost numeral: only the last follows the one before it
            want = before + 1 if k + 1 == len(numbered) and before and not m.group(1) else None
        if want is None or read[k] == want:
            continue
        out[i] = f"{chinese_numeral(want)}、{items[i][m.end():]}"
        issues.append(Issue("numbering-restored", f"printed line {printed[i]!r} read as {out[i]!r} (its place in the numbered list)"))
    issues.extend(Issue("line-misread", f"printed line {printed[i]!r} lost its numeral, and the lines around it do not pin it down")
                  for i, m in numbered if not m.group(1) and out[i] == items[i])
    return _restore_sub_numbers(out, printed, issues)


def _runs_renumbered(values: list[int | None]) -> list[int | None]:
    """Consecutive lines whose numerals were lost (、一般公共服务支出, 、社会保障和就业支出 before 三、) or read
    out of order (二十、 and 二十一、 read as 十、 and 十一、 after 十九、) numbered from the lines around them,
    when those leave exactly their count of numbers."""
    out = list(values)
    last, k = 0, 0
    while k < len(out):
        if out[k] is not None and out[k] > last:
            last, k = out[k], k + 1
            continue
        end = k
        while end < len(out) and (out[end] is None or out[end] <= last):
            end += 1
        if end < len(out) and out[end] - last == end - k + 1:
            out[k:end] = range(last + 1, out[end])
        k = end
    return out


_SUB_NUMBER = re.compile(r"^(\d{1,2})([.、．]\s*)")


def _restore_sub_numbers(items: list[str | None], printed: list[str | None], issues: list[Issue]) -> tuple[list[str | None], list[Issue]]:
    """Sub-lines (1. 一般公共预算资金, 2. 政府性基金 … under 一、财政拨款收入) whose number OCR lost.

    Standard lines with no numbering right after sub-line k are k + 1, k + 2 …
    when the next numbered line closes the run (the next 一、 line, or the sub-line
    that follows them): unnumbered lines that end a list (上年结转, 收入总计) are left alone.
    """
    out = list(items)
    keys = _keys_of(SUMMARY_LINES)
    i = 0
    while i < len(out):
        m = _SUB_NUMBER.match(out[i] or "")
        end = i + 1
        while m and end < len(out) and out[end] and not _NUMBERING.match(out[end]) and _key(out[end]) in keys:
            end += 1
        if m and end > i + 1 and _closes(out[end] if end < len(out) else None, int(m.group(1)) + end - i):
            for k in range(i + 1, end):
                out[k] = f"{int(m.group(1)) + k - i}{m.group(2)}{out[k]}"
                issues.append(Issue("numbering-restored", f"printed line {printed[k]!r} read as {out[k]!r} (a sub-line of the list above it)"))
        i = end
    return out, issues


def _closes(line: str | None, next_sub: int) -> bool:
    """A line that ends a run of sub-lines: the next 一、 line, or sub-line ``next_sub``."""
    if not line:
        return False
    m = _SUB_NUMBER.match(line)
    return _LEAD_NUMERAL.match(line) is not None or (m is not None and int(m.group(1)) == next_sub)
