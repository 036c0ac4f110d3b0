"""A fake text message provider on 127.0.0.1 and what the adapter tests share."""

import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from stations.messaging import aliyun
from stations.messaging.gateways import OutgoingText
from stations.messaging.templates import TEMPLATES


@pytest.fixture(autouse=True)
def template_ids(settings):
    settings.PORTAL_TEXT_MESSAGE_TEMPLATE_IDS = {"class_start": "SMS_000001"}


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


KEY_ID, SECRET = "test-key-id", "test-key-secret"


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
