from entrepreneurship.models import ApplicationStatus, SubsidyApplication, Transition


def test_a_checked_application_may_be_decided_or_returned_by_the_district_only(district_bureau, community_staff):
    application = SubsidyApplication(status=ApplicationStatus.STREET_CHECKED)
    workflow = SubsidyApplication.workflow
    assert {s.name for s in workflow.allowed(application, district_bureau)} == {
        Transition.APPROVE,
        Transition.REJECT,
        Transition.RETURN,
    }
    assert workflow.allowed(application, community_staff) == []


def test_every_step_of_the_workflow_is_a_transition_the_event_log_can_name():
    assert [s.name for s in SubsidyApplication.workflow] == Transition.values
