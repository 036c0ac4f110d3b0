"""Reading an uploaded ledger into rows of text.

The file is checked by content first (stations.excel: size, zip entries,
uncompressed size, macros), then read with openpyxl in read-only mode with
formulas kept as text, so a formula is seen and refused rather than its cached
result imported. Every value becomes text; what the spreadsheet did to it
(a number where an ID belongs, a formula) is kept as a flag on the row so the
check can explain it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stations.excel import open_xlsx_upload

from .columns import COLUMNS, COLUMNS_BY_KEY, header_lookup, normalise_header

MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 10
ERROR_HEADER = "错误说明"
# Columns the marked copy adds or that exports carry: read back without a warning.
QUIET_HEADERS = {ERROR_HEADER, "序号", "原行号", "年龄", "性别", "出生日期", "四清完成项"}
# Keys whose value must be text: a number there means the spreadsheet changed it.
TEXT_ONLY_KEYS = {"id_number"}


@dataclass
class LedgerSheet:
    rows: list[dict] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    sheet_title: str = ""


def excel_general(value: float) -> str:
    """How Excel's General format shows a big number: 3.70402E+17."""
    if abs(value) >= 1e11:
        mantissa, exponent = f"{value:.5E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E+{int(exponent):02d}"
    return str(int(value)) if float(value).is_integer() else str(value)


def cell_text(value, key: str, flags: dict[str, list[str]], text_only_keys=TEXT_ONLY_KEYS) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("="):
            flags.setdefault("formula", []).append(key)
        return text
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if key in text_only_keys:
            flags.setdefault("numeric", []).append(key)
        if isinstance(value, float):
            return excel_general(value)
        return str(value)
    # openpyxl's ArrayFormula / DataTableFormula objects
    flags.setdefault("formula", []).append(key)
    return str(getattr(value, "text", value))


def _find_header(rows_iter, lookup, required_keys, normalise):
    for _index in range(HEADER_SEARCH_ROWS):
        try:
            number, values = next(rows_iter)
        except StopIteration:
            return None
        keys = [lookup.get(normalise(v)) if v is not None else None for v in values]
        if all(key in keys for key in required_keys):
            return number, values, keys
    return None


def too_many_rows_message(max_rows: int = MAX_ROWS) -> str:
    return _("The file has more than %(max)d rows. Split it into smaller files.") % {"max": max_rows}


def read_ledger(data: bytes) -> LedgerSheet:
    """Rows of the first sheet that has the 姓名 and 身份证号 headers.

    Raises ValidationError for what makes the whole file unusable (not an xlsx,
    macros, too big, no header row, too many rows); row problems are left to
    the check.
    """
    required = "、".join(c.header for c in COLUMNS if c.required)
    return read_sheet(
        data,
        lookup=header_lookup(),
        required_keys=("name", "id_number"),
        no_header_message=_(
            "No sheet has the header row. The first rows of the sheet must include the columns %(columns)s: "
            "download the template to see them."
        )
        % {"columns": required},
    )


def read_sheet(
    data: bytes,
    *,
    lookup: dict[str, str],
    required_keys: tuple[str, ...],
    no_header_message: str,
    normalise=normalise_header,
    quiet_headers: frozenset[str] | set[str] = QUIET_HEADERS,
    text_only_keys: frozenset[str] | set[str] = TEXT_ONLY_KEYS,
    max_rows: int = MAX_ROWS,
) -> LedgerSheet:
    """Rows of the first sheet whose first rows hold a header row with every
    required column, as text keyed by column (lookup: normalised header ->
    key). Shared by every import.

    Raises ValidationError for what makes the whole file unusable (not an xlsx,
    macros, too big, no header row, more than max_rows rows: the file is
    refused, never cut); row problems are left to the check.
    """
    workbook = open_xlsx_upload(data)
    try:
        for ws in workbook.worksheets:
            rows_iter = enumerate(ws.iter_rows(values_only=True), start=1)
            found = _find_header(rows_iter, lookup, required_keys, normalise)
            if found is None:
                continue
            header_row, headers, keys = found
            sheet = LedgerSheet(sheet_title=ws.title)
            seen = set()
            for index, (header, key) in enumerate(zip(headers, keys, strict=True)):
                if key is None or key in seen:
                    if header not in (None, "") and normalise_header(header) not in quiet_headers:
                        sheet.ignored_headers.append(str(header))
                    keys[index] = None
                seen.add(key)
            for number, values in rows_iter:
                flags: dict[str, list[str]] = {}
                row_values = {}
                for key, value in zip(keys, values, strict=False):
                    if key is not None:
                        row_values[key] = cell_text(value, key, flags, text_only_keys)
                if not any(row_values.values()):
                    continue  # blank lines between blocks of a ledger
                if len(sheet.rows) >= max_rows:
                    raise ValidationError(too_many_rows_message(max_rows))
                row = {"row": number, "values": row_values}
                if flags:
                    row["flags"] = flags
                sheet.rows.append(row)
            if not sheet.rows:
                raise ValidationError(_("The sheet “%(sheet)s” has headers but no rows.") % {"sheet": ws.title})
            return sheet
    finally:
        workbook.close()
    raise ValidationError(no_header_message)


def column_header(key: str) -> str:
    column = COLUMNS_BY_KEY.get(key)
    return column.header if column else key
