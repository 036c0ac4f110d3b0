"""Downloads of the entrepreneurship app: the award register and the
payments that broke the once-only rule. Each reads through the app's
selectors (the user's scope) and writes the download to the audit log."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.excel import xlsx_response
from stations.models import AuditAction

from . import selectors


def award_register_export(*, user, request=None) -> HttpResponse:
    """The award register (subsidies approved and paid) as xlsx; ID numbers masked."""
    rows = selectors.award_register(user=user)
    audit_record(actor=user, action=AuditAction.EXPORT, request=request, object_repr="award register")
    headers = [
        _("District"),
        _("Street"),
        _("Community"),
        _("Subsidy"),
        _("Resident"),
        _("ID number"),
        _("Business"),
        _("Status"),
        _("Amount approved (yuan)"),
        _("Paid on"),
        _("Payment reference"),
    ]
    data = (
        [
            a.community.street.district.name,
            a.community.street.name,
            a.community.name,
            a.get_kind_display(),
            a.resident.name,
            a.resident.masked_id_number,
            a.business.name if a.business else "",
            a.get_status_display(),
            a.approved_amount,
            a.paid_on,
            a.payment_reference,
        ]
        for a in rows
    )
    return xlsx_response(f"awards-{timezone.localdate():%Y%m%d}.xlsx", [(_("Awards"), headers, data)])


def once_rule_breach_export(*, user, request=None) -> HttpResponse:
    """Payments that broke the once-only rule, each beside the earlier payment
    it repeats, as xlsx for the bureau to recover."""
    rows = selectors.once_rule_breach_rows(selectors.once_rule_breaches(user=user))
    audit_record(actor=user, action=AuditAction.EXPORT, request=request, object_repr="once-rule breaches")
    headers = [
        _("District"),
        _("Street"),
        _("Community"),
        _("Application No."),
        _("Subsidy"),
        _("Resident"),
        _("ID number"),
        _("Business"),
        _("Amount paid (yuan)"),
        _("Paid on"),
        _("Payment reference"),
        _("Earlier payment No."),
        _("Earlier payment: district"),
        _("Earlier payment: business"),
        _("Earlier payment: paid on"),
        _("Earlier payment: amount (yuan)"),
    ]
    data = (
        [
            a.community.street.district.name,
            a.community.street.name,
            a.community.name,
            a.pk,
            a.get_kind_display(),
            a.resident.name,
            a.resident.masked_id_number,
            a.business.name if a.business else "",
            a.approved_amount,
            a.paid_on,
            a.payment_reference,
            e.pk if e else "",
            e.community.street.district.name if e else "",
            e.business.name if e and e.business else "",
            e.paid_on if e else "",
            e.approved_amount if e else "",
        ]
        for a, e in rows
    )
    return xlsx_response(f"subsidy-breaches-{timezone.localdate():%Y%m%d}.xlsx", [(_("Paid twice"), headers, data)])
