import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.models import (
    StaffTrainingAttendance,
    StaffTrainingSession,
)
from partnerships.selectors.staff_training import staff_training_record
from partnerships.services import staff_training as services
from partnerships.services.staff_training import (
    staff_training_attendance_remove,
    staff_training_attendance_update,
    staff_training_attendees_add,
    staff_training_session_save,
)
from stations.closed_months import ClosedMonthError
from stations.models import AuditAction, AuditEntry, Role
from tests.factories import UserFactory
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.factories.reports import close_month, day_in


def new_session(**kwargs):
    defaults = {
        "kind": "rotation",
        "title": "驿站业务轮训",
        "starts_on": dt.date(2025, 5, 6),
        "ends_on": dt.date(2025, 5, 7),
        "hours": Decimal("12"),
    }
    return StaffTrainingSession(**{**defaults, **kwargs})


def test_a_district_course_belongs_to_the_bureaus_district(district_bureau, district):
    session = services.staff_training_session_save(actor=district_bureau, session=new_session())
    assert session.district == district and session.created_by == district_bureau
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(session.pk)).exists()


def test_a_city_course_belongs_to_no_district(city_bureau, district):
    session = services.staff_training_session_save(actor=city_bureau, session=new_session(district=district))
    assert session.district is None


def test_community_staff_cannot_record_courses(community_staff):
    with pytest.raises(PermissionDenied):
        services.staff_training_session_save(actor=community_staff, session=new_session())


def test_a_course_cannot_end_before_it_starts(district_bureau):
    with pytest.raises(ValidationError) as exc:
        services.staff_training_session_save(
            actor=district_bureau, session=new_session(starts_on=dt.date(2025, 5, 7), ends_on=dt.date(2025, 5, 6))
        )
    assert "ends_on" in exc.value.message_dict


def test_another_districts_course_cannot_be_changed(district_bureau, other_district):
    session = StaffTrainingSessionFactory(district=other_district)
    session.title = "改名"
    with pytest.raises(PermissionDenied):
        services.staff_training_session_save(actor=district_bureau, session=session)


def test_attendance_copies_the_community_staff_members_node(district_bureau, district, community_staff, community):
    session = StaffTrainingSessionFactory(district=district)
    [record] = services.staff_training_attendees_add(
        actor=district_bureau, session=session, attendees=[community_staff]
    )
    assert (record.community, record.street, record.district) == (community, community.street, district)


def test_attendance_copies_a_street_officers_street_and_district(district_bureau, district, street_officer, street):
    session = StaffTrainingSessionFactory(district=district)
    [record] = services.staff_training_attendees_add(actor=district_bureau, session=session, attendees=[street_officer])
    assert (record.community, record.street, record.district) == (None, street, district)


def test_attendance_of_a_district_account_has_only_the_district(city_bureau, district_bureau, district):
    session = StaffTrainingSessionFactory()
    [record] = services.staff_training_attendees_add(actor=city_bureau, session=session, attendees=[district_bureau])
    assert (record.community, record.street, record.district) == (None, None, district)


def test_attendees_outside_the_bureaus_area_are_refused(district_bureau, district, far_community):
    stranger = UserFactory(role=Role.COMMUNITY_STAFF, community=far_community)
    session = StaffTrainingSessionFactory(district=district)
    with pytest.raises(ValidationError) as exc:
        services.staff_training_attendees_add(actor=district_bureau, session=session, attendees=[stranger])
    assert "attendees" in exc.value.message_dict and not StaffTrainingAttendance.objects.exists()


def test_someone_already_on_the_course_is_refused_by_name(district_bureau, district, community_staff):
    session = StaffTrainingSessionFactory(district=district)
    services.staff_training_attendees_add(actor=district_bureau, session=session, attendees=[community_staff])
    with pytest.raises(ValidationError, match=community_staff.first_name):
        services.staff_training_attendees_add(actor=district_bureau, session=session, attendees=[community_staff])


def test_a_district_cannot_add_attendees_to_a_city_course(district_bureau, community_staff):
    with pytest.raises(PermissionDenied):
        services.staff_training_attendees_add(
            actor=district_bureau, session=StaffTrainingSessionFactory(), attendees=[community_staff]
        )


def test_marking_an_attendance_not_completed_is_audited(district_bureau, district, community_staff):
    record = StaffTrainingAttendanceFactory(
        session=StaffTrainingSessionFactory(district=district), attendee=community_staff
    )
    services.staff_training_attendance_update(actor=district_bureau, attendance=record, completed=False, score="缺考")
    record.refresh_from_db()
    assert not record.completed and record.score == "缺考"
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(record.pk)).exists()


def test_the_record_sums_completed_hours_this_year(community_staff):
    today = dt.date.today()
    this_year = StaffTrainingSessionFactory(starts_on=today, hours=Decimal("8"))
    not_done = StaffTrainingSessionFactory(starts_on=today, hours=Decimal("4"))
    last_year = StaffTrainingSessionFactory(starts_on=today.replace(year=today.year - 1), hours=Decimal("16"))
    StaffTrainingAttendanceFactory(session=this_year, attendee=community_staff)
    StaffTrainingAttendanceFactory(session=not_done, attendee=community_staff, completed=False)
    StaffTrainingAttendanceFactory(session=last_year, attendee=community_staff)
    record = staff_training_record(person=community_staff)
    assert record["hours_this_year"] == Decimal("8") and record["hours_total"] == Decimal("24")
    assert len(record["attendances"]) == 3


# --- closed months: staff training ----------------------------------------
def test_staff_cannot_be_added_to_a_course_of_a_closed_month(city_officer, community_staff, community, month):
    session = StaffTrainingSessionFactory(starts_on=day_in(month), created_by=city_officer)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        staff_training_attendees_add(actor=city_officer, session=session, attendees=[community_staff])
    assert not StaffTrainingAttendance.objects.exists()


def test_a_completion_of_a_course_of_a_closed_month_cannot_be_withdrawn(city_officer, community_staff, month):
    attendance = StaffTrainingAttendanceFactory(session__starts_on=day_in(month), attendee=community_staff)
    close_month(community=community_staff.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        staff_training_attendance_update(actor=city_officer, attendance=attendance, completed=False)


def test_an_attendance_of_a_closed_month_cannot_be_taken_off(city_officer, community_staff, month):
    attendance = StaffTrainingAttendanceFactory(session__starts_on=day_in(month), attendee=community_staff)
    close_month(community=community_staff.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        staff_training_attendance_remove(actor=city_officer, attendance=attendance)
    assert StaffTrainingAttendance.objects.count() == 1


def test_the_hours_of_a_course_of_a_closed_month_cannot_change(city_officer, community_staff, month):
    attendance = StaffTrainingAttendanceFactory(session__starts_on=day_in(month), attendee=community_staff)
    close_month(community=community_staff.community, by=community_staff)
    session = attendance.session
    session.hours = Decimal("16.0")
    with pytest.raises(ClosedMonthError):
        staff_training_session_save(actor=city_officer, session=session)
