"""Sign-in by text-message code: hashing, expiry, single use, limits,
lockout, and the same behaviour for numbers on no record; staff deciding a
change request once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from self_service import services
from self_service.models import ChangeRequest, RequestStatus, SignInCode
from stations.models import (
    AuditAction,
    AuditEntry,
    OutboxTextMessage,
    RemovalReason,
    Role,
    TextConsent,
    TextMessage,
    TextMessageStatus,
)
from tests.factories import ResidentFactory, UserFactory

from .conftest import last_code

NUMBER = "13912345678"
UNKNOWN = "13800000000"


def _request(number=NUMBER, client="198.51.100.7", now=None):
    return services.sign_in_code_request(number=number, client=client, now=now)


def _verify(code, number=NUMBER, client="198.51.100.7", now=None):
    return services.sign_in_code_verify(number=number, code=code, client=client, now=now)


def test_a_registered_number_gets_a_six_digit_code_kept_only_as_its_hash(resident):
    _request()

    code = last_code()
    row = SignInCode.objects.get(number=NUMBER)
    assert len(code) == 6 and code.isdigit()
    assert row.code_hash == services.code_hash(NUMBER, code)
    assert code not in row.code_hash


def test_the_delivery_record_of_a_code_does_not_keep_the_code(resident):
    _request()

    message = TextMessage.objects.get(template="sign_in_code")
    assert message.status == TextMessageStatus.SENT
    assert message.params == {"code": services.MASKED_CODE}
    assert message.resident == resident


def test_a_code_is_sent_without_consent_to_messages_and_during_quiet_hours(resident):
    assert resident.text_consent == TextConsent.UNKNOWN
    late_evening = timezone.make_aware(dt.datetime(2026, 12, 7, 23, 30))

    _request(now=late_evening)

    assert OutboxTextMessage.objects.filter(number=NUMBER, template="sign_in_code").count() == 1


def test_a_code_is_sent_to_a_resident_who_opted_out_of_messages(community):
    ResidentFactory(community=community, mobile=NUMBER, text_consent=TextConsent.WITHDRAWN)

    _request()

    assert OutboxTextMessage.objects.filter(template="sign_in_code").count() == 1


def test_an_unknown_number_gets_no_message_but_the_same_answer_and_a_code_row(db):
    assert _request(number=UNKNOWN) == UNKNOWN

    assert not OutboxTextMessage.objects.exists()
    assert SignInCode.objects.filter(number=UNKNOWN).count() == 1


def test_the_right_code_signs_in_the_resident_with_that_mobile(resident):
    _request()

    assert _verify(last_code()) == [resident]


def test_a_code_expires_after_five_minutes(resident):
    start = timezone.now()
    _request(now=start)

    with pytest.raises(services.SignInRefused, match="expired"):
        _verify(last_code(), now=start + dt.timedelta(minutes=5, seconds=1))


def test_a_code_works_only_once(resident):
    _request()
    code = last_code()
    _verify(code)

    with pytest.raises(services.SignInRefused):
        _verify(code)


def test_a_new_code_makes_the_earlier_one_stop_working(resident):
    _request()
    first = last_code()
    _request()
    second = last_code()
    if first == second:
        pytest.skip("the two random codes happened to be equal")

    with pytest.raises(services.SignInRefused):
        _verify(first)
    assert _verify(second) == [resident]


def test_five_wrong_codes_lock_the_number_even_against_the_right_code(resident):
    _request()
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(services.WRONG_TRIES_BEFORE_LOCKOUT):
        with pytest.raises(services.SignInRefused):
            _verify(wrong)

    with pytest.raises(services.SignInRefused, match="Too many wrong codes"):
        _verify(code)


def test_a_new_code_does_not_lift_the_lockout(resident):
    _request()
    for _attempt in range(services.WRONG_TRIES_BEFORE_LOCKOUT):
        with pytest.raises(services.SignInRefused):
            _verify("999999" if last_code() != "999999" else "888888")

    with pytest.raises(services.SignInRefused, match="Too many wrong codes"):
        _request()


def test_the_lockout_ends_after_fifteen_minutes(resident):
    start = timezone.now()
    _request(now=start)
    for _attempt in range(services.WRONG_TRIES_BEFORE_LOCKOUT):
        with pytest.raises(services.SignInRefused):
            _verify("999999" if last_code() != "999999" else "888888", now=start)
    SignInCode.objects.update(created_at=start - dt.timedelta(minutes=16))

    _request()
    assert _verify(last_code()) == [resident]


def test_an_unknown_number_is_locked_out_the_same_way(db):
    _request(number=UNKNOWN)
    messages = []
    for _attempt in range(services.WRONG_TRIES_BEFORE_LOCKOUT + 1):
        with pytest.raises(services.SignInRefused) as refused:
            _verify("123456", number=UNKNOWN)
        messages.append(str(refused.value))

    assert "wrong or has expired" in messages[0]
    assert "Too many wrong codes" in messages[-1]


def test_codes_for_one_number_are_limited_per_hour(resident):
    for _attempt in range(services.CODES_PER_NUMBER_PER_HOUR):
        _request(client=f"198.51.100.{_attempt}")

    with pytest.raises(services.SignInRefused, match="Too many codes"):
        _request(client="198.51.100.99")
    assert OutboxTextMessage.objects.count() == services.CODES_PER_NUMBER_PER_HOUR


def test_codes_from_one_address_are_limited_per_hour(db):
    for n in range(services.CODES_PER_ADDRESS_PER_HOUR):
        _request(number=f"1390000{n:04d}")

    with pytest.raises(services.SignInRefused, match="Too many codes"):
        _request(number="13911112222")


def test_a_shared_phone_signs_in_to_a_choice_of_the_records_with_it(community, resident):
    spouse = ResidentFactory(community=community, mobile=NUMBER)
    _request()

    assert _verify(last_code()) == [resident, spouse]


def test_a_removed_record_gets_no_code(community):
    from stations.models import Resident

    gone = ResidentFactory(community=community, mobile=NUMBER)
    Resident.objects.filter(pk=gone.pk).update(removed_at=timezone.now(), removal_reason=RemovalReason.MOVED_AWAY)

    _request()

    assert not OutboxTextMessage.objects.exists()


# --- staff decide a change request once (a declared workflow) ------------------------------
def test_a_confirmed_change_cannot_be_declined_and_says_it_was_decided(community_staff, change):
    services.change_request_confirm(actor=community_staff, change_request=change)
    with pytest.raises(ValidationError) as refused:
        services.change_request_decline(actor=community_staff, change_request=change, reason="不符")
    assert refused.value.code == "state"
    assert refused.value.messages == ["This request has been decided already."]


def test_a_colleagues_decision_on_a_stale_page_is_refused_and_the_resident_not_texted(
    community_staff, community, change
):
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    stale = ChangeRequest.objects.get(pk=change.pk)
    services.change_request_confirm(actor=community_staff, change_request=change)
    with pytest.raises(ValidationError):
        services.change_request_decline(actor=colleague, change_request=stale, reason="地址无法核实")
    decided = ChangeRequest.objects.get(pk=change.pk)
    assert (decided.status, decided.decided_by, decided.decision_reason) == (
        RequestStatus.CONFIRMED,
        community_staff,
        "",
    )
    assert not TextMessage.objects.filter(template="change_declined").exists()


def test_a_decline_is_audited_with_its_step_and_reason(community_staff, change):
    services.change_request_decline(actor=community_staff, change_request=change, reason=" 地址  无法核实 ")
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION, object_id=str(change.pk))
    assert entry.changes == {"status": ["pending", "declined"], "step": "decline", "reason": "地址 无法核实"}
