import pytest

from assistance.models import AssistanceCase, CaseStatus
from benchmarks.citygen.writer import copy_tuples
from stations.models import Resident
from tests.factories import ResidentFactory


def test_copy_tuples_fills_the_columns_left_out_with_their_defaults(db, community, community_staff):
    import datetime as dt

    from django.utils import timezone

    resident = ResidentFactory(community=community)
    today = timezone.localdate()
    now = timezone.now()
    columns = ["resident_id", "assigned_to_id", "opened_by_id", "opened_on", "year_ends_on", "created_at", "updated_at"]

    copy_tuples(
        AssistanceCase,
        columns,
        [(resident.pk, community_staff.pk, community_staff.pk, today, today + dt.timedelta(days=364), now, now)],
    )

    case = AssistanceCase.objects.get(resident=resident)
    assert case.status == CaseStatus.OPEN
    assert case.aid_type == AssistanceCase._meta.get_field("aid_type").default
    assert case.close_reason == ""
    assert case.closed_on is None


def _indexes_and_keys(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname", [table])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass ORDER BY 1",
            [table],
        )
        return indexes, cursor.fetchall()


def test_a_bulk_load_gets_back_every_index_and_foreign_key(db, community):
    from django.db import connection

    from benchmarks.citygen.writer import indexes_deferred

    if connection.vendor != "postgresql":
        pytest.skip("indexes are only deferred on PostgreSQL")
    table = Resident._meta.db_table
    before = _indexes_and_keys(table)

    with indexes_deferred(Resident, adding=1, at_least=0):
        assert len(_indexes_and_keys(table)[0]) < len(before[0])
        ResidentFactory(community=community)

    assert _indexes_and_keys(table) == before
