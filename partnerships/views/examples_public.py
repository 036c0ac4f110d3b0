"""Public pages (no account), under /stories/: the published typical examples
and their photos. Nothing here shows more than the name as published."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import TemplateView

from ..models import ExampleKind
from ..selectors import examples as selectors
from .examples import photo_response

PUBLIC_PAGE_SIZE = 12


@method_decorator(login_not_required, name="dispatch")
class StoryListView(TemplateView):
    template_name = "partnerships/examples_public_list.html"

    def get_context_data(self, **kwargs):
        get = self.request.GET
        districts = list(selectors.public_district_choices())
        district = get.get("district", "")
        filters = {
            "kind": get.get("kind", "") if get.get("kind", "") in ExampleKind.values else "",
            "district": district if district in {str(d.pk) for d in districts} else "",
        }
        page = Paginator(selectors.public_examples(filters=filters), PUBLIC_PAGE_SIZE).get_page(get.get("page"))
        query = {k: v for k, v in filters.items() if v}
        return super().get_context_data(
            page=page,
            filters=filters,
            kinds=ExampleKind.choices,
            districts=districts,
            querystring=urlencode(query),
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class StoryDetailView(TemplateView):
    template_name = "partnerships/examples_public_detail.html"

    def get_context_data(self, **kwargs):
        example = selectors.public_example_get(pk=self.kwargs["pk"])
        return super().get_context_data(example=example, photos=example.photos.all(), **kwargs)


@method_decorator(login_not_required, name="dispatch")
class StoryPhotoView(View):
    def get(self, request, pk):
        return photo_response(selectors.public_photo_get(pk=pk), public=True)


urlpatterns = [
    path("", StoryListView.as_view(), name="story_list"),
    path("<int:pk>/", StoryDetailView.as_view(), name="story_detail"),
    path("photos/<int:pk>.jpg", StoryPhotoView.as_view(), name="story_photo"),
]
