"""Staff training through its selectors: courses and attendances in scope,
404 for the rest alike."""

import pytest
from django.http import Http404

from partnerships.selectors import staff_training as selectors
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_a_course_of_another_district_answers_404_like_a_missing_one(district_bureau, other_district):
    course = StaffTrainingSessionFactory(district=other_district)

    assert (
        selectors.staff_training_session_get(
            user=district_bureau, pk=StaffTrainingSessionFactory(district=district_bureau.district).pk
        ).district
        == district_bureau.district
    )
    with pytest.raises(Http404):
        selectors.staff_training_session_get(user=district_bureau, pk=course.pk)
    with pytest.raises(Http404):
        selectors.staff_training_session_get(user=district_bureau, pk=course.pk + 1000)


def test_attendances_filter_by_attendee_and_leave_out_another_area(district_bureau, community, far_community):
    mine = StaffTrainingAttendanceFactory(attendee=UserFactory(community=community))
    StaffTrainingAttendanceFactory(attendee=UserFactory(community=community))
    far = StaffTrainingAttendanceFactory(attendee=UserFactory(community=far_community))

    listed = selectors.staff_training_attendance_list(user=district_bureau, filters={"attendee": mine.attendee_id})

    assert list(listed) == [mine]
    with pytest.raises(Http404):
        selectors.staff_training_attendance_get(user=district_bureau, pk=far.pk)
