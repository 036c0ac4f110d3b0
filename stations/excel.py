"""Excel helpers shared by every import and export.

Exports neutralise any cell a spreadsheet would run as a formula; uploads are
checked to be a real, reasonably sized xlsx before openpyxl opens them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 200


def safe_cell(value):
    """A string a spreadsheet would run (=, +, -, @, tab, CR, NUL) gets a
    leading apostrophe so it is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_sheet(ws, headers: Sequence[str], rows: Iterable[Sequence], *, widths: Sequence[int] | None = None) -> None:
    """Fill a write-only worksheet: bold frozen header row, then safe rows."""
    if widths:
        from openpyxl.utils import get_column_letter

        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    header_cells = []
    for title in headers:
        cell = WriteOnlyCell(ws, value=str(title))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([safe_cell(v) for v in row])


def xlsx_response(filename: str, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> HttpResponse:
    """An attachment with one sheet per (title, headers, rows)."""
    wb = Workbook(write_only=True)
    for title, headers, rows in sheets:
        write_sheet(wb.create_sheet(title=title[:31]), headers, rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    response.personal_data = True
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def check_xlsx_upload(data: bytes) -> None:
    """Refuse what is not a plain, reasonably sized xlsx, before openpyxl opens it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB. Split it into smaller files.") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(_("This is not an Excel .xlsx file. Save it as .xlsx (Excel Workbook) and upload again."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
                raise ValidationError(_("The file unpacks to far more data than a ledger holds; it was refused."))
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
                raise ValidationError(_("This is not an Excel .xlsx file. Save it as .xlsx and upload again."))
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ValidationError(_("The file contains macros. Save it as a plain .xlsx without macros."))
    except zipfile.BadZipFile:
        raise ValidationError(_("The file is damaged or not an .xlsx file.")) from None


def open_xlsx_upload(data: bytes):
    """Check, then open read-only with formulas kept as text so they can be refused."""
    check_xlsx_upload(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for malformed files
        raise ValidationError(_("The file could not be read as an Excel workbook.")) from None
