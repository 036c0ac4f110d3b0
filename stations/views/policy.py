"""Policy parameters at /staff/policy/: every role reads the values in force
and their history; the city bureau sets a new value from a date."""

from __future__ import annotations

from itertools import groupby

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from stations.forms.platform import PolicyValueForm
from stations.permissions import user_can
from stations.policy import format_value
from stations.selectors import policy_parameter_overview
from stations.services import policy_parameter_set
from stations.views.mixins import StaffRequiredMixin

# Key prefixes that are not app labels.
OTHER_GROUPS = {"residents": gettext_lazy("Residents")}


def _group_label(prefix: str) -> str:
    """Parameters are grouped by the app that declares them (the key's prefix)."""
    if prefix in OTHER_GROUPS:
        return str(OTHER_GROUPS[prefix])
    try:
        return str(apps.get_app_config(prefix).verbose_name)
    except LookupError:
        return prefix


class PolicyParameterView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_policy"
    template_name = "stations/policyparameter_list.html"

    def can_set(self) -> bool:
        return user_can(self.request.user, "stations.set_policy")

    def get_context_data(self, form=None, **kwargs):
        overview = policy_parameter_overview()
        groups = [
            (_group_label(prefix), list(items))
            for prefix, items in groupby(overview, key=lambda o: o.key.split(".", 1)[0])
        ]
        if form is None and self.can_set():
            key = self.request.GET.get("key", "")
            current = {o.key: o.current for o in overview}
            initial = {"key": key, "value": format_value(current[key])} if key in current else {}
            form = PolicyValueForm(initial=initial)
            if not initial:
                form.fields["key"].widget.attrs["autofocus"] = True
        return super().get_context_data(groups=groups, form=form, can_set=self.can_set(), **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.can_set():
            raise PermissionDenied("stations.set_policy")
        form = PolicyValueForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = policy_parameter_set(
                    actor=request.user,
                    key=data["key"],
                    value=data["parsed_value"],
                    valid_from=data["valid_from"],
                    note=data["note"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("%(key)s is %(value)s from %(date)s.")
                    % {"key": row.key, "value": format_value(row.value), "date": row.valid_from},
                )
                return redirect(f"{reverse('stations:policy')}#param-{row.key.replace('.', '-')}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


urlpatterns = [
    path("policy/", PolicyParameterView.as_view(), name="policy"),
]
