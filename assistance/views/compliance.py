"""The 12333 compliance page."""

from __future__ import annotations

import datetime as dt

from django.views.generic import TemplateView

from assistance import clock, selectors
from assistance.forms import (
    CompliancePeriodForm,
)
from assistance.schedule import COMPLIANCE_DEFINITION
from assistance.views.cases import schedule_table
from stations.views.mixins import StaffRequiredMixin


class ComplianceView(StaffRequiredMixin, TemplateView):
    """12333 compliance for any period and level, with the definition."""

    permission = "assistance.view_compliance"
    template_name = "assistance/compliance.html"

    def get_context_data(self, **kwargs):
        today = clock.today()
        data = self.request.GET.copy()
        data.setdefault("period_start", dt.date(today.year, 1, 1).isoformat())
        data.setdefault("period_end", today.isoformat())
        data.setdefault("level", "community")
        form = CompliancePeriodForm(data)
        rows, total = [], None
        if form.is_valid():
            rows = selectors.compliance_by_node(
                user=self.request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                level=form.cleaned_data["level"],
                today=today,
            )
            rows.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), str(r["label"])))
            total = selectors.compliance_total(rows)
        return super().get_context_data(
            form=form,
            rows=rows,
            total=total,
            definition=COMPLIANCE_DEFINITION,
            schedule=schedule_table(selectors.current_schedule(on=today)),
            **kwargs,
        )
