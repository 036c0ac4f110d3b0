import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.report_figures.people import SOURCE
from stations.figures import Period
from stations.models import Role
from tests.factories import UserFactory
from tests.factories.partnerships_examples import TypicalExampleFactory
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory

pytestmark = pytest.mark.django_db

MAY = Period(dt.date(2025, 5, 1), dt.date(2025, 5, 31), "2025-05")


def at(day: dt.date, hour=12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def world(community, sibling_community, street_officer, district_bureau):
    a = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    b = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    c = UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community)
    in_may = StaffTrainingSessionFactory(
        starts_on=dt.date(2025, 5, 6), ends_on=dt.date(2025, 5, 7), hours=Decimal("12")
    )
    late_may = StaffTrainingSessionFactory(
        starts_on=dt.date(2025, 5, 31), ends_on=dt.date(2025, 6, 1), hours=Decimal("4.5")
    )
    april = StaffTrainingSessionFactory(starts_on=dt.date(2025, 4, 30), ends_on=dt.date(2025, 5, 1), hours=Decimal("8"))
    StaffTrainingAttendanceFactory(session=in_may, attendee=a)
    StaffTrainingAttendanceFactory(session=in_may, attendee=b, completed=False)
    StaffTrainingAttendanceFactory(session=late_may, attendee=a)
    StaffTrainingAttendanceFactory(session=in_may, attendee=c)
    StaffTrainingAttendanceFactory(session=april, attendee=c)
    # Street and bureau staff have no community: not in these figures.
    StaffTrainingAttendanceFactory(session=in_may, attendee=street_officer)
    StaffTrainingAttendanceFactory(session=in_may, attendee=district_bureau)

    TypicalExampleFactory(community=community, published=True, published_at=at(dt.date(2025, 5, 1), 0))
    TypicalExampleFactory(community=community, status="withdrawn", published_at=at(dt.date(2025, 5, 20)))
    TypicalExampleFactory(community=community, published=True, published_at=at(dt.date(2025, 6, 1), 0))
    TypicalExampleFactory(community=sibling_community, published=True, published_at=at(dt.date(2025, 4, 30), 23))
    TypicalExampleFactory(community=sibling_community, submitted=True)
    return community, sibling_community


def test_attendances_count_community_staff_on_courses_starting_in_the_period(world):
    community, sibling = world
    out = SOURCE.compute(period=MAY, community_ids=None)
    assert out[community.pk]["people_staff_training_attendances"] == 3
    assert out[sibling.pk]["people_staff_training_attendances"] == 1


def test_hours_count_only_completed_courses(world):
    community, sibling = world
    out = SOURCE.compute(period=MAY, community_ids=None)
    assert out[community.pk]["people_staff_training_hours"] == 12 + 4.5
    assert out[sibling.pk]["people_staff_training_hours"] == 12


def test_examples_published_in_the_period_by_local_date(world):
    community, sibling = world
    out = SOURCE.compute(period=MAY, community_ids=None)
    assert out[community.pk]["people_examples_published"] == 2
    assert "people_examples_published" not in out.get(sibling.pk, {})


def test_limited_to_the_nodes_communities(world):
    community, sibling = world
    out = SOURCE.compute(period=MAY, community_ids=[sibling.pk])
    assert set(out) == {sibling.pk}


def test_a_constant_number_of_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        SOURCE.compute(period=MAY, community_ids=None)


def test_figure_keys_are_prefixed_and_defined():
    for figure in SOURCE.figures:
        assert figure.key.startswith("people_") and figure.definition
