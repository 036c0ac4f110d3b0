"""The public station finder (/stations/): a resident on a phone finds the
nearest station and its opening hours without an account or JavaScript."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from stations.forms.stations import FinderForm
from stations.selectors import public_nearby_sites, public_station_get, public_station_list

PAGE_SIZE = 20


@method_decorator(login_not_required, name="dispatch")
class StationFinderView(TemplateView):
    template_name = "stations/station_finder.html"
    page_size = PAGE_SIZE

    def get_context_data(self, **kwargs):
        form = FinderForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        community = filters.get("community")
        near = None
        origin_label = ""
        if community is not None and community.latitude is not None and community.longitude is not None:
            near = (float(community.latitude), float(community.longitude))
            origin_label = community.name
        elif filters.get("lat") is not None and filters.get("lng") is not None:
            near = (filters["lat"], filters["lng"])
        # A chosen community sets where "nearest" is measured from; the list
        # then shows its own stations first and the neighbours after, rather
        # than the one station that serves it alone.
        stations = public_station_list(
            district=None if community else filters.get("district"),
            street=None if community else filters.get("street"),
            text=filters.get("q", ""),
            near=near,
            serving=community,
        )
        page = Paginator(stations, self.page_size).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            page_obj=page,
            stations=page.object_list,
            near=near,
            origin_label=origin_label,
            community=community,
            query_string=query.urlencode(),
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class StationPublicDetailView(TemplateView):
    template_name = "stations/station_detail.html"

    def get_context_data(self, **kwargs):
        station = public_station_get(pk=self.kwargs["pk"])
        return super().get_context_data(
            station=station,
            nearby_sites=public_nearby_sites(station=station),
            **kwargs,
        )


urlpatterns = [
    path("stations/", StationFinderView.as_view(), name="station_finder"),
    path("stations/<int:pk>/", StationPublicDetailView.as_view(), name="station_detail"),
]
