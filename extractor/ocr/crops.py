"""Cut a cell into the text-line crops a line recogniser expects.

Recognisers such as PP-OCR's are trained on single, tightly cropped lines;
a cell is often taller than its text, or holds a wrapped label on two lines.
The ink's row profile inside the cell gives the lines without running a
detector: bands of inked rows, with bands parted by a hairline joined (a
line of 合计 has an empty row through it) and thin bands (a stroke of 三, an
underline) folded into their neighbour; specks of scanner noise are ignored. Each band is then trimmed to its
ink left and right and given a margin, as the recogniser was trained with. A cell printed pale all over (a
thin font on a blurred scan) is cut at a paler level than the others.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.model import BBox

# Grey level below which a pixel of a cleaned image counts as ink.
INK_LEVEL = 150
# A line's ends are followed into fainter ink that touches them: erasing a ruling
# can lighten the stroke of a glyph beside it (a leading 一 next to the cell's rule).
FAINT_INK_LEVEL = 215
# A cell whose ink is scarce at the ink level is read at this level unless what it finds is flat: under
# this share of the cell's height and wider than this many heights. A pale 1 (grey 150-190) is 0.4 of
# its cell, a pale 0.00 in a row heightened by a wrapped name 0.2 of it and 2.3 heights wide (a long
# amount with a speck of a rule's edge, 8.3); an erased rule's grey edge is 0.05 of the cell and runs
# across it, some 40 heights.
_PALE_INK_LEVEL = 195
_PALE_MIN_HEIGHT = 0.25
_PALE_FLAT = 15
# ... and has a core this dark: the pale 1 measured 130-141 at its darkest 1-5%, a painted-out
# seal's residue 172-181.
_PALE_CORE = 160
# ... or when under this share of that pale ink reaches the ink level: the digits are printed pale
# and the few dark pixels are their cores (a well-printed glyph keeps half or more).
_PALE_SHARE = 0.2
# Faint ink counts as the line's continuation across gaps up to this share of the line height,
# over at most this many line heights of faint columns (one glyph: a pale leading 一 was 21 columns
# of a 20-px line and 9 columns from the 、 after it; counting the gap too, it was refused).
_FAINT_REACH = 0.6
_FAINT_GLYPH_WIDTH = 1.5
# Wider faint ink is still the line's when this percentile of it is at ink level. A faded 一、
# or 二、 has a core of a few pixels: its 5th percentile came out 150-155, just above ink level.
_CORE_PERCENTILE = 2
# Two bands are two lines of text, not the top and foot of faded glyphs, when the shorter is at least
# this share of the taller's height and the gap between them under this share of the shorter's: lines
# are set less than a line apart (wrapped labels: 24 and 25 px, 7 px apart; a wrapped 平 whose pale
# strokes left only its stem at ink level: 21 and 17 px, 11 px apart; a faded 2: its top curve 5 px,
# its foot 3 px, 9 px apart).
_LINE_LIKE = 0.7
_LINE_GAP = 1.0
# A gap under this share of the two bands' joint height is inside glyphs.
_GLYPH_GAP_SHARE = 0.08
# Bands thinner than this share of the tallest band are parts of a neighbour.
_FRAGMENT_SHARE = 0.45
# Margin around a line crop, as a share of the line height.
_MARGIN = 0.25
# Fewer inked pixels than this in a whole cell is noise, not text.
_MIN_INK_PIXELS = 6
# Smaller blobs are specks (a decimal point at 150 dpi has about 9 pixels).
_MIN_BLOB_PIXELS = 5
# A dash is a stroke under this share of the cell's height (text is about half of it), this many
# times wider than tall (a long amount such as 13,642,863 is about 5), and most of its rows are ink
# nearly end to end. A line of text in a tall merged cell is as flat next to the cell (年度预算情况
# beside five rows) and as wide, but no row of it runs through all its glyphs. Rows are inked below
# the grey halfway from the line's darkest pixel to paper: a thin dash blurred on a scan is two rows
# of grey 135-160, a fainter one a row of 154-206 between its blurred edges.
_DASH_HEIGHT = 0.2
_DASH_ASPECT = 6.0
_DASH_ROW_FILL = 0.8
_DASH_FILL = 0.5


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8)


def _clip(box: BBox, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    h, w = shape[:2]
    x0 = int(np.clip(np.floor(box.x0), 0, w))
    x1 = int(np.clip(np.ceil(box.x1), 0, w))
    y0 = int(np.clip(np.floor(box.y0), 0, h))
    y1 = int(np.clip(np.ceil(box.y1), 0, h))
    return x0, y0, x1, y1


def crop_box(image: np.ndarray, box: BBox) -> np.ndarray:
    """The pixels inside ``box`` (clipped to the image)."""
    x0, y0, x1, y1 = _clip(box, image.shape)
    return image[y0:y1, x0:x1]


def _without_specks(ink: np.ndarray) -> np.ndarray:
    """Ink without scanner noise: blobs of a few pixels (a decimal point is larger)."""
    if not ink.any():
        return ink
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= _MIN_BLOB_PIXELS
    keep[0] = False
    return keep[labels]


def _bands(profile: np.ndarray) -> list[list[int]]:
    inked = profile > 0
    bands: list[list[int]] = []
    start = None
    for i, on in enumerate(inked):
        if on and start is None:
            start = i
        elif not on and start is not None:
            bands.append([start, i])
            start = None
    if start is not None:
        bands.append([start, len(inked)])
    return bands


def _join_split_glyphs(bands: list[list[int]]) -> list[list[int]]:
    """Join bands parted by a hairline gap: a glyph such as 合 or 二 has an empty row inside it,
    and when every glyph of a line does (合计) the line falls apart into a top and a bottom half.
    Between real lines the gap is a good share of their height (measured: 4.4 pt between 11 pt lines)."""
    while len(bands) > 1:
        ratios = [(b[0] - a[1]) / (b[1] - a[0]) for a, b in zip(bands, bands[1:])]
        i = int(np.argmin(ratios))
        if ratios[i] > _GLYPH_GAP_SHARE:
            break
        bands[i] = [bands[i][0], bands[i + 1][1]]
        del bands[i + 1]
    return bands


def _join_faded_glyphs(bands: list[list[int]], ink: np.ndarray, grey: np.ndarray) -> list[list[int]]:
    """Join neighbouring bands that one stroke of faint ink connects.

    A faded, blurred glyph (a 2 or 7 at grey 160-190) keeps only its darkest
    strokes at ink level, top and bottom, and falls apart into two bands
    that were read as ) and loe. Two lines of a wrapped label have clean
    paper between them, and scanner noise in the gap is specks, not one
    blob reaching from one line's ink to the other's. On a blurred scan
    with a painted-out seal's ring running through them, the halos of two
    such lines do run into one blob; but they are two bands of a height,
    closer together than half of it, where a glyph's top and foot are
    unlike in height or far apart for their size.
    """
    if len(bands) < 2:
        return bands
    faint = _without_specks(grey < FAINT_INK_LEVEL)
    _, labels = cv2.connectedComponents(faint.astype(np.uint8), connectivity=8)
    inked = labels * ink  # ink pixels carry the label of the faint blob they sit in

    def blobs(top: int, bottom: int) -> set[int]:
        return set(np.unique(inked[top:bottom])) - {0}

    def two_lines(upper: list[int], lower: list[int]) -> bool:
        heights = sorted((upper[1] - upper[0], lower[1] - lower[0]))
        return heights[0] >= _LINE_LIKE * heights[1] and lower[0] - upper[1] < _LINE_GAP * heights[0]

    i = 0
    while i + 1 < len(bands):
        if not two_lines(bands[i], bands[i + 1]) and blobs(*bands[i]) & blobs(*bands[i + 1]):
            bands[i] = [bands[i][0], bands[i + 1][1]]
            del bands[i + 1]
        else:
            i += 1
    return bands


def _fold_fragments(bands: list[list[int]]) -> list[list[int]]:
    while len(bands) > 1:
        tallest = max(b - a for a, b in bands)
        thin = [i for i, (a, b) in enumerate(bands) if b - a < _FRAGMENT_SHARE * tallest]
        if not thin:
            break
        i = thin[0]
        # Join the nearer neighbour.
        gap_up = bands[i][0] - bands[i - 1][1] if i > 0 else None
        gap_down = bands[i + 1][0] - bands[i][1] if i + 1 < len(bands) else None
        j = i - 1 if gap_down is None or (gap_up is not None and gap_up <= gap_down) else i + 1
        a, b = min(i, j), max(i, j)
        bands[a] = [bands[a][0], bands[b][1]]
        del bands[b]
    return bands


def split_text_lines(image: np.ndarray, box: BBox) -> list[BBox]:
    """Tight boxes (image pixels, inside ``box``) of its text lines, top to bottom; [] for an empty cell."""
    x0, y0, x1, y1 = _clip(box, image.shape)
    grey = _grey(image[y0:y1, x0:x1])
    ink = _without_specks(grey < INK_LEVEL)
    # Most cells have ink enough at the ink level; only the rest are looked at again, pale.
    pale = _pale_glyphs(grey) if ink.sum() < _PALE_SHARE * np.count_nonzero(grey < _PALE_INK_LEVEL) else None
    if pale is not None and ink.sum() < _PALE_SHARE * pale.sum():
        ink = pale
    elif int(ink.sum()) < _MIN_INK_PIXELS:
        return []
    lines = []
    bands = _fold_fragments(_join_faded_glyphs(_join_split_glyphs(_bands(ink.sum(axis=1))), ink, grey))
    for top, bottom in _grown_flat_bands(bands, ink, grey):
        cols = np.flatnonzero(ink[top:bottom].any(axis=0))
        left, right = _follow_faint(grey[top:bottom], int(cols[0]), int(cols[-1]))
        lines.append(BBox(x0 + left, y0 + top, x0 + right + 1, y0 + bottom))
    return lines


def _grown_flat_bands(bands: list[list[int]], ink: np.ndarray, grey: np.ndarray) -> list[list[int]]:
    """Flat bands grown to the height of the pale glyphs their ink belongs to.

    A thin serif 22 keeps only its feet at ink level (its other strokes are
    specks): the band was one pixel high and read as a dash, or as CC. The
    pale ink touching a flat band's ink gives the glyphs' full height; a
    dash's pale ink is its own blurred edge, and it stays flat.
    """
    flat = [b for b in bands if b[1] - b[0] < _PALE_MIN_HEIGHT * grey.shape[0]]
    if not flat:
        return bands
    _, labels = cv2.connectedComponents(_without_specks(grey < _PALE_INK_LEVEL).astype(np.uint8), connectivity=8)
    grown: list[list[int]] = []
    for top, bottom in bands:
        if [top, bottom] in flat:
            touched = np.setdiff1d(np.unique(labels[top:bottom][ink[top:bottom]]), [0])
            rows = np.flatnonzero(np.isin(labels, touched).any(axis=1))
            if len(rows):
                top, bottom = min(top, int(rows[0])), max(bottom, int(rows[-1]) + 1)
        if grown and top < grown[-1][1]:
            # Two halves of one line (27's top and foot split by a pale waist) grow into the same glyphs:
            # one line, or it is read twice (2727).
            grown[-1] = [min(grown[-1][0], top), max(grown[-1][1], bottom)]
        else:
            grown.append([top, bottom])
    return grown


def _pale_glyphs(grey: np.ndarray) -> np.ndarray | None:
    """The ink of a cell at the pale level, when it is shaped like text.

    A thin digit font blurred on a low-resolution scan prints a 1 at grey
    150-190 and leaves only specks at ink level. The grey edge of an erased
    ruling is as pale but a flat stroke; a seal's painted-out strokes have no
    dark core.
    """
    ink = _without_specks(grey < _PALE_INK_LEVEL)
    if int(ink.sum()) < _MIN_INK_PIXELS:
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    flat = height < _PALE_MIN_HEIGHT * grey.shape[0] and width > _PALE_FLAT * height
    if flat or np.percentile(grey[ink], _CORE_PERCENTILE) >= _PALE_CORE:
        return None
    return ink


def is_dash(image: np.ndarray, line: BBox, cell: BBox) -> bool:
    """Whether ``line`` (a cell's only line, from ``split_text_lines``) is one flat, solid stroke:
    the dash (—, ——, -) printed for "none"."""
    if line.height > _DASH_HEIGHT * cell.height or line.width < _DASH_ASPECT * line.height:
        return False
    grey = _grey(crop_box(image, line))
    ink = grey < (int(grey.min()) + 255) / 2
    return float((ink.mean(axis=1) >= _DASH_ROW_FILL).mean()) >= _DASH_FILL


def _follow_faint(band: np.ndarray, left: int, right: int) -> tuple[int, int]:
    """Widen [left, right] over faint ink in ``band`` (the line's rows, grey) that continues the line
    without a real gap.

    A lightened glyph is at most one glyph wide with a core darker than a
    painted-out seal's (a faded 一 150-155 at its darkest 2%, the seal
    lettering beside a score 187, which made 8 read as 875), or has a core as
    dark as ink broken into specks (the thin 22 of a pale 221); faint ink
    running on further without such a core is something else (a painted-out
    seal's ring beside an amount) and is left out.
    """
    height = band.shape[0]
    reach = max(2, int(_FAINT_REACH * height))
    faint = np.flatnonzero((band < FAINT_INK_LEVEL).any(axis=0))
    start, end = left, right
    while True:
        before = faint[(faint < left) & (faint >= left - reach)]
        if not len(before):
            break
        left = int(before.min())
    while True:
        after = faint[(faint > right) & (faint <= right + reach)]
        if not len(after):
            break
        right = int(after.max())

    def glyph_like(x0: int, x1: int) -> bool:
        part = band[:, x0:x1]
        faint_ink = part < FAINT_INK_LEVEL
        if not faint_ink.any():
            return True
        core = float(np.percentile(part[faint_ink], _CORE_PERCENTILE))
        if np.count_nonzero(faint_ink.any(axis=0)) <= _FAINT_GLYPH_WIDTH * height:
            return core < _PALE_CORE
        return core < INK_LEVEL

    return (left if glyph_like(left, start) else start), (right if glyph_like(end + 1, right + 1) else end)


def line_crop(image: np.ndarray, line: BBox, cell: BBox) -> np.ndarray:
    """A tight line box cut out with a margin: page pixels inside the cell, white beyond it.

    Page pixels keep what the tight box missed (a comma's tail, faint edges);
    white beyond the cell keeps out the neighbouring cell's text, which may
    start just past an erased ruling.
    """
    margin = max(2, int(round(_MARGIN * line.height)))
    lx0, ly0, lx1, ly1 = int(line.x0), int(line.y0), int(np.ceil(line.x1)), int(np.ceil(line.y1))
    cx0, cy0, cx1, cy1 = _clip(cell, image.shape)
    x0, y0 = max(cx0, lx0 - margin), max(cy0, ly0 - margin)
    x1, y1 = min(cx1, lx1 + margin), min(cy1, ly1 + margin)
    pad = [(y0 - (ly0 - margin), ly1 + margin - y1), (x0 - (lx0 - margin), lx1 + margin - x1)]
    crop = image[y0:y1, x0:x1]
    return np.pad(crop, pad + ([(0, 0)] if crop.ndim == 3 else []), constant_values=255)
