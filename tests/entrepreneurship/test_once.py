"""The once-only rule: the one-off startup subsidy is paid once per founder
across all their businesses and once per business; each refusal names the
earlier application. Checked at filing, submission, approval and payment, and
by the database's constraints."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from entrepreneurship.models import (
    BUSINESS_KINDS,
    PER_PERSON_KINDS,
    ApplicationStatus,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)
from entrepreneurship.services import subsidy_application_create, subsidy_application_transition
from stations.models import EmploymentStatus, Role
from tests.factories import ResidentFactory, UserFactory
from tests.factories.entrepreneurship import BusinessFactory, SubsidyApplicationFactory, paid_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def founder(community):
    return ResidentFactory(community=community, name="张小店", employment_status=EmploymentStatus.SELF_EMPLOYED)


@pytest.fixture
def first_shop(community, founder):
    return BusinessFactory(community=community, founders=[founder], name="光明路早餐店", kind="micro_enterprise")


@pytest.fixture
def second_shop(community, founder):
    return BusinessFactory(community=community, founders=[founder], name="光明路洗衣店")


def _startup(actor, founder, business):
    return subsidy_application_create(actor=actor, kind=SubsidyKind.STARTUP, resident=founder, business=business)


def _through(app, *steps, community_staff=None, street_officer=None, district_bureau=None):
    actors = {
        Transition.SUBMIT: community_staff,
        Transition.STREET_CHECK: street_officer,
        Transition.APPROVE: district_bureau,
        Transition.PAY: district_bureau,
    }
    for step in steps:
        extra = {"paid_on": dt.date.today(), "payment_reference": f"R-{app.pk}"} if step == Transition.PAY else {}
        app = subsidy_application_transition(actor=actors[step], application=app, transition=step, **extra)
    return app


def test_the_startup_subsidy_is_once_per_person_and_once_per_business():
    assert SubsidyKind.STARTUP in PER_PERSON_KINDS and SubsidyKind.STARTUP in BUSINESS_KINDS


def test_startup_subsidy_for_a_founders_second_business_is_refused_naming_the_first(
    community_staff, founder, first_shop, second_shop
):
    first = _startup(community_staff, founder, first_shop)
    subsidy_application_transition(actor=community_staff, application=first, transition=Transition.SUBMIT)
    with pytest.raises(ValidationError) as excinfo:
        _startup(community_staff, founder, second_shop)
    message = excinfo.value.message_dict["resident"][0]
    assert str(first.pk) in message and "光明路早餐店" in message and "张小店" in message
    assert SubsidyApplication.objects.filter(business=second_shop).count() == 0


def test_paid_founder_is_refused_with_the_payment_date_named(community_staff, founder, first_shop, second_shop):
    paid = paid_application(resident=founder, business=first_shop, paid_on=dt.date(2025, 3, 2))
    with pytest.raises(ValidationError) as excinfo:
        _startup(community_staff, founder, second_shop)
    message = excinfo.value.message_dict["resident"][0]
    assert str(paid.pk) in message and "2025-03-02" in message


def test_second_founder_of_a_subsidised_business_is_refused_naming_the_business(
    community_staff, community, founder, first_shop
):
    partner = ResidentFactory(community=community)
    first_shop.founders.add(partner)
    first = _startup(community_staff, founder, first_shop)
    subsidy_application_transition(actor=community_staff, application=first, transition=Transition.SUBMIT)
    with pytest.raises(ValidationError) as excinfo:
        _startup(community_staff, partner, first_shop)
    assert "光明路早餐店" in excinfo.value.message_dict["business"][0]


def test_of_two_drafts_for_one_founder_only_the_first_submitted_goes_through(
    community_staff, founder, first_shop, second_shop
):
    first = _startup(community_staff, founder, first_shop)
    second = _startup(community_staff, founder, second_shop)
    subsidy_application_transition(actor=community_staff, application=first, transition=Transition.SUBMIT)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(actor=community_staff, application=second, transition=Transition.SUBMIT)
    assert str(first.pk) in excinfo.value.message_dict["resident"][0]
    second.refresh_from_db()
    assert second.status == ApplicationStatus.DRAFT


def test_a_rejected_application_frees_the_founders_slot(
    community_staff, street_officer, district_bureau, founder, first_shop, second_shop
):
    first = _startup(community_staff, founder, first_shop)
    _through(
        first,
        Transition.SUBMIT,
        Transition.STREET_CHECK,
        community_staff=community_staff,
        street_officer=street_officer,
    )
    subsidy_application_transition(
        actor=district_bureau, application=first, transition=Transition.REJECT, rejection_reason="not_eligible"
    )
    second = _startup(community_staff, founder, second_shop)
    subsidy_application_transition(actor=community_staff, application=second, transition=Transition.SUBMIT)
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED


def test_approval_is_refused_when_the_founder_was_already_paid(
    community_staff, street_officer, district_bureau, founder, first_shop, second_shop
):
    app = _startup(community_staff, founder, second_shop)
    _through(
        app, Transition.SUBMIT, Transition.STREET_CHECK, community_staff=community_staff, street_officer=street_officer
    )
    # Data from before the rule: a payment for the first shop, marked by the migration.
    earlier = paid_application(resident=founder, business=first_shop, legacy_duplicate=True)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(actor=district_bureau, application=app, transition=Transition.APPROVE)
    assert str(earlier.pk) in excinfo.value.message_dict["resident"][0]
    app.refresh_from_db()
    assert app.status == ApplicationStatus.STREET_CHECKED


def test_payment_is_refused_when_the_founder_was_already_paid(
    community_staff, street_officer, district_bureau, founder, first_shop, second_shop
):
    app = _startup(community_staff, founder, second_shop)
    steps = (Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE)
    app = _through(
        app, *steps, community_staff=community_staff, street_officer=street_officer, district_bureau=district_bureau
    )
    paid_application(resident=founder, business=first_shop, legacy_duplicate=True)
    with pytest.raises(ValidationError):
        _through(app, Transition.PAY, district_bureau=district_bureau)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED and app.paid_on is None


def test_of_two_live_duplicates_from_before_the_rule_only_the_first_approved_can_be_approved(
    street_officer, district_bureau, founder, first_shop, second_shop
):
    checked = {"status": "street_checked", "kind": SubsidyKind.STARTUP, "resident": founder}
    a = SubsidyApplicationFactory(business=first_shop, **checked)
    b = SubsidyApplicationFactory(business=second_shop, legacy_duplicate=True, **checked)
    subsidy_application_transition(actor=district_bureau, application=b, transition=Transition.APPROVE)
    with pytest.raises(ValidationError) as excinfo:
        subsidy_application_transition(actor=district_bureau, application=a, transition=Transition.APPROVE)
    assert str(b.pk) in excinfo.value.message_dict["resident"][0]


def test_a_duplicate_from_before_the_rule_sent_back_and_resubmitted_falls_under_the_rule(
    community_staff, street_officer, founder, first_shop, second_shop
):
    SubsidyApplicationFactory(business=first_shop, status="submitted", kind=SubsidyKind.STARTUP, resident=founder)
    b = SubsidyApplicationFactory(
        business=second_shop, status="submitted", kind=SubsidyKind.STARTUP, resident=founder, legacy_duplicate=True
    )
    subsidy_application_transition(actor=street_officer, application=b, transition=Transition.RETURN)
    with pytest.raises(ValidationError):
        subsidy_application_transition(actor=community_staff, application=b, transition=Transition.SUBMIT)
    b.refresh_from_db()
    assert b.status == ApplicationStatus.DRAFT


def test_resubmitting_a_returned_duplicate_clears_its_marker(community_staff, street_officer, founder, second_shop):
    b = SubsidyApplicationFactory(
        business=second_shop, status="submitted", kind=SubsidyKind.STARTUP, resident=founder, legacy_duplicate=True
    )
    subsidy_application_transition(actor=street_officer, application=b, transition=Transition.RETURN)
    subsidy_application_transition(actor=community_staff, application=b, transition=Transition.SUBMIT)
    b.refresh_from_db()
    assert b.status == ApplicationStatus.SUBMITTED and b.legacy_duplicate is False


def test_rent_subsidy_is_once_per_business_not_per_person(community_staff, founder, first_shop, second_shop):
    for shop in (first_shop, second_shop):
        app = subsidy_application_create(
            actor=community_staff,
            kind=SubsidyKind.RENT,
            resident=founder,
            business=shop,
            requested_amount=Decimal("3000"),
            monthly_rent=Decimal("1500"),
        )
        subsidy_application_transition(actor=community_staff, application=app, transition=Transition.SUBMIT)
    assert SubsidyApplication.objects.filter(kind=SubsidyKind.RENT, status="submitted").count() == 2


def test_database_refuses_a_second_live_startup_subsidy_for_one_person(founder, first_shop, second_shop):
    paid_application(resident=founder, business=first_shop)
    with pytest.raises(IntegrityError), transaction.atomic():
        paid_application(resident=founder, business=second_shop, amount="2000")


def test_database_keeps_a_duplicate_marked_before_the_rule(founder, first_shop, second_shop):
    paid_application(resident=founder, business=first_shop)
    paid_application(resident=founder, business=second_shop, amount="2000", legacy_duplicate=True)
    assert SubsidyApplication.objects.filter(resident=founder, status="paid").count() == 2


def test_eligibility_check_names_the_earlier_application(community_staff, founder, first_shop, second_shop):
    from entrepreneurship.eligibility import check_application

    first = paid_application(resident=founder, business=first_shop)
    second = SubsidyApplication(
        kind=SubsidyKind.STARTUP,
        resident=founder,
        business=second_shop,
        community=founder.community,
        requested_amount=Decimal("2000"),
        created_by=community_staff,
    )
    check = next(c for c in check_application(second, on=dt.date.today()) if c.rule == "not_awarded_before")
    assert check.passed is False and str(first.pk) in check.message


def _race(calls):
    """Run the calls at the same moment on their own connections; return what each did."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_two_payments_for_one_founder_at_once_pay_only_one(
    community_staff, street_officer, district_bureau, founder, first_shop, second_shop
):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    # Two approved applications for one founder can only exist from before the rule.
    approved = {
        "status": "approved",
        "requested_amount": Decimal("2000"),
        "approved_amount": Decimal("2000"),
        "kind": SubsidyKind.STARTUP,
        "resident": founder,
    }
    a = SubsidyApplicationFactory(business=first_shop, **approved)
    b = SubsidyApplicationFactory(business=second_shop, legacy_duplicate=True, **approved)
    second_reviewer = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district_bureau.district)

    def pay(reviewer, app):
        return lambda: subsidy_application_transition(
            actor=reviewer,
            application=app,
            transition=Transition.PAY,
            paid_on=dt.date.today(),
            payment_reference=f"R-{app.pk}",
        )

    assert _race([pay(district_bureau, a), pay(second_reviewer, b)]) == ["done", "refused"]
    assert SubsidyApplication.objects.filter(resident=founder, status="paid").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_approvals_for_one_founder_at_once_approve_only_one(district_bureau, founder, first_shop, second_shop):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    checked = {"status": "street_checked", "kind": SubsidyKind.STARTUP, "resident": founder}
    a = SubsidyApplicationFactory(business=first_shop, **checked)
    b = SubsidyApplicationFactory(business=second_shop, legacy_duplicate=True, **checked)
    second_reviewer = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district_bureau.district)

    def approve(reviewer, app):
        return lambda: subsidy_application_transition(actor=reviewer, application=app, transition=Transition.APPROVE)

    assert _race([approve(district_bureau, a), approve(second_reviewer, b)]) == ["done", "refused"]
    assert SubsidyApplication.objects.filter(resident=founder, status="approved").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_submissions_for_one_founder_at_once_let_only_one_through(
    community_staff, founder, first_shop, second_shop
):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    first = _startup(community_staff, founder, first_shop)
    second = _startup(community_staff, founder, second_shop)
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community_staff.community)

    def submit(actor, app):
        return lambda: subsidy_application_transition(actor=actor, application=app, transition=Transition.SUBMIT)

    assert _race([submit(community_staff, first), submit(colleague, second)]) == ["done", "refused"]
    assert SubsidyApplication.objects.filter(resident=founder, status="submitted").count() == 1


def test_startup_subsidy_for_a_second_record_of_the_same_person_is_refused(community_staff, founder, first_shop):
    # The same person registered twice (the pair waits on the duplicates list).
    twin = ResidentFactory(
        community=founder.community, name=founder.name, id_number=founder.id_number, shares_id_number=True
    )
    twin_shop = BusinessFactory(community=founder.community, founders=[twin], name="光明路修鞋铺")
    first = _startup(community_staff, founder, first_shop)
    subsidy_application_transition(actor=community_staff, application=first, transition=Transition.SUBMIT)

    with pytest.raises(ValidationError) as excinfo:
        _startup(community_staff, twin, twin_shop)

    assert str(first.pk) in excinfo.value.message_dict["resident"][0]
