"""Forms of the day-labour corner (零工): parse input, the services decide."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from jobs.models import Gig, GigKind
from jobs.models.gigs import WEEKDAYS
from jobs.selectors import employer_choices
from jobs.services.gigs.posting import GIG_DETAIL_FIELDS
from stations.models import Community, Resident


class GigForm(forms.ModelForm):
    """Station staff post for an employer (chosen), a household (the resident's
    ID number, as on the card they bring) or anyone else (name and phone)."""

    household_id_number = forms.CharField(
        label=_("household: the resident's ID number"),
        max_length=18,
        required=False,
        help_text=_("When a resident posts for their household. Leave empty for an employer or anyone else."),
    )

    class Meta:
        model = Gig
        fields = ["community", "employer", "household_id_number", *GIG_DETAIL_FIELDS]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["community"].queryset = Community.objects.visible_to(user).order_by("name")
        self.fields["employer"].queryset = employer_choices(user=user)
        self.fields["employer"].required = False
        for name in ("poster_name", "poster_phone"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Filled from the employer or the household when left empty.")

    def clean_household_id_number(self):
        text = (self.cleaned_data.get("household_id_number") or "").strip().upper()
        if not text:
            return None
        resident = Resident.objects.visible_to(self.user).filter(id_number=text, removed_at__isnull=True).first()
        if resident is None:
            raise forms.ValidationError(_("No resident in your area has this ID number."))
        return resident

    def clean(self):
        data = super().clean()
        data["poster_resident"] = data.pop("household_id_number", None)
        if not (data.get("employer") or data.get("poster_resident")):
            for name in ("poster_name", "poster_phone"):
                if not data.get(name):
                    self.add_error(name, _("Give the name and phone of who needs the work done."))
        return data


class AvailabilityForm(forms.Form):
    resident = forms.ModelChoiceField(queryset=Resident.objects.none(), label=_("resident"))
    kinds = forms.MultipleChoiceField(
        choices=GigKind.choices, widget=forms.CheckboxSelectMultiple, label=_("kinds of work")
    )
    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple, label=_("days")
    )
    max_km = forms.IntegerField(min_value=1, max_value=50, initial=3, label=_("how far (km)"))
    phone = forms.CharField(max_length=20, required=False, label=_("phone for offers"))
    text_consent = forms.BooleanField(
        required=False,
        label=_("The resident agrees to receive odd-job offers by text message"),
        help_text=_("Without this no offer is texted: the station phones instead."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = (
            Resident.objects.visible_to(user).filter(removed_at__isnull=True).order_by("name")
        )


class AmountForm(forms.Form):
    amount = forms.IntegerField(min_value=1, label=_("amount paid (yuan)"))


class EmployerGigForm(forms.ModelForm):
    """An employer's own post through its private link: the employer's contact is the poster."""

    class Meta:
        model = Gig
        fields = ["community", *(f for f in GIG_DETAIL_FIELDS if f not in ("poster_name", "poster_phone"))]
        widgets = GigForm.Meta.widgets

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        # Said at the field, in words: otherwise the model's constraints answer
        # "Constraint … is violated" to someone without an account to ask.
        for name in ("places", "pay"):
            self.fields[name].validators.append(MinValueValidator(1))
            self.fields[name].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return data
