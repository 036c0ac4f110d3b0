"""The region at /staff/region/: the tree with its codes, population and
community workers for every role (scoped to the user's node), and the
bureaus' form for a street's figures with the history of each community."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from stations.forms.region import StreetHeadcountForm
from stations.permissions import user_can
from stations.policy import policy_value
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.selectors import (
    community_get,
    community_headcount_history,
    region_tree,
    street_communities,
    street_get,
)
from stations.services.region import street_headcounts_record
from stations.views.mixins import StaffRequiredMixin


class RegionTreeView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_region"
    template_name = "stations/region_tree.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tree=region_tree(user=self.request.user),
            target=policy_value(COMMUNITY_WORKERS_TARGET),
            can_keep=user_can(self.request.user, "stations.keep_headcounts"),
            **kwargs,
        )


class StreetHeadcountView(StaffRequiredMixin, TemplateView):
    permission = "stations.keep_headcounts"
    template_name = "stations/street_headcount_form.html"

    def _street_and_communities(self):
        street = street_get(user=self.request.user, pk=self.kwargs["street_pk"])
        return street, list(street_communities(user=self.request.user, street=street))

    def get_context_data(self, form=None, **kwargs):
        street, communities = self._street_and_communities()
        form = form or StreetHeadcountForm(communities=communities)
        return super().get_context_data(street=street, form=form, **kwargs)

    def post(self, request, *args, **kwargs):
        street, communities = self._street_and_communities()
        form = StreetHeadcountForm(request.POST, communities=communities)
        if form.is_valid():
            try:
                rows = street_headcounts_record(
                    actor=request.user,
                    street=street,
                    effective_from=form.cleaned_data["effective_from"],
                    figures=form.figures(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if rows:
                    messages.success(
                        request,
                        _("Figures recorded for %(count)d communities of %(street)s from %(date)s.")
                        % {"count": len(rows), "street": street.name, "date": form.cleaned_data["effective_from"]},
                    )
                else:
                    messages.info(request, _("No figure differed from those in effect on that date: nothing recorded."))
                return redirect(f"{reverse('stations:region')}#street-{street.pk}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CommunityHeadcountHistoryView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_region"
    template_name = "stations/community_headcount_history.html"

    def get_context_data(self, **kwargs):
        community = community_get(user=self.request.user, pk=self.kwargs["community_pk"])
        return super().get_context_data(
            community=community,
            history=community_headcount_history(user=self.request.user, community=community),
            can_keep=user_can(self.request.user, "stations.keep_headcounts"),
            **kwargs,
        )


urlpatterns = [
    path("region/", RegionTreeView.as_view(), name="region"),
    path("region/streets/<int:street_pk>/figures/", StreetHeadcountView.as_view(), name="street_headcounts"),
    path(
        "region/communities/<int:community_pk>/", CommunityHeadcountHistoryView.as_view(), name="community_headcounts"
    ),
]
