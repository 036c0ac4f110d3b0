"""Correction requests: a change refused for a closed month, sent to the
street, approved (made as asked, the closed figures moved by what it changed)
or rejected."""

import datetime as dt
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from openpyxl import load_workbook

from reports.assemble import build_table
from reports.models import CorrectionRequest, CorrectionStatus, PeriodClose
from reports.nodes import parse_node
from reports.periods import parse_period
from reports.services import workbook_bytes
from reports.services_corrections import (
    correction_request_approve,
    correction_request_create,
    correction_request_reject,
    correction_request_withdraw,
)
from stations.closed_months import ClosedMonthError
from stations.models import (
    AuditAction,
    AuditEntry,
    Notification,
    RemovalReason,
    Role,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
)
from stations.services import service_record_create
from stations.services.residents import resident_remove
from tests.factories import ResidentFactory, UserFactory
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def resident(community, month):
    return ResidentFactory(community=community, registered_on=month.start - dt.timedelta(days=40))


@pytest.fixture
def close(community, community_staff, month):
    return close_month(community=community, by=community_staff, month=month)


def refused_token(actor, resident, day) -> str:
    with pytest.raises(ClosedMonthError) as refused:
        service_record_create(
            actor=actor, resident=resident, kind=ServiceKind.POLICY_CONTACT, served_on=day, channel=ServiceChannel.PHONE
        )
    return parse_qs(urlparse(refused.value.correction_url()).query)["t"][0]


@pytest.fixture
def asked(community_staff, resident, close, month):
    token = refused_token(community_staff, resident, day_in(month))
    return correction_request_create(actor=community_staff, token=token, reason="上门走访当天未及时录入")


def test_a_refused_change_sent_for_approval_waits_for_the_street_officer(street_officer, asked, month):
    assert asked.status == CorrectionStatus.PENDING
    assert asked.month == month.start
    assert asked.expected_changes[0]["figures"] == {"services_given": [0.0, 1.0]}
    assert not ServiceRecord.objects.exists()
    assert Notification.objects.get(kind="correction_requested").recipient == street_officer


def test_a_correction_needs_a_reason(community_staff, resident, close, month):
    token = refused_token(community_staff, resident, day_in(month))
    with pytest.raises(ValidationError) as refused:
        correction_request_create(actor=community_staff, token=token, reason="  ")
    assert "reason" in refused.value.error_dict


def test_the_same_change_cannot_be_sent_twice(asked, community_staff, resident, month):
    token = refused_token(community_staff, resident, day_in(month))
    with pytest.raises(ValidationError):
        correction_request_create(actor=community_staff, token=token, reason="again")
    assert CorrectionRequest.objects.count() == 1


def test_a_change_that_no_longer_alters_a_closed_month_is_not_sent(community_staff, resident, close, month):
    token = refused_token(community_staff, resident, day_in(month))
    PeriodClose.objects.all().delete()
    with pytest.raises(ValidationError):
        correction_request_create(actor=community_staff, token=token, reason="late")
    assert not CorrectionRequest.objects.exists()


def test_approving_makes_the_change_as_the_requester_asked_it(asked, community_staff, street_officer, month):
    correction_request_approve(actor=street_officer, correction=asked)
    record = ServiceRecord.objects.get()
    assert (record.served_on, record.staff) == (day_in(month), community_staff)
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (CorrectionStatus.APPLIED, street_officer)


def test_approving_moves_the_closed_figures_by_exactly_what_the_change_did(asked, street_officer, close, month):
    assert close.figures.get("services_given", 0) == 0
    correction_request_approve(actor=street_officer, correction=asked)
    close.refresh_from_db()
    assert close.figures["services_given"] == 1
    table = build_table(parse_node(close.community.code), month)
    assert table.total.values["services_given"] == 1
    assert [(c.figure, c.before, c.after) for c in table.corrections] == [("services_given", 0.0, 1.0)]
    assert table.drift == []


def test_the_workbook_lists_the_approved_correction_with_who_asked_and_who_approved(
    asked, community_staff, street_officer, community, month
):
    correction_request_approve(actor=street_officer, correction=asked)
    with translation.override("en"):
        wb = load_workbook(io.BytesIO(workbook_bytes(node_code=community.code, period_text=month.label)))
    sheet = wb["Corrections"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows == [
        [
            month.label,
            community.name,
            "Services given",
            0,
            1,
            "Record a service",
            asked.pk,
            community_staff.get_full_name(),
            rows[0][8],
            street_officer.get_full_name(),
            rows[0][10],
        ]
    ]


def test_the_workbook_of_a_quarter_lists_the_corrections_of_its_months(asked, street_officer, district, month):
    correction_request_approve(actor=street_officer, correction=asked)
    year = month.start.year
    quarter = (month.start.month - 1) // 3 + 1
    table = build_table(parse_node(district.code), parse_period(f"{year}-Q{quarter}"))
    assert [c.number for c in table.corrections] == [asked.pk]


def test_community_staff_cannot_approve(asked, community):
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    with pytest.raises(PermissionDenied):
        correction_request_approve(actor=colleague, correction=asked)


def test_an_officer_of_another_street_cannot_approve(asked, other_street):
    outsider = UserFactory(role=Role.STREET_OFFICER, community=None, street=other_street)
    with pytest.raises(PermissionDenied):
        correction_request_approve(actor=outsider, correction=asked)


def test_an_officer_cannot_approve_a_correction_they_asked_for(street_officer, resident, close, month):
    token = refused_token(street_officer, resident, day_in(month))
    correction = correction_request_create(actor=street_officer, token=token, reason="late")
    with pytest.raises(ValidationError):
        correction_request_approve(actor=street_officer, correction=correction)
    colleague = UserFactory(role=Role.STREET_OFFICER, community=None, street=street_officer.street)
    correction_request_approve(actor=colleague, correction=correction)
    assert ServiceRecord.objects.get().staff == street_officer


def test_a_change_that_can_no_longer_be_made_is_not_approved(asked, community_staff, street_officer, resident):
    resident_remove(actor=community_staff, resident=resident, reason=RemovalReason.MOVED_AWAY)
    with pytest.raises(ValidationError):
        correction_request_approve(actor=street_officer, correction=asked)
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.PENDING
    assert not ServiceRecord.objects.exists()


def test_rejecting_needs_a_note_and_tells_the_requester(asked, community_staff, street_officer):
    with pytest.raises(ValidationError):
        correction_request_reject(actor=street_officer, correction=asked, note="")
    correction_request_reject(actor=street_officer, correction=asked, note="该日无走访记录")
    asked.refresh_from_db()
    assert (asked.status, asked.decision_note) == (CorrectionStatus.REJECTED, "该日无走访记录")
    assert Notification.objects.get(kind="correction_decided").recipient == community_staff
    assert not ServiceRecord.objects.exists()


def test_a_decided_request_cannot_be_decided_again(asked, street_officer):
    correction_request_approve(actor=street_officer, correction=asked)
    with pytest.raises(ValidationError):
        correction_request_reject(actor=street_officer, correction=asked, note="no")
    assert ServiceRecord.objects.count() == 1


def test_only_the_requester_withdraws(asked, community_staff, community):
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    with pytest.raises(PermissionDenied):
        correction_request_withdraw(actor=colleague, correction=asked)
    correction_request_withdraw(actor=community_staff, correction=asked)
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.WITHDRAWN


def test_asking_and_approving_are_in_the_audit_log(asked, street_officer):
    correction_request_approve(actor=street_officer, correction=asked)
    actions = list(
        AuditEntry.objects.filter(object_id=str(asked.pk), content_type__model="correctionrequest")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.TRANSITION]


def test_the_district_decides_a_correction_that_reaches_beyond_one_street(
    community_staff, street_officer, district_bureau, community, other_community, month
):
    from django.utils import timezone

    from partnerships.models import ExampleStatus
    from partnerships.services.examples import typical_example_save
    from tests.factories.partnerships_examples import TypicalExampleFactory

    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    example = TypicalExampleFactory(community=community, status=ExampleStatus.WITHDRAWN, published_at=published)
    close_month(community=community, by=community_staff)
    close_month(community=other_community)
    example.community = other_community
    with pytest.raises(ClosedMonthError) as refused:
        typical_example_save(actor=district_bureau, example=example)
    token = parse_qs(urlparse(refused.value.correction_url()).query)["t"][0]
    correction = correction_request_create(actor=district_bureau, token=token, reason="案例所属社区填错")
    with pytest.raises(ValidationError):
        correction_request_approve(actor=street_officer, correction=correction)
    other = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district_bureau.district)
    correction_request_approve(actor=other, correction=correction)
    example.refresh_from_db()
    assert example.community == other_community
    assert PeriodClose.objects.get(community=other_community).figures["people_examples_published"] == 1
    assert PeriodClose.objects.get(community=community).figures["people_examples_published"] == 0


def test_a_withdrawn_request_cannot_be_approved_and_says_it_was_decided(asked, community_staff, street_officer):
    correction_request_withdraw(actor=community_staff, correction=asked)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        correction_request_approve(actor=street_officer, correction=asked)
    assert refused.value.messages == ["This request has already been decided (Withdrawn)."]
    assert not ServiceRecord.objects.exists()


def test_a_stale_approval_is_refused_after_a_colleague_rejected(asked, street_officer):
    colleague = UserFactory(role=Role.STREET_OFFICER, community=None, street=street_officer.street)
    stale = CorrectionRequest.objects.get(pk=asked.pk)
    correction_request_reject(actor=colleague, correction=asked, note="该日无走访记录")
    with pytest.raises(ValidationError):
        correction_request_approve(actor=street_officer, correction=stale)
    stale.refresh_from_db()
    assert (stale.status, stale.decided_by) == (CorrectionStatus.REJECTED, colleague)
    assert not ServiceRecord.objects.exists()


def test_the_approval_audit_entry_names_the_step_and_the_figures(asked, street_officer):
    correction_request_approve(actor=street_officer, correction=asked)
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION, object_id=str(asked.pk))
    assert entry.changes["status"] == [CorrectionStatus.PENDING, CorrectionStatus.APPLIED]
    assert entry.changes["step"] == "approve"
    assert entry.changes["figures"]


def test_an_officer_of_another_street_cannot_reject_or_withdraw(asked, other_street):
    outsider = UserFactory(role=Role.STREET_OFFICER, community=None, street=other_street)
    with pytest.raises(PermissionDenied):
        correction_request_reject(actor=outsider, correction=asked, note="no")
    with pytest.raises(PermissionDenied):
        correction_request_withdraw(actor=outsider, correction=asked)


@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_together_apply_the_change_once(asked, street_officer):
    from django.db import connection

    from tests.factories.concurrency import race

    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    colleague = UserFactory(role=Role.STREET_OFFICER, community=None, street=street_officer.street)
    outcomes = race(
        [
            lambda officer=officer: correction_request_approve(actor=officer, correction=asked)
            for officer in (street_officer, colleague)
        ]
    )
    assert outcomes == ["done", "refused"]
    assert ServiceRecord.objects.count() == 1
