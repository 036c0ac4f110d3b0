"""Forms for the staff station and related-site pages, and the public finder.

Choices are limited to the user's scope; the services check scope again, so a
crafted POST cannot reach outside it either.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stations.models import RelatedSite, SiteKind, Station, StationStatus
from stations.selectors import community_choices, community_list, district_list, station_service_list, street_list

# Above this many served-community choices a checkbox list gets too long to
# scan; a multiple <select> lets the keyboard jump by typing the name instead.
CHECKBOX_LIMIT = 40


# The inputs a station and a related site share: where it is, how to call it.
PLACE_WIDGETS = {
    "note": forms.Textarea(attrs={"rows": 2}),
    "latitude": forms.NumberInput(attrs={"step": "0.000001", "min": "-90", "max": "90"}),
    "longitude": forms.NumberInput(attrs={"step": "0.000001", "min": "-180", "max": "180"}),
    "phone": forms.TextInput(attrs={"inputmode": "tel"}),
}


class CommunityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.street.name} · {obj.name}"


class CommunityMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.street.name} · {obj.name}"


class StationForm(forms.ModelForm):
    community = CommunityChoiceField(queryset=None, label=_("Host community"))
    served_communities = CommunityMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Communities served"),
        help_text=_("The host community and neighbours served jointly (联建)."),
    )
    services = forms.ModelMultipleChoiceField(
        queryset=station_service_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Services offered"),
    )

    class Meta:
        model = Station
        fields = [
            "name",
            "community",
            "status",
            "address",
            "opening_hours",
            "phone",
            "latitude",
            "longitude",
            "operator_kind",
            "operator_name",
            "services",
            "served_communities",
            "note",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autofocus": True}),
            **PLACE_WIDGETS,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        in_scope = community_choices(user=user)
        self.fields["community"].queryset = in_scope
        self.fields["served_communities"].queryset = in_scope
        # Served communities outside the editor's area stay as they are; they
        # are shown as text and kept by the view (see station_save).
        self.kept_outside = []
        if self.instance.pk:
            visible = set(in_scope.values_list("pk", flat=True))
            self.kept_outside = [c for c in self.instance.served_communities.all() if c.pk not in visible]
        if len(in_scope) <= CHECKBOX_LIMIT:
            self.fields["served_communities"].widget = forms.CheckboxSelectMultiple()
            self.fields["served_communities"].widget.choices = self.fields["served_communities"].choices
        else:
            self.fields["served_communities"].widget.attrs["size"] = 12
        if not self.instance.pk and getattr(user, "community_id", None):
            self.initial.setdefault("community", user.community_id)
            self.initial.setdefault("served_communities", [user.community_id])
            self.initial.setdefault("services", list(station_service_list().values_list("pk", flat=True)))

    def served_with_kept(self):
        return [*self.cleaned_data.get("served_communities", []), *self.kept_outside]


class RelatedSiteForm(forms.ModelForm):
    community = CommunityChoiceField(queryset=None, label=_("Community"))

    class Meta:
        model = RelatedSite
        fields = ["kind", "name", "community", "address", "phone", "latitude", "longitude", "is_active", "note"]
        widgets = {
            "kind": forms.Select(attrs={"autofocus": True}),
            **PLACE_WIDGETS,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = community_choices(user=user)
        if not self.instance.pk and getattr(user, "community_id", None):
            self.initial.setdefault("community", user.community_id)


class StaffStationFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Name or address"), max_length=100)
    status = forms.ChoiceField(
        required=False, label=_("Status"), choices=[("", _("All"))] + list(StationStatus.choices)
    )


class StaffSiteFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Name or address"), max_length=100)
    kind = forms.ChoiceField(required=False, label=_("Kind"), choices=[("", _("All"))] + list(SiteKind.choices))
    active = forms.ChoiceField(
        required=False, label=_("Active"), choices=[("", _("All")), ("1", _("Active")), ("0", _("Inactive"))]
    )


class FinderForm(forms.Form):
    """The public finder's GET form: plain selects that narrow after submit,
    so it works without JavaScript. Choices that do not fit the chosen parent
    are dropped rather than refused: a stale street after a district change
    simply widens the search again."""

    district = forms.ModelChoiceField(
        queryset=district_list(), required=False, label=_("District"), empty_label=_("All districts")
    )
    street = forms.ModelChoiceField(
        queryset=street_list(),
        required=False,
        label=_("Street or town"),
        empty_label=_("All streets"),
    )
    community = forms.ModelChoiceField(
        queryset=community_list(),
        required=False,
        label=_("Your community"),
        empty_label=_("Choose your community"),
        help_text=_("Choose it to list the nearest stations first."),
    )
    q = forms.CharField(required=False, max_length=50, label=_("Name or address"))
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        super().__init__(data, *args, **kwargs)
        district_pk = self._raw_pk("district")
        street_pk = self._raw_pk("street")
        streets = street_list(district=district_pk)
        communities = community_list(district=district_pk)
        if street_pk and (not district_pk or streets.filter(pk=street_pk).exists()):
            communities = community_list(district=district_pk, street=street_pk)
        elif street_pk and self.data is not None:
            # The district changed since the street was chosen: forget the street.
            self.data["street"] = ""
        self.fields["street"].queryset = streets
        self.fields["community"].queryset = communities
        self.fields["community"].label_from_instance = lambda c: f"{c.name}（{c.street.name}）"
        if self.data is not None and self.data.get("community"):
            community_pk = self._raw_pk("community")
            if not community_pk or not communities.filter(pk=community_pk).exists():
                self.data["community"] = ""

    def _raw_pk(self, name: str) -> int | None:
        if self.data is None:
            return None
        value = str(self.data.get(name) or "").strip()
        if not value.isdigit() or len(value) > 18:
            return None
        return int(value)
