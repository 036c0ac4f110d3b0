"""Staff pages for stations and related sites (/staff/stations/).

Reads go through scoped selectors (out of scope = 404);
writes go through `station_save` / `related_site_save`, which check the role
and the scope again.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from stations.forms.stations import RelatedSiteForm, StaffSiteFilterForm, StaffStationFilterForm, StationForm
from stations.models import RelatedSite, Station
from stations.selectors import related_site_get, related_site_list, station_get, station_list
from stations.services import related_site_save, station_save
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


class _FilteredListView(StaffRequiredMixin, ListView):
    paginate_by = 50
    filter_form_class = None

    def get_filters(self) -> dict:
        form = self.filter_form_class(self.request.GET or None)
        self.filter_form = form
        return form.cleaned_data if form.is_bound and form.is_valid() else {}

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter_form=self.filter_form, query_string=query.urlencode(), **kwargs)


class StationListView(_FilteredListView):
    permission = "stations.view_station"
    template_name = "stations/station_list.html"
    context_object_name = "stations"
    filter_form_class = StaffStationFilterForm

    def get_queryset(self):
        return station_list(user=self.request.user, filters=self.get_filters())


class _SaveFormView(ServiceFormView):
    """Create (no pk) or edit (pk, fetched in scope) one object through a service."""

    permission = "stations.manage_station"
    model = None
    # `<entity>_get(*, user, pk)`: the object to edit, in scope or 404.
    selector = None
    list_url_name = ""
    create_url_name = ""

    def load(self):
        self.object = self.selector(user=self.request.user, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def save(self, form):
        raise NotImplementedError

    def perform(self, form):
        self.saved = self.save(form)
        if "_addanother" in self.request.POST:
            return reverse(self.create_url_name)
        return reverse(self.list_url_name)

    def get_success_message(self, result):
        return _("Saved: %(name)s") % {"name": self.saved}


class StationSaveView(_SaveFormView):
    model = Station
    selector = staticmethod(station_get)
    form_class = StationForm
    template_name = "stations/station_form.html"
    list_url_name = "stations:station_list"
    create_url_name = "stations:station_create"

    def save(self, form):
        return station_save(
            actor=self.request.user,
            station=form.instance,
            services=form.cleaned_data["services"],
            served_communities=form.served_with_kept(),
            request=self.request,
        )


class RelatedSiteListView(_FilteredListView):
    permission = "stations.view_station"
    template_name = "stations/relatedsite_list.html"
    context_object_name = "sites"
    filter_form_class = StaffSiteFilterForm

    def get_queryset(self):
        return related_site_list(user=self.request.user, filters=self.get_filters())


class RelatedSiteSaveView(_SaveFormView):
    model = RelatedSite
    selector = staticmethod(related_site_get)
    form_class = RelatedSiteForm
    template_name = "stations/relatedsite_form.html"
    list_url_name = "stations:site_list"
    create_url_name = "stations:site_create"

    def save(self, form):
        return related_site_save(actor=self.request.user, site=form.instance, request=self.request)


urlpatterns = [
    path("stations/", StationListView.as_view(), name="station_list"),
    path("stations/new/", StationSaveView.as_view(), name="station_create"),
    path("stations/<int:pk>/edit/", StationSaveView.as_view(), name="station_update"),
    path("stations/sites/", RelatedSiteListView.as_view(), name="site_list"),
    path("stations/sites/new/", RelatedSiteSaveView.as_view(), name="site_create"),
    path("stations/sites/<int:pk>/edit/", RelatedSiteSaveView.as_view(), name="site_update"),
]
