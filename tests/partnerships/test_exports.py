"""The community funds ledger download: the user's allocations with their
spending, and the download is audited."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from partnerships.exports import allocation_ledger_export
from stations.models import AuditAction, AuditEntry
from tests.factories.partnerships_funds import FundAllocationFactory, FundSpendingFactory

pytestmark = pytest.mark.django_db


def test_the_ledger_lists_the_users_allocations_and_their_spending(district_bureau, community, far_community):
    mine = FundAllocationFactory(community=community, title="本区拨款")
    FundSpendingFactory(allocation=mine, amount=Decimal("80.00"))
    FundAllocationFactory(community=far_community, title="外区拨款")

    response = allocation_ledger_export(user=district_bureau, filters={})

    allocations, spending = load_workbook(io.BytesIO(response.content)).worksheets
    titles = [cell.value for row in allocations.iter_rows(min_row=2) for cell in row]
    assert "本区拨款" in titles and "外区拨款" not in titles
    assert spending.max_row == 2  # the headers and one spending line


def test_the_download_is_written_to_the_audit_log(district_bureau):
    allocation_ledger_export(user=district_bureau, filters={})

    assert AuditEntry.objects.filter(actor=district_bureau, action=AuditAction.EXPORT).count() == 1
