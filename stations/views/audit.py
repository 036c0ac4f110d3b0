"""The audit log for district and city bureaus, at /staff/audit/.

Entries come from `stations.selectors.audit_entry_list`, scoped to the
bureau's node; a page costs a fixed number of queries whatever it shows.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.urls import path
from django.views.generic import TemplateView

from stations.forms.platform import AuditFilterForm
from stations.selectors import audit_entry_list
from stations.views.mixins import StaffRequiredMixin

PAGE_SIZE = 50
VALUE_SHOWN = 120  # characters of one old/new value before it is cut


def _shown(value, field=None) -> str:
    if value is None or value == "":
        return "—"
    if field is not None and getattr(field, "choices", None) and not isinstance(value, list | dict):
        value = dict(field.flatchoices).get(value, value)
    text = str(value)
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


def readable_changes(entry) -> list[dict]:
    """[{label, old, new} or {label, value}] from an entry's `changes`:
    `{field: [old, new]}` reads "field: old → new", anything else "field: value".
    Field names become their verbose names when the entry names its model."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, change in (entry.changes or {}).items():
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        label = str(getattr(field, "verbose_name", "") or name)
        if isinstance(change, list) and len(change) == 2:
            rows.append({"label": label, "old": _shown(change[0], field), "new": _shown(change[1], field)})
        else:
            rows.append({"label": label, "value": _shown(change, field)})
    return rows


class AuditLogView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_audit_log"
    template_name = "stations/auditentry_list.html"

    def get_context_data(self, **kwargs):
        form = AuditFilterForm(self.request.GET or None)
        entries = audit_entry_list(user=self.request.user, filters=form.filters()).select_related(
            "district", "street", "community"
        )
        page = Paginator(entries, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            page_obj=page,
            rows=[(entry, readable_changes(entry)) for entry in page.object_list],
            query_string=query.urlencode(),
            **kwargs,
        )


urlpatterns = [
    path("audit/", AuditLogView.as_view(), name="audit_log"),
]
