"""Opening an uploaded workbook safely (stations/excel.py): macros, zip bombs."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from stations.imports.services import (
    resident_import_batch_create,
)
from tests.stations.imports.conftest import good_row, xlsx


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the English source text."""
    with translation.override("en"):
        yield


def test_macro_file_is_refused(community_staff):
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx([good_row(1)]))) as source, zipfile.ZipFile(data, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\0" * 64)
    with pytest.raises(ValidationError, match="macros"):
        resident_import_batch_create(actor=community_staff, filename="a.xlsm", data=data.getvalue())


def test_zip_bomb_is_refused_before_it_is_opened(community_staff):
    data = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(xlsx([good_row(1)])))
    with source, zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/media/padding.bin", b"\0" * (101 * 1024 * 1024))
    assert len(data.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError, match="unpacks"):
        resident_import_batch_create(actor=community_staff, filename="bomb.xlsx", data=data.getvalue())
