import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assistance import services
from assistance.models import AssistanceCase, CaseStatus
from stations.models import AuditEntry, EmploymentStatusChange, ServiceRecord
from tests.factories.residents import ResidentFactory
from tests.factories.users import UserFactory

from .conftest import TODAY


def test_opening_a_case_assigns_it_and_keeps_the_history(community, community_staff):
    resident = ResidentFactory(community=community)
    case = services.case_open(actor=community_staff, resident=resident, assigned_to=community_staff)
    assert case.status == CaseStatus.OPEN
    assert case.year_ends_on > TODAY
    assert list(case.assignments.values_list("assigned_to", flat=True)) == [community_staff.pk]
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="create").exists()


def test_a_resident_has_at_most_one_open_case(community, community_staff):
    resident = ResidentFactory(community=community)
    services.case_open(actor=community_staff, resident=resident, assigned_to=community_staff)
    with pytest.raises(ValidationError):
        services.case_open(actor=community_staff, resident=resident, assigned_to=community_staff)
    assert AssistanceCase.objects.count() == 1


def test_staff_cannot_open_a_case_outside_their_community(other_community, community_staff):
    resident = ResidentFactory(community=other_community)
    with pytest.raises(PermissionDenied):
        services.case_open(actor=community_staff, resident=resident, assigned_to=community_staff)


def test_case_cannot_be_assigned_to_staff_of_another_community(community, community_staff, other_community_staff):
    resident = ResidentFactory(community=community)
    with pytest.raises(ValidationError):
        services.case_open(actor=community_staff, resident=resident, assigned_to=other_community_staff)


def test_bureaus_cannot_open_cases(community, district_bureau):
    resident = ResidentFactory(community=community)
    with pytest.raises(PermissionDenied):
        services.case_open(actor=district_bureau, resident=resident, assigned_to=district_bureau)


def test_recording_a_service_from_a_case_writes_the_one_service_log(make_case, community_staff):
    case = make_case()
    record = services.case_service_record(actor=community_staff, case=case, kind="career_guidance", note="电话指导")
    assert ServiceRecord.objects.get() == record
    assert (record.resident, record.channel, record.served_on) == (case.resident, "phone", TODAY)


def test_reassigning_keeps_who_had_the_case(make_case, community, community_staff):
    colleague = UserFactory(community=community)
    case = make_case()
    services.case_reassign(actor=community_staff, case=case, assigned_to=colleague, note="休假")
    case.refresh_from_db()
    assert case.assigned_to == colleague
    assert [a.assigned_to for a in case.assignments.order_by("pk")] == [community_staff, colleague]


def test_closing_for_work_marks_the_case_employed_and_records_the_job(make_case, community_staff):
    case = make_case()
    services.case_close(actor=community_staff, case=case, reason="found_work", employment_status="flexible")
    case.refresh_from_db()
    assert (case.status, case.close_reason, case.closed_on) == ("employed", "found_work", TODAY)
    assert EmploymentStatusChange.objects.get(resident=case.resident).status == "flexible"


def test_closing_for_another_reason_needs_no_job(make_case, community_staff):
    case = make_case()
    services.case_close(actor=community_staff, case=case, reason="moved_away")
    case.refresh_from_db()
    assert case.status == "closed"
    assert not EmploymentStatusChange.objects.exists()


def test_closing_with_other_reason_requires_a_note(make_case, community_staff):
    with pytest.raises(ValidationError):
        services.case_close(actor=community_staff, case=make_case(), reason="other")


def test_a_closed_case_can_be_reopened_as_a_new_case(make_case, community_staff):
    case = make_case()
    services.case_close(actor=community_staff, case=case, reason="moved_away")
    again = services.case_open(actor=community_staff, resident=case.resident, assigned_to=community_staff)
    assert again.pk != case.pk


def test_demo_seeder_opens_cases_once_per_community_and_adds_people_out_of_work_when_too_few(
    community, community_staff
):
    import random

    from assistance.demo import MIN_OPEN, seed_assistance
    from stations.models import Resident

    for _ in range(2):
        ResidentFactory(community=community, employment_status="unemployed")
    seed_assistance(scale="small", rng=random.Random(1))
    opened = AssistanceCase.objects.count()
    residents = Resident.objects.count()
    assert AssistanceCase.objects.filter(status=CaseStatus.OPEN).count() >= MIN_OPEN
    assert ServiceRecord.objects.exists()
    seed_assistance(scale="small", rng=random.Random(1))
    assert (AssistanceCase.objects.count(), Resident.objects.count()) == (opened, residents)


# --- zero-employment households close when a member is in work ------------------------------------


@pytest.fixture
def zero_household(community, community_staff):
    """A couple out of work (a zero-employment household) with an open case."""
    import datetime as dt

    from assistance.models import HouseholdCase
    from stations.services.residents import household_zero_employment_refresh
    from tests.factories.assistance import HouseholdFactory
    from tests.factories.residents import valid_id_number

    household = HouseholdFactory(community=community)
    members = [
        ResidentFactory(
            community=community,
            household=household,
            employment_status="unemployed",
            id_number=valid_id_number(birth=dt.date(1985, 5, 1), male=male),
        )
        for male in (True, False)
    ]
    household_zero_employment_refresh(household=household, on=TODAY - dt.timedelta(days=40))
    household.refresh_from_db()
    case = services.household_case_open(actor=community_staff, household=household, assigned_to=community_staff)
    HouseholdCase.objects.filter(pk=case.pk).update(opened_on=TODAY - dt.timedelta(days=30))
    case.refresh_from_db()
    return household, members, case


def test_household_case_closes_itself_when_a_member_moves_into_work(zero_household, community_staff):
    import datetime as dt

    from assistance.models import HouseholdCaseStatus, HouseholdCloseReason
    from stations.services.residents import resident_employment_status_change

    household, members, case = zero_household
    started = TODAY - dt.timedelta(days=3)
    resident_employment_status_change(actor=community_staff, resident=members[1], status="employed", changed_on=started)
    case.refresh_from_db()
    assert (case.status, case.close_reason, case.closed_on) == (
        HouseholdCaseStatus.CLOSED,
        HouseholdCloseReason.MEMBER_IN_WORK,
        started,
    )
    assert members[1].name in case.close_note
    entry = AuditEntry.objects.get(object_id=str(case.pk), action="transition")
    assert entry.actor is None
    assert entry.changes["close_reason"] == "member_in_work"
    assert entry.changes["status"] == ["open", "closed"]


def test_household_case_stays_open_while_nobody_works(zero_household, community_staff):
    import datetime as dt

    from stations.services.residents import resident_employment_status_change

    _household, members, case = zero_household
    resident_employment_status_change(
        actor=community_staff,
        resident=members[0],
        status="not_in_labour_force",
        changed_on=TODAY - dt.timedelta(days=1),
    )
    case.refresh_from_db()
    assert case.is_open


def test_nightly_refresh_closes_the_case_of_a_household_now_in_work(zero_household):
    from assistance.models import HouseholdCloseReason
    from stations.models import Resident
    from stations.services.residents import household_zero_employment_refresh_all

    _household, members, case = zero_household
    # An edit that bypassed the status service (an old import, a data fix).
    Resident.objects.filter(pk=members[0].pk).update(employment_status="flexible")
    household_zero_employment_refresh_all(on=TODAY)
    case.refresh_from_db()
    assert (case.status, case.close_reason, case.closed_on) == ("closed", HouseholdCloseReason.MEMBER_IN_WORK, TODAY)
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="transition", actor__isnull=True).exists()


def test_nightly_refresh_closes_cases_left_open_by_a_flag_cleared_earlier(zero_household):
    from assistance.models import HouseholdCloseReason
    from stations.models import Household, Resident
    from stations.services.residents import household_zero_employment_refresh_all

    household, members, case = zero_household
    Resident.objects.filter(pk=members[0].pk).update(employment_status="employed")
    Household.objects.filter(pk=household.pk).update(zero_employment_since=None)  # cleared before this rule
    household_zero_employment_refresh_all(on=TODAY)
    case.refresh_from_db()
    assert case.close_reason == HouseholdCloseReason.MEMBER_IN_WORK


def test_household_without_a_member_of_working_age_closes_with_that_reason(zero_household, community_staff):
    from assistance.models import HouseholdCloseReason
    from stations.services.residents import resident_household_leave

    _household, members, case = zero_household
    for member in members:
        resident_household_leave(actor=community_staff, resident=member)
    case.refresh_from_db()
    assert case.close_reason == HouseholdCloseReason.NO_WORKING_AGE_MEMBER


def test_household_case_closed_by_hand_needs_a_reason_the_registry_cannot_see(zero_household, community_staff):
    _household, _members, case = zero_household
    with pytest.raises(ValidationError) as err:
        services.household_case_close(actor=community_staff, case=case, reason="member_in_work")
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.household_case_close(actor=community_staff, case=case, reason="other", note=" ")
    closed = services.household_case_close(actor=community_staff, case=case, reason="moved_away")
    assert (closed.status, closed.close_reason) == ("closed", "moved_away")


def test_closing_a_case_is_audited_with_its_fields_so_the_audit_page_shows_labels(make_case, community_staff):
    from stations.views.audit import readable_changes

    case = make_case()
    services.case_close(actor=community_staff, case=case, reason="moved_away")
    entry = AuditEntry.objects.get(object_id=str(case.pk), action="transition")
    shown = {row["label"]: row.get("value", row.get("new")) for row in readable_changes(entry)}
    assert "moved_away" not in shown.values()
    assert "reason" not in shown


def test_an_appointment_reminder_waits_until_ten_the_day_before(make_case, community, community_staff):
    import datetime as dt

    from django.utils import timezone

    from stations.models import TextConsent, TextMessageStatus

    case = make_case(resident=ResidentFactory(community=community, text_consent=TextConsent.GIVEN))
    at = timezone.localtime() + dt.timedelta(days=3)
    at = at.replace(hour=15, minute=30, second=0, microsecond=0)
    message = services.case_appointment_remind(
        actor=community_staff, case=case, at=at, place="幸福社区就业驿站", service="职业指导"
    )
    assert message.status == TextMessageStatus.QUEUED and message.template == "service_appointment"
    assert timezone.localtime(message.not_before) == (at - dt.timedelta(days=1)).replace(hour=10, minute=0)
    assert message.params["when"] == f"{at.month}月{at.day}日15:30"


def test_an_appointment_reminder_for_a_case_out_of_scope_is_refused(make_case, other_community_staff):
    import datetime as dt

    from django.utils import timezone

    case = make_case()
    with pytest.raises(PermissionDenied):
        services.case_appointment_remind(
            actor=other_community_staff,
            case=case,
            at=timezone.now() + dt.timedelta(days=2),
            place="驿站",
            service="职业指导",
        )
