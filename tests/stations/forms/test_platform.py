"""stations.forms.platform: the audit log and account filters."""

import datetime as dt

from stations.forms.platform import AccountFilterForm, AuditFilterForm
from stations.models import AuditAction, Role


def test_an_end_date_before_the_start_is_dropped_and_the_other_filters_kept():
    action = AuditAction.PERMISSION_DENIED
    form = AuditFilterForm(
        data={"action": action, "actor": "cstaff", "date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    filters = form.filters()
    assert "date_to" in form.errors
    assert filters == {"action": action, "actor": "cstaff", "date_from": dt.date(2026, 5, 2)}


def test_an_unbound_audit_filter_filters_nothing():
    assert AuditFilterForm().filters() == {}


def test_account_filters_leave_out_the_empty_ones():
    assert AccountFilterForm(data={"q": "王", "role": Role.COMMUNITY_STAFF, "active": ""}).filters() == {
        "q": "王",
        "role": Role.COMMUNITY_STAFF,
    }
