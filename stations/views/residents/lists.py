"""The registry's list and its search, and the four-clears summary.

An ID number or phone never travels in a URL: the search box posts, the text
is kept in the session under a random token, and the list is reached with
that token only."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from stations.forms.residents import (
    ResidentSearchForm,
)
from stations.models import (
    SENSITIVE_GROUPS,
    EmploymentStatus,
    SkillLevel,
)
from stations.permissions import user_can
from stations.selectors import (
    DERIVED_GROUPS,
    SORTS,
    community_choices,
    derived_group_codes,
    four_clears_summary,
    resident_rows,
    resident_search,
    target_group_choices,
)
from stations.views.mixins import StaffRequiredMixin

SEARCH_SESSION_KEY = "resident_searches"
SEARCH_TOKENS_KEPT = 20
PAGE_SIZES = (20, 50, 100)
LIST_FILTERS = ("community", "status", "group", "skill", "four_clears", "wish", "sort", "removed", "per_page")

FOUR_CLEARS_CHOICES = [
    ("complete", gettext_lazy("Complete (4 of 4)")),
    ("incomplete", gettext_lazy("Incomplete")),
    *((str(n), gettext_lazy("%(n)s of 4") % {"n": n}) for n in range(4)),
]
SORT_LABELS = {
    "community": gettext_lazy("Community"),
    "name": gettext_lazy("Name A→Z"),
    "-name": gettext_lazy("Name Z→A"),
    "age": gettext_lazy("Youngest first"),
    "-age": gettext_lazy("Oldest first"),
    "new": gettext_lazy("Newest records"),
    "four_clears": gettext_lazy("Least complete first"),
    "-four_clears": gettext_lazy("Most complete first"),
}


def _search_text(request, token: str) -> str | None:
    return request.session.get(SEARCH_SESSION_KEY, {}).get(token)


def _store_search(request, text: str) -> str:
    """Keep `text` in the session and return a random token that names it."""
    searches = dict(request.session.get(SEARCH_SESSION_KEY, {}))
    token = secrets.token_urlsafe(9)
    searches[token] = text
    while len(searches) > SEARCH_TOKENS_KEPT:
        searches.pop(next(iter(searches)))
    request.session[SEARCH_SESSION_KEY] = searches
    return token


class ResidentListView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_resident"
    template_name = "stations/resident_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        filters = {name: params.get(name, "") for name in LIST_FILTERS}
        token = params.get("s", "")
        search_text = _search_text(self.request, token) if token else None
        if token and search_text is None:
            messages.info(self.request, _("That search has expired; please search again."))
        filters["text"] = search_text or ""
        filters["removed"] = params.get("removed") == "1"
        if filters["community"] and not str(filters["community"]).isdigit():
            filters["community"] = ""
        per_page = int(params["per_page"]) if params.get("per_page", "").isdigit() else 50
        per_page = per_page if per_page in PAGE_SIZES else 50
        # The page counts and pages ids only, then reads its own rows.
        ids = resident_search(user=self.request.user, filters=filters).values_list("pk", flat=True)
        page = Paginator(ids, per_page).get_page(params.get("page"))
        today = timezone.localdate()
        rows = [
            {
                "resident": r,
                "derived": [DERIVED_GROUPS[c].label for c in derived_group_codes(r, today)],
                # Lists may filter by sensitive groups but never print them.
                "groups": [g for g in r.target_groups.all() if g.code not in SENSITIVE_GROUPS],
            }
            for r in resident_rows(pks=list(page.object_list))
        ]
        keep = {k: v for k, v in params.items() if k != "page" and v}
        return super().get_context_data(
            page=page,
            rows=rows,
            filters=filters,
            search_form=ResidentSearchForm(initial={"text": search_text or ""}),
            search_active=bool(search_text),
            communities=community_choices(user=self.request.user),
            status_choices=EmploymentStatus.choices,
            group_choices=target_group_choices(),
            skill_choices=SkillLevel.choices,
            four_clears_choices=FOUR_CLEARS_CHOICES,
            sort_choices=[(k, label) for k, label in SORT_LABELS.items() if k in SORTS],
            page_sizes=PAGE_SIZES,
            per_page=per_page,
            page_query=urlencode(keep),
            filter_hidden={k: v for k, v in keep.items() if k not in LIST_FILTERS and k != "s"},
            can_manage=user_can(self.request.user, "stations.manage_resident"),
            can_merge=user_can(self.request.user, "stations.merge_resident"),
            **kwargs,
        )


class ResidentSearchView(StaffRequiredMixin, View):
    """POST only: keeps the typed text out of the URL and the access log."""

    permission = "stations.view_resident"
    http_method_names = ["post"]

    def post(self, request):
        form = ResidentSearchForm(request.POST)
        text = form.cleaned_data["text"].strip() if form.is_valid() else ""
        params = {k: request.POST[k] for k in LIST_FILTERS if request.POST.get(k) and k != "per_page"}
        if text:
            params["s"] = _store_search(request, text)
        url = reverse("stations:resident_list")
        return HttpResponseRedirect(f"{url}?{urlencode(params)}" if params else url)


class FourClearsSummaryView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_resident"
    template_name = "stations/resident_four_clears.html"

    def get_context_data(self, **kwargs):
        rows = list(four_clears_summary(user=self.request.user))
        totals = {
            key: sum(getattr(r, key) for r in rows)
            for key in (
                "residents_total",
                "complete",
                "clear_basic",
                "clear_skill",
                "clear_training",
                "clear_direction",
            )
        }
        return super().get_context_data(rows=rows, totals=totals, **kwargs)
