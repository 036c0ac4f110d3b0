"""The link a refused change waits under (stations/closed_months/tokens.py)."""

import datetime as dt
from urllib.parse import parse_qs, quote, urlparse

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from stations import closed_months
from stations.models import (
    RefusedChange,
)
from tests.factories import valid_id_number
from tests.factories.reports import close_month, day_in
from tests.stations.closed_months.conftest import record_service

pytestmark = pytest.mark.django_db


def test_the_correction_link_belongs_to_the_account_that_was_refused(community_staff, resident, month, street_officer):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    token = parse_qs(urlparse(refused.value.correction_url()).query)["t"][0]
    assert closed_months.read_correction_token(token, actor=community_staff)["call"] == refused.value.call
    with pytest.raises(ValidationError):
        closed_months.read_correction_token(token, actor=street_officer)
    with pytest.raises(ValidationError):
        closed_months.read_correction_token(token[:-2] + "xx", actor=community_staff)


def test_an_expired_correction_link_is_refused(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    token = parse_qs(urlparse(refused.value.correction_url()).query)["t"][0]
    RefusedChange.objects.filter(key=token).update(expires_at=timezone.now() - dt.timedelta(seconds=1))  # a day later
    with translation.override("en"), pytest.raises(ValidationError, match="expired"):
        closed_months.read_correction_token(token, actor=community_staff)


def test_expired_refused_changes_are_purged_and_live_ones_kept(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    refused.value.correction_url()
    assert closed_months.expired_refusals_purge() == 0
    a_day_later = timezone.now() + dt.timedelta(seconds=closed_months.TOKEN_MAX_AGE + 1)
    assert closed_months.expired_refusals_purge(now=a_day_later) == 1
    assert not RefusedChange.objects.exists()


def test_the_correction_link_carries_no_personal_data(community_staff, community, month):
    from stations.services.residents import resident_register

    close_month(community=community, by=community_staff)
    id_number = valid_id_number(birth=dt.date(1990, 5, 1))
    data = {"name": "张新", "id_number": id_number, "mobile": "13905321234", "registered_on": day_in(month)}
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_register(actor=community_staff, community=community, data=data)
    url = refused.value.correction_url()
    assert id_number not in url and "13905321234" not in url and quote("张新") not in url
    assert len(url) < 100
