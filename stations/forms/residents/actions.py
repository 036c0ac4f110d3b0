"""The forms on a resident's record page: employment status, a service
given, text-message consent, removal and the household."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput
from stations.models import EmploymentStatus, RemovalReason, ServiceChannel, ServiceKind
from stations.validators import normalize_resident_id


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=EmploymentStatus.choices)
    changed_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        required=False,
        help_text=_("For registered unemployed (失业登记证号)."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_changed_on(self):
        value = self.cleaned_data["changed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


class ServiceRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    served_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    channel = forms.ChoiceField(label=_("Channel"), choices=ServiceChannel.choices, initial=ServiceChannel.STATION)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean_served_on(self):
        value = self.cleaned_data["served_on"]
        if value > timezone.localdate():
            raise ValidationError(_("A service cannot be dated in the future."))
        return value


class TextConsentForm(forms.Form):
    """Consent to text messages, recorded as the resident gave or withdrew it."""

    consent = forms.ChoiceField(
        label=_("Text messages"),
        choices=[
            ("given", _("The resident agrees to text messages")),
            ("withdrawn", _("The resident opts out of text messages")),
        ],
        widget=forms.RadioSelect,
    )
    how = forms.CharField(
        label=_("How"),
        max_length=100,
        required=False,
        help_text=_("For example: signed the registration form at the station; said so on the phone."),
    )


class RemovalForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RemovalReason.choices)


class HouseholdJoinForm(forms.Form):
    member_id_number = forms.CharField(
        label=_("ID number of a household member"),
        max_length=40,
        help_text=_("A person already registered in the same community."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_member_id_number(self):
        return normalize_resident_id(self.cleaned_data["member_id_number"])
