"""The Tencent Cloud adapter (stations/messaging/tencent.py) against a fake provider on
127.0.0.1 that checks the signature as the provider documents it, and against the
published signing example. No request leaves the machine."""

import datetime as dt
import hashlib
import hmac
import json

import pytest

from stations.messaging import tencent
from stations.messaging.gateways import GatewayRefused, GatewayUnavailable
from tests.stations.messaging.conftest import KEY_ID, SECRET, outgoing


def tencent_expected_authorization(headers: dict, body: bytes, secret_id: str, secret_key: str) -> str:
    """From Tencent Cloud's 'Signature v3' page, step by step."""
    headers = {k.lower(): v for k, v in headers.items()}
    timestamp = headers["x-tc-timestamp"]
    date = dt.datetime.fromtimestamp(int(timestamp), dt.UTC).strftime("%Y-%m-%d")
    canonical_request = (
        "POST\n/\n\n"
        + f"content-type:{headers['content-type'].lower()}\nhost:{headers['host'].lower()}\n\n"
        + "content-type;host\n"
        + hashlib.sha256(body).hexdigest()
    )
    scope = f"{date}/sms/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n" + hashlib.sha256(canonical_request.encode()).hexdigest()

    def h(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    signing_key = h(h(h(("TC3" + secret_key).encode(), date), "sms"), "tc3_request")
    signature = hmac.new(signing_key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"


def tencent_answer(handler, body):
    headers = dict(handler.headers)
    if handler.headers.get("Authorization") != tencent_expected_authorization(headers, body, KEY_ID, SECRET):
        return 200, {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}}}
    if handler.headers.get("X-TC-Action") != "SendSms" or handler.headers.get("X-TC-Version") != "2021-01-11":
        return 200, {"Response": {"Error": {"Code": "InvalidAction", "Message": "?"}}}
    sent = json.loads(body)
    return 200, {
        "Response": {
            "SendStatusSet": [
                {
                    "SerialNo": "5000:1045710669157053657849499619",
                    "PhoneNumber": sent["PhoneNumberSet"][0],
                    "Code": "Ok",
                    "Message": "send success",
                    "SessionContext": sent["SessionContext"],
                }
            ],
            "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279",
        }
    }


def tencent_gateway(url, *, secret=SECRET):
    return tencent.TencentSmsGateway(
        endpoint=url, key_id=KEY_ID, key_secret=secret, app_id="1400000001", sign_name="枣庄就业"
    )


def test_tencent_signature_matches_the_documented_example():
    payload = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
    header = tencent.authorization(
        secret_id="AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret_key="Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        host="cvm.tencentcloudapi.com",
        payload=payload,
        timestamp=1551113065,
        service="cvm",
    )
    assert header.endswith(
        "2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    )


def test_tencent_sends_a_signed_sendsms_and_returns_the_serial_number(fake_provider):
    server = fake_provider(tencent_answer)
    assert tencent_gateway(server.url).send(outgoing()) == "5000:1045710669157053657849499619"
    sent = json.loads(server.requests[0][3])
    assert sent["PhoneNumberSet"] == ["+8613912340001"] and sent["TemplateId"] == "SMS_000001"
    assert sent["TemplateParamSet"] == ["家政服务员", "3月12日", "幸福社区 就业驿站"]
    assert sent["SmsSdkAppId"] == "1400000001" and sent["SignName"] == "枣庄就业"


def test_tencent_with_a_wrong_secret_is_refused_by_the_signature_check(fake_provider):
    server = fake_provider(tencent_answer)
    with pytest.raises(GatewayRefused, match="SignatureFailure"):
        tencent_gateway(server.url, secret="wrong").send(outgoing())


def test_tencent_a_refused_number_is_not_retried(fake_provider):
    answer = {"Response": {"SendStatusSet": [{"Code": "InvalidParameterValue.IncorrectPhoneNumber", "Message": "x"}]}}
    server = fake_provider(lambda h, b: (200, answer))
    with pytest.raises(GatewayRefused, match="IncorrectPhoneNumber"):
        tencent_gateway(server.url).send(outgoing())


def test_tencent_rate_limit_is_retried(fake_provider):
    server = fake_provider(lambda h, b: (200, {"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": ""}}}))
    with pytest.raises(GatewayUnavailable):
        tencent_gateway(server.url).send(outgoing())


@pytest.mark.django_db
def test_a_message_sent_through_a_provider_is_recorded_with_its_id(fake_provider, settings, community):
    """End to end: queue → send → the fake Tencent answers → the record says sent, with the serial number."""
    import zoneinfo

    from stations.models import TextConsent, TextMessageStatus
    from stations.services.messaging import text_message_queue, text_message_send
    from tests.factories.residents import ResidentFactory

    server = fake_provider(tencent_answer)
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.tencent.TencentSmsGateway"
    settings.PORTAL_TEXT_MESSAGE_ENDPOINT = server.url
    settings.PORTAL_TEXT_MESSAGE_KEY_ID, settings.PORTAL_TEXT_MESSAGE_KEY_SECRET = KEY_ID, SECRET
    settings.PORTAL_TEXT_MESSAGE_APP_ID, settings.PORTAL_TEXT_MESSAGE_SIGN_NAME = "1400000001", "枣庄就业"
    morning = dt.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    message = text_message_queue(
        resident=resident, template="class_start", params=outgoing().params, key="e2e", now=morning
    )
    status = text_message_send(message_id=message.pk, now=morning)
    message.refresh_from_db()
    assert status == TextMessageStatus.SENT, message.reason
    assert message.gateway == "tencent" and message.provider_id == "5000:1045710669157053657849499619"
