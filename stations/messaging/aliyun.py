"""Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms) over its signed HTTP API.

RPC signature v1 (HMAC-SHA1): every parameter, sorted by name and
percent-encoded (RFC 3986), joined as `k=v&…`; the string to sign is
`GET&%2F&` + that text percent-encoded again; the signature is
base64(HMAC-SHA1(AccessKeySecret + "&", string to sign)), sent as the
`Signature` parameter. The official SDK (alibabacloud_dysmsapi20170525)
pulls in the Tea runtime and a dozen packages for this one call.

Settings: PORTAL_TEXT_MESSAGE_KEY_ID / _KEY_SECRET (AccessKey),
_SIGN_NAME, _TEMPLATE_IDS (SMS_…), _ENDPOINT (default the public one).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.parse
import uuid

from django.conf import settings

from stations.messaging.gateways import GatewayRefused, GatewayUnavailable, OutgoingText, TextMessageGateway
from stations.messaging.http import request_json

ENDPOINT = "https://dysmsapi.aliyuncs.com/"
# Codes that mean "later": flow control and the provider's own trouble.
RETRY_CODES = ("isv.BUSINESS_LIMIT_CONTROL", "Throttling", "isp.SYSTEM_ERROR", "ServiceUnavailable")


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as Alibaba Cloud signs it: space %20, * %2A, ~ kept."""
    return urllib.parse.quote(str(value), safe="~")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def sign(params: dict[str, str], *, secret: str, method: str = "GET") -> str:
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsGateway(TextMessageGateway):
    name = "aliyun"

    def __init__(self, *, endpoint: str = "", key_id: str = "", key_secret: str = "", sign_name: str = ""):
        self.endpoint = endpoint or settings.PORTAL_TEXT_MESSAGE_ENDPOINT or ENDPOINT
        self.key_id = key_id or settings.PORTAL_TEXT_MESSAGE_KEY_ID
        self.key_secret = key_secret or settings.PORTAL_TEXT_MESSAGE_KEY_SECRET
        self.sign_name = sign_name or settings.PORTAL_TEXT_MESSAGE_SIGN_NAME

    def request_params(self, message: OutgoingText, *, now: dt.datetime | None = None, nonce: str = "") -> dict:
        now = now or dt.datetime.now(dt.UTC)
        params = {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "OutId": message.reference[:64],
            "PhoneNumbers": message.number,
            "RegionId": "cn-hangzhou",
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self.provider_template_id(message),
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = sign(params, secret=self.key_secret)
        return params

    def send(self, message: OutgoingText) -> str:
        if not (self.key_id and self.key_secret and self.sign_name):
            raise GatewayRefused("Alibaba Cloud SMS is not set up: key id, key secret and signature name are needed")
        url = self.endpoint.rstrip("/") + "/?" + canonical_query(self.request_params(message))
        answer = request_json(url)
        code = str(answer.get("Code", ""))
        if code == "OK" and answer.get("BizId"):
            return str(answer["BizId"])
        reason = f"{code}: {answer.get('Message', '')}"
        if code.startswith(RETRY_CODES):
            raise GatewayUnavailable(reason)
        raise GatewayRefused(reason)
