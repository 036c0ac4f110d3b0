"""Forms of the job market. They parse and show errors; services decide."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs import selectors
from jobs.geo import RADII_KM
from jobs.models import (
    Employer,
    JobAlert,
    JobFair,
    LabourSurvey,
    OccupationCategory,
    Posting,
    RejectionReason,
)
from jobs.selectors import PostingSearch
from jobs.services.employers import EMPLOYER_FIELDS
from jobs.services.fairs import FAIR_PUBLIC_FIELDS
from jobs.services.postings import POSTING_FIELDS, POSTING_OFFER_FIELDS
from stations.forms.widgets import FastSelect
from stations.models import ServiceChannel, WorkPattern
from stations.params import parse_pk
from stations.validators import normalize_code, normalize_credit_code, normalize_mobile


def normalize_contact_phone(value: str) -> str:
    """A mobile (normalised to 11 digits) or a landline with its area code
    (0632-3311234), in ASCII digits whatever the input method typed."""
    raw = re.sub(r"[()]", "", normalize_code(value))
    if raw.startswith(("1", "+86", "0086")):
        return normalize_mobile(raw)
    if re.fullmatch(r"0[0-9]{2,3}-?[0-9]{7,8}", raw):
        return raw
    raise ValidationError(
        _("Enter a mobile number (11 digits) or a landline with its area code, e.g. 0632-3311234."), code="phone"
    )


DATE = forms.DateInput(attrs={"type": "date"})


class StaffPostingForm(forms.ModelForm):
    class Meta:
        model = Posting
        fields = POSTING_FIELDS
        widgets = {
            "valid_from": DATE,
            "valid_until": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "requirements": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = selectors.employer_choices(user=user)
        self.fields["community"].queryset = selectors.community_choices(user=user)
        self.fields["related_site"].queryset = selectors.posting_site_choices(user=user)
        self.fields["related_site"].label_from_instance = lambda s: (
            f"{s.name} ({s.get_kind_display()}, {s.community.name})"
        )
        self.fields["related_site"].help_text = _(
            "The micro-factory, Rukang home, housekeeping outlet or demo base where the work is done, if any; "
            "the job is then listed on the site's public page."
        )
        self.fields["title"].widget.attrs["autofocus"] = True
        if not self.instance.pk:
            # A ModelForm's initial already holds the blank instance's None for
            # every field, so setdefault alone would never fill the window in.
            today = timezone.localdate()
            if self.initial.get("valid_from") is None:
                self.initial["valid_from"] = today
            if self.initial.get("valid_until") is None:
                self.initial["valid_until"] = today + timezone.timedelta(days=30)

    def clean_contact_phone(self):
        return normalize_contact_phone(self.cleaned_data["contact_phone"])


class PublicPostingForm(forms.ModelForm):
    """The employer's own form: the employer's details, then the vacancy."""

    employer_name = forms.CharField(label=_("Business name"), max_length=120)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        help_text=_("18 characters, printed on your business licence."),
    )
    legal_form = forms.ChoiceField(label=_("Type of business"), choices=Employer._meta.get_field("legal_form").choices)

    class Meta:
        model = Posting
        fields = POSTING_OFFER_FIELDS
        widgets = {
            "valid_from": DATE,
            "valid_until": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "salary_min": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "salary_max": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    field_order = ["employer_name", "credit_code", "legal_form", *POSTING_OFFER_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = selectors.public_community_choices()
        self.fields["community"].label_from_instance = lambda c: f"{c.street.district.name} {c.street.name} {c.name}"
        self.fields["community"].label = _("Community where the work is")
        today = timezone.localdate()
        self.initial.setdefault("valid_from", today)
        self.initial.setdefault("valid_until", today + timezone.timedelta(days=30))

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data["credit_code"])

    def clean_contact_phone(self):
        return normalize_contact_phone(self.cleaned_data["contact_phone"])

    def clean_valid_from(self):
        value = self.cleaned_data["valid_from"]
        if value and value < timezone.localdate():
            raise ValidationError(_("The opening date cannot be in the past."))
        return value

    def employer(self) -> Employer:
        data = self.cleaned_data
        return Employer(
            community=data.get("community"),
            name=data.get("employer_name", ""),
            credit_code=data.get("credit_code", ""),
            legal_form=data.get("legal_form", ""),
            contact_name=data.get("contact_name", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_email=data.get("contact_email", ""),
        )


class EmployerForm(forms.ModelForm):
    class Meta:
        model = Employer
        fields = EMPLOYER_FIELDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = selectors.community_choices(user=user)
        self.fields["name"].widget.attrs["autofocus"] = True


class LabourSurveyForm(forms.ModelForm):
    class Meta:
        model = LabourSurvey
        fields = ["surveyed_on", "headcount", "shortage", "conditions"]
        widgets = {"surveyed_on": DATE}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=300)


class JobFairForm(forms.ModelForm):
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    # The page asks what the fair is before where it is organised.
    field_order = ["title", "kind", "community"]

    class Meta:
        model = JobFair
        fields = ["community", *FAIR_PUBLIC_FIELDS, "is_published"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = selectors.community_choices(user=user)
        self.fields["employers"].queryset = selectors.employer_choices(user=user)
        self.fields["postings"].queryset = selectors.fair_posting_choices(user=user)
        self.fields["title"].widget.attrs["autofocus"] = True


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class RecommendForm(forms.Form):
    posting = forms.IntegerField(widget=forms.HiddenInput)
    recommended_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    channel = forms.ChoiceField(label=_("Channel"), choices=ServiceChannel.choices, initial=ServiceChannel.STATION)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *RejectionReason.choices], required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    started_on = forms.DateField(label=_("Start date"), widget=DATE, required=False)
    contract_months = forms.IntegerField(
        label=_("Contract length (months)"), min_value=1, max_value=120, required=False
    )


class JobAlertForm(forms.ModelForm):
    class Meta:
        model = JobAlert
        fields = ["occupation_category", "work_pattern", "near", "radius_km", "salary_floor", "email", "email_consent"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["near"].queryset = selectors.community_choices(user=user)


class PublicSearchForm(forms.Form):
    """GET filters of the public market; every value lives in the URL."""

    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    # Streets, communities and stations run to hundreds of options: FastSelect.
    district = forms.TypedChoiceField(
        label=_("District"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    street = forms.TypedChoiceField(
        label=_("Street or town"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    community = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    category = forms.ChoiceField(
        label=_("Kind of work"),
        required=False,
        choices=[("", _("Any")), *OccupationCategory.choices],
        widget=FastSelect,
    )
    pattern = forms.ChoiceField(
        label=_("Work pattern"), required=False, choices=[("", _("Any")), *WorkPattern.choices], widget=FastSelect
    )
    salary = forms.IntegerField(label=_("Pays at least (yuan/month)"), required=False, min_value=0, max_value=100000)
    suits = forms.MultipleChoiceField(
        label=_("Suits"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("disabled", _("Disabled people")),
            ("carers", _("Carers (flexible hours)")),
            ("older", _("Older workers")),
        ],
    )
    near = forms.ChoiceField(label=_("Near"), required=False, widget=FastSelect)
    radius = forms.TypedChoiceField(
        label=_("Within"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any distance")), *((r, f"{r} km") for r in RADII_KM)],
    )
    sort = forms.ChoiceField(
        label=_("Sort"), required=False, choices=[("newest", _("Newest first")), ("distance", _("Nearest first"))]
    )

    def __init__(self, *args, streets, communities, stations, **kwargs):
        super().__init__(*args, **kwargs)
        districts = {s.district_id: s.district.name for s in streets}
        chosen_district = parse_pk(self.data.get("district")) if self.is_bound else None
        self.fields["district"].choices = [("", _("All districts")), *districts.items()]
        self.fields["street"].choices = [
            ("", _("All streets")),
            *(
                (s.pk, f"{s.district.name} · {s.name}")
                for s in streets
                if chosen_district is None or s.district_id == chosen_district
            ),
        ]
        if not communities:
            self.fields["community"].help_text = _("Choose a district or street first, then press Search.")
        self.fields["community"].choices = [
            ("", _("All communities")),
            *((c.pk, f"{c.street.name} · {c.name}") for c in communities),
        ]
        located_streets = [s for s in streets if getattr(s, "latitude", None) is not None]
        self._places = (
            {f"c{c.pk}": c for c in communities}
            | {f"s{s.pk}": s for s in stations}
            | {f"t{s.pk}": s for s in located_streets}
        )
        self.fields["near"].choices = [
            ("", _("Anywhere")),
            (_("Communities"), [(f"c{c.pk}", f"{c.street.name} · {c.name}") for c in communities]),
            (_("Stations"), [(f"s{s.pk}", s.name) for s in stations]),
            (_("Streets and towns"), [(f"t{s.pk}", f"{s.district.name} · {s.name}") for s in located_streets]),
        ]

    def search(self) -> PostingSearch:
        data = self.cleaned_data if self.is_valid() else {}
        place = self._places.get(data.get("near") or "")
        lat = lng = None
        if place is not None and place.latitude is not None:
            lat, lng = float(place.latitude), float(place.longitude)
        sort = data.get("sort") or "newest"
        return PostingSearch(
            district=data.get("district"),
            street=data.get("street"),
            community=data.get("community"),
            category=data.get("category") or "",
            work_pattern=data.get("pattern") or "",
            salary_floor=data.get("salary"),
            suits=tuple(data.get("suits") or ()),
            q=(data.get("q") or "").strip(),
            near_lat=lat,
            near_lng=lng,
            radius_km=data.get("radius") if lat is not None else None,
            sort=sort if lat is not None else "newest",
        )
