"""Forms of the platform pages: audit log filters, policy values, accounts."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.forms.widgets import DateInput
from stations.models import AuditAction, Role
from stations.policy import declared_parameters, get_parameter, parse_value


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    object = forms.CharField(label=_("Object"), required=False, max_length=200)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].widget.attrs["autofocus"] = True

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> dict:
        """The valid filters only: a bad date leaves the other filters working."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v and k not in self.errors}


class PolicyValueForm(forms.Form):
    key = forms.ChoiceField(label=_("Parameter"))
    value = forms.CharField(
        label=_("New value"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "spellcheck": "false"}),
        help_text=_("A number (12000, 0.5), yes / no, or JSON for a structured value such as a schedule."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("The decision or document it follows, e.g. 枣人社字〔2025〕12号."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(p.key, f"{p.label} ({p.key})") for p in declared_parameters()]
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        key, text = data.get("key"), data.get("value")
        if key and text is not None:
            try:
                data["parsed_value"] = parse_value(get_parameter(key), text)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return data


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or user name"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("yes", _("Active")), ("no", pgettext_lazy("account", "Disabled"))],
    )

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
