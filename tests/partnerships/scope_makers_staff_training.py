"""Scope makers: staff_training."""

from partnerships.models import StaffTrainingAttendance, StaffTrainingSession
from stations.models import Role
from tests.factories import UserFactory
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.scope.registry import SENTINEL, register


@register(StaffTrainingSession)
def make_staff_training_session(community):
    return StaffTrainingSessionFactory(district=community.street.district, title=f"{SENTINEL} course")


@register(StaffTrainingAttendance)
def make_staff_training_attendance(community):
    return StaffTrainingAttendanceFactory(
        session=StaffTrainingSessionFactory(district=community.street.district, title=f"{SENTINEL} attended course"),
        attendee=UserFactory(role=Role.COMMUNITY_STAFF, community=community, first_name=f"{SENTINEL} attendee"),
    )
