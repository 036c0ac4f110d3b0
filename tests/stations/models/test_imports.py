"""Import batches (stations/models/imports.py): rows to import, rows in error, running or not."""

import pytest

from stations.models import ImportStatus
from tests.factories.imports import ResidentImportBatchFactory

pytestmark = pytest.mark.django_db


def test_the_rows_left_out_are_not_imported_and_a_row_with_two_errors_counts_once():
    batch = ResidentImportBatchFactory(
        row_count=5,
        left_out=[{"row": 3}],
        errors=[{"row": 3, "field": "id_number"}, {"row": 3, "field": "mobile"}, {"row": 4, "field": "name"}],
    )
    assert (batch.rows_to_import, batch.error_row_count) == (4, 2)


@pytest.mark.parametrize(("status", "running"), [(ImportStatus.QUEUED, True), (ImportStatus.DONE, False)])
def test_a_batch_is_running_until_it_has_finished(status, running):
    assert ResidentImportBatchFactory(status=status).is_running is running
