"""The SMS backends (stations/sms.py): the configured one, and the default that only logs."""

import logging

from stations.sms import LoggingSmsBackend, MemorySmsBackend, SmsMessage, get_sms_backend


def test_the_configured_backend_is_the_one_used(settings):
    settings.PORTAL_SMS_BACKEND = "stations.sms.MemorySmsBackend"
    assert isinstance(get_sms_backend(), MemorySmsBackend)


def test_without_a_backend_configured_messages_are_only_logged_with_the_phone_masked(settings, caplog):
    settings.PORTAL_SMS_BACKEND = ""
    backend = get_sms_backend()
    with caplog.at_level(logging.INFO):
        sent = backend.send_messages([SmsMessage(phone="13905321234", text="您好")])
    assert isinstance(backend, LoggingSmsBackend) and not backend.sends and sent == 1
    assert "139***" in caplog.text and "13905321234" not in caplog.text
