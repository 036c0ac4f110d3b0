"""Downloads of the partnerships app: the community funds ledger. Reads
through the app's selectors (the user's scope); every download is written to
the audit log."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.selectors import funds as selectors
from stations.audit import audit_record
from stations.excel import xlsx_response
from stations.models import AuditAction


def allocation_ledger_export(*, user, filters: dict, request=None) -> HttpResponse:
    """Allocations with their figures on one sheet (the list's year and
    community filters), and every spending line of those on a second."""
    allocations = selectors.allocation_list(user=user, filters=filters).order_by(
        "community__code", "allocated_on", "pk"
    )
    spending = (
        selectors.spending_list(user=user)
        .filter(allocation__in=allocations.values("pk"))
        .select_related("allocation__community__street__district")
        .order_by("allocation__community__code", "allocation__allocated_on", "allocation_id", "spent_on", "pk")
    )
    audit_record(actor=user, action=AuditAction.EXPORT, request=request, object_repr="community funds ledger")
    allocation_headers = [
        _("District"),
        _("Street"),
        _("Community"),
        _("Budget year"),
        _("Title"),
        _("Document number"),
        _("Allocated on"),
        _("Allocated (yuan)"),
        _("Approved adjustments (yuan)"),
        _("Spent (yuan)"),
        _("Balance (yuan)"),
        _("Used (%)"),
    ]
    allocation_rows = (
        [
            a.community.street.district.name,
            a.community.street.name,
            a.community.name,
            a.year,
            a.title,
            a.document_number,
            a.allocated_on,
            a.amount,
            a.adjusted,
            a.spent,
            a.balance,
            selectors.used_percent(a),
        ]
        for a in allocations.iterator(chunk_size=500)
    )
    spending_headers = [
        _("District"),
        _("Community"),
        _("Allocation"),
        _("Date"),
        _("Category"),
        _("Amount (yuan)"),
        _("Payee"),
        _("Purpose"),
        _("Voucher number"),
    ]
    spending_rows = (
        [
            s.allocation.community.street.district.name,
            s.allocation.community.name,
            s.allocation.title,
            s.spent_on,
            s.get_category_display(),
            s.amount,
            s.payee,
            s.purpose,
            s.voucher_number,
        ]
        for s in spending.iterator(chunk_size=500)
    )
    return xlsx_response(
        f"community-funds-{timezone.localdate():%Y%m%d}.xlsx",
        [
            (_("Allocations"), allocation_headers, allocation_rows),
            (_("Spending"), spending_headers, spending_rows),
        ],
    )
