"""The Alibaba Cloud adapter (stations/messaging/aliyun.py) against a fake provider on
127.0.0.1 that checks the signature as the provider documents it, and against the
published signing example. No request leaves the machine."""

import json
import urllib.parse

import pytest

from stations.messaging import aliyun
from stations.messaging.gateways import GatewayRefused, GatewayUnavailable
from tests.stations.messaging.conftest import aliyun_answer, aliyun_gateway, outgoing


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
