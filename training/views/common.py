"""Shared helpers of the training views."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.generic import TemplateView

from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin

__all__ = ["TrainingPage", "period_from_query"]


class TrainingPage(StaffRequiredMixin, TemplateView):
    """A staff page of training: needs `training.view`; `can(rule)` for the template."""

    permission = "training.view"

    def can(self, rule: str) -> bool:
        return user_can(self.request.user, rule)


def period_from_query(request, default_days: int = 365) -> tuple[dt.date, dt.date]:
    """The period of `?from=&to=` (ISO dates), by default the last `default_days` to today."""
    today = timezone.localdate()
    start = parse_date(request.GET.get("from", "") or "") or today - dt.timedelta(days=default_days)
    end = parse_date(request.GET.get("to", "") or "") or today
    return start, end
