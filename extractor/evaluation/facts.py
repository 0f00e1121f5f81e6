"""The facts a contract document states, in the form the metrics count them.

Each function reads one contract document (or table) and returns what one
metric compares: numeric facts for value_f1, numbered grid rows for row_f1,
item names by code for item_accuracy, (project, total_score) for
form_accuracy, and cell tokens for table matching. Facts are keyed only by
things a reader of the printed table can see (code, 行次, item name, column
position, form field), never by ids or list positions, so an extractor that
orders tables or records differently is not penalised.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Hashable
from typing import Any

from extractor.evaluation.multiset import Bag
from extractor.evaluation.numbers import is_blank, parse_number

# Form fields that hold numbers, as printed on the forms.
FUND_FIELDS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
INDICATOR_FIELDS = ("weight", "score")

Table = dict[str, Any]
Document = dict[str, Any]


def normalise_text(text: str | None) -> str:
    """NFKC, then without spaces and punctuation: 政府办公厅（室） and 政府办公厅(室) agree."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("P", "Z", "C")))


def row_key(record: dict[str, Any]) -> Hashable:
    """What identifies a record within its table: its code, else its 行次, else its name."""
    if record.get("code"):
        return ("code", str(record["code"]).strip())
    if record.get("line") is not None:
        return ("line", record["line"])
    return ("item", normalise_text(record.get("item")))


def table_value_facts(table: Table, label: str | None) -> Bag:
    """Every number of a table's records and form, keyed by (label, side, row, column).

    ``label`` is the table type to key by (the table's own type for value_f1;
    None when comparing content regardless of type, as table matching does).
    A record's row is its ``row_key`` and its column the position in
    ``values``. A form's numbers are keyed by field path: (funds, source) x
    fund field, (indicators, level3) x weight/score, and total_score. The
    project is left out of the key on purpose: one misread character in it
    would otherwise void every number of the form; which form a number
    belongs to is judged by form_accuracy instead.
    """
    bag = Bag()
    for record in table.get("records") or []:
        row = row_key(record)
        for column, value in enumerate(record.get("values") or []):
            if value is not None:
                bag.add((label, record.get("side"), row, column), (float(value),))
    form = table.get("form")
    if form:
        _add_form_numbers(bag, form, label)
    return bag


def _add_form_numbers(bag: Bag, form: dict[str, Any], label: str | None) -> None:
    for fund in form.get("funds") or []:
        row = ("funds", normalise_text(fund.get("source")))
        for name in FUND_FIELDS:
            if fund.get(name) is not None:
                bag.add((label, None, row, name), (float(fund[name]),))
    for indicator in form.get("indicators") or []:
        row = ("indicators", normalise_text(indicator.get("level3")))
        for name in INDICATOR_FIELDS:
            if indicator.get(name) is not None:
                bag.add((label, None, row, name), (float(indicator[name]),))
    if form.get("total_score") is not None:
        bag.add((label, None, ("form",), "total_score"), (float(form["total_score"]),))


def value_facts(document: Document) -> Bag:
    """All numeric facts of a document, each keyed by its own table's type."""
    bag = Bag()
    for table in document.get("tables") or []:
        bag.extend(table_value_facts(table, table.get("type")))
    return bag


def _row_fact(row: list[str]) -> tuple[str, tuple[float, ...]] | None:
    words: list[str] = []
    numbers: list[float] = []
    for cell in row:
        if is_blank(cell):
            continue
        number = parse_number(cell)
        if number is not None:
            numbers.append(number)
        elif word := normalise_text(cell):
            words.append(word)
    if not numbers:
        return None
    return "|".join(words), tuple(numbers)


def row_facts(document: Document) -> Bag:
    """Grid rows holding a number: key = the row's words joined, value = its numbers in order.

    A merged cell counts in every position it covers, as the contract's grid
    repeats it, so a grid that loses a merge loses that row.
    """
    bag = Bag()
    for table in document.get("tables") or []:
        for row in table.get("grid") or []:
            fact = _row_fact(row)
            if fact is not None:
                words, numbers = fact
                bag.add(words, numbers)
    return bag


def item_facts(document: Document) -> Counter[tuple[Hashable, str]]:
    """(side, code) -> normalised item, for every record that has a code.

    Keyed without the table type: item_accuracy measures reading the names,
    which classification mistakes should not blur.
    """
    return Counter(
        ((record.get("side"), str(record["code"]).strip()), normalise_text(record.get("item")))
        for table in document.get("tables") or []
        for record in table.get("records") or []
        if record.get("code")
    )


def form_facts(document: Document) -> Bag:
    """One fact per form: key = normalised project name, value = (total_score,)."""
    bag = Bag()
    for table in document.get("tables") or []:
        form = table.get("form")
        if form:
            score = form.get("total_score")
            bag.add(normalise_text(form.get("project")), (None if score is None else float(score),))
    return bag


def grid_tokens(table: Table) -> Counter[tuple[str, Any]]:
    """The non-blank cells of a grid as a multiset; numbers by value, so 1,126.92 equals 1126.92."""
    tokens: Counter[tuple[str, Any]] = Counter()
    for row in table.get("grid") or []:
        for cell in row:
            if is_blank(cell):
                continue
            number = parse_number(cell)
            if number is not None:
                tokens[("n", round(number, 2))] += 1
            elif word := normalise_text(cell):
                tokens[("t", word)] += 1
    return tokens
