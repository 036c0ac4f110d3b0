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


def test_demo_seeder_opens_cases_once_and_skips_without_residents(community, community_staff):
    import random

    from assistance.demo import seed_assistance

    seed_assistance(scale="small", rng=random.Random(1))
    assert not AssistanceCase.objects.exists()
    for _ in range(4):
        ResidentFactory(community=community, employment_status="unemployed")
    seed_assistance(scale="small", rng=random.Random(1))
    opened = AssistanceCase.objects.count()
    seed_assistance(scale="small", rng=random.Random(1))
    assert opened == 4
    assert AssistanceCase.objects.count() == opened
    assert ServiceRecord.objects.exists()
