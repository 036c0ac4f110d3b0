"""Disabling a staff account ends its sessions (stations/services/accounts.py)."""

from django.test import Client
from django.urls import reverse

from stations.models import AuditAction, AuditEntry
from stations.services import staff_account_deactivate


def _login(client, username, password, address="10.0.0.1", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def test_deactivating_an_account_ends_its_sessions(client, community_staff, district_bureau, password):
    _login(client, community_staff.username, password)
    other_device = Client()
    _login(other_device, community_staff.username, password, address="10.0.0.2")

    staff_account_deactivate(actor=district_bureau, account=community_staff)

    for device in (client, other_device):
        response = device.get(reverse("stations:dashboard"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_deactivating_an_account_leaves_other_peoples_sessions(client, community_staff, street_officer, password):
    other = Client()
    _login(other, street_officer.username, password)
    staff_account_deactivate(actor=street_officer, account=community_staff)
    assert other.get(reverse("stations:dashboard")).status_code == 200


def test_deactivation_is_audited_with_the_number_of_sessions_ended(client, community_staff, district_bureau, password):
    _login(client, community_staff.username, password)
    staff_account_deactivate(actor=district_bureau, account=community_staff)
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT)
    assert entry.actor == district_bureau
    assert entry.changes["sessions_ended"] == 1
