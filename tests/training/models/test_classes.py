import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories.training import ProviderFactory
from training.models import ClassStatus, TrainingClass
from training.models.classes import CLASS_WORKFLOW


def test_provider_of_another_district_is_refused_for_a_class(open_class, other_district):
    open_class.provider = ProviderFactory(district=other_district)
    with pytest.raises(ValidationError):
        open_class.full_clean()


def test_a_class_ending_before_it_starts_is_refused_at_the_end_date(open_class):
    open_class.end_date = open_class.start_date - dt.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        open_class.full_clean()

    assert "end_date" in refused.value.message_dict


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (ClassStatus.PLANNED, ["open", "cancel"]),
        (ClassStatus.OPEN, ["start", "cancel", "replan"]),
        (ClassStatus.RUNNING, ["finish"]),
        (ClassStatus.FINISHED, []),
        (ClassStatus.CANCELLED, []),
    ],
)
def test_a_class_offers_the_bureau_the_steps_its_status_allows(status, allowed, district_bureau):
    steps = CLASS_WORKFLOW.allowed(TrainingClass(status=status), district_bureau)

    assert [step.name for step in steps] == allowed


def test_community_staff_are_offered_no_step_on_a_class(community_staff):
    assert CLASS_WORKFLOW.allowed(TrainingClass(status=ClassStatus.OPEN), community_staff) == []


def test_a_class_declares_its_workflow():
    assert TrainingClass.workflow is CLASS_WORKFLOW
