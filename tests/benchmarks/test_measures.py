"""The benchmark's figure functions on tiny data, and the shape of its JSON.
Nothing here asserts a time: figures on a test database mean nothing."""

import json

import pytest
from django.db import connection

from benchmarks import measures
from reports.assemble import build_table
from reports.nodes import Node
from tests.factories.jobs import PostingFactory
from tests.factories.residents import ResidentFactory

KEYS = {"name", "value", "unit", "limit", "ratio", "target", "met", "note", "load_average"}

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/jobs/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    35.40ms   20.27ms 219.69ms   80.72%
  704 requests in 10.04s, 223.75KB read
  Non-2xx or 3xx responses: 3
Requests/sec:    231.29
Transfer/sec:     73.51KB
"""


def test_ratio_result_is_met_within_the_ratio():
    assert measures.ratio_result("x", 1.4, 1.0, "s", at_most=1.5).met is True
    assert measures.ratio_result("x", 1.6, 1.0, "s", at_most=1.5).met is False


def test_floor_result_is_met_at_or_above_the_share():
    assert measures.floor_result("x", 40, 100, "req/s", at_least=0.3).met is True
    assert measures.floor_result("x", 20, 100, "req/s", at_least=0.3).met is False


def test_ceiling_result_holds_the_value_not_the_ratio():
    result = measures.ceiling_result("x", 150, 10, "ms", value_at_most=200)
    assert result.met is True
    assert result.ratio == 15


def test_result_without_limit_has_no_ratio_and_is_not_met():
    result = measures.ratio_result("x", 1.0, 0, "s", at_most=2)
    assert result.ratio is None
    assert result.met is False


def test_json_is_a_list_of_objects_with_every_key(tmp_path):
    path = tmp_path / "bench" / "latest.json"
    measures.write_json([measures.ratio_result("城市", 2.0, 1.0, "s", at_most=1.5, note="n")], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    assert set(data[0]) == KEYS
    assert data[0]["ratio"] == 2.0
    assert data[0]["met"] is False


def test_table_says_plainly_when_a_target_is_missed():
    table = measures.format_table([measures.ratio_result("export", 2.0, 1.0, "s", at_most=1.3)])
    assert "NO" in table.splitlines()[1]


def test_markdown_table_has_a_row_per_result():
    results = [measures.ratio_result(f"f{i}", 1.0, 1.0, "s", at_most=2) for i in range(3)]
    assert len(measures.markdown_table(results).splitlines()) == 5


def test_parse_wrk_reads_rate_and_bad_responses():
    assert measures.parse_wrk(WRK_OUTPUT) == (231.29, 3)


def test_parse_wrk_without_a_rate_raises():
    with pytest.raises(RuntimeError):
        measures.parse_wrk("connection refused")


def test_percentile_picks_the_nearest_rank():
    values = list(range(101))
    assert measures.percentile(values, 0.95) == 95
    assert measures.percentile(values, 0.5) == 50


def test_plain_workbook_writes_the_tables_cells(db, community, period):
    ResidentFactory(community=community)
    table = build_table(Node("city", None), period)
    assert measures.plain_workbook(table)[:2] == b"PK"  # an xlsx is a zip


def test_workbook_figures_have_the_json_shape(db, community, period):
    ResidentFactory(community=community)
    results = measures.measure_workbook(period=period, repeat=1)
    assert [r.name for r in results] == [
        "city workbook build (last month)",
        "city workbook peak memory",
        "workbook queries: city vs biggest district",
    ]
    assert all(set(r.as_json()) == KEYS for r in results)


def test_matching_figure_has_the_json_shape(db, community):
    ResidentFactory(community=community, employment_status="unemployed", wanted_job_categories="保洁")
    PostingFactory(community=community)
    (result,) = measures.measure_matching(repeat=1)
    assert result.unit == "ms"
    assert result.target == "value <= 200 ms"


def test_busiest_community_is_the_one_with_most_residents(db, community, sibling_community):
    ResidentFactory.create_batch(2, community=sibling_community)
    ResidentFactory(community=community)
    assert measures.busiest_community_id() == sibling_community.pk


def test_ledger_export_figure_has_the_json_shape(db, community, community_staff):
    from tests.factories.assistance import AssistanceCaseFactory

    AssistanceCaseFactory(resident=ResidentFactory(community=community), assigned_to=community_staff)
    (result,) = measures.measure_ledger_export(repeat=1)
    assert result.name == "12333 ledger export (busiest community)"
    assert set(result.as_json()) == KEYS


def test_default_run_measures_the_resident_list_export_and_the_dashboard():
    assert {"list_export", "dashboard"} <= set(measures.DEFAULT_FIGURES)
    assert set(measures.DEFAULT_FIGURES) <= set(measures.FIGURES)


# --- hygiene ----------------------------------------------------------------------------------
def test_rows_a_figure_commits_are_removed_after_it(db, community, community_staff):
    from django.contrib.sessions.models import Session
    from django.test import Client

    from stations.models import AuditEntry, Role

    before = measures.table_counts()

    with measures.nothing_left_behind():
        user = measures.bench_user(Role.COMMUNITY_STAFF, community_id=community.pk)
        Client().force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert Session.objects.exists()
        assert AuditEntry.objects.filter(actor=user).exists()

    assert measures.table_counts() == before


def test_leftover_line_names_each_table_that_changed():
    result = measures.leftover_result({"a": 5, "b": 2}, {"a": 7, "b": 2})
    assert (result.value, result.met) == (2, False)
    assert result.note == "a +2"
    assert measures.leftover_result({"a": 5}, {"a": 5}).met is True


def test_page_figures_leave_no_row_behind(db, community, community_staff):
    from tests.factories.jobs import PostingFactory

    ResidentFactory.create_batch(3, community=community)
    PostingFactory(community=community, title="保洁员")
    before = measures.table_counts()

    with measures.nothing_left_behind():
        results = measures.measure_pages(requests=10, budget_seconds=0)

    assert measures.table_counts() == before
    names = [r.name for r in results]
    assert "empty staff page (the floor): median" in names
    assert "public job text search: median" in names
    assert any(name.endswith("city staff: median") for name in names)
    assert any("last four of mobile" in name for name in names)
    assert all(r.value > 0 for r in results)


def test_dashboard_figure_has_the_json_shape(db, community):
    ResidentFactory(community=community)
    with measures.nothing_left_behind():
        results = measures.measure_dashboard(repeat=1)
    assert [r.target for r in results] == ["ratio <= 10", "ratio <= 1.5"]
    assert all(set(r.as_json()) == KEYS for r in results)


def test_tables_never_analyzed_are_found_and_analyzed(db, community):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL statistics")
    ResidentFactory(community=community)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname = 'stations_resident' AND reltuples < 0")
        never = cursor.fetchone() is not None
    if never:
        assert "stations_resident" in measures.missing_statistics()
    _setting, analyzed = measures.analyze_where_missing()
    assert "stations_resident" not in measures.missing_statistics() or "stations_resident" in analyzed


def test_reminder_figure_times_a_daily_run_and_leaves_no_run_log(db, community, community_staff):
    import datetime as dt

    from assistance.models import Escalation, ReminderRun
    from tests.factories.assistance import AssistanceCaseFactory

    AssistanceCaseFactory(
        resident=ResidentFactory(community=community),
        assigned_to=community_staff,
        opened_on=dt.date.today() - dt.timedelta(days=200),
    )
    (result,) = measures.measure_reminders(repeat=1)
    assert result.name == "12333 reminder run (first of the day)"
    assert set(result.as_json()) == KEYS
    assert not ReminderRun.objects.exists() and not Escalation.objects.exists()
