"""Forms of the cooperatives pages. They collect input; the services decide."""

from __future__ import annotations

import re

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.forms.widgets import DateInput
from stations.models import Resident
from stations.models.residents import IN_WORK_STATUSES
from stations.selectors import search_q

from ..models import LabourOrganisation, LabourProject
from ..selectors.common import active_resident_choices, community_choices
from ..selectors.cooperatives import labour_organisation_choices

# More matches than this and staff are asked to type more.
PICK_LIMIT = 20


def _is_whole_number(text: str) -> bool:
    """A whole ID number or mobile number names one person; anything shorter may not."""
    compact = re.sub(r"[\s\-]", "", text).upper()
    return bool(re.fullmatch(r"\d{17}[\dX]", compact) or re.fullmatch(r"(\+86|0086)?1\d{10}", compact))


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = LabourOrganisation
        fields = LabourOrganisation.EDITABLE_FIELDS
        widgets = {"founded_on": DateInput(), "kind": forms.Select(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = community_choices(user=user)
        if not self.instance.pk and not self.initial.get("community") and getattr(user, "community_id", None):
            self.initial["community"] = user.community_id
        if not self.instance.pk:
            # A new record is active; the box matters when editing.
            del self.fields["is_active"]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = LabourProject
        fields = ["organisation", "kind", "title", "client", "starts_on", "ends_on", "value", "posts", "note"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "organisation": forms.Select(attrs={"autofocus": True}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = labour_organisation_choices(user=user, active_only=True)
        if self.instance.pk:
            # The project stays with its organisation.
            del self.fields["organisation"]


class ResidentPickMixin:
    """Pick a resident by typing a name, an ID number or phone, or their last
    four digits. One match is taken; several are offered as a choice (radio
    buttons named `resident`) with everything else typed kept; the ID number
    never travels in a URL because these forms post.

    Set `self.resident_queryset` (already scoped) before cleaning."""

    resident_queryset: QuerySet[Resident]
    matches: list[Resident]

    def _setup_picker(self, queryset, *, find_required: bool = True):
        self.resident_queryset = queryset
        self.matches = []
        self.preselect = None
        self.fields["find"] = forms.CharField(
            label=_("Resident"),
            required=False,
            max_length=40,
            help_text=_("Name, ID number or phone, or their last four digits."),
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        )
        self.fields["resident"] = forms.ModelChoiceField(
            queryset=queryset, required=False, widget=forms.HiddenInput, label=_("Resident")
        )
        self.find_required = find_required

    def chosen_pk(self) -> str:
        """The resident ticked when the form is shown again."""
        value = self["resident"].value() if self.is_bound else None
        return str(value or self.preselect or "")

    def clean_picked_resident(self) -> Resident | None:
        chosen = self.cleaned_data.get("resident")
        if chosen is not None:
            # Shown again, ticked, if another field sends the form back.
            self.matches = [chosen]
            return chosen
        text = (self.cleaned_data.get("find") or "").strip()
        if not text:
            if self.find_required:
                self.add_error("find", _("Type the resident's name, ID number or its last four digits."))
            return None
        found = list(self.resident_queryset.filter(search_q(text)).order_by("name", "pk")[: PICK_LIMIT + 1])
        if not found:
            self.add_error("find", _("No resident in your area matches “%(text)s”.") % {"text": text})
            return None
        if len(found) == 1 and _is_whole_number(text):
            return found[0]
        self.matches = found[:PICK_LIMIT]
        if len(found) == 1:
            # A name or four digits can hit the wrong person: staff confirm it.
            self.preselect = found[0].pk
            self.add_error("find", _("One resident matches: check it is the right person and save again."))
            return None
        if len(found) > PICK_LIMIT:
            self.add_error(
                "find",
                _("More than %(n)d residents match; type more of the name or the ID number.") % {"n": PICK_LIMIT},
            )
        else:
            self.add_error("find", _("%(n)d residents match; choose one below.") % {"n": len(found)})
        return None


class MemberAddForm(ResidentPickMixin, forms.Form):
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())
    skills = forms.CharField(
        label=_("Skills offered"),
        required=False,
        max_length=200,
        help_text=_("For example: cleaning, greening, repairs."),
    )

    field_order = ["find", "resident", "joined_on", "skills"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_picker(active_resident_choices(user=user))
        self.fields["find"].widget.attrs["autofocus"] = True
        self.fields["joined_on"].initial = timezone.localdate()
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        data["resident"] = self.clean_picked_resident()
        return data


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput(attrs={"autofocus": True}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()


class PlacementForm(ResidentPickMixin, forms.Form):
    """Place a resident: choose one of the candidates listed on the project
    page (radio `resident`) or find someone else by name or ID digits."""

    started_on = forms.DateField(label=pgettext_lazy("placement", "Start date"), widget=DateInput())
    post = forms.CharField(label=_("Post"), required=False, max_length=60, help_text=_("For example: cleaner."))
    employment_status = forms.ChoiceField(
        label=_("Employment status"), choices=[(s.value, s.label) for s in IN_WORK_STATUSES]
    )

    def __init__(self, *args, user, project: LabourProject, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_picker(active_resident_choices(user=user))
        today = timezone.localdate()
        self.fields["started_on"].initial = min(max(today, project.starts_on), project.ends_on)
        self.order_fields(["find", "resident", "started_on", "post", "employment_status"])

    def clean(self):
        data = super().clean()
        data["resident"] = self.clean_picked_resident()
        return data


class PlacementEndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DateInput(attrs={"autofocus": True}))
    resident_out_of_work = forms.BooleanField(
        label=_("The resident is now out of work"),
        required=False,
        help_text=_("Tick to register the resident unemployed from the end date; leave it to keep their status."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()


# On picker forms the service's `resident` errors belong beside the finder box.
PICKER_FIELDS = {"resident": "find"}
