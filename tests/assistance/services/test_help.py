"""Help requests: submitted from the public page, answered by the
community's staff, the answer sent by approved template."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from assistance.models import AssistanceCase, HelpRequest, HelpRequestStatus
from assistance.services.help import ANSWER_DAYS_KEY, help_request_answer, help_request_submit
from stations.models import AuditEntry, OutboxTextMessage, PolicyParameterValue, TextConsent, TextMessageStatus
from stations.services import messaging
from tests.factories.assistance import HelpRequestFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.django_db
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
MORNING = dt.datetime(2026, 3, 10, 10, 0, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


def answer(help_request, actor, **kwargs):
    kwargs.setdefault("reply", "请周三上午来驿站面谈")
    kwargs.setdefault("phone", "0632-3311234")
    return help_request_answer(actor=actor, help_request=help_request, now=MORNING, **kwargs)


def test_a_request_is_due_the_policys_number_of_days_after_it_arrives(community, city_bureau):
    PolicyParameterValue.objects.create(
        key=ANSWER_DAYS_KEY, value=5, valid_from=dt.date(2000, 1, 1), set_by=city_bureau
    )
    request = help_request_submit(
        community=community, need="training", name="李娜", mobile="+86 139 1234 0001", now=MORNING
    )
    assert request.due_on == dt.date(2026, 3, 15)
    assert request.mobile == "13912340001" and request.status == HelpRequestStatus.NEW


def test_a_submitted_request_is_audited_without_its_personal_data(community):
    request = help_request_submit(community=community, need="hardship", name="李娜", mobile="13912340001")
    entry = AuditEntry.objects.get(object_id=str(request.pk))
    assert entry.actor is None and entry.community_id == community.pk
    assert "13912340001" not in str(entry.changes) and "李娜" not in str(entry.changes)


def test_a_request_with_a_wrong_mobile_is_refused_on_that_field(community):
    with pytest.raises(ValidationError) as exc:
        help_request_submit(community=community, need="find_work", name="李娜", mobile="12345")
    assert "mobile" in exc.value.message_dict


def test_the_answer_goes_by_text_to_someone_without_a_record_who_agreed(community, community_staff):
    help_request = HelpRequestFactory(community=community, mobile="13912340002", text_consent=True)
    answered = answer(help_request, community_staff)
    assert answered.status == HelpRequestStatus.ANSWERED and answered.answered_by == community_staff
    message = answered.text_message
    assert message.status == TextMessageStatus.QUEUED and message.resident is None
    assert messaging.text_message_send(message_id=message.pk, now=MORNING) == TextMessageStatus.SENT
    sent = OutboxTextMessage.objects.get()
    assert sent.number == "13912340002" and sent.template == "help_request_answer"
    assert f"编号{help_request.reference}" in sent.text and "请周三上午来驿站面谈" in sent.text


def test_no_text_goes_to_someone_who_did_not_agree(community, community_staff):
    help_request = HelpRequestFactory(community=community, text_consent=False)
    answered = answer(help_request, community_staff)
    assert answered.status == HelpRequestStatus.ANSWERED and answered.text_message is None


def test_a_number_that_opted_out_gets_no_answer_by_text(community, community_staff):
    ResidentFactory(community=community, mobile="13912340003", text_consent=TextConsent.WITHDRAWN)
    help_request = HelpRequestFactory(community=community, mobile="13912340003")
    assert answer(help_request, community_staff).text_message.status == TextMessageStatus.WITHHELD


def test_a_reply_longer_than_one_template_parameter_is_refused_on_its_field(community, community_staff):
    help_request = HelpRequestFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        answer(help_request, community_staff, reply="请您于本周三上午九点携带身份证到光明路社区就业驿站面谈")
    assert "reply" in exc.value.message_dict
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.NEW


def test_a_request_is_answered_once(community, community_staff):
    help_request = HelpRequestFactory(community=community)
    answer(help_request, community_staff)
    with pytest.raises(ValidationError):
        answer(help_request, community_staff, reply="再次答复")


def test_staff_of_another_community_cannot_answer(community, other_community_staff):
    with pytest.raises(PermissionDenied):
        answer(HelpRequestFactory(community=community), other_community_staff)


def test_a_district_bureau_reads_but_does_not_answer(community, district_bureau):
    with pytest.raises(PermissionDenied):
        answer(HelpRequestFactory(community=community), district_bureau)


def test_the_answer_links_the_resident_found_by_mobile_and_opens_a_case(community, community_staff):
    resident = ResidentFactory(community=community, mobile="13912340004")
    help_request = HelpRequestFactory(community=community, mobile="13912340004")
    answered = answer(help_request, community_staff, resident=resident, open_case=True)
    case = AssistanceCase.objects.get(resident=resident)
    assert answered.resident == resident and answered.case == case and case.assigned_to == community_staff


def test_an_open_case_of_the_resident_is_linked_not_opened_twice(community, community_staff, make_case):
    resident = ResidentFactory(community=community, mobile="13912340005")
    case = make_case(resident=resident)
    answered = answer(
        HelpRequestFactory(community=community, mobile="13912340005"),
        community_staff,
        resident=resident,
        open_case=True,
    )
    assert answered.case == case and AssistanceCase.objects.filter(resident=resident).count() == 1


def test_a_resident_with_another_mobile_cannot_be_linked(community, community_staff):
    resident = ResidentFactory(community=community, mobile="13912340006")
    with pytest.raises(ValidationError) as exc:
        answer(HelpRequestFactory(community=community, mobile="13912340007"), community_staff, resident=resident)
    assert "resident" in exc.value.message_dict


def test_the_answer_is_audited_with_its_actor(community, community_staff):
    help_request = answer(HelpRequestFactory(community=community), community_staff)
    entry = AuditEntry.objects.filter(object_id=str(help_request.pk)).latest("pk")
    assert entry.actor == community_staff and entry.changes["status"] == ["new", "answered"]


def test_the_answer_template_carries_short_parameters_only():
    from stations.messaging.templates import PARAM_MAX_LENGTH, TEMPLATES

    template = TEMPLATES["help_request_answer"]
    assert template.params == ("ref", "reply", "phone")
    assert PARAM_MAX_LENGTH == 20


def test_an_answer_from_a_stale_page_is_refused_with_the_requests_own_words(community, community_staff):
    help_request = HelpRequestFactory(community=community)
    stale = HelpRequest.objects.get(pk=help_request.pk)
    answer(help_request, community_staff)
    with pytest.raises(ValidationError) as err:
        answer(stale, community_staff, reply="再次答复")
    assert err.value.messages == [gettext("This request has been answered already.")]
    assert HelpRequest.objects.get(pk=help_request.pk).reply == "请周三上午来驿站面谈"


def test_the_answer_is_audited_as_the_answer_step(community, community_staff):
    help_request = answer(HelpRequestFactory(community=community), community_staff)
    entry = AuditEntry.objects.filter(object_id=str(help_request.pk)).latest("pk")
    assert entry.action == "transition" and entry.changes["step"] == "answer"


@pytest.mark.django_db(transaction=True)
def test_two_staff_answering_at_once_answer_once(community, community_staff):
    from django.db import connection

    from tests.factories.concurrency import race
    from tests.factories.users import UserFactory

    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    help_request = HelpRequestFactory(community=community)
    colleague = UserFactory(community=community)
    outcomes = race([lambda: answer(help_request, community_staff), lambda: answer(help_request, colleague)])
    assert outcomes == ["done", "refused"]
    assert AuditEntry.objects.filter(object_id=str(help_request.pk), action="transition").count() == 1
