"""The ledger workbooks (stations/imports/workbooks.py): the template, and a copy with bad cells marked."""

import io

from openpyxl import load_workbook

from stations.imports.columns import COLUMNS
from stations.imports.workbooks import marked_workbook, template_workbook


def test_the_template_has_every_column_header_in_order():
    ws = load_workbook(io.BytesIO(template_workbook())).worksheets[0]
    assert [cell.value for cell in ws[1]][: len(COLUMNS)] == [column.header for column in COLUMNS]


def test_the_marked_copy_adds_each_rows_errors_in_a_last_column():
    rows = [{"row": 2, "values": {"name": "张三", "id_number": "123"}}]
    errors = [{"row": 2, "field": "id_number", "message": "bad number"}]
    ws = load_workbook(io.BytesIO(marked_workbook(rows, errors))).worksheets[0]
    values = [cell.value for cell in ws[2]]
    assert "张三" in values and any(value and "bad number" in str(value) for value in values[len(COLUMNS) :])
