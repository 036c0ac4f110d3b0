"""Capturing a refused call for a correction (stations/closed_months/capture.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from stations import closed_months
from stations.closed_months import capture
from tests.factories.jobs import EmployerFactory
from tests.factories.reports import close_month, day_in
from tests.stations.closed_months.conftest import record_service

pytestmark = pytest.mark.django_db


def test_the_refused_call_is_captured_with_the_records_as_keys(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    call = refused.value.call
    assert call["op"] == "stations.services.residents.service_record_create"
    assert call["kwargs"]["resident"] == {"__model__": "stations.resident", "pk": resident.pk, "fields": {}}
    assert call["kwargs"]["served_on"] == {"__date__": day_in(month).isoformat()}
    assert "actor" not in call["kwargs"]
    assert refused.value.actor_id == community_staff.pk


def test_an_edited_record_is_captured_with_only_the_fields_the_caller_changed(community_staff, community, month):
    from jobs.services import posting_save
    from tests.factories.jobs import PostingFactory

    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    posting = PostingFactory(employer=EmployerFactory(community=community), headcount=2, published_at=published)
    close_month(community=community, by=community_staff)
    posting.headcount = 5
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        posting_save(actor=community_staff, posting=posting)
    assert refused.value.call["kwargs"]["posting"]["fields"] == {"headcount": 5}


def test_arguments_survive_the_round_trip_through_json(community, resident):
    import decimal
    import json

    from stations.models import TargetGroup

    value = {
        "day": dt.date(2026, 3, 1),
        "amount": decimal.Decimal("12000.50"),
        "groups": TargetGroup.objects.filter(code="veteran"),
        "who": resident,
        "nested": [None, True, 3, "文"],
    }
    encoded = json.loads(json.dumps(capture._encode(value, {})))
    decoded = capture._decode(encoded)
    assert decoded["day"] == dt.date(2026, 3, 1)
    assert decoded["amount"] == decimal.Decimal("12000.50")
    assert [g.code for g in decoded["groups"]] == ["veteran"]
    assert decoded["who"].pk == resident.pk
    assert decoded["nested"] == [None, True, 3, "文"]
