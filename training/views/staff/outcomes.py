"""Staff pages of what training led to: the employment rate and the loop."""

from __future__ import annotations

from django.utils.translation import gettext as _

from training import selectors
from training.views.common import TrainingPage, period_from_query


class RateView(TrainingPage):
    template_name = "training/rates.html"

    def get_context_data(self, **kwargs):
        group_by = self.request.GET.get("by", "district")
        if group_by not in selectors.RATE_GROUPS:
            group_by = "district"
        start, end = period_from_query(self.request, default_days=730)
        rows = selectors.post_training_employment_rate(
            user=self.request.user, group_by=group_by, period_start=start, period_end=end
        )
        return super().get_context_data(
            rows=rows,
            total=selectors.rate_total(rows),
            group_by=group_by,
            groups=[
                ("district", _("District")),
                ("community", _("Community")),
                ("class", _("Class")),
                ("course", _("Course")),
                ("provider", _("Provider")),
            ],
            period_start=start,
            period_end=end,
            definition=selectors.RATE_DEFINITION,
            **kwargs,
        )


class LoopView(TrainingPage):
    template_name = "training/loop.html"

    def get_context_data(self, **kwargs):
        start, end = period_from_query(self.request, default_days=730)
        return super().get_context_data(
            rows=selectors.training_loop_by_district(user=self.request.user, round_from=start, round_to=end),
            period_start=start,
            period_end=end,
            definition=selectors.LOOP_DEFINITION,
            **kwargs,
        )
