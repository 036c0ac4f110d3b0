"""The post-training employment rate, checked against a hand count."""

import datetime as dt

import pytest

from stations.models import EmploymentStatus, EmploymentStatusChange
from tests.factories import ResidentFactory
from tests.factories.training import EnrolmentFactory, TrainingClassFactory, TrainingNeedFactory
from training.models import EnrolmentStatus, add_months
from training.selectors import post_training_employment_rate, rate_total, training_loop_by_district

TODAY = dt.date(2026, 11, 20)
DONE = dt.date(2026, 3, 31)  # both windows closed by TODAY (30 Jun, 30 Sep)


def _completed(resident, training_class, completed_on=DONE):
    return EnrolmentFactory(
        resident=resident,
        training_class=training_class,
        status=EnrolmentStatus.COMPLETED,
        completed_on=completed_on,
        window_3m_end=add_months(completed_on, 3),
        window_6m_end=add_months(completed_on, 6),
    )


def _work(resident, on, status=EmploymentStatus.EMPLOYED):
    EmploymentStatusChange.objects.create(resident=resident, status=status, changed_on=on)


@pytest.fixture
def finished_class(catalogue, community, district_bureau):
    return TrainingClassFactory(
        course__catalogue=catalogue,
        provider__district=catalogue.district,
        community=community,
        start_date=dt.date(2026, 2, 1),
        end_date=DONE,
        status="finished",
        created_by=district_bureau,
    )


def test_rate_matches_a_hand_count(finished_class, community, city_bureau):
    people = [ResidentFactory(community=community) for _ in range(5)]
    for person in people:
        _completed(person, finished_class)
    _work(people[0], DONE + dt.timedelta(days=20))  # in work at 3 and 6 months
    _work(people[1], DONE + dt.timedelta(days=120), EmploymentStatus.FLEXIBLE)  # only by 6 months
    _work(people[2], DONE - dt.timedelta(days=30))  # before completion: not counted
    _work(people[3], DONE + dt.timedelta(days=200))  # after 6 months: not counted
    _work(people[4], DONE + dt.timedelta(days=10), EmploymentStatus.UNEMPLOYED)  # not work
    EnrolmentFactory(
        resident=ResidentFactory(community=community), training_class=finished_class, status=EnrolmentStatus.DROPPED_OUT
    )

    [row] = post_training_employment_rate(
        user=city_bureau, group_by="class", period_start=dt.date(2026, 1, 1), period_end=TODAY, today=TODAY
    )

    assert (row.completed, row.matured_3m, row.employed_3m, row.matured_6m, row.employed_6m) == (5, 5, 1, 5, 2)
    assert (row.rate_3m, row.rate_6m) == (20.0, 40.0)


def test_open_windows_are_left_out_of_the_rate(finished_class, community, city_bureau):
    recent = dt.date(2026, 10, 1)
    person = ResidentFactory(community=community)
    _completed(person, finished_class, completed_on=recent)
    _work(person, recent + dt.timedelta(days=5))
    [row] = post_training_employment_rate(
        user=city_bureau, group_by="district", period_start=dt.date(2026, 1, 1), period_end=TODAY, today=TODAY
    )
    assert (row.completed, row.matured_3m, row.rate_3m) == (1, 0, None)


def test_rate_groups_by_the_trainees_district_within_scope(finished_class, community, far_community, district_bureau):
    _completed(ResidentFactory(community=community), finished_class)
    _completed(ResidentFactory(community=far_community), finished_class)
    rows = post_training_employment_rate(
        user=district_bureau, group_by="district", period_start=dt.date(2026, 1, 1), period_end=TODAY, today=TODAY
    )
    assert [(r.label, r.completed) for r in rows] == [(community.street.district.name, 1)]


@pytest.mark.parametrize("group_by", ["class", "provider", "course", "community", "district"])
def test_rate_is_one_query_for_any_grouping(
    finished_class, community, city_bureau, group_by, django_assert_num_queries
):
    for _ in range(3):
        _completed(ResidentFactory(community=community), finished_class)
    with django_assert_num_queries(1):
        rows = post_training_employment_rate(
            user=city_bureau, group_by=group_by, period_start=dt.date(2026, 1, 1), period_end=TODAY, today=TODAY
        )
    assert rate_total(rows).completed == 3


def test_loop_counts_wishes_offered_and_enrolled(city_bureau, community, open_class):
    from tests.factories.training import EnrolmentFactory

    asked = ResidentFactory(community=community)
    TrainingNeedFactory(resident=asked, occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="砌筑工")
    EnrolmentFactory(resident=asked, training_class=open_class)
    [row] = training_loop_by_district(user=city_bureau)
    assert (row["wishes"], row["offered_n"], row["enrolled_n"], row["completed_n"]) == (2, 1, 1, 0)
