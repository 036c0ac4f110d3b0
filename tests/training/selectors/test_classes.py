"""Staff reads of classes with their seats."""

from tests.factories.training import EnrolmentFactory, TrainingClassFactory
from training.models import EnrolmentStatus
from training.selectors import class_list, training_class_find


def test_seats_left_count_only_the_enrolments_holding_a_seat(community_staff, open_class):
    EnrolmentFactory(training_class=open_class)
    EnrolmentFactory(training_class=open_class, status=EnrolmentStatus.WITHDRAWN)

    [row] = class_list(user=community_staff)

    assert (row.seats_taken, row.seats_left) == (1, open_class.capacity - 1)


def test_finding_a_class_out_of_scope_answers_like_a_missing_one(community_staff, far_community):
    far = TrainingClassFactory(community=far_community)

    assert training_class_find(user=community_staff, pk=far.pk) is None
    assert training_class_find(user=community_staff, pk=far.pk + 1000) is None
