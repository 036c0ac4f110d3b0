import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partnerships.models import AdjustmentStatus, FundAllocation, FundSpending
from stations.models import AuditAction, AuditEntry
from tests.factories.partnerships_funds import FundAdjustmentFactory, FundAllocationFactory, FundSpendingFactory
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_district_allocates_community_spends_and_an_overspend_is_refused_keeping_what_was_typed(
    district_bureau, community_staff, community
):
    """The issue's "done when": allocation by the district, spending by the
    community, and a clear refusal of an overspend."""
    today = timezone.localdate()
    district = logged_in(district_bureau)
    created = district.post(
        reverse("partnerships:allocation_create"),
        {
            "community": community.pk,
            "year": today.year,
            "title": "光明路社区就业补助资金",
            "document_number": "市中人社发〔2026〕8号",
            "amount": "20000",
            "allocated_on": (today - dt.timedelta(days=10)).isoformat(),
        },
    )
    allocation = FundAllocation.objects.get(title="光明路社区就业补助资金")
    assert created.status_code == 302
    assert created["Location"] == reverse("partnerships:allocation_detail", kwargs={"pk": allocation.pk})

    clerk = logged_in(community_staff)
    url = reverse("partnerships:fund_spending_create", kwargs={"pk": allocation.pk})
    spent = clerk.post(
        url,
        {
            "category": "job_fairs",
            "spent_on": today.isoformat(),
            "amount": "15000",
            "payee": "枣庄会展服务有限公司",
            "purpose": "春风行动岗位集市",
            "voucher_number": "记-001",
        },
    )
    assert spent.status_code == 302
    refused = clerk.post(
        url,
        {
            "category": "training",
            "spent_on": today.isoformat(),
            "amount": "6000.5",
            "payee": "枣庄市技工学校",
            "purpose": "家政服务夜课",
            "voucher_number": "记-002",
        },
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert (
        "This spending of ¥6,000.50 exceeds the balance of ¥5,000.00 of 光明路社区就业补助资金. "
        "Ask the district for an approved adjustment first."
    ) in page
    for typed in ('value="6000.5"', "枣庄市技工学校", "家政服务夜课", "记-002"):
        assert typed in page
    assert FundSpending.objects.filter(allocation=allocation).count() == 1


def test_allocation_list_shows_balance_and_share_used_in_one_query_per_page(
    client, district_bureau, community, sibling_community, django_assert_max_num_queries
):
    allocations = [FundAllocationFactory(community=c, amount=Decimal("10000")) for c in (community, sibling_community)]
    FundSpendingFactory(allocation=allocations[0], amount=Decimal("2500"))
    FundAdjustmentFactory(allocation=allocations[0], amount=Decimal("2500"), status=AdjustmentStatus.APPROVED)
    FundAdjustmentFactory(allocation=allocations[0], amount=Decimal("9999"))  # requested: no effect
    for _ in range(3):
        FundAllocationFactory(community=sibling_community)
    client.force_login(district_bureau)
    response = client.get(reverse("partnerships:allocation_list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "10,000.00" in content and "2,500.00" in content
    assert "20.0%" in content  # 2,500 of 12,500
    # The same page with more allocations costs no more queries.
    queries_for_five = _count_queries(client)
    for _ in range(10):
        FundSpendingFactory(allocation=FundAllocationFactory(community=community))
    with django_assert_max_num_queries(queries_for_five):
        client.get(reverse("partnerships:allocation_list"))


def _count_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("partnerships:allocation_list"))
    return len(ctx.captured_queries)


def test_allocation_list_totals_sum_every_column(client, district_bureau, community, sibling_community):
    first = FundAllocationFactory(community=community, amount=Decimal("10000"))
    second = FundAllocationFactory(community=sibling_community, amount=Decimal("20000"))
    FundSpendingFactory(allocation=first, amount=Decimal("1111"))
    FundSpendingFactory(allocation=second, amount=Decimal("2222"))
    FundAdjustmentFactory(allocation=second, amount=Decimal("4444"), status=AdjustmentStatus.APPROVED)
    client.force_login(district_bureau)
    response = client.get(reverse("partnerships:allocation_list"))
    footer = response.content.decode().split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    for total in ("30,000.00", "4,444.00", "3,333.00", "31,111.00"):
        assert total in footer


def test_allocation_list_filters_by_year_and_community(client, district_bureau, community, sibling_community):
    FundAllocationFactory(community=community, year=2025, title="二〇二五年光明路")
    FundAllocationFactory(community=sibling_community, year=2026, title="二〇二六年文化路")
    client.force_login(district_bureau)
    by_year = client.get(reverse("partnerships:allocation_list"), {"year": "2025"}).content.decode()
    assert "二〇二五年光明路" in by_year and "二〇二六年文化路" not in by_year
    by_community = client.get(reverse("partnerships:allocation_list"), {"community": sibling_community.pk})
    assert "二〇二六年文化路" in by_community.content.decode()
    assert "二〇二五年光明路" not in by_community.content.decode()


def test_community_staff_see_only_their_community_allocations(staff_client, sibling_community, community):
    FundAllocationFactory(community=community, title="本社区资金")
    FundAllocationFactory(community=sibling_community, title="邻社区资金")
    content = staff_client.get(reverse("partnerships:allocation_list")).content.decode()
    assert "本社区资金" in content and "邻社区资金" not in content


def test_allocation_of_another_community_is_404(staff_client, sibling_community):
    allocation = FundAllocationFactory(community=sibling_community)
    assert staff_client.get(reverse("partnerships:allocation_detail", kwargs={"pk": allocation.pk})).status_code == 404
    url = reverse("partnerships:fund_spending_create", kwargs={"pk": allocation.pk})
    assert staff_client.get(url).status_code == 404


def test_detail_shows_spending_by_category_ledger_and_adjustments(staff_client, community):
    allocation = FundAllocationFactory(community=community, amount=Decimal("10000"))
    FundSpendingFactory(allocation=allocation, category="training", amount=Decimal("1200"), purpose="夜课讲师费")
    FundSpendingFactory(allocation=allocation, category="training", amount=Decimal("800"), purpose="教材")
    FundSpendingFactory(allocation=allocation, category="publicity", amount=Decimal("300"), purpose="明白纸")
    FundAdjustmentFactory(allocation=allocation, reason="增加培训班")
    content = staff_client.get(reverse("partnerships:allocation_detail", kwargs={"pk": allocation.pk})).content.decode()
    assert "2,000.00" in content  # training total
    assert "夜课讲师费" in content and "明白纸" in content
    assert "增加培训班" in content
    assert "7,700.00" in content  # balance


def test_district_cannot_open_the_spending_form(client, district_bureau, community):
    allocation = FundAllocationFactory(community=community)
    client.force_login(district_bureau)
    assert client.get(reverse("partnerships:fund_spending_create", kwargs={"pk": allocation.pk})).status_code == 403


def test_spending_form_focuses_its_first_field(staff_client, community):
    allocation = FundAllocationFactory(community=community)
    content = staff_client.get(reverse("partnerships:fund_spending_create", kwargs={"pk": allocation.pk})).content
    select = content.decode().split('<select name="category"', 1)[1].split(">", 1)[0]
    assert "autofocus" in select


def test_community_requests_and_district_approves_an_adjustment(community_staff, district_bureau, community):
    allocation = FundAllocationFactory(community=community, amount=Decimal("1000"))
    clerk = logged_in(community_staff)
    requested = clerk.post(
        reverse("partnerships:fund_adjustment_create", kwargs={"pk": allocation.pk}),
        {"amount": "500", "reason": "增加一场岗位集市"},
    )
    assert requested.status_code == 302
    adjustment = allocation.adjustments.get()
    district = logged_in(district_bureau)
    decided = district.post(
        reverse("partnerships:fund_adjustment_detail", kwargs={"pk": adjustment.pk}), {"decision": "approve"}
    )
    assert decided.status_code == 302
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.APPROVED
    detail = clerk.get(reverse("partnerships:allocation_detail", kwargs={"pk": allocation.pk})).content.decode()
    assert "¥1,500.00" in detail  # the balance now includes the approved 500


def test_rejecting_without_a_note_is_explained(client, district_bureau, community):
    adjustment = FundAdjustmentFactory(allocation=FundAllocationFactory(community=community))
    client.force_login(district_bureau)
    response = client.post(
        reverse("partnerships:fund_adjustment_detail", kwargs={"pk": adjustment.pk}), {"decision": "reject"}
    )
    assert response.status_code == 200
    assert "Say why the adjustment is rejected." in response.content.decode()


def test_a_district_account_cannot_decide_its_own_request_on_the_page(client, district_bureau, community):
    adjustment = FundAdjustmentFactory(
        allocation=FundAllocationFactory(community=community), requested_by=district_bureau
    )
    client.force_login(district_bureau)
    url = reverse("partnerships:fund_adjustment_detail", kwargs={"pk": adjustment.pk})
    page = client.get(url)
    assert "Another member of the district bureau must decide a request you made." in page.content.decode()
    assert "Save the decision" not in page.content.decode()
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 200
    assert "Another member of the district bureau must decide a request you made." in response.content.decode()
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.REQUESTED


def test_community_staff_cannot_decide_an_adjustment(staff_client, community):
    adjustment = FundAdjustmentFactory(allocation=FundAllocationFactory(community=community))
    url = reverse("partnerships:fund_adjustment_detail", kwargs={"pk": adjustment.pk})
    assert staff_client.get(url).status_code == 200
    assert staff_client.post(url, {"decision": "approve"}).status_code == 403
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.REQUESTED


def test_waiting_adjustments_are_listed_for_the_district(client, district_bureau, community):
    FundAdjustmentFactory(allocation=FundAllocationFactory(community=community), reason="等待区里决定")
    client.force_login(district_bureau)
    assert "等待区里决定" in client.get(reverse("partnerships:allocation_list")).content.decode()


def test_ledger_export_has_allocations_and_spending_in_scope_and_is_audited(
    client, district_bureau, community, far_community
):
    allocation = FundAllocationFactory(community=community, title="本区资金", amount=Decimal("10000"))
    FundSpendingFactory(allocation=allocation, amount=Decimal("1500"), purpose="岗位集市")
    FundAllocationFactory(community=far_community, title="外区资金")
    client.force_login(district_bureau)
    response = client.get(reverse("partnerships:allocation_export"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    allocations, spending = workbook.worksheets
    rows = list(allocations.iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows] == ["本区资金"]
    assert rows[0][7:11] == (10000, 0, 1500, 8500)
    assert [row[7] for row in spending.iter_rows(min_row=2, values_only=True)] == ["岗位集市"]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=district_bureau).exists()


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_PAGES = [
    ("partnerships:allocation_list", "district_bureau", ["year", "community", "page"]),
    ("partnerships:allocation_export", "district_bureau", ["year", "community"]),
    ("partnerships:allocation_create", "district_bureau", ["community"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
