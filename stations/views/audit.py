"""The audit log for district and city bureaus, at /staff/audit/.

Entries come from `stations.selectors.audit_entry_list`, scoped to the
bureau's node; a page costs a fixed number of queries whatever it shows.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.urls import path
from django.views.generic import TemplateView

from stations.audit import change_key
from stations.forms.platform import AuditFilterForm
from stations.selectors import audit_entry_list
from stations.views.mixins import StaffRequiredMixin

PAGE_SIZE = 50
VALUE_SHOWN = 120  # characters of one old/new value before it is cut


def _label_of(value, field=None, key=None):
    """A stored code as its label: through the field's choices, or through
    what the app registered for the key; anything else as it is."""
    if key is not None and key.values is not None and isinstance(value, str):
        return key.values(value) or value
    if field is not None and getattr(field, "choices", None) and isinstance(value, str | int):
        return dict(field.flatchoices).get(value, value)
    return value


def _shown(value, field=None, key=None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        text = ", ".join(
            _shown(v, field, key) if isinstance(v, list | dict) else str(_label_of(v, field, key)) for v in value
        )
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {v}" for k, v in value.items())
    else:
        text = str(_label_of(value, field, key))
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


def readable_changes(entry) -> list[dict]:
    """[{label, old, new} or {label, value}] from an entry's `changes`:
    `{field: [old, new]}` reads "field: old → new", anything else "field: value".
    Field names become their verbose names when the entry names its model, and
    stored codes their labels (a field's choices, or what the app registered
    with `stations.audit.register_change_key`), so no code reaches the page."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    model_label = model._meta.label if model is not None else ""
    rows = []
    for name, change in (entry.changes or {}).items():
        key = change_key(model_label, name)
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        label = str(key.label if key is not None else (getattr(field, "verbose_name", "") or name))
        if isinstance(change, list) and len(change) == 2 and (key is None or key.values is None or field):
            rows.append({"label": label, "old": _shown(change[0], field, key), "new": _shown(change[1], field, key)})
        else:
            rows.append({"label": label, "value": _shown(change, field, key)})
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
