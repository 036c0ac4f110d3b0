"""The Alibaba Cloud and Tencent Cloud adapters, each against a fake provider
on 127.0.0.1 that checks the request's signature the way the provider
documents it (the checks below are written from the documentation, not from
the adapters), and against the providers' published signing examples. No
request leaves the machine."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from stations.messaging import aliyun, tencent
from stations.messaging.gateways import GatewayRefused, GatewayUnavailable, OutgoingText
from stations.messaging.templates import TEMPLATES

KEY_ID, SECRET = "test-key-id", "test-key-secret"


@pytest.fixture(autouse=True)
def template_ids(settings):
    settings.PORTAL_TEXT_MESSAGE_TEMPLATE_IDS = {"class_start": "SMS_000001"}


def outgoing():
    return OutgoingText(
        number="13912340001",
        template=TEMPLATES["class_start"],
        params={"course": "家政服务员", "date": "3月12日", "place": "幸福社区 就业驿站"},
        reference="training.class-start:7",
    )


class FakeProvider:
    """An HTTP server in a thread; `answer(handler, body)` returns (status, JSON)."""

    def __init__(self, answer):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.requests.append((self.command, self.path, dict(self.headers), body))
                status, reply = answer(self, body)
                raw = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = _serve

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_provider():
    servers = []

    def start(answer):
        server = FakeProvider(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


# --- Alibaba Cloud: RPC signature v1 ------------------------------------------------


def aliyun_expected_signature(query: dict[str, str], secret: str) -> str:
    """From Alibaba Cloud's 'RPC signature' page: sort, percent-encode (RFC
    3986, space %20, * %2A, ~ kept), join, prefix GET&%2F&, HMAC-SHA1 with
    secret + '&', base64."""

    def enc(text):
        return urllib.parse.quote(text, safe="").replace("%7E", "~")

    canonical = "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(query.items()) if k != "Signature")
    to_sign = "GET&" + enc("/") + "&" + enc(canonical)
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


def aliyun_answer(handler, body):
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(handler.path).query, keep_blank_values=True))
    if query.get("Signature") != aliyun_expected_signature(query, SECRET):
        return 400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched."}
    if query["Action"] != "SendSms" or query["Version"] != "2017-05-25":
        return 400, {"Code": "InvalidAction", "Message": query["Action"]}
    return 200, {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "r-1"}


def aliyun_gateway(url, *, secret=SECRET):
    return aliyun.AliyunSmsGateway(endpoint=url, key_id=KEY_ID, key_secret=secret, sign_name="枣庄就业")


def test_aliyun_signature_matches_the_documented_example():
    params = {
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "Format": "XML",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z",
        "Version": "2014-05-26",
    }
    assert aliyun.sign(params, secret="testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_aliyun_sends_a_signed_sendsms_and_returns_the_biz_id(fake_provider):
    server = fake_provider(aliyun_answer)
    assert aliyun_gateway(server.url).send(outgoing()) == "900619746936498440^0"
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(server.requests[0][1]).query))
    assert query["PhoneNumbers"] == "13912340001" and query["TemplateCode"] == "SMS_000001"
    assert query["SignName"] == "枣庄就业" and query["OutId"] == "training.class-start:7"
    assert json.loads(query["TemplateParam"]) == outgoing().params


def test_aliyun_with_a_wrong_secret_is_refused_by_the_signature_check(fake_provider):
    server = fake_provider(aliyun_answer)
    with pytest.raises(GatewayRefused, match="SignatureDoesNotMatch"):
        aliyun_gateway(server.url, secret="wrong").send(outgoing())


def test_aliyun_flow_control_is_retried_not_refused(fake_provider):
    server = fake_provider(lambda h, b: (200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控"}))
    with pytest.raises(GatewayUnavailable):
        aliyun_gateway(server.url).send(outgoing())


def test_aliyun_server_error_is_retried(fake_provider):
    server = fake_provider(lambda h, b: (503, {}))
    with pytest.raises(GatewayUnavailable, match="503"):
        aliyun_gateway(server.url).send(outgoing())


def test_a_template_the_site_has_not_registered_is_refused_before_any_request(fake_provider, settings):
    settings.PORTAL_TEXT_MESSAGE_TEMPLATE_IDS = {}
    server = fake_provider(aliyun_answer)
    with pytest.raises(GatewayRefused, match="template"):
        aliyun_gateway(server.url).send(outgoing())
    assert server.requests == []


def test_an_unreachable_provider_is_retried():
    with pytest.raises(GatewayUnavailable):
        aliyun_gateway("http://127.0.0.1:9/").send(outgoing())


# --- Tencent Cloud: TC3-HMAC-SHA256 ------------------------------------------------


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
