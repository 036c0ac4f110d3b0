"""Community-worker and public-welfare posts against plan target T4."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from jobs import selectors
from stations.views.mixins import StaffRequiredMixin


class PostTargetsView(StaffRequiredMixin, TemplateView):
    permission = "jobs.view"
    template_name = "jobs/community_post_targets.html"

    def get_context_data(self, **kwargs):
        rows = selectors.community_post_targets(user=self.request.user)
        paginator = Paginator(rows, 100)
        return super().get_context_data(
            page_obj=paginator.get_page(self.request.GET.get("page")),
            subtotals=selectors.community_post_target_subtotals(user=self.request.user, rows=rows),
            target=selectors.community_workers_target(),
            **kwargs,
        )
