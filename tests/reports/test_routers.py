"""The report replica router: the figure reads of a report go to the `reports`
alias when it is configured; every other read and every write go to default."""

import copy
import re

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.assemble import build_table
from reports.models import PeriodClose, ReportRequest, SatisfactionResponse
from reports.nodes import parse_node
from reports.periods import parse_period, previous_month
from reports.routers import REPLICA, reading_for_reports
from reports.services import period_close_submit, report_build, workbook_bytes
from stations.models import Community, Resident
from tests.factories import ResidentFactory, StationFactory
from tests.factories.reports import ReportRequestFactory, SatisfactionResponseFactory

THIS_MONTH = f"{timezone.localdate():%Y-%m}"


@pytest.fixture
def replica_configured(monkeypatch):
    """A `reports` alias in the settings, for the routing decisions alone."""
    monkeypatch.setitem(settings.DATABASES, REPLICA, {"ENGINE": "django.db.backends.postgresql", "NAME": "replica"})


@pytest.fixture(scope="class")
def replica_alias(django_db_setup):
    """A `reports` alias on the test database, as the test runner sets it up
    for REPORTS_DATABASE_URL (TEST MIRROR: the same NAME, a second connection).
    Class-scoped so that it exists before pytest-django checks the test's
    `databases`, and is gone for every other test."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA] = {**copy.deepcopy(primary), "TEST": {**primary["TEST"], "MIRROR": DEFAULT_DB_ALIAS}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(replica_alias):
    assert REPLICA in settings.DATABASES  # what the router looks at
    return connections[REPLICA]


def _selects(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def _tables(sqls: list[str]) -> set[str]:
    """The tables the queries select FROM (joined tables aside)."""
    return {table for sql in sqls for table in re.findall(r'FROM "(\w+)"', sql)}


# --- routing decisions ----------------------------------------------------------


def test_report_reads_go_to_the_replica(replica_configured):
    with reading_for_reports():
        assert router.db_for_read(Resident) == REPLICA
        assert router.db_for_read(SatisfactionResponse) == REPLICA


def test_reads_outside_a_report_go_to_default(replica_configured):
    assert router.db_for_read(Resident) == DEFAULT_DB_ALIAS


def test_writes_inside_a_report_go_to_default(replica_configured):
    with reading_for_reports():
        assert router.db_for_write(Resident) == DEFAULT_DB_ALIAS
        assert router.db_for_write(ReportRequest) == DEFAULT_DB_ALIAS


def test_report_bookkeeping_is_read_from_default_even_inside_a_report(replica_configured):
    with reading_for_reports():
        assert router.db_for_read(ReportRequest) == DEFAULT_DB_ALIAS
        assert router.db_for_read(PeriodClose) == DEFAULT_DB_ALIAS


def test_report_reads_go_to_default_without_a_replica():
    assert REPLICA not in settings.DATABASES
    with reading_for_reports():
        assert router.db_for_read(Resident) == DEFAULT_DB_ALIAS


def test_reads_after_a_failed_report_go_to_default_again(replica_configured):
    with pytest.raises(ZeroDivisionError), reading_for_reports():
        1 / 0  # noqa: B018
    assert router.db_for_read(Resident) == DEFAULT_DB_ALIAS


def test_the_replica_gets_no_migrations(replica_configured):
    assert router.allow_migrate(REPLICA, "stations", model_name="resident") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "stations", model_name="resident") is True


def test_a_record_read_from_the_replica_may_be_related_to_one_from_default(replica_configured):
    community, resident = Community(), Resident()
    community._state.db, resident._state.db = REPLICA, DEFAULT_DB_ALIAS
    assert router.allow_relation(community, resident) is True


# --- through a real second connection -------------------------------------------


@pytest.fixture
def records(community, far_community):
    for c, n in ((community, 3), (far_community, 2)):
        for _i in range(n):
            ResidentFactory(community=c)
        SatisfactionResponseFactory(station=StationFactory(community=c), rating=5)


# The replica is a second connection: it sees committed rows only, hence
# transaction=True.
@pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])
class TestThroughASecondConnection:
    def test_building_a_workbook_reads_its_figures_through_the_replica(self, replica, records):
        with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
            workbook_bytes(node_code="city", period_text=THIS_MONTH)
        assert len(on_replica.captured_queries) > 0
        assert {"stations_resident", "reports_satisfactionresponse"} <= _tables(_selects(on_replica))
        # Only the month's closes, which freeze figures, are read from the primary.
        assert _tables(_selects(on_default)) == {"reports_periodclose"}

    def test_figures_read_through_the_replica_count_the_committed_records(self, replica, records):
        table = build_table(parse_node("city"), parse_period(THIS_MONTH))
        assert table.total.values["residents_registered"] == 5
        assert table.total.values["satisfaction_responses"] == 2

    def test_a_queued_workbook_is_built_from_the_replica_and_recorded_on_default(self, replica, records):
        report = ReportRequestFactory(period_label=THIS_MONTH)
        with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_default:
            report_build(report_id=report.pk)
        assert "reports_reportrequest" not in _tables([q["sql"] for q in on_replica.captured_queries])
        assert _tables(_selects(on_default)) <= {"reports_reportrequest", "reports_periodclose"}
        report.refresh_from_db()
        assert report.status == "done" and report.file

    def test_progress_dashboard_reads_its_figures_through_the_replica(self, replica, records, client, city_bureau):
        client.force_login(city_bureau)
        with CaptureQueriesContext(replica) as on_replica:
            response = client.get(reverse("reports:dashboard"), {"node": "city", "period": THIS_MONTH})
        assert response.status_code == 200
        assert "stations_resident" in _tables(_selects(on_replica))

    def test_closing_a_month_reads_its_figures_from_default(self, replica, community_staff, community):
        month = previous_month(timezone.localdate())
        ResidentFactory(community=community, registered_on=month.start)
        with CaptureQueriesContext(replica) as on_replica:
            close = period_close_submit(actor=community_staff, community=community, month=month.start)
        assert on_replica.captured_queries == []
        assert close.figures["residents_registered"] == 1
