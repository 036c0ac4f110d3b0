import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.models import AdjustmentStatus, FundAllocation
from tests.factories.partnerships_funds import FundAdjustmentFactory, FundAllocationFactory, FundSpendingFactory
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db

ALLOCATIONS = "/api/v1/partners/fund-allocations/"
SPENDING = "/api/v1/partners/fund-spending/"
ADJUSTMENTS = "/api/v1/partners/fund-adjustments/"


def _spend(client, allocation, **fields):
    """POST a spending line dated today on `allocation`."""
    data = {"allocation": allocation.pk, "spent_on": timezone.localdate().isoformat(), **fields}
    return client.post(SPENDING, data, content_type="application/json")


def _decide(client, pk):
    return client.post(f"{ADJUSTMENTS}{pk}/decide/", {"decision": "approve"}, content_type="application/json")


def test_district_creates_an_allocation_and_reads_its_balance(client, district_bureau, community):
    client.force_login(district_bureau)
    created = client.post(
        ALLOCATIONS,
        {
            "community": community.pk,
            "year": timezone.localdate().year,
            "title": "直补资金",
            "amount": "30000.00",
            "allocated_on": timezone.localdate().isoformat(),
            "balance": "999999",  # read-only: ignored
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["balance"] == "30000.00"
    assert FundAllocation.objects.get().allocated_by == district_bureau


def test_community_staff_cannot_create_an_allocation(client, community_staff, community):
    client.force_login(community_staff)
    response = client.post(
        ALLOCATIONS,
        {"community": community.pk, "year": 2026, "title": "x", "amount": "1", "allocated_on": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_allocation_list_carries_adjusted_spent_and_balance(client, community_staff, community):
    allocation = FundAllocationFactory(community=community, amount=Decimal("10000"))
    FundSpendingFactory(allocation=allocation, amount=Decimal("1000"))
    FundAdjustmentFactory(allocation=allocation, amount=Decimal("500"), status=AdjustmentStatus.APPROVED)
    client.force_login(community_staff)
    row = client.get(ALLOCATIONS).json()["results"][0]
    assert (row["adjusted"], row["spent"], row["balance"]) == ("500.00", "1000.00", "9500.00")


def test_overspend_through_the_api_answers_400_on_amount(client, community_staff, community):
    allocation = FundAllocationFactory(community=community, amount=Decimal("1000"), title="直补资金")
    client.force_login(community_staff)
    response = _spend(client, allocation, category="training", amount="1000.01", payee="技工学校", purpose="培训")
    assert response.status_code == 400
    assert response.json()["errors"]["amount"] == [
        "This spending of ¥1,000.01 exceeds the balance of ¥1,000.00 of 直补资金. "
        "Ask the district for an approved adjustment first."
    ]


def test_spending_within_the_balance_is_created(client, community_staff, community):
    allocation = FundAllocationFactory(community=community, allocated_on=timezone.localdate() - dt.timedelta(days=5))
    client.force_login(community_staff)
    response = _spend(client, allocation, category="publicity", amount="250", payee="印务部", purpose="明白纸")
    assert response.status_code == 201, response.json()


def test_spending_against_an_allocation_out_of_scope_answers_400(client, community_staff, sibling_community):
    allocation = FundAllocationFactory(community=sibling_community)
    client.force_login(community_staff)
    response = _spend(client, allocation, category="publicity", amount="1", payee="x", purpose="y")
    assert response.status_code == 400
    assert "allocation" in response.json()["errors"]


def test_adjustment_requested_and_decided_through_the_api(client, community_staff, district_bureau, community):
    allocation = FundAllocationFactory(community=community)
    client.force_login(community_staff)
    created = client.post(
        ADJUSTMENTS, {"allocation": allocation.pk, "amount": "2000", "reason": "扩班"}, content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    client.force_login(district_bureau)
    decided = _decide(client, created.json()["id"])
    assert decided.status_code == 200, decided.json()
    assert decided.json()["status"] == AdjustmentStatus.APPROVED


def test_community_staff_cannot_decide_through_the_api(client, community_staff, community):
    adjustment = FundAdjustmentFactory(allocation=FundAllocationFactory(community=community))
    client.force_login(community_staff)
    response = _decide(client, adjustment.pk)
    assert response.status_code == 403


def test_deciding_an_adjustment_out_of_scope_is_404(client, district_bureau, far_community):
    adjustment = FundAdjustmentFactory(allocation=FundAllocationFactory(community=far_community))
    client.force_login(district_bureau)
    response = _decide(client, adjustment.pk)
    assert response.status_code == 404


def test_deciding_twice_answers_400(client, district_bureau, community):
    adjustment = FundAdjustmentFactory(allocation=FundAllocationFactory(community=community))
    client.force_login(district_bureau)
    url = f"{ADJUSTMENTS}{adjustment.pk}/decide/"
    assert client.post(url, {"decision": "approve"}, content_type="application/json").status_code == 200
    assert client.post(url, {"decision": "approve"}, content_type="application/json").status_code == 400


def test_a_zero_adjustment_answers_400(client, community_staff, community):
    allocation = FundAllocationFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        ADJUSTMENTS, {"allocation": allocation.pk, "amount": "0", "reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "amount" in response.json()["errors"]


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_LISTS = [
    ("/api/v1/partners/fund-allocations/", "district_bureau", ["year", "community"]),
    ("/api/v1/partners/fund-spending/", "district_bureau", ["allocation"]),
    ("/api/v1/partners/fund-adjustments/", "district_bureau", ["allocation", "status"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role", "param", "value"), bad_filter_cases(BAD_FILTER_LISTS))
def test_a_bad_filter_value_on_an_api_list_is_ignored(client, request, some_records, url, role, param, value):
    assert client_as(client, request, role).get(url, {param: value}).status_code == 200
