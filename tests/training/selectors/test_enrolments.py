"""Staff reads of enrolments and of the classes one may enrol in."""

from tests.factories import ResidentFactory
from tests.factories.training import EnrolmentFactory, TrainingClassFactory
from training.selectors import class_roster, enrollable_class_list


def test_a_class_roster_shows_only_the_users_residents(community_staff, community, other_community, open_class):
    mine = EnrolmentFactory(training_class=open_class, resident=ResidentFactory(community=community))
    EnrolmentFactory(training_class=open_class, resident=ResidentFactory(community=other_community))

    assert list(class_roster(user=community_staff, training_class=open_class)) == [mine]


def test_staff_may_enrol_only_in_open_classes_of_their_own_district(community_staff, open_class, far_community):
    TrainingClassFactory(community=far_community)
    TrainingClassFactory(course=open_class.course, community=open_class.community, status="planned")

    assert list(enrollable_class_list(user=community_staff)) == [open_class]
