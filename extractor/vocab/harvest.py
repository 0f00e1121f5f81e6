"""Harvest (code, name) pairs from the text of real reports into the vocabulary files.

The vocabulary must only hold names seen in print, so it is rebuilt from the
documents themselves rather than typed in. Reports print codes whole
("2010301 行政运行"), split into 类/款/项 columns ("201 06 01 行政运行",
Shanghai), or as several code/name/amount triples on one line (公开06); long
names wrap onto the next line. Run as
``python -m extractor.vocab.harvest SOURCE...`` (``.txt`` seeds or ``.pdf``)
to print what each file yields and merge it into ``data/*.json``.
``sources/`` holds code lines transcribed verbatim from further published
reports, each file naming its origin in its first lines.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]")
# A code token, whole or split into 类/款/项 parts, followed by a name.
_SPLIT = re.compile(r"(?<!\d)([23]\d{2})(?:[ \t]+(\d{2}))?(?:[ \t]+(\d{2}))?[ \t]+([\u4e00-\u9fff（(][^\t\d]*)")
_WHOLE = re.compile(r"(?<![\d.,])([23]\d{2}(?:\d{2}){0,2})(?![\d.,])[ \t]+([\u4e00-\u9fff（(][^\t\d]*)")
_NAME_END = re.compile(r"[\s\t]+$")
_WRAP_TAIL = re.compile(r"^([\u4e00-\u9fff（）()、]{1,12})(?:\s|$)")


def _clean(name: str) -> str:
    name = _NAME_END.sub("", name).strip()
    name = name.replace("(", "（").replace(")", "）").replace(" ", "")
    return name.rstrip("：:")


def pairs_in_line(line: str) -> list[tuple[str, str]]:
    """Every (code, name) printed on one line of text."""
    found: list[tuple[str, str]] = []
    for match in _SPLIT.finditer(line):
        parts = [p for p in match.group(1, 2, 3) if p]
        if len(parts) > 1:
            found.append(("".join(parts), _clean(match.group(4))))
    if found:
        return found
    cells = line.split("\t")
    for i, cell in enumerate(cells[:-1]):
        if re.fullmatch(r"[23]\d{2}(?:\d{2}){0,2}", cell.strip()) and _CJK.search(cells[i + 1]):
            found.append((cell.strip(), _clean(cells[i + 1])))
    if found:
        return found
    return [(code, _clean(name)) for code, name in _WHOLE.findall(line)]


def harvest_text(text: str) -> dict[str, str]:
    """Codes and names in a report's text; a name wrapped onto the next line is joined."""
    lines = text.splitlines()
    codes: dict[str, str] = {}
    for i, line in enumerate(lines):
        for code, name in pairs_in_line(line):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            tail = _WRAP_TAIL.match(nxt)
            if tail and not pairs_in_line(nxt) and name.endswith(("缴", "保险", "缴费", "支", "事务", "购置更", "补")):
                name += tail.group(1)
            if name and plausible(code, name):
                codes.setdefault(code, name)
    return codes


def document_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    return path.read_text(encoding="utf-8")


def plausible(code: str, name: str) -> bool:
    """A real classification code: 类 201–234 (functional) or 301–399 (economic), and a name, not prose."""
    head = int(code[:3])
    return (201 <= head <= 234 or 301 <= head <= 399) and not re.search(r"[，,。名]", name)


def _is_economic(code: str) -> bool:
    return code.startswith("3") and len(code) in (3, 5)


def main(argv: list[str]) -> None:
    data_dir = Path(__file__).parent / "data"
    for kind in ("functional", "economic"):
        target = data_dir / f"{kind}.json"
        current = json.loads(target.read_text(encoding="utf-8"))
        for source in argv:
            harvested = harvest_text(document_text(Path(source)))
            wanted = {c: n for c, n in harvested.items() if _is_economic(c) == (kind == "economic")}
            for code, name in sorted(wanted.items()):
                known = current["codes"].get(code)
                if known and known != name:
                    print(f"{source}: {code} printed as {name!r}, kept {known!r}")
                current["codes"].setdefault(code, name)
            label = Path(source).name
            if wanted and label not in current["sources"]:
                current["sources"].append(label)
        current["codes"] = dict(sorted(current["codes"].items()))
        target.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
