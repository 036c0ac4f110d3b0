"""Tencent Cloud SMS (sms 2021-01-11, SendSms) over its signed HTTP API.

TC3-HMAC-SHA256: the canonical request (method, "/", empty query, the
content-type and host headers, their names, the SHA-256 of the JSON body)
is hashed into the string to sign with the timestamp and the credential
scope `<UTC date>/sms/tc3_request`; the key is derived as
HMAC("TC3" + SecretKey, date) → "sms" → "tc3_request"; the Authorization
header carries the SecretId, the scope, the signed headers and the hex
signature. The official SDK (tencentcloud-sdk-python) would do the same.

Settings: PORTAL_TEXT_MESSAGE_KEY_ID / _KEY_SECRET (SecretId / SecretKey),
_APP_ID (SmsSdkAppId), _SIGN_NAME, _TEMPLATE_IDS, _ENDPOINT.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.parse

from django.conf import settings

from stations.messaging.gateways import GatewayRefused, GatewayUnavailable, OutgoingText, TextMessageGateway
from stations.messaging.http import request_json

ENDPOINT = "https://sms.tencentcloudapi.com/"
SERVICE = "sms"
VERSION = "2021-01-11"
REGION = "ap-guangzhou"
CONTENT_TYPE = "application/json; charset=utf-8"
SIGNED_HEADERS = "content-type;host"
# Codes that mean "later": rate limits and the provider's own trouble.
RETRY_CODES = ("RequestLimitExceeded", "InternalError", "LimitExceeded.PhoneNumberThirtySecondLimit")


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def authorization(
    *, secret_id: str, secret_key: str, host: str, payload: bytes, timestamp: int, service: str = SERVICE
) -> str:
    date = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{CONTENT_TYPE}\nhost:{host}\n",
            SIGNED_HEADERS,
            hashlib.sha256(payload).hexdigest(),
        ]
    )
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = "\n".join(
        ["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode(), date), service), "tc3_request")
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={SIGNED_HEADERS}, Signature={signature}"


class TencentSmsGateway(TextMessageGateway):
    name = "tencent"

    def __init__(
        self, *, endpoint: str = "", key_id: str = "", key_secret: str = "", app_id: str = "", sign_name: str = ""
    ):
        self.endpoint = endpoint or settings.PORTAL_TEXT_MESSAGE_ENDPOINT or ENDPOINT
        self.key_id = key_id or settings.PORTAL_TEXT_MESSAGE_KEY_ID
        self.key_secret = key_secret or settings.PORTAL_TEXT_MESSAGE_KEY_SECRET
        self.app_id = app_id or settings.PORTAL_TEXT_MESSAGE_APP_ID
        self.sign_name = sign_name or settings.PORTAL_TEXT_MESSAGE_SIGN_NAME

    def payload(self, message: OutgoingText) -> bytes:
        body = {
            "PhoneNumberSet": [f"+86{message.number}"],
            "SmsSdkAppId": self.app_id,
            "SignName": self.sign_name,
            "TemplateId": self.provider_template_id(message),
            # Tencent's variables are positional: {1}, {2} … in the template's order.
            "TemplateParamSet": [message.params[name] for name in message.template.params],
            "SessionContext": message.reference[:512],
        }
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()

    def send(self, message: OutgoingText, *, timestamp: int | None = None) -> str:
        if not (self.key_id and self.key_secret and self.app_id and self.sign_name):
            raise GatewayRefused("Tencent Cloud SMS is not set up: SecretId, SecretKey, SmsSdkAppId and signature")
        payload = self.payload(message)
        host = urllib.parse.urlsplit(self.endpoint).netloc
        timestamp = timestamp or int(dt.datetime.now(dt.UTC).timestamp())
        headers = {
            "Authorization": authorization(
                secret_id=self.key_id, secret_key=self.key_secret, host=host, payload=payload, timestamp=timestamp
            ),
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": VERSION,
            "X-TC-Region": REGION,
        }
        answer = request_json(self.endpoint, method="POST", body=payload, headers=headers).get("Response") or {}
        error = answer.get("Error")
        if error:
            reason = f"{error.get('Code', '')}: {error.get('Message', '')}"
            if str(error.get("Code", "")).startswith(RETRY_CODES):
                raise GatewayUnavailable(reason)
            raise GatewayRefused(reason)
        statuses = answer.get("SendStatusSet") or []
        if not statuses:
            raise GatewayUnavailable("Tencent Cloud SMS answered without a send status")
        status = statuses[0]
        code = str(status.get("Code", ""))
        if code == "Ok" and status.get("SerialNo"):
            return str(status["SerialNo"])
        reason = f"{code}: {status.get('Message', '')}"
        if code.startswith(RETRY_CODES):
            raise GatewayUnavailable(reason)
        raise GatewayRefused(reason)
