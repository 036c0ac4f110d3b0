"""Reading a ledger sheet (stations/imports/reading.py): formulas, the header row."""

import pytest
from django.core.exceptions import ValidationError

from stations.imports.services import (
    resident_import_batch_create,
)
from tests.stations.imports.conftest import errors_of, good_row, upload, xlsx


def test_formula_cell_is_refused(community_staff):
    batch = upload(community_staff, [good_row(1, 住址='=HYPERLINK("http://x","y")')])
    assert errors_of(batch) == [(2, "住址")]
    assert "formula" in batch.errors[0]["message"]


def test_sheet_without_the_header_row_is_refused(community_staff):
    with pytest.raises(ValidationError, match="header"):
        resident_import_batch_create(actor=community_staff, filename="a.xlsx", data=xlsx([["x"]], headers=["foo"]))
