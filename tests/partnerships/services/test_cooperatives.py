import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from partnerships.models import (
    CooperativeMember,
    LabourOrganisation,
    LabourProject,
    ProjectKind,
    ProjectPlacement,
)
from partnerships.services.cooperatives import (
    cooperative_member_add,
    cooperative_member_leave,
    labour_organisation_save,
    labour_project_save,
    project_placement_create,
    project_placement_end,
)
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
from tests.factories import ResidentFactory, UserFactory, valid_id_number
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def older_resident(community, **kwargs):
    """A man of 55: an older worker (大龄) by the plan's rule."""
    birth = TODAY.replace(year=TODAY.year - 55, day=1)
    return ResidentFactory(community=community, id_number=valid_id_number(birth=birth, male=True), **kwargs)


def young_resident(community, **kwargs):
    birth = TODAY.replace(year=TODAY.year - 25, day=1)
    return ResidentFactory(community=community, id_number=valid_id_number(birth=birth, male=False), **kwargs)


def place(actor, project, resident, **kwargs):
    kwargs.setdefault("started_on", TODAY - dt.timedelta(days=1))
    return project_placement_create(actor=actor, project=project, resident=resident, **kwargs)


# --- the journey -------------------------------------------------------------
def test_a_cooperative_places_three_older_residents_on_a_cleaning_project(community_staff, community):
    cooperative = labour_organisation_save(
        actor=community_staff,
        organisation=LabourOrganisation(
            kind="labour_cooperative", name="光明路劳务合作社", community=community, founded_on=TODAY.replace(year=2024)
        ),
    )
    project = labour_project_save(
        actor=community_staff,
        project=LabourProject(
            organisation=cooperative,
            kind=ProjectKind.GREEN_CLEANING,
            title="光明路绿地保洁",
            client="中心街街道办事处",
            starts_on=TODAY - dt.timedelta(days=10),
            ends_on=TODAY + dt.timedelta(days=355),
            value=Decimal("96000"),
            posts=3,
        ),
    )
    residents = [older_resident(community) for _ in range(3)]
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


# --- organisations ------------------------------------------------------------------
def test_an_organisation_outside_the_area_is_refused_with_the_field(community_staff, other_community):
    with pytest.raises(ValidationError) as exc:
        labour_organisation_save(
            actor=community_staff,
            organisation=LabourOrganisation(
                kind="labour_cooperative", name="外区合作社", community=other_community, founded_on=TODAY
            ),
        )
    assert "community" in exc.value.error_dict


def test_a_wrong_credit_code_is_explained(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        labour_organisation_save(
            actor=community_staff,
            organisation=LabourOrganisation(
                kind="agency_outlet", name="人力资源服务站", community=community, founded_on=TODAY, credit_code="123"
            ),
        )
    assert "credit_code" in exc.value.error_dict


def test_saving_an_organisation_writes_an_audit_entry(community_staff, community):
    organisation = labour_organisation_save(
        actor=community_staff,
        organisation=LabourOrganisation(
            kind="community_hr_agency", name="社区人力资源服务社", community=community, founded_on=TODAY
        ),
    )
    assert AuditEntry.objects.filter(object_id=str(organisation.pk), action="create").exists()


def test_a_district_bureau_cannot_manage_cooperatives(district_bureau, community):
    with pytest.raises(PermissionDenied):
        labour_organisation_save(
            actor=district_bureau,
            organisation=LabourOrganisation(kind="labour_cooperative", name="x", community=community, founded_on=TODAY),
        )


# --- members ------------------------------------------------------------------------
def test_a_resident_of_the_area_joins_and_leaves(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    resident = ResidentFactory(community=community)
    member = cooperative_member_add(
        actor=community_staff, organisation=organisation, resident=resident, joined_on=TODAY, skills="绿化"
    )
    cooperative_member_leave(actor=community_staff, member=member, left_on=TODAY)
    member.refresh_from_db()
    assert member.left_on == TODAY


def test_a_current_member_cannot_join_twice(community_staff, community):
    member = CooperativeMemberFactory(organisation__community=community)
    with pytest.raises(ValidationError) as exc:
        cooperative_member_add(
            actor=community_staff, organisation=member.organisation, resident=member.resident, joined_on=TODAY
        )
    assert "already a member" in exc.value.message_dict["resident"][0]


def test_a_resident_outside_the_area_cannot_join(community_staff, community, other_community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        cooperative_member_add(
            actor=community_staff,
            organisation=organisation,
            resident=ResidentFactory(community=other_community),
            joined_on=TODAY,
        )
    assert "resident" in exc.value.error_dict


def test_joining_before_the_organisation_was_founded_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community, founded_on=TODAY - dt.timedelta(days=5))
    with pytest.raises(ValidationError) as exc:
        cooperative_member_add(
            actor=community_staff,
            organisation=organisation,
            resident=ResidentFactory(community=community),
            joined_on=TODAY - dt.timedelta(days=6),
        )
    assert "joined_on" in exc.value.error_dict


def test_leaving_before_joining_is_refused(community_staff, community):
    member = CooperativeMemberFactory(organisation__community=community, joined_on=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError) as exc:
        cooperative_member_leave(actor=community_staff, member=member, left_on=TODAY - dt.timedelta(days=4))
    assert "left_on" in exc.value.error_dict


# --- projects -----------------------------------------------------------------------
def test_a_project_ending_before_it_starts_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=LabourProject(
                organisation=organisation,
                kind=ProjectKind.ROAD_UPKEEP,
                title="道路养护",
                client="区交通局",
                starts_on=TODAY,
                ends_on=TODAY - dt.timedelta(days=1),
                value=Decimal("1000"),
                posts=2,
            ),
        )
    assert "ends_on" in exc.value.error_dict


def _project(organisation, **dates):
    return LabourProject(
        organisation=organisation,
        kind=ProjectKind.ROAD_UPKEEP,
        title="道路养护",
        client="区交通局",
        value=Decimal("1000"),
        posts=2,
        **dates,
    )


def test_a_project_starting_before_2000_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=_project(organisation, starts_on=dt.date(1, 1, 1), ends_on=TODAY),
        )
    assert "starts_on" in exc.value.error_dict


def test_a_project_running_more_than_ten_years_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=_project(organisation, starts_on=dt.date(2024, 2, 29), ends_on=dt.date(9999, 12, 31)),
        )
    assert "2034-02-28" in exc.value.message_dict["ends_on"][0]


def test_a_project_of_exactly_ten_years_is_accepted(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    project = labour_project_save(
        actor=community_staff,
        project=_project(organisation, starts_on=dt.date(2024, 2, 29), ends_on=dt.date(2034, 2, 28)),
    )
    assert project.pk


def test_a_project_of_an_organisation_outside_the_area_is_refused(community_staff, other_community):
    organisation = LabourOrganisationFactory(community=other_community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=LabourProject(
                organisation=organisation,
                kind=ProjectKind.ROAD_UPKEEP,
                title="道路养护",
                client="区交通局",
                starts_on=TODAY,
                ends_on=TODAY,
                value=Decimal("1000"),
                posts=2,
            ),
        )
    assert "organisation" in exc.value.error_dict


def test_posts_cannot_be_cut_below_the_residents_working(community_staff, community):
    project = LabourProjectFactory(organisation__community=community, posts=3)
    ProjectPlacementFactory.create_batch(2, project=project)
    project.posts = 1
    with pytest.raises(ValidationError) as exc:
        labour_project_save(actor=community_staff, project=project)
    assert "posts" in exc.value.error_dict


# --- placements ---------------------------------------------------------------------
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
    resident = young_resident(community)
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


def test_member_of_other_scope_cannot_be_made_to_leave(community_staff, other_community):
    member = CooperativeMemberFactory(organisation__community=other_community)
    with pytest.raises(PermissionDenied):
        cooperative_member_leave(actor=community_staff, member=member, left_on=TODAY)
    assert CooperativeMember.objects.get(pk=member.pk).left_on is None


@pytest.mark.django_db(transaction=True)
def test_two_staff_placing_on_the_last_post_at_once_cannot_both_succeed(community):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    project = LabourProjectFactory(organisation__community=community, posts=1)
    clerks = [UserFactory(role=Role.COMMUNITY_STAFF, community=community) for _ in range(2)]
    residents = [ResidentFactory(community=community) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def record(clerk, resident):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            place(clerk, project, resident)
            outcomes.append("placed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=pair) for pair in zip(clerks, residents, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["placed", "refused"]
    assert ProjectPlacement.objects.filter(project=project).count() == 1


# --- closed months: cooperatives ----------------------------------------
def test_a_member_who_joined_in_a_closed_month_cannot_be_added(community_staff, community, month, before):
    organisation = LabourOrganisationFactory(community=community, founded_on=before)
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        cooperative_member_add(
            actor=community_staff, organisation=organisation, resident=resident, joined_on=day_in(month)
        )
    assert not CooperativeMember.objects.exists()


def test_a_member_cannot_be_recorded_as_having_left_in_a_closed_month(community_staff, community, month, before):
    member = CooperativeMemberFactory(organisation__community=community, joined_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        cooperative_member_leave(actor=community_staff, member=member, left_on=day_in(month))
    member.refresh_from_db()
    assert member.left_on is None


def test_a_project_cannot_be_moved_to_start_in_a_closed_month(community_staff, community, month):
    project = LabourProjectFactory(organisation__community=community, starts_on=timezone.localdate())
    close_month(community=community, by=community_staff)
    project.starts_on = day_in(month)
    with pytest.raises(ClosedMonthError):
        labour_project_save(actor=community_staff, project=project)


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


def test_an_organisation_with_members_in_a_closed_month_cannot_move_to_another_community(
    street_officer, community, sibling_community, month, before
):
    member = CooperativeMemberFactory(organisation__community=community, organisation__founded_on=before)
    close_month(community=community)
    organisation = member.organisation
    organisation.community = sibling_community
    with pytest.raises(ClosedMonthError):
        labour_organisation_save(actor=street_officer, organisation=organisation)
