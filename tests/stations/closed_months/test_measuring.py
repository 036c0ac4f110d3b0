"""The closed-month guard (stations/closed_months/measuring.py): what it refuses,
what it lets through, and what it costs."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import PeriodCloseStatus
from stations import closed_months
from stations.models import (
    EmploymentStatus,
    ServiceRecord,
    UnemploymentRegistration,
)
from stations.services import resident_employment_status_change
from stations.services.residents import resident_update
from tests.factories import ResidentFactory
from tests.factories.jobs import EmployerFactory, LabourSurveyFactory
from tests.factories.reports import close_month, day_in
from tests.stations.closed_months.conftest import record_service

pytestmark = pytest.mark.django_db


def test_a_service_dated_in_a_closed_month_is_refused_and_nothing_is_written(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError):
        record_service(community_staff, resident, day_in(month))
    assert not ServiceRecord.objects.exists()


def test_a_service_dated_in_the_open_month_is_recorded_after_the_close(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    record_service(community_staff, resident, month.end + dt.timedelta(days=1))
    assert ServiceRecord.objects.count() == 1


def test_a_month_closed_by_another_community_refuses_nothing(community_staff, resident, sibling_community, month):
    close_month(community=sibling_community)
    record_service(community_staff, resident, day_in(month))
    assert ServiceRecord.objects.count() == 1


@pytest.mark.parametrize("status", [PeriodCloseStatus.SUBMITTED, PeriodCloseStatus.REVIEWED])
def test_a_month_is_closed_from_its_submission_reviewed_or_not(community_staff, resident, month, status):
    close = close_month(community=resident.community, by=community_staff)
    close.status = status
    close.save(update_fields=["status"])
    with pytest.raises(closed_months.ClosedMonthError):
        record_service(community_staff, resident, day_in(month))


def test_a_status_dated_before_the_closed_month_that_changes_its_stock_is_refused(community_staff, resident, month):
    # Registered unemployed 40 days before the closed month: counted as such at its end.
    UnemploymentRegistration.objects.create(resident=resident, registered_on=resident.registered_on)
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_employment_status_change(
            actor=community_staff,
            resident=resident,
            status=EmploymentStatus.EMPLOYED,
            changed_on=month.start - dt.timedelta(days=5),
        )
    assert "unemployed_registered" in refused.value.changes[0].figures
    assert UnemploymentRegistration.objects.get().ended_on is None


def test_a_dated_edit_that_changes_no_figure_goes_through(community_staff, community, month):
    survey = LabourSurveyFactory(employer=EmployerFactory(community=community), surveyed_on=day_in(month))
    close_month(community=community, by=community_staff)
    from jobs.services import labour_survey_save

    survey.conditions = "包吃住"
    labour_survey_save(actor=community_staff, survey=survey)
    survey.refresh_from_db()
    assert survey.conditions == "包吃住"


def test_figures_taken_as_the_records_stand_do_not_refuse(community_staff, resident):
    close_month(community=resident.community, by=community_staff)
    resident_update(actor=community_staff, resident=resident, data={"target_groups": ["veteran"], "skills": "电工"})
    assert list(resident.target_groups.values_list("code", flat=True)) == ["veteran"]


def test_touch_outside_a_guarded_operation_refuses_any_closed_month_it_reaches(community, month):
    close_month(community=community)
    with pytest.raises(closed_months.ClosedMonthError):
        closed_months.touch(communities=[community], dates=[day_in(month)])
    closed_months.touch(communities=[community], dates=[month.end + dt.timedelta(days=1)])


def test_a_write_dated_in_the_open_month_costs_no_query(community):
    close_month(community=community)
    with CaptureQueriesContext(connection) as queries:
        closed_months.touch(communities=[community], dates=[dt.date.today(), None])
    assert len(queries) == 0


def test_a_back_dated_write_locks_its_community_row_where_the_database_can(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with CaptureQueriesContext(connection) as queries, pytest.raises(closed_months.ClosedMonthError):
        record_service(community_staff, resident, day_in(month))
    locked = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and "stations_community" in q["sql"]]
    assert bool(locked) == connection.features.has_select_for_update


def test_a_12333_schedule_back_dated_into_a_closed_month_is_refused(city_bureau, community, month):
    from assistance.schedule import DEFAULT_SCHEDULE, SCHEDULE_KEY
    from stations.models import PolicyParameterValue
    from stations.services import policy_parameter_set
    from tests.factories.assistance import AssistanceCaseFactory

    # Opened four months before the closed month's end with no service: overdue then.
    AssistanceCaseFactory(resident=ResidentFactory(community=community), opened_on=month.end - dt.timedelta(days=120))
    close_month(community=community)
    lenient = {**DEFAULT_SCHEDULE, "3": dict.fromkeys(DEFAULT_SCHEDULE["3"], 0)}
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        policy_parameter_set(actor=city_bureau, key=SCHEDULE_KEY, value=lenient, valid_from=month.start)
    assert "overdue_items" in refused.value.changes[0].figures
    assert not PolicyParameterValue.objects.filter(key=SCHEDULE_KEY).exists()
    policy_parameter_set(actor=city_bureau, key=SCHEDULE_KEY, value=lenient, valid_from=dt.date.today())


def test_a_transfer_after_a_close_moves_the_person_and_the_closed_month_keeps_its_figures(
    community_staff, resident, sibling_community, month
):
    """A person's history follows them to the new community; the month closed
    before the move keeps the figures it was closed with (shown as drift)."""
    from reports.assemble import build_table
    from reports.nodes import parse_node
    from stations.services.residents import resident_transfer_request_accept
    from tests.factories.residents import ResidentTransferRequestFactory

    close_month(community=resident.community, by=community_staff)
    transfer = ResidentTransferRequestFactory(resident=resident, to_community=sibling_community)
    resident_transfer_request_accept(actor=community_staff, transfer=transfer)
    table = build_table(parse_node(resident.community.code), month)
    assert table.total.values["residents_registered"] == 1
    assert [(d.figure, d.at_close, d.now) for d in table.drift if d.figure == "residents_registered"] == [
        ("residents_registered", 1, 0)
    ]
