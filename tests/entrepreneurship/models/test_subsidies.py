from entrepreneurship.models import ApplicationStatus, SubsidyApplication, Transition
from stations.models import Role


def test_a_checked_application_may_be_decided_or_returned_by_the_district_only():
    application = SubsidyApplication(status=ApplicationStatus.STREET_CHECKED)
    assert set(application.allowed_transitions(Role.DISTRICT_BUREAU)) == {
        Transition.APPROVE,
        Transition.REJECT,
        Transition.RETURN,
    }
    assert application.allowed_transitions(Role.COMMUNITY_STAFF) == []
