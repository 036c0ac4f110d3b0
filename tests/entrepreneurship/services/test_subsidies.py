import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from entrepreneurship.models import (
    ApplicationEvent,
    ApplicationStatus,
    SubsidyKind,
    Transition,
)
from entrepreneurship.services import (
    subsidy_application_create,
    subsidy_application_transition,
)
from stations.closed_months import ClosedMonthError
from stations.models import EmploymentStatus, ServiceKind, ServiceRecord, TargetGroup
from tests.factories import ResidentFactory
from tests.factories.concurrency import race
from tests.factories.entrepreneurship import (
    BusinessFactory,
    SubsidyApplicationFactory,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db


def _through_to_street_checked(app, community_staff, street_officer):
    subsidy_application_transition(actor=community_staff, application=app, transition=Transition.SUBMIT)
    return subsidy_application_transition(actor=street_officer, application=app, transition=Transition.STREET_CHECK)


def test_startup_subsidy_defaults_to_the_policy_amount_for_an_individual_business(community_staff, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    assert app.requested_amount == Decimal("2000")
    assert app.status == ApplicationStatus.DRAFT


def test_startup_subsidy_runs_the_whole_workflow_and_records_each_step(
    community_staff, street_officer, district_bureau, founder, shop
):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)
    subsidy_application_transition(
        actor=district_bureau, application=app, transition=Transition.APPROVE, approved_amount=Decimal("2000")
    )
    paid = subsidy_application_transition(
        actor=district_bureau,
        application=app,
        transition=Transition.PAY,
        paid_on=dt.date.today(),
        payment_reference="ZZ-2026-0001",
    )
    assert paid.status == ApplicationStatus.PAID
    assert paid.policy_snapshot["standard"] == "2000"
    steps = list(ApplicationEvent.objects.filter(application=app).values_list("transition", flat=True))
    assert steps == ["submit", "street_check", "approve", "pay"]


def test_submitting_writes_one_subsidy_claim_to_the_service_log(community_staff, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    subsidy_application_transition(actor=community_staff, application=app, transition=Transition.SUBMIT)
    assert ServiceRecord.objects.filter(resident=founder, kind=ServiceKind.SUBSIDY_CLAIM).count() == 1


def test_application_cannot_skip_the_street_check(community_staff, district_bureau, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    subsidy_application_transition(actor=community_staff, application=app, transition=Transition.SUBMIT)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.APPROVE)
    assert excinfo.value.error_list[0].code == "state"


def test_community_staff_cannot_approve(community_staff, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    with pytest.raises(PermissionDenied):
        subsidy_application_transition(actor=community_staff, application=app, transition=Transition.APPROVE)


def test_approval_above_the_policy_amount_is_refused(community_staff, street_officer, district_bureau, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(
            actor=district_bureau, application=app, transition=Transition.APPROVE, approved_amount=Decimal("5000")
        )
    assert "approved_amount" in excinfo.value.message_dict


def test_startup_subsidy_is_refused_for_a_business_registered_too_long_ago(community_staff, community, founder):
    old = BusinessFactory(community=community, founders=[founder], registered_on=dt.date(2020, 1, 1))
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=old)
    failed = [c["rule"] for c in app.eligibility if not c["passed"]]
    assert failed == ["newly_registered"]


def test_hiring_subsidy_needs_a_contract_of_at_least_a_year(community_staff, community):
    hired = ResidentFactory(
        community=community,
        is_graduate=True,
        graduation_date=dt.date.today() - dt.timedelta(days=200),
        education="bachelor",
    )
    app = subsidy_application_create(
        actor=community_staff,
        kind=SubsidyKind.HIRING,
        resident=hired,
        employer_name="枣庄社工服务中心",
        contract_start=dt.date.today(),
        contract_months=6,
    )
    checks = {c["rule"]: c["passed"] for c in app.eligibility}
    assert checks["contract_one_year"] is False
    assert checks["hiring_group"] is True


def test_social_insurance_subsidy_needs_a_hard_to_employ_person_in_work(community_staff, community):
    person = ResidentFactory(community=community, employment_status=EmploymentStatus.EMPLOYED)
    app = subsidy_application_create(
        actor=community_staff, kind=SubsidyKind.SOCIAL_INSURANCE, resident=person, requested_amount=Decimal("3000")
    )
    assert {c["rule"]: c["passed"] for c in app.eligibility}["hard_to_employ"] is False
    person.target_groups.add(TargetGroup.objects.get(code="hard_to_employ"))
    subsidy_application_transition(actor=community_staff, application=app, transition=Transition.SUBMIT)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED


def test_payment_needs_a_date_and_reference(community_staff, street_officer, district_bureau, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)
    subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.APPROVE)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.PAY)
    assert set(excinfo.value.message_dict) == {"paid_on", "payment_reference"}


def test_application_cannot_be_paid_twice(community_staff, street_officer, district_bureau, founder, shop):
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)
    subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.APPROVE)
    pay = {"paid_on": dt.date.today(), "payment_reference": "R1"}
    subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.PAY, **pay)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.PAY, **pay)
    assert excinfo.value.error_list[0].code == "state"


def test_district_of_another_district_cannot_see_the_application(community_staff, founder, shop, other_district):
    from stations.models import Role
    from tests.factories import UserFactory

    outsider = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=other_district)
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    with pytest.raises(PermissionDenied):
        subsidy_application_transition(actor=outsider, application=app, transition=Transition.APPROVE)


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_decide_only_once(
    community_staff, street_officer, district_bureau, founder, shop
):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    from stations.models import Role
    from tests.factories import UserFactory

    second_reviewer = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district_bureau.district)
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)

    def approve(reviewer):
        return lambda: subsidy_application_transition(actor=reviewer, application=app, transition=Transition.APPROVE)

    assert race([approve(district_bureau), approve(second_reviewer)]) == ["done", "refused"]
    assert ApplicationEvent.objects.filter(application=app, transition="approve").count() == 1


def test_reviewers_are_reminded_once_of_applications_waiting_too_long(street_officer, community):
    from django.utils import timezone

    from entrepreneurship.services import subsidy_reviewers_remind
    from stations.models import Notification
    from tests.factories.entrepreneurship import SubsidyApplicationFactory

    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community), status="submitted")
    type(application).objects.filter(pk=application.pk).update(status_changed_at=timezone.now() - dt.timedelta(days=10))
    assert subsidy_reviewers_remind() == 1
    assert subsidy_reviewers_remind() == 0
    assert Notification.objects.get().recipient == street_officer


def test_fresh_applications_send_no_reminder(street_officer, community):
    from entrepreneurship.services import subsidy_reviewers_remind
    from tests.factories.entrepreneurship import SubsidyApplicationFactory

    SubsidyApplicationFactory(resident=ResidentFactory(community=community), status="submitted")
    assert subsidy_reviewers_remind() == 0


def test_an_approved_subsidy_is_texted_to_a_founder_who_agreed_to_text_messages(
    community_staff, street_officer, district_bureau, founder, shop
):
    from stations.models import TextConsent, TextMessage

    founder.text_consent = TextConsent.GIVEN
    founder.save(update_fields=["text_consent"])
    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)
    subsidy_application_transition(
        actor=district_bureau, application=app, transition=Transition.APPROVE, approved_amount=Decimal("2000")
    )
    message = TextMessage.objects.get(resident=founder)
    assert message.template == "subsidy_approved" and message.params["amount"] == "2,000"


def test_a_rejected_subsidy_is_recorded_but_not_sent_to_a_founder_never_asked(
    community_staff, street_officer, district_bureau, founder, shop
):
    from stations.models import TextMessage, TextMessageStatus

    app = subsidy_application_create(actor=community_staff, kind=SubsidyKind.STARTUP, resident=founder, business=shop)
    _through_to_street_checked(app, community_staff, street_officer)
    subsidy_application_transition(
        actor=district_bureau, application=app, transition=Transition.REJECT, rejection_reason="not_eligible"
    )
    message = TextMessage.objects.get(resident=founder)
    assert message.template == "subsidy_rejected" and message.status == TextMessageStatus.WITHHELD


def test_a_payment_dated_in_a_closed_month_is_refused(district_bureau, community, founder, month):
    application = SubsidyApplicationFactory(
        resident=founder, status=ApplicationStatus.APPROVED, approved_amount=Decimal("2000")
    )
    close_month(community=community)
    with pytest.raises(ClosedMonthError) as refused:
        subsidy_application_transition(
            actor=district_bureau,
            application=application,
            transition=Transition.PAY,
            paid_on=day_in(month),
            payment_reference="FK-001",
        )
    assert refused.value.changes[0].figures["subsidies_paid"] == (0.0, 1.0)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_a_payment_recorded_today_for_a_closed_month_counts_in_the_month_it_was_paid(
    district_bureau, community, founder
):
    application = SubsidyApplicationFactory(
        resident=founder, status=ApplicationStatus.APPROVED, approved_amount=Decimal("2000")
    )
    close_month(community=community)
    subsidy_application_transition(
        actor=district_bureau,
        application=application,
        transition=Transition.PAY,
        paid_on=dt.date.today(),
        payment_reference="FK-002",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
