"""Forms of transfers between communities: asking for a person's record, and
deciding a request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stations.forms.residents.records import CommunityChoiceField
from stations.selectors import community_choices
from stations.validators import normalize_resident_id


class TransferRequestForm(forms.Form):
    id_number = forms.CharField(
        label=_("ID number"), max_length=40, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    to_community = CommunityChoiceField(queryset=None, label=_("Transfer to"))
    note = forms.CharField(label=_("Reason for the request"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_community"].queryset = community_choices(user=user)
        if user is not None and getattr(user, "community_id", None):
            self.fields["to_community"].initial = user.community_id

    def clean_id_number(self):
        return normalize_resident_id(self.cleaned_data["id_number"])


class TransferDecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
