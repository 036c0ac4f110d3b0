import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stations.audit import audit_record
from stations.models import AuditAction, AuditEntry, Station
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


def _entry(community, object_repr="光明路社区就业驿站", action=AuditAction.UPDATE, changes=None, actor=None, at=None):
    entry = AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor else "someone",
        object_repr=object_repr,
        changes=changes or {},
        district=community.street.district,
        street=community.street,
        community=community,
    )
    if at:
        AuditEntry.objects.filter(pk=entry.pk).update(at=at)
    return entry


@pytest.fixture
def bureau_client(client, district_bureau):
    client.force_login(district_bureau)
    return client


URL = "/staff/audit/"


def test_audit_log_lives_at_staff_audit():
    assert reverse("stations:audit_log") == URL


def test_district_bureau_sees_entries_of_its_district(bureau_client, community, other_community):
    _entry(community, "in my street")
    _entry(other_community, "in my district")
    body = bureau_client.get(URL).content.decode()
    assert "in my street" in body
    assert "in my district" in body


def test_district_bureau_does_not_see_another_districts_entries(bureau_client, far_community):
    _entry(far_community, "somewhere else")
    assert "somewhere else" not in bureau_client.get(URL).content.decode()


def test_city_bureau_sees_every_district(client, city_bureau, far_community):
    _entry(far_community, "somewhere else")
    client.force_login(city_bureau)
    assert "somewhere else" in client.get(URL).content.decode()


@pytest.mark.parametrize("role", ["community_staff", "street_officer"])
def test_community_staff_and_street_officers_are_refused(client, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403


def test_changes_read_as_field_old_to_new(bureau_client, community):
    station = StationFactory(community=community)
    audit_record(
        actor=None, action=AuditAction.UPDATE, obj=station, changes={"status": ["open", "paused"], "phone": ["1", "2"]}
    )
    bureau_client.cookies["django_language"] = "en"
    body = bureau_client.get(URL).content.decode()
    assert "<del>Open</del> → <ins>Temporarily closed</ins>" in body
    assert str(Station._meta.get_field("phone").verbose_name) in body


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"action": "view"}, "viewed one", "changed one"),
        ({"object": "viewed"}, "viewed one", "changed one"),
        ({"actor": "dbureau"}, "viewed one", "changed one"),
    ],
)
def test_filters_narrow_the_list(bureau_client, district_bureau, community, params, shown, hidden):
    _entry(community, "viewed one", action=AuditAction.VIEW, actor=district_bureau)
    _entry(community, "changed one", action=AuditAction.UPDATE)
    body = bureau_client.get(URL, params).content.decode()
    assert shown in body
    assert hidden not in body


def test_date_range_filter_keeps_entries_inside_it(bureau_client, community):
    now = timezone.now()
    _entry(community, "last month", at=now - dt.timedelta(days=30))
    _entry(community, "this week", at=now - dt.timedelta(days=2))
    today = timezone.localdate()
    body = bureau_client.get(
        URL, {"date_from": str(today - dt.timedelta(days=7)), "date_to": str(today)}
    ).content.decode()
    assert "this week" in body
    assert "last month" not in body


def test_a_bad_date_is_reported_and_the_other_filters_still_apply(bureau_client, community):
    _entry(community, "viewed one", action=AuditAction.VIEW)
    _entry(community, "changed one", action=AuditAction.UPDATE)
    response = bureau_client.get(URL, {"action": "view", "date_from": "not-a-date"})
    assert response.status_code == 200
    assert "date_from" in response.context["form"].errors
    body = response.content.decode()
    assert "viewed one" in body
    assert "changed one" not in body


def test_list_is_paginated(bureau_client, community):
    for i in range(55):
        _entry(community, f"entry-{i:02d}")
    first = bureau_client.get(URL).content.decode()
    second = bureau_client.get(URL, {"page": 2}).content.decode()
    assert "entry-54" in first and "entry-04" not in first
    assert "entry-04" in second


def test_list_uses_a_fixed_number_of_queries(bureau_client, community, other_community, django_assert_num_queries):
    station = StationFactory(community=community)
    _entry(community)
    bureau_client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        bureau_client.get(URL)
    for i in range(20):
        audit_record(actor=None, action=AuditAction.UPDATE, obj=station, changes={"phone": [str(i), str(i + 1)]})
        _entry(other_community, f"x{i}")
    with django_assert_num_queries(len(captured)):
        bureau_client.get(URL)


def test_codes_an_app_registered_read_as_labels(bureau_client, community, community_staff):
    from tests.factories import ResidentFactory
    from tests.factories.entrepreneurship import SubsidyApplicationFactory

    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community))
    audit_record(
        actor=community_staff,
        action=AuditAction.TRANSITION,
        obj=application,
        changes={"status": ["draft", "submitted"], "step": "submit", "note": "材料齐全"},
    )
    body = bureau_client.get(URL).content.decode()
    assert "草稿" in body and "已提交" in body and "材料齐全" in body
    for raw in ("draft", "submitted", "submit", "step", "note"):
        assert f">{raw}<" not in body and f"{raw}:" not in body and f" {raw} " not in body


def test_a_list_of_codes_reads_as_a_list_of_labels(bureau_client, community, community_staff):
    from tests.factories.jobs import PostingFactory

    posting = PostingFactory(employer__community=community)
    audit_record(actor=community_staff, action=AuditAction.UPDATE, obj=posting, changes={"flags": ["sex", "fee"]})
    body = bureau_client.get(URL).content.decode()
    assert "性别限制" in body and "收取费用或押金" in body
    assert "sex" not in body and "'fee'" not in body
