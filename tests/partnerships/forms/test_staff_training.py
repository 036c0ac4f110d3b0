"""The attendees form offers active staff of the user's area not yet on the course."""

import pytest

from partnerships.forms.staff_training import AttendeesForm
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_already_on_the_course_are_not_offered_again(district_bureau, community):
    course = StaffTrainingSessionFactory(district=district_bureau.district)
    already = StaffTrainingAttendanceFactory(session=course, attendee=UserFactory(community=community)).attendee
    free = UserFactory(community=community)

    offered = set(AttendeesForm(user=district_bureau, session=course).fields["attendees"].queryset)

    assert free in offered and already not in offered
