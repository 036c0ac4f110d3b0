import pytest
from django.db import connection

from benchmarks.measures import hygiene, serving
from tests.factories.residents import ResidentFactory


def test_rows_a_figure_commits_are_removed_after_it(db, community, community_staff):
    from django.contrib.sessions.models import Session
    from django.test import Client

    from stations.models import AuditEntry, Role

    before = hygiene.table_counts()

    with hygiene.nothing_left_behind():
        user = serving.bench_user(Role.COMMUNITY_STAFF, community_id=community.pk)
        Client().force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert Session.objects.exists()
        assert AuditEntry.objects.filter(actor=user).exists()

    assert hygiene.table_counts() == before


def test_leftover_line_names_each_table_that_changed():
    result = hygiene.leftover_result({"a": 5, "b": 2}, {"a": 7, "b": 2})
    assert (result.value, result.met) == (2, False)
    assert result.note == "a +2"
    assert hygiene.leftover_result({"a": 5}, {"a": 5}).met is True


def test_tables_never_analyzed_are_found_and_analyzed(db, community):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL statistics")
    ResidentFactory(community=community)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname = 'stations_resident' AND reltuples < 0")
        never = cursor.fetchone() is not None
    if never:
        assert "stations_resident" in hygiene.missing_statistics()
    _setting, analyzed = hygiene.analyze_where_missing()
    assert "stations_resident" not in hygiene.missing_statistics() or "stations_resident" in analyzed
