"""What checking a ledger loads once per file (stations/imports/context.py)."""

from stations.imports.services import (
    resident_import_batch_confirm,
    resident_import_batch_create,
)
from stations.models import (
    Resident,
    ResidentImportBatch,
)
from tests.stations.imports.conftest import good_row, xlsx


# --- speed ------------------------------------------------------------------------------------------
def _count_check_queries(user, rows, django_assert_max_num_queries, limit):
    data = xlsx(rows)
    with django_assert_max_num_queries(limit):
        resident_import_batch_create(actor=user, filename="a.xlsx", data=data)


def test_check_and_import_queries_do_not_grow_with_rows(community_staff, django_assert_max_num_queries):
    # One upload + check of 5 rows and of 60 rows stay under the same bound.
    _count_check_queries(community_staff, [good_row(i) for i in range(5)], django_assert_max_num_queries, 12)
    _count_check_queries(community_staff, [good_row(i) for i in range(100, 160)], django_assert_max_num_queries, 12)
    batch = ResidentImportBatch.objects.filter(row_count=60).get()
    # SQLite takes at most 999 parameters a statement, so Django splits the
    # 60 new rows into three INSERTs there (one on PostgreSQL).
    with django_assert_max_num_queries(27):
        resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert Resident.objects.count() == 60
