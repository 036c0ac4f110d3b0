"""Workbooks the import hands out: the blank template with its instructions
sheet, and the copy of an uploaded ledger with the bad cells marked."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from stations.excel import safe_cell

from .columns import BOOL, CHOICE, COLUMNS, allowed_values
from .reading import ERROR_HEADER

DATA_SHEET = "居民台账"
HELP_SHEET = "填写说明"
TEXT_FORMAT = "@"
TEXT_COLUMNS = {"id_number", "mobile", "community_code", "registration_number"}
TEMPLATE_ROWS = 5000
BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
BAD_FONT = Font(color="9C0006")
REQUIRED_FONT = Font(bold=True, color="C00000")


def _to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook() -> bytes:
    """The blank ledger: Chinese headers, ID and phone columns formatted as
    text (so Excel keeps all 18 digits), drop-downs for the fixed values, and
    an instructions sheet listing each column with allowed values and examples."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = REQUIRED_FONT if column.required else Font(bold=True)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.key in TEXT_COLUMNS:
            # A column style applies to cells typed later; cells below are set too
            # because some spreadsheet programs ignore column styles.
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(2, 201):
                ws.cell(row=row, column=index).number_format = TEXT_FORMAT
        if column.kind in (CHOICE, BOOL):
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(allowed_values(column).split("、")) + '"',
                allow_blank=True,
                showErrorMessage=False,
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "C2"

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append([_("Column"), _("Required"), _("What to write"), _("Allowed values"), _("Example")])
    for cell in help_ws[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_ws.append(
            [
                column.header,
                "是" if column.required else "",
                str(column.help),
                allowed_values(column),
                column.example,
            ]
        )
    help_ws.append([])
    for note in (
        _("Fill in the sheet 居民台账 from row 2, one person per row; do not change the header row."),
        _("Type ID numbers and phone numbers as text: the columns are already formatted as Text."),
        _("Do not use formulas: paste values only."),
        _(
            "人员类别 may hold several groups separated by 、; 大龄, 长期失业 and 零就业家庭 are worked out "
            "by the system."
        ),
        _(
            "Rows for people already registered in your area update their record only if you tick “update existing "
            "records” when uploading; empty cells then keep what the record holds."
        ),
        _("Nothing is imported until every row is correct: the check lists each problem with its row and column."),
    ):
        help_ws.append([note])
    for letter, width in zip("ABCDE", (14, 6, 60, 60, 26), strict=True):
        help_ws.column_dimensions[letter].width = width
    for row in help_ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _to_bytes(wb)


def marked_workbook(rows: list[dict], errors: list[dict]) -> bytes:
    """The uploaded rows with each bad cell filled red and an error column, so
    staff can fix the file and upload it again."""
    by_row: dict[int, dict[str, str]] = {}
    for error in errors:
        by_row.setdefault(error["row"], {})
        cell_errors = by_row[error["row"]]
        cell_errors[error["field"]] = (cell_errors.get(error["field"], "") + " " + error["message"]).strip()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.column_dimensions[get_column_letter(len(COLUMNS) + 1)].width = 60
    ws.freeze_panes = "C2"
    header = []
    for column in (*COLUMNS, None):
        cell = WriteOnlyCell(ws, value=column.header if column else ERROR_HEADER)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for raw in rows:
        cell_errors = by_row.get(raw["row"], {})
        out = []
        for column in COLUMNS:
            text = raw["values"].get(column.key, "")
            cell = WriteOnlyCell(ws, value=safe_cell(text) if text else None)
            if column.key in TEXT_COLUMNS:
                cell.number_format = TEXT_FORMAT
            if column.key in cell_errors:
                cell.fill = BAD_FILL
                cell.font = BAD_FONT
                cell.comment = Comment(cell_errors[column.key], "portal")
            out.append(cell)
        summary = "; ".join(f"{_column_header(k)}: {m}" for k, m in cell_errors.items())
        error_cell = WriteOnlyCell(ws, value=summary or None)
        if summary:
            error_cell.font = BAD_FONT
        out.append(error_cell)
        ws.append(out)
    return _to_bytes(wb)


def _column_header(key: str) -> str:
    for column in COLUMNS:
        if column.key == key:
            return column.header
    return key
