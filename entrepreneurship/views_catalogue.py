"""Staff pages of the public startup catalogue: projects, stars and events.

One set of views serves the three kinds; each route names its kind
(`as_view(kind="events")`), so every URL addresses one model."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from stations.forms.errors import error_messages
from stations.models import Role
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from . import selectors, services
from .forms import CATALOGUE_FORMS, CatalogueStepForm
from .models import STEPS_NEEDING_A_REASON, CatalogueState

KIND_LABELS = {
    "projects": gettext_lazy("Startup projects"),
    "stars": gettext_lazy("Startup stars"),
    "events": gettext_lazy("Events"),
}


def catalogue_url(item, action: str = "detail") -> str:
    return reverse(f"entrepreneurship:catalogue_{item.catalogue_kind}_{action}", kwargs={"pk": item.pk})


def may_edit(user, item) -> bool:
    """Whether to offer the edit page; the service decides again."""
    if not item.is_editable or not user_can(user, "entrepreneurship.manage_catalogue"):
        return False
    return user.role != Role.COMMUNITY_STAFF or item.community_id == user.community_id


def _facts(item, names) -> list[tuple[str, object]]:
    """(label, shown value) of the item's filled-in fields, in the form's order."""
    out = []
    for name in names:
        field = item._meta.get_field(name)
        value = getattr(item, f"get_{name}_display")() if field.choices else getattr(item, name)
        if isinstance(value, dt.datetime):
            value = date_format(timezone.localtime(value), "Y-m-d H:i")
        elif isinstance(value, dt.date):
            value = date_format(value, "Y-m-d")
        if value not in (None, ""):
            out.append((field.verbose_name, value))
    return out


class CatalogueKindMixin:
    kind = ""

    def get_queryset(self):
        # What the scope test (and nothing else) reads to learn the route's model.
        return selectors.catalogue_list(user=self.request.user, kind=self.kind)

    def get_item(self):
        return selectors.catalogue_item_get(user=self.request.user, kind=self.kind, pk=self.kwargs["pk"])


class CatalogueListView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view_catalogue"
    template_name = "entrepreneurship/catalogue_list.html"

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("kind", "projects")
        if kind not in selectors.CATALOGUE_MODELS:
            kind = "projects"
        state = self.request.GET.get("state", "")
        if state not in CatalogueState.values:
            state = ""
        page = Paginator(selectors.catalogue_list(user=self.request.user, kind=kind, state=state), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            kind=kind,
            kinds=list(KIND_LABELS.items()),
            kind_label=KIND_LABELS[kind],
            state=state,
            states=CatalogueState.choices,
            page=page,
            can_add=user_can(self.request.user, "entrepreneurship.manage_catalogue"),
            new_url=reverse(f"entrepreneurship:catalogue_{kind}_new"),
            **kwargs,
        )


class CatalogueFormView(CatalogueKindMixin, ServiceFormView):
    """Add an item (no pk) or change one (pk)."""

    permission = "entrepreneurship.manage_catalogue"
    template_name = "entrepreneurship/catalogue_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.form_class = CATALOGUE_FORMS[self.kind]
        self.item = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs and request.user.is_authenticated:
            self.item = self.get_item()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": self.item}

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, kind=self.kind, kind_label=KIND_LABELS[self.kind], **kwargs)

    def perform(self, form):
        item = services.catalogue_item_save(actor=self.request.user, item=form.save(commit=False), request=self.request)
        return catalogue_url(item)

    def get_success_message(self, result) -> str:
        return _("Saved. Propose or publish it from its page when it is ready.")


class CatalogueDetailView(CatalogueKindMixin, StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view_catalogue"
    template_name = "entrepreneurship/catalogue_detail.html"

    def get_context_data(self, **kwargs):
        item = self.get_item()
        steps = [
            {"step": step, "needs_reason": step.name in STEPS_NEEDING_A_REASON, "form": CatalogueStepForm()}
            for step in item.workflow.allowed(item, self.request.user)
        ]
        return super().get_context_data(
            item=item,
            facts=_facts(item, CATALOGUE_FORMS[self.kind]._meta.fields),
            kind=self.kind,
            kind_label=KIND_LABELS[self.kind],
            steps=steps,
            history=selectors.catalogue_steps(item=item),
            can_edit=may_edit(self.request.user, item),
            edit_url=catalogue_url(item, "edit"),
            step_url=catalogue_url(item, "step"),
            public_url=reverse(f"entrepreneurship_public:{self.kind[:-1]}", kwargs={"pk": item.pk})
            if item.is_published
            else "",
            **kwargs,
        )


class CatalogueStepView(CatalogueKindMixin, StaffRequiredMixin, View):
    permission = "entrepreneurship.manage_catalogue"

    def post(self, request, pk):
        item = self.get_item()
        form = CatalogueStepForm(request.POST)
        if not form.is_valid():
            raise Http404  # only a hand-made request lacks the hidden step
        try:
            services.catalogue_item_step(
                actor=request.user,
                item=item,
                step=form.cleaned_data["step"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            for text in error_messages(exc):
                messages.error(request, text)
        else:
            messages.success(
                request, _("Done: %(item)s is now “%(state)s”.") % {"item": item, "state": item.get_state_display()}
            )
        return redirect(catalogue_url(item))
