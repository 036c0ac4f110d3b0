import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from assistance import services
from assistance.models import AssistanceCase, CaseStatus, CloseReason
from assistance.services import case_close, case_open, case_service_record
from stations.closed_months import ClosedMonthError
from stations.models import AuditEntry, EmploymentStatusChange, ServiceKind, ServiceRecord
from tests.assistance.conftest import TODAY
from tests.factories.reports import close_month, day_in
from tests.factories.residents import ResidentFactory
from tests.factories.users import UserFactory


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


def test_a_case_opened_in_a_closed_month_is_refused(community_staff, community, month):
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        case_open(actor=community_staff, resident=resident, assigned_to=community_staff, opened_on=day_in(month))
    assert not AssistanceCase.objects.exists()


def test_a_case_closed_on_a_day_in_a_closed_month_is_refused(community_staff, community, make_case, month):
    case = make_case(opened_days_ago=(dt.date.today() - month.start).days + 30)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        case_close(actor=community_staff, case=case, reason=CloseReason.MOVED_AWAY, closed_on=day_in(month))
    case.refresh_from_db()
    assert case.is_open


def test_a_service_for_a_case_dated_in_a_closed_month_is_refused(community_staff, community, make_case, month):
    case = make_case(opened_days_ago=(dt.date.today() - month.start).days + 30)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError) as refused:
        case_service_record(actor=community_staff, case=case, kind=ServiceKind.CAREER_GUIDANCE, served_on=day_in(month))
    assert refused.value.call["op"] == "assistance.services.case_service_record"
    assert not ServiceRecord.objects.exists()


def test_closing_a_closed_case_is_refused_with_the_cases_own_words(make_case, community_staff):
    case = make_case()
    services.case_close(actor=community_staff, case=case, reason="moved_away")
    with pytest.raises(ValidationError) as err:
        services.case_close(actor=community_staff, case=case, reason="declined")
    assert err.value.messages == [gettext("This case is already closed.")]


def test_a_close_from_a_stale_page_is_refused_after_a_colleagues(make_case, community, community_staff):
    case = make_case()
    stale = AssistanceCase.objects.get(pk=case.pk)
    services.case_close(actor=UserFactory(community=community), case=case, reason="moved_away")
    with pytest.raises(ValidationError):
        services.case_close(actor=community_staff, case=stale, reason="found_work")
    case.refresh_from_db()
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, "moved_away")
    assert not EmploymentStatusChange.objects.filter(resident=case.resident).exists()
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="transition").count() == 1


def test_closing_for_work_is_audited_as_its_own_step(make_case, community_staff):
    case = make_case()
    services.case_close(actor=community_staff, case=case, reason="found_work")
    entry = AuditEntry.objects.get(object_id=str(case.pk), action="transition")
    assert entry.changes["step"] == "close_found_work" and entry.changes["status"] == ["open", "employed"]
    assert entry.changes["close_reason"] == "found_work"


@pytest.mark.django_db(transaction=True)
def test_two_staff_closing_the_same_case_at_once_close_it_once(community, community_staff):
    from django.db import connection

    from tests.factories.concurrency import race

    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    case = services.case_open(
        actor=community_staff, resident=ResidentFactory(community=community), assigned_to=community_staff
    )
    colleague = UserFactory(community=community)
    outcomes = race(
        [
            lambda: services.case_close(actor=community_staff, case=case, reason="moved_away"),
            lambda: services.case_close(actor=colleague, case=case, reason="declined"),
        ]
    )
    assert outcomes == ["done", "refused"]
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="transition").count() == 1
