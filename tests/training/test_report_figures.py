"""Training's report figures: needs, enrolments and completions per community."""

import datetime as dt

from django.utils import timezone

from stations.figures import Period
from tests.factories import ResidentFactory
from tests.factories.training import EnrolmentFactory, TrainingNeedFactory
from training.models import EnrolmentStatus
from training.report_figures import compute


def this_month() -> Period:
    today = timezone.localdate()
    return Period(today.replace(day=1), today, "now")


def test_needs_and_enrolments_of_the_period_count_in_the_residents_community(community, other_community):
    mine = ResidentFactory(community=community)
    TrainingNeedFactory(resident=mine, round_date=timezone.localdate())
    TrainingNeedFactory(resident=ResidentFactory(community=community), round_date=timezone.localdate())
    EnrolmentFactory(resident=mine, enrolled_on=timezone.localdate())
    TrainingNeedFactory(resident=ResidentFactory(community=other_community), round_date=timezone.localdate())

    values = compute(period=this_month(), community_ids=[community.pk])

    assert set(values) == {community.pk}
    assert (values[community.pk]["training_needs"], values[community.pk]["enrolments"]) == (2, 1)


def test_a_completion_counts_in_the_period_it_was_completed_in(community):
    today = timezone.localdate()
    EnrolmentFactory(
        resident=ResidentFactory(community=community),
        enrolled_on=today - dt.timedelta(days=90),
        training_class__start_date=today - dt.timedelta(days=80),
        training_class__end_date=today,
        status=EnrolmentStatus.COMPLETED,
        completed_on=today,
    )

    values = compute(period=this_month(), community_ids=[community.pk])

    assert values[community.pk]["completions"] == 1
