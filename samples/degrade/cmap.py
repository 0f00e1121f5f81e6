"""Reading and writing ToUnicode CMaps, the table that tells a PDF reader which text each glyph code stands for.

Rewriting this table is how real PDFs end up with text that looks right on
screen but extracts wrong; the garbler does the same on purpose.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|(beginbfchar|endbfchar|beginbfrange|endbfrange)")
_CODESPACE = re.compile(rb"\d+\s+begincodespacerange.*?endcodespacerange", re.S)


def parse_tounicode(data: bytes) -> tuple[bytes, dict[str, str]]:
    """The codespace block, verbatim, and a map from glyph code (hex, as written) to text."""
    codespace = _CODESPACE.search(data)
    mapping: dict[str, str] = {}
    section: bytes | None = None
    pending: list[str | list[str]] = []
    array: list[str] | None = None
    for m in _TOKEN.finditer(data):
        hex_, open_, close, keyword = m.groups()
        if keyword is not None:
            section = keyword if keyword.startswith(b"begin") else None
            pending = []
        elif section is None:
            continue
        elif open_ is not None:
            array = []
        elif close is not None:
            pending.append(array or [])
            array = None
        elif array is not None:
            array.append(_clean(hex_))
        else:
            pending.append(_clean(hex_))
        if section == b"beginbfchar" and len(pending) == 2:
            code, dst = pending
            mapping[str(code).upper()] = _utf16(str(dst))
            pending = []
        elif section == b"beginbfrange" and len(pending) == 3:
            _add_range(mapping, *pending)
            pending = []
    block = codespace.group(0) if codespace else b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange"
    return block, mapping


def build_tounicode(codespace: bytes, mapping: dict[str, str]) -> bytes:
    """A complete ToUnicode CMap stream with one bfchar entry per code."""
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        codespace,
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar".encode())
        lines.extend(f"<{code}> <{text.encode('utf-16-be').hex().upper()}>".encode() for code, text in chunk)
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines) + b"\n"


def _clean(hex_: bytes) -> str:
    return re.sub(rb"\s", b"", hex_).decode("ascii")


def _utf16(hex_: str) -> str:
    if len(hex_) % 4:
        hex_ = hex_.rjust(len(hex_) + 4 - len(hex_) % 4, "0")
    return bytes.fromhex(hex_).decode("utf-16-be", errors="replace")


def _add_range(mapping: dict[str, str], lo: str | list[str], hi: str | list[str], dst: str | list[str]) -> None:
    if not isinstance(lo, str) or not isinstance(hi, str):
        return
    width = len(lo)
    first, last = int(lo, 16), int(hi, 16)
    for offset, code in enumerate(range(first, last + 1)):
        key = f"{code:0{width}X}"
        if isinstance(dst, list):
            if offset < len(dst):
                mapping[key] = _utf16(dst[offset])
        else:
            base = bytearray(bytes.fromhex(dst if len(dst) % 2 == 0 else "0" + dst))
            base[-1] = (base[-1] + offset) & 0xFF
            mapping[key] = bytes(base).decode("utf-16-be", errors="replace")
