"""Whether a page's text layer can stand for what the page shows.

A PDF's text layer is only as good as the program that wrote it: fonts with a
lost or mangled ToUnicode map yield control codes, private-use characters,
mojibake or plausible-looking but wrong Chinese, and scans carry invisible OCR
layers of any quality. Trusting such a layer gives confident, wrong numbers,
so each page gets a verdict first; an untrusted page is read by OCR instead.

The verdict rests on evidence that holds for every report of this family:
the characters a broken map produces are ones these reports never print, the
Chinese of a real report is common characters forming the domain's words
(支出, 预算, 财政拨款 …) while a shifted map gives rare characters that almost
never do, and an invisible layer over an image can only be believed after a
spot-check against OCR of the image itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.model import BBox, TextSpan
from extractor.vocab import economic_codes, functional_codes

GARBLED = "garbled-text-layer"
NO_TEXT = "no-text-layer"
IMAGE_ONLY = "image-only-page"
UNVERIFIED_OCR = "unverified-ocr-layer"

# Thresholds, tuned on the real PDFs (none may be flagged) and on garbled copies of them (all must be).
BAD_CHAR_MAX = 0.02  # control, private-use, unassigned, U+FFFD, (cid:N)
MOJIBAKE_MAX = 0.10  # Latin-1 letters, kana, Hangul: what other code pages make of GBK bytes
COMMON_CJK_MIN = 0.85  # share of CJK characters in GB2312 level 1 (the 3755 most used)
VOCAB_MIN = 0.03  # share of CJK bigrams that occur in the domain vocabulary
# A shifted map that swaps a few characters for look-alikes (统筼 for 统筹, 管琈 for 管理) leaves a page's
# shares those of a clean one, but scatters rare characters no report prints: this many different ones,
# making up this share of the Chinese, are garbling (real pages: none; generated clean pages: at most 2).
RARE_KINDS_MIN = 4
RARE_SHARE_MIN = 0.03
MIN_CJK_FOR_STATS = 15  # fewer CJK characters than this say too little to judge by
# A bullet from a symbol font (often mapped to U+F0B7) or one accented name is not garbling: ask for a few.
MIN_ODD_CHARS = 3
IMAGE_COVERED = 0.5  # an image over this share of the page means the text on it came from OCR
# Clean renders of true layers pool at 0.92-1.0 against RapidOCR, layers with a tenth of the characters
# misread at 0.54-0.94: a layer that disagrees with OCR in more than 1 character in 20 is not trusted.
SPOT_CHECK_MIN = 0.95

_CID = re.compile(r"\(cid:\d+\)")
# Printed in real reports: × ÷ ° · ± and the typographic quotes/dashes, which sit outside U+0080..U+00FF anyway.
_LATIN1_ALLOWED = set("×÷°·±")
_FOREIGN_RANGES = (
    ("\u0080", "\u024f"),  # Latin-1 supplement, Latin extended: GBK read as cp1252/latin-1 (Ö§³ö)
    ("\u1100", "\u11ff"),  # Hangul jamo
    ("\u3040", "\u30ff"),  # kana: GBK read as Shift-JIS
    ("\u3130", "\u318f"),  # Hangul compatibility jamo
    ("\uac00", "\ud7af"),  # Hangul syllables: GBK read as EUC-KR
    ("\uff61", "\uff9f"),  # half-width katakana: GBK read as Shift-JIS (ﾖｧｳ)
)

# Words every report of this family prints, beyond the code names in extractor.vocab.
_DOMAIN_WORDS = """
收入 支出 合计 总计 小计 预算 决算 财政拨款 财政 拨款 项目 科目 编码 名称 单位 部门 万元 金额 本年 上年 年初 年末
结转 结余 基本支出 项目支出 经费 三公 公务 接待 出国 用车 购置 运行 维护 会议费 培训费 机关 事业 行政 政府 性基金
国有 资本 经营 一般 公共 预算数 决算数 功能 分类 经济 情况 说明 主要 原因 增加 减少 增长 下降 持平 比上年 用于
其中 包括 本部门 本单位 公开 名词 解释 职能 机构 设置 构成 绩效 目标 指标 评价 自评 管理 工作 实施 完成 资金 支付
政府采购 采购 资产 车辆 主管 财务 收支 总表 明细 表 上级 补助 附属 上缴 其他 使用 非财政 专用 分配 资金来源 执行
年度 全年 计划 开展 保障 提高 加强 负责 组织 制定 落实 服务 人员 工资 福利 社会 保险 缴费 住房 公积金 医疗 养老
""".split()


@dataclass(frozen=True)
class TextStats:
    """What the verdict was based on, kept for the warning message and for tuning."""

    chars: int  # non-space characters
    cjk: int
    bad: int
    mojibake: int
    bad_ratio: float
    mojibake_ratio: float
    common_ratio: float  # 1.0 when there is no CJK
    vocab_ratio: float  # 1.0 when there are no CJK bigrams
    rare_kinds: int = 0  # different CJK characters outside GB2312 level 1


@dataclass(frozen=True)
class TextLayerVerdict:
    trusted: bool
    reason: str | None  # a warning code: garbled-text-layer, no-text-layer, image-only-page, unverified-ocr-layer
    stats: TextStats
    # The layer lies over an image: OCR a few of its boxes, compare with spot_check(), and assess again.
    needs_spot_check: bool = False
    detail: str = field(default="")


def assess_text_layer(
    text: str,
    *,
    page_has_images: bool,
    image_coverage: float,
    spot_check_score: float | None = None,
    unicode_map_errors: bool = False,
) -> TextLayerVerdict:
    """Decide whether ``text`` (the page's whole text layer) can be used instead of OCR.

    ``image_coverage`` is the share of the page area under images. For a page
    whose text lies over an image (an invisible OCR layer) pass the
    ``pooled_spot_check`` of a few of its boxes once known; until then the
    verdict asks for it. ``unicode_map_errors`` is PDFium's own finding that
    a font's ToUnicode map does not cover its glyphs: it catches pages too
    short or too number-heavy for the character statistics (no real report
    page showed it: 0 of 898 pages).
    """
    stats = text_stats(text)
    covered = page_has_images and image_coverage >= IMAGE_COVERED
    if stats.chars == 0:
        reason = IMAGE_ONLY if covered else NO_TEXT
        return TextLayerVerdict(False, reason, stats, detail="the page has no text layer")
    problem = _garbling(stats) or ("a font's ToUnicode map does not cover its glyphs" if unicode_map_errors else "")
    if problem:
        return TextLayerVerdict(False, GARBLED, stats, detail=problem)
    if not covered:
        return _unless_look_alikes(stats)
    if spot_check_score is None:
        return TextLayerVerdict(False, UNVERIFIED_OCR, stats, needs_spot_check=True,
                                detail="text over a page image: spot-check it against OCR")
    if spot_check_score < SPOT_CHECK_MIN:
        return TextLayerVerdict(False, GARBLED, stats,
                                detail=f"the invisible text disagrees with OCR of the image (similarity {spot_check_score:.2f})")
    return _unless_look_alikes(stats)  # a few swapped characters in a long page pass the spot-check's 1 in 20


def _garbling(s: TextStats) -> str:
    """Why the statistics say the layer is garbled, or "" when they do not."""
    if s.bad >= MIN_ODD_CHARS and s.bad_ratio > BAD_CHAR_MAX:
        return f"{s.bad_ratio:.0%} of the characters are control, private-use, unmapped or replacement characters"
    if s.mojibake >= MIN_ODD_CHARS and s.mojibake_ratio > MOJIBAKE_MAX:
        return f"{s.mojibake_ratio:.0%} of the characters are mojibake (Latin-1, kana or Hangul)"
    if s.cjk >= MIN_CJK_FOR_STATS and s.common_ratio < COMMON_CJK_MIN:
        return f"only {s.common_ratio:.0%} of the Chinese characters are common ones"
    if s.cjk >= MIN_CJK_FOR_STATS and s.vocab_ratio < VOCAB_MIN:
        return f"only {s.vocab_ratio:.0%} of the Chinese character pairs form words of these reports"
    return ""


def _unless_look_alikes(s: TextStats) -> TextLayerVerdict:
    """Trusted, unless a few characters were swapped for look-alikes. Judged once a layer over an image
    has passed its spot-check, so that such a page is still read whole by OCR."""
    if s.rare_kinds >= RARE_KINDS_MIN and 1 - s.common_ratio >= RARE_SHARE_MIN:
        return TextLayerVerdict(False, GARBLED, s, detail=f"{s.rare_kinds} different rare characters "
                                f"({1 - s.common_ratio:.0%} of the Chinese) where these reports print common ones")
    return TextLayerVerdict(True, None, s)


def text_stats(text: str) -> TextStats:
    cids = len(_CID.findall(text))
    text = _CID.sub("", text)
    chars = [ch for ch in text if not ch.isspace()]
    n = len(chars) + cids
    if n == 0:
        return TextStats(0, 0, 0, 0, 0.0, 0.0, 1.0, 1.0)
    bad = cids + sum(1 for ch in chars if _is_bad(ch))
    mojibake = sum(1 for ch in chars if _is_foreign(ch))
    cjk = [ch for ch in chars if _is_cjk(ch)]
    common = sum(1 for ch in cjk if _is_common(ch))
    pairs = [a + b for a, b in zip(text, text[1:]) if _is_cjk(a) and _is_cjk(b)]
    known = sum(1 for p in pairs if p in _domain_bigrams())
    return TextStats(
        chars=n,
        cjk=len(cjk),
        bad=bad,
        mojibake=mojibake,
        bad_ratio=bad / n,
        mojibake_ratio=mojibake / n,
        common_ratio=common / len(cjk) if cjk else 1.0,
        vocab_ratio=known / len(pairs) if pairs else 1.0,
        rare_kinds=len({ch for ch in cjk if not _is_common(ch)}),
    )


def spot_check(layer_text_in_box: str, ocr_text_in_box: str) -> float:
    """How far the text layer and OCR agree on one box, 0..1 (1 - normalised edit distance).

    Width variants, spaces and thousands separators are ignored: they differ
    between a good layer and a good OCR reading without either being wrong.
    """
    return pooled_spot_check([(layer_text_in_box, ocr_text_in_box)])


def pooled_spot_check(boxes: Iterable[tuple[str, str]]) -> float:
    """Agreement over several (layer text, OCR text) boxes, weighted by length.

    Pool a page's boxes with this rather than averaging ``spot_check``: a
    two-character box misread once would otherwise outweigh a long line.
    The digits are also judged on their own, and the worse agreement counts:
    a layer can agree on its prose while its numbers are wrong (6093年 for
    2024年 in a title that otherwise read right), and numbers are what it is for.
    """
    distance = length = digit_distance = digit_length = 0
    for layer, ocr in boxes:
        a, b = _comparable(layer), _comparable(ocr)
        distance += _edit_distance(a, b)
        length += max(len(a), len(b))
        da, db = _digits(a), _digits(b)
        digit_distance += _edit_distance(da, db)
        digit_length += max(len(da), len(db))
    text = 1.0 - distance / length if length else 1.0
    digits = 1.0 - digit_distance / digit_length if digit_length else 1.0
    return min(text, digits)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def spot_check_boxes(layer_spans: Sequence[TextSpan], ocr_boxes: Iterable[tuple[BBox, str]]) -> float:
    """Pooled agreement between a page's text layer and OCR read boxes (lines or cells) of the same page.

    Each OCR box is compared with the layer characters whose centres fall in
    it, in the layer's order; both must be in the same (display) coordinates.
    """
    pairs = []
    for box, ocr_text in ocr_boxes:
        inside = "".join(s.text for s in layer_spans if box.contains_point(s.bbox.cx, s.bbox.cy))
        pairs.append((inside, ocr_text))
    return pooled_spot_check(pairs)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003ffff"


def _is_common(ch: str) -> bool:
    """In GB2312 level 1: the 3755 characters ordinary Chinese text is almost entirely made of."""
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


def _is_foreign(ch: str) -> bool:
    """Letters of other scripts that a Chinese report never prints but a wrong code page produces."""
    if ch in _LATIN1_ALLOWED:
        return False
    return any(lo <= ch <= hi for lo, hi in _FOREIGN_RANGES)


def _is_bad(ch: str) -> bool:
    if ch == "\ufffd":
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Co", "Cn", "Cs")


@lru_cache(maxsize=1)
def _domain_bigrams() -> frozenset[str]:
    words = [*_DOMAIN_WORDS, *functional_codes().values(), *economic_codes().values()]
    return frozenset(w[i : i + 2] for w in words for i in range(len(w) - 1) if _is_cjk(w[i]) and _is_cjk(w[i + 1]))


def _comparable(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch != ",")


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
