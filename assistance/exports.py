"""Downloads of the assistance app (the 12333 ledger). Each takes the user
and the list's filters, reads through the app's selectors (so the scope is
the list's) and writes the download to the audit log."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from assistance import clock, selectors
from assistance.models import AidType, CaseStatus
from assistance.schedule import COUNTED_KINDS, case_progress
from stations.audit import audit_record
from stations.excel import xlsx_response
from stations.models import AuditAction, ServiceKind
from stations.validators import mask_resident_id


def case_ledger_export(*, user, filters: dict, request=None) -> HttpResponse:
    """The 12333 ledger (就业援助台账) as xlsx, with the list's filters: one row per
    case with its counts against the year's minimums and what is overdue. ID
    numbers are masked and every download is written to the audit log."""
    today = clock.today()
    schedule = selectors.current_schedule(on=today)
    cases = selectors.case_list(user=user, filters=filters, today=today)
    audit_record(actor=user, action=AuditAction.EXPORT, request=request, object_repr="12333 ledger")
    kinds = [ServiceKind(kind).label for kind in COUNTED_KINDS]
    headers = [
        _("Community"),
        _("Resident"),
        _("ID number"),
        _("Opened on"),
        _("Aid type"),
        _("Status"),
        _("Assigned staff member"),
        *kinds,
        _("Next due"),
        _("Overdue"),
    ]

    # Labels resolved once: get_FOO_display() rebuilds its choices and
    # translates per call, a quarter of the export's time (profiled).
    aid_types = {value: str(label) for value, label in AidType.choices}
    statuses = {value: str(label) for value, label in CaseStatus.choices}

    # Plain tuples of the columns the sheet shows, not model instances with
    # every column of the case, the resident and the staff member.
    columns = (
        "resident__community__name",
        "resident__name",
        "resident__id_number",
        "opened_on",
        "aid_type",
        "status",
        "assigned_to__first_name",
        "assigned_to__last_name",
        "assigned_to__username",
        "closed_on",
        *(selectors.count_field(kind) for kind in COUNTED_KINDS),
    )

    def rows():
        values = cases.select_related(None).values_list(*columns)
        for (
            community,
            name,
            id_number,
            opened_on,
            aid_type,
            status,
            first,
            last,
            username,
            closed_on,
            *counts,
        ) in values.iterator(chunk_size=2000):
            progress = case_progress(
                opened_on=opened_on,
                counts=dict(zip(COUNTED_KINDS, counts, strict=True)),
                schedule=schedule,
                today=today,
                closed_on=closed_on,
            )
            by_kind = {k.kind: k for k in progress.kinds}
            next_due = progress.next_due
            yield [
                community,
                name,
                mask_resident_id(id_number),
                opened_on,
                aid_types.get(aid_type, aid_type),
                statuses.get(status, status),
                f"{first} {last}".strip() or username,  # User.get_full_name() or the username
                *[f"{by_kind[k].done}/{by_kind[k].required}" for k in COUNTED_KINDS],
                next_due.next_due_on if next_due else "",
                "、".join(str(k.label) for k in progress.overdue),
            ]

    return xlsx_response(f"12333-ledger-{today:%Y%m%d}.xlsx", [(_("12333 ledger"), headers, rows())])
