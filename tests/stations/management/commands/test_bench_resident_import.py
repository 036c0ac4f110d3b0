"""The bench_resident_import command: times a small ledger and leaves the database as it was."""

import io

import pytest
from django.core.management import call_command

from stations.imports import services as import_services
from stations.models import Resident, User

pytestmark = pytest.mark.django_db


def test_a_small_bench_leaves_the_database_as_it_was(monkeypatch):
    monkeypatch.setattr(import_services, "ASYNC_ROW_THRESHOLD", import_services.ASYNC_ROW_THRESHOLD)
    out = io.StringIO()
    call_command("bench_resident_import", rows=20, stdout=out)
    assert "rows: 20" in out.getvalue() and "rolled back: the database is unchanged" in out.getvalue()
    assert not Resident.objects.exists() and not User.objects.filter(username__startswith="bench-").exists()


def test_the_ledger_names_the_mothers_group_only_for_women_of_18_to_49():
    import random

    from django.utils import timezone

    from stations.management.commands.bench_resident_import import ledger
    from stations.models import Sex, TargetGroupCode
    from stations.target_group_rules import group_fits
    from stations.validators import id_birth_date, id_sex

    _data, rows = ledger(300, "370402001001", random.Random(5))

    mothers = [row for row in rows if "二孩妈妈" in row[-1]]
    assert mothers
    for row in mothers:
        birth, sex = id_birth_date(row[1]), id_sex(row[1])
        assert group_fits(TargetGroupCode.MOTHER_YOUNG_CHILDREN, sex=sex, birth_date=birth, on=timezone.localdate())
        assert sex == Sex.FEMALE
