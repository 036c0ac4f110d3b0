"""Staff accounts at /staff/accounts/: district and city bureaus list the
accounts in their area and disable one (which also ends its sessions)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from stations import navigation
from stations.forms.platform import AccountFilterForm
from stations.models import User
from stations.selectors import staff_account_get, staff_account_search
from stations.services import staff_account_deactivate
from stations.views.mixins import StaffRequiredMixin

PAGE_SIZE = 50


class StaffAccountListView(StaffRequiredMixin, TemplateView):
    permission = "stations.manage_accounts"
    template_name = "stations/staffaccount_list.html"

    def get_context_data(self, **kwargs):
        form = AccountFilterForm(self.request.GET or None)
        accounts = staff_account_search(user=self.request.user, filters=form.filters() if form.is_bound else {})
        page = Paginator(accounts, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for account in page.object_list:
            account.actions = navigation.account_actions(self.request.user, account.pk)
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            page_obj=page,
            accounts=page.object_list,
            query_string=query.urlencode(),
            **kwargs,
        )


class StaffAccountDeactivateView(StaffRequiredMixin, TemplateView):
    """GET asks for confirmation; POST disables the account."""

    permission = "stations.manage_accounts"
    model = User
    template_name = "stations/staffaccount_deactivate.html"

    def get_object(self) -> User:
        return staff_account_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.get_object(), **kwargs)

    def post(self, request, pk):
        account = self.get_object()
        try:
            staff_account_deactivate(actor=request.user, account=account, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s is disabled and signed out.") % {"name": account.display_name})
        return redirect("stations:account_list")


urlpatterns = [
    path("accounts/", StaffAccountListView.as_view(), name="account_list"),
    path("accounts/<int:pk>/deactivate/", StaffAccountDeactivateView.as_view(), name="account_deactivate"),
]
