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
