"""Cooperatives' report figures against independent counts of factory-made
records, the issue's journey end to end into the workbook, and a query count
that does not grow with the communities."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from partnerships.report_figures.cooperatives import SOURCE, compute
from partnerships.services.cooperatives.placements import project_placement_create
from reports.services import workbook_bytes
from stations.figures import Period
from tests.factories import CommunityFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
    cleaning_project_through_the_services,
    resident_aged,
)

pytestmark = pytest.mark.django_db

OCTOBER = Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31), "2026-10")
TODAY = dt.date.today()


def d(day: int, month: int = 10) -> dt.date:
    return dt.date(2026, month, day)


@pytest.fixture
def records(community, other_community):
    coop = LabourOrganisationFactory(community=community, kind="labour_cooperative", founded_on=d(1, 1))
    LabourOrganisationFactory(community=community, kind="agency_outlet", founded_on=d(1, 5))
    LabourOrganisationFactory(community=community, kind="community_hr_agency", founded_on=d(1, 11))  # after October
    LabourOrganisationFactory(community=community, is_active=False, founded_on=d(1, 1))
    LabourOrganisationFactory(community=other_community, founded_on=d(1, 1))

    CooperativeMemberFactory(organisation=coop, joined_on=d(1, 3))
    CooperativeMemberFactory(organisation=coop, joined_on=d(1, 3), left_on=d(15))  # left in October
    CooperativeMemberFactory(organisation=coop, joined_on=d(1, 3), left_on=d(1, 11))  # left after
    CooperativeMemberFactory(organisation=coop, joined_on=d(5, 11))  # joined after

    running = LabourProjectFactory(organisation=coop, starts_on=d(1, 9), ends_on=d(30, 12), value=Decimal("50000"))
    started = LabourProjectFactory(organisation=coop, starts_on=d(10), ends_on=d(31, 12), value=Decimal("30000.50"))
    LabourProjectFactory(organisation=coop, starts_on=d(1, 1), ends_on=d(30, 9))  # over before October
    LabourProjectFactory(organisation=coop, starts_on=d(1, 11), ends_on=d(30, 11))  # starts after

    ProjectPlacementFactory(project=started, started_on=d(12), is_older_worker=True, is_low_income=True)
    ProjectPlacementFactory(project=started, started_on=d(20), is_hard_to_employ=True, ended_on=d(25))
    ProjectPlacementFactory(project=running, started_on=d(15, 9))  # placed before, still working
    ProjectPlacementFactory(project=running, started_on=d(3, 11))  # after
    return {"coop": coop}


def test_every_figure_equals_an_independent_count(records, community):
    values = compute(period=OCTOBER, community_ids=None)[community.pk]
    assert values["coop_organisations"] == 2
    assert values["coop_labour_cooperatives"] == 1
    assert values["coop_hr_agencies"] == 1
    assert values["coop_members"] == 2
    assert values["coop_projects_running"] == 2
    assert values["coop_projects_started"] == 1
    assert values["coop_projects_value"] == Decimal("30000.50")
    assert values["coop_placements"] == 2
    assert values["coop_placed_older_workers"] == 1
    assert values["coop_placed_hard_to_employ"] == 1
    assert values["coop_placed_low_income"] == 1
    assert values["coop_placements_open"] == 2


def test_figures_are_limited_to_the_communities_asked_for(records, community, other_community):
    values = compute(period=OCTOBER, community_ids=[other_community.pk])
    assert set(values) == {other_community.pk}
    assert values[other_community.pk]["coop_organisations"] == 1


def test_figure_keys_are_unique_and_defined():
    keys = [f.key for f in SOURCE.figures]
    assert len(keys) == len(set(keys))
    assert all(f.definition for f in SOURCE.figures)
    assert [f.key for f in SOURCE.figures if f.headline] == ["coop_placements"]


def test_query_count_does_not_grow_with_the_communities(records, community, street):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            compute(period=OCTOBER, community_ids=None)
        return len(ctx.captured_queries)

    before = count()
    for _ in range(3):
        extra = CommunityFactory(street=street)
        ProjectPlacementFactory(project__organisation__community=extra, started_on=d(12))
    assert count() == before


def test_three_older_residents_on_a_cleaning_project_reach_the_workbook(community_staff, community):
    project = cleaning_project_through_the_services(
        community_staff,
        community,
        founded_on=d(1, 1),
        starts_on=TODAY - dt.timedelta(days=7),
        ends_on=TODAY + dt.timedelta(days=358),
    )
    for _ in range(3):
        resident = resident_aged(community, 58)
        project_placement_create(actor=community_staff, project=project, resident=resident, started_on=TODAY)

    values = compute(period=Period(TODAY.replace(day=1), TODAY, "month"), community_ids=[community.pk])
    assert values[community.pk]["coop_placements"] == 3
    assert values[community.pk]["coop_placed_older_workers"] == 3

    wb = load_workbook(io.BytesIO(workbook_bytes(node_code=community.code, period_text=f"{TODAY:%Y-%m}")))
    sheet = wb[str(SOURCE.sheet)[:31]]
    rows = list(sheet.iter_rows(values_only=True))
    # Column 0 holds the row labels, then the sheet's figures in order (labels
    # are translated, keys are not).
    columns = [f.key for f in SOURCE.figures if not f.hidden]
    total = rows[-1]
    placed = 1 + columns.index("coop_placements")
    older = 1 + columns.index("coop_placed_older_workers")
    assert (total[placed], total[older]) == (3, 3)
