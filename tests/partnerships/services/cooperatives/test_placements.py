"""Residents placed on labour projects."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from partnerships.models import (
    ProjectPlacement,
)
from partnerships.services.cooperatives.placements import project_placement_create, project_placement_end
from stations.closed_months import ClosedMonthError
from stations.models import (
    AuditEntry,
    EmploymentStatus,
    EmploymentStatusChange,
    Role,
    TargetGroup,
    TargetGroupCode,
    UnemploymentRegistration,
)
from tests.factories import ResidentFactory, UserFactory
from tests.factories.concurrency import race
from tests.factories.partnerships_cooperatives import (
    LabourProjectFactory,
    ProjectPlacementFactory,
    cleaning_project_through_the_services,
    resident_aged,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def place(actor, project, resident, **kwargs):
    kwargs.setdefault("started_on", TODAY - dt.timedelta(days=1))
    return project_placement_create(actor=actor, project=project, resident=resident, **kwargs)


def test_a_cooperative_places_three_older_residents_on_a_cleaning_project(community_staff, community):
    project = cleaning_project_through_the_services(
        community_staff,
        community,
        founded_on=TODAY.replace(year=2024),
        starts_on=TODAY - dt.timedelta(days=10),
        ends_on=TODAY + dt.timedelta(days=355),
    )
    residents = [resident_aged(community, 55) for _ in range(3)]
    for resident in residents:
        UnemploymentRegistration.objects.create(resident=resident, registered_on=TODAY - dt.timedelta(days=90))
        place(community_staff, project, resident, post="保洁员")

    for resident in residents:
        resident.refresh_from_db()
        assert resident.employment_status == EmploymentStatus.EMPLOYED
        history = EmploymentStatusChange.objects.get(resident=resident)
        assert history.status == EmploymentStatus.EMPLOYED
        assert history.note == "Labour project: 光明路绿地保洁"
        assert not UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True).exists()
    placements = ProjectPlacement.objects.filter(project=project)
    assert placements.count() == 3
    assert all(p.is_older_worker for p in placements)


def test_placing_beyond_the_posts_is_refused_naming_the_posts(community_staff, community):
    project = LabourProjectFactory(organisation__community=community, posts=1, title="物业保洁")
    place(community_staff, project, ResidentFactory(community=community))
    with pytest.raises(ValidationError) as exc:
        place(community_staff, project, ResidentFactory(community=community))
    message = exc.value.message_dict["resident"][0]
    assert "All 1 posts of 物业保洁 are filled" in message


def test_an_ended_placement_frees_its_post(community_staff, community):
    project = LabourProjectFactory(organisation__community=community, posts=1)
    first = place(community_staff, project, ResidentFactory(community=community), started_on=project.starts_on)
    project_placement_end(actor=community_staff, placement=first, ended_on=TODAY)
    place(community_staff, project, ResidentFactory(community=community))
    assert ProjectPlacement.objects.filter(project=project, ended_on__isnull=True).count() == 1


def test_a_start_date_outside_the_project_period_is_refused(community_staff, community):
    project = LabourProjectFactory(organisation__community=community, starts_on=TODAY - dt.timedelta(days=5))
    with pytest.raises(ValidationError) as exc:
        place(community_staff, project, ResidentFactory(community=community), started_on=TODAY - dt.timedelta(days=6))
    assert "runs from" in exc.value.message_dict["started_on"][0]


def test_a_start_date_in_the_future_is_refused(community_staff, community):
    project = LabourProjectFactory(organisation__community=community)
    with pytest.raises(ValidationError) as exc:
        place(community_staff, project, ResidentFactory(community=community), started_on=TODAY + dt.timedelta(days=1))
    assert "started_on" in exc.value.error_dict


def test_a_resident_already_working_on_the_project_is_refused(community_staff, community):
    project = LabourProjectFactory(organisation__community=community)
    resident = ResidentFactory(community=community)
    place(community_staff, project, resident)
    with pytest.raises(ValidationError) as exc:
        place(community_staff, project, resident)
    assert "already working" in exc.value.message_dict["resident"][0]


def test_a_resident_outside_the_area_cannot_be_placed(community_staff, community, other_community):
    project = LabourProjectFactory(organisation__community=community)
    with pytest.raises(ValidationError) as exc:
        place(community_staff, project, ResidentFactory(community=other_community))
    assert "resident" in exc.value.error_dict


def test_a_project_outside_the_area_cannot_take_placements(community_staff, community, other_community):
    project = LabourProjectFactory(organisation__community=other_community)
    with pytest.raises(ValidationError) as exc:
        place(community_staff, project, ResidentFactory(community=community))
    assert "project" in exc.value.error_dict


def test_placement_snapshots_the_priority_groups(community_staff, community):
    resident = resident_aged(community, 25, male=False)
    resident.target_groups.add(
        TargetGroup.objects.get(code=TargetGroupCode.HARD_TO_EMPLOY),
        TargetGroup.objects.get(code=TargetGroupCode.NEAR_MINIMUM_LIVING),
    )
    project = LabourProjectFactory(organisation__community=community)
    placement = place(community_staff, project, resident)
    resident.target_groups.clear()
    placement.refresh_from_db()
    assert (placement.is_older_worker, placement.is_hard_to_employ, placement.is_low_income) == (False, True, True)


def test_flexible_employment_is_written_to_the_history(community_staff, community):
    resident = ResidentFactory(community=community)
    place(
        community_staff,
        LabourProjectFactory(organisation__community=community),
        resident,
        employment_status=EmploymentStatus.FLEXIBLE,
    )
    assert EmploymentStatusChange.objects.get(resident=resident).status == EmploymentStatus.FLEXIBLE


def test_ending_a_placement_leaves_the_status_alone_by_default(community_staff, community):
    resident = ResidentFactory(community=community)
    placement = place(community_staff, LabourProjectFactory(organisation__community=community), resident)
    project_placement_end(actor=community_staff, placement=placement, ended_on=TODAY)
    resident.refresh_from_db()
    assert resident.employment_status == EmploymentStatus.EMPLOYED
    assert EmploymentStatusChange.objects.filter(resident=resident).count() == 1


def test_ending_a_placement_can_register_the_resident_out_of_work(community_staff, community):
    resident = ResidentFactory(community=community)
    placement = place(community_staff, LabourProjectFactory(organisation__community=community), resident)
    project_placement_end(actor=community_staff, placement=placement, ended_on=TODAY, resident_out_of_work=True)
    resident.refresh_from_db()
    assert resident.employment_status == EmploymentStatus.UNEMPLOYED
    assert UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True).exists()


def test_out_of_work_is_refused_while_another_project_placement_is_open(community_staff, community):
    resident = ResidentFactory(community=community)
    cleaning = place(community_staff, LabourProjectFactory(organisation__community=community), resident)
    place(community_staff, LabourProjectFactory(organisation__community=community, title="小区绿化养护"), resident)
    with pytest.raises(ValidationError) as exc:
        project_placement_end(actor=community_staff, placement=cleaning, ended_on=TODAY, resident_out_of_work=True)
    assert "小区绿化养护" in exc.value.message_dict["resident_out_of_work"][0]
    cleaning.refresh_from_db()
    resident.refresh_from_db()
    assert cleaning.ended_on is None
    assert resident.employment_status == EmploymentStatus.EMPLOYED


def test_with_another_project_open_the_placement_still_ends_keeping_the_status(community_staff, community):
    resident = ResidentFactory(community=community)
    cleaning = place(community_staff, LabourProjectFactory(organisation__community=community), resident)
    place(community_staff, LabourProjectFactory(organisation__community=community), resident)
    ended = project_placement_end(actor=community_staff, placement=cleaning, ended_on=TODAY)
    assert ended.ended_on == TODAY


def test_a_placement_cannot_end_before_it_started(community_staff, community):
    placement = place(
        community_staff,
        LabourProjectFactory(organisation__community=community),
        ResidentFactory(community=community),
    )
    with pytest.raises(ValidationError) as exc:
        project_placement_end(actor=community_staff, placement=placement, ended_on=TODAY - dt.timedelta(days=2))
    assert "ended_on" in exc.value.error_dict


def test_a_placement_writes_an_audit_entry(community_staff, community):
    placement = place(
        community_staff,
        LabourProjectFactory(organisation__community=community),
        ResidentFactory(community=community),
    )
    assert AuditEntry.objects.filter(object_id=str(placement.pk), action="create").exists()


@pytest.mark.django_db(transaction=True)
def test_two_staff_placing_on_the_last_post_at_once_cannot_both_succeed(community):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    project = LabourProjectFactory(organisation__community=community, posts=1)
    clerks = [UserFactory(role=Role.COMMUNITY_STAFF, community=community) for _ in range(2)]
    residents = [ResidentFactory(community=community) for _ in range(2)]

    def record(clerk, resident):
        return lambda: place(clerk, project, resident)

    assert race([record(c, r) for c, r in zip(clerks, residents, strict=True)]) == ["done", "refused"]
    assert ProjectPlacement.objects.filter(project=project).count() == 1


def test_a_resident_cannot_be_placed_from_a_day_in_a_closed_month(community_staff, community, month, before):
    project = LabourProjectFactory(organisation__community=community, starts_on=before)
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        project_placement_create(actor=community_staff, project=project, resident=resident, started_on=day_in(month))
    assert not ProjectPlacement.objects.exists()


def test_a_placement_cannot_end_in_a_closed_month(community_staff, community, month, before):
    placement = ProjectPlacementFactory(
        project__organisation__community=community, project__starts_on=before, started_on=before
    )
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        project_placement_end(actor=community_staff, placement=placement, ended_on=day_in(month))
