"""What the cooperatives' pages share: the rules, the page size, the list
filters in links, who sees hardship groups, and the create-or-edit page."""

from __future__ import annotations

from django.contrib import messages
from django.urls import reverse
from django.utils.http import urlencode

from stations.permissions import user_can
from stations.views.service_form import ServiceFormView

VIEW = "partnerships.view"
MANAGE = "partnerships.manage_cooperatives"
PAGE_SIZE = 50


def query_string(filters: dict) -> str:
    return urlencode({k: v for k, v in filters.items() if v})


def may_see_hardship(user) -> bool:
    # Hardship groups are shown only to staff who work residents' records,
    # as on the resident page; others see that a person has priority, not why.
    return user_can(user, "stations.manage_resident")


class SaveFormView(ServiceFormView):
    """Create (no pk) or edit (pk, in scope) one record through its service."""

    permission = MANAGE
    detail_url_name = ""

    def record_get(self, pk):
        """The record being edited, through its selector (404 out of scope)."""
        raise NotImplementedError

    def load(self):
        self.instance = self.model()
        if "pk" in self.kwargs:
            self.instance = self.record_get(self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"instance": self.instance, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(instance=self.instance, **kwargs)

    def save(self, obj) -> str:
        """Save through the service; return the message saying so."""
        raise NotImplementedError

    def perform(self, form):
        obj = form.save(commit=False)
        messages.success(self.request, self.save(obj))
        return reverse(self.detail_url_name, kwargs={"pk": obj.pk})
