"""Possible duplicates under /staff/residents/duplicates/ and the merges
under /staff/residents/merges/.

A street officer (or a bureau) sees the pairs of records in their area that
may be one person, compares them (masked, as on the lists; each record's own
page is a logged opening) and merges one into the other. The district bureau
undoes a merge within the undo window. Reads through
stations.selectors, writes through stations.services.merges.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from stations.forms.residents import MergeForm, MergeUndoForm
from stations.merging import relation_counts, resident_relations
from stations.models import Resident, ResidentMerge
from stations.params import parse_pk
from stations.permissions import user_can
from stations.selectors import (
    merge_window_open,
    resident_duplicate_pair,
    resident_duplicate_pairs,
    resident_get,
    resident_merge_get,
    resident_merge_list,
)
from stations.services import merges as services
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

PAGE_SIZE = 50


class DuplicateListView(StaffRequiredMixin, TemplateView):
    permission = "stations.merge_resident"
    template_name = "stations/resident_duplicates.html"

    def get_context_data(self, **kwargs):
        pairs = resident_duplicate_pairs(user=self.request.user)
        page = Paginator(pairs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page=page,
            pairs=page.object_list,
            undo_days=services.merge_undo_days(),
            **kwargs,
        )


class ResidentMergeView(ServiceFormView):
    """GET compares the record `pk` with the record `?with=`; POST merges."""

    model = Resident
    permission = "stations.merge_resident"
    template_name = "stations/resident_merge.html"
    form_class = MergeForm

    def load(self):
        self.pair = self.get_pair()

    def get_pair(self):
        other = parse_pk(self.request.POST.get("with") or self.request.GET.get("with"))
        if other is None:
            # The record itself must still be in scope, or this is a 404 like any other.
            resident_get(user=self.request.user, pk=self.kwargs["pk"])
            raise Http404
        return resident_duplicate_pair(user=self.request.user, pk=self.kwargs["pk"], other_pk=other)

    def get_form_kwargs(self):
        return {"pair": self.pair}

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None)
        if form is None:
            form = self.get_form()
        relations = resident_relations()
        first, second = self.pair.first, self.pair.second
        counts = {r.pk: relation_counts(r, relations) for r in (first, second)}
        if not form.is_bound:
            # Keep the record with more history; of two alike, the older one.
            busiest = max((first, second), key=lambda r: (sum(n for _w, n in counts[r.pk]), -r.pk))
            form.initial["keep"] = busiest.pk
        cleaned = getattr(form, "cleaned_data", {})
        kept_pk = cleaned.get("keep") if form.is_bound else form.initial.get("keep")
        kept, duplicate = (second, first) if kept_pk == second.pk else (first, second)
        return super().get_context_data(
            pair=self.pair,
            form=form,
            columns=[(r, counts[r.pk]) for r in (first, second)],
            problems=services.merge_problems(kept, duplicate),
            undo_days=services.merge_undo_days(),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        # The comparison shows two people's records side by side: not kept in any cache.
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def perform(self, form):
        kept, duplicate = form.kept_and_duplicate()
        services.resident_merge(
            actor=self.request.user,
            kept=kept,
            duplicate=duplicate,
            note=form.cleaned_data["note"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("The records are merged into the record of %(name)s; the district bureau can undo it for %(days)s days.")
            % {"name": kept.name, "days": services.merge_undo_days()},
        )
        return reverse("stations:resident_detail", kwargs={"pk": kept.pk})


class MergeListView(StaffRequiredMixin, TemplateView):
    permission = "stations.merge_resident"
    template_name = "stations/resident_merges.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = Paginator(resident_merge_list(user=user), PAGE_SIZE).get_page(self.request.GET.get("page"))
        can_undo = user_can(user, "stations.undo_resident_merge")
        rows = [
            {
                "merge": m,
                "moved": m.moved_counts(),
                "undoable": can_undo and merge_window_open(m),
                "deadline": services.merge_undo_deadline(m),
            }
            for m in page.object_list
        ]
        kwargs.setdefault("undo_form", MergeUndoForm())
        return super().get_context_data(page=page, rows=rows, can_undo=can_undo, **kwargs)


class MergeUndoView(StaffRequiredMixin, View):
    model = ResidentMerge
    permission = "stations.undo_resident_merge"
    http_method_names = ["post"]

    def post(self, request, pk):
        merge = resident_merge_get(user=request.user, pk=pk)
        form = MergeUndoForm(request.POST)
        if form.is_valid():
            try:
                services.resident_merge_undo(
                    actor=request.user, merge=merge, note=form.cleaned_data["note"], request=request
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The merge is undone: both records are back as they were."))
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect("stations:resident_merges")


urlpatterns = [
    path("residents/duplicates/", DuplicateListView.as_view(), name="resident_duplicates"),
    path("residents/merges/", MergeListView.as_view(), name="resident_merges"),
    path("residents/merges/<int:pk>/undo/", MergeUndoView.as_view(), name="resident_merge_undo"),
    path("residents/<int:pk>/merge/", ResidentMergeView.as_view(), name="resident_merge"),
]
