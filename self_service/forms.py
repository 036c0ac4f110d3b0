from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from jobs.forms_gigs import EmployerGigForm
from jobs.models import GigKind
from jobs.models.gigs import WEEKDAYS
from self_service.models import DataRequestKind, DataRequestOutcome
from self_service.services import CHANGEABLE_FIELDS
from stations.models import Resident
from stations.validators import normalize_mobile


class MobileForm(forms.Form):
    mobile = forms.CharField(
        label=_("Your mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("The number your community's station has on your record."),
    )

    def clean_mobile(self):
        return normalize_mobile(self.cleaned_data["mobile"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isdigit()):
            raise ValidationError(_("The code has six digits."))
        return code


class ChooseResidentForm(forms.Form):
    resident = forms.TypedChoiceField(label=_("Who are you?"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [
            (r.pk, f"{r.name[:1]}{'*' * (len(r.name) - 1)} · {r.community.name}") for r in residents
        ]


class ChangeForm(forms.Form):
    """Contact details and job wishes, prefilled with the record's values."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Resident, fields=CHANGEABLE_FIELDS))
        for field in self.fields.values():
            field.required = False

    def clean_mobile(self):
        value = self.cleaned_data.get("mobile") or ""
        return normalize_mobile(value) if value else ""


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("I ask to"), choices=DataRequestKind.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        label=_("What should be corrected or deleted, and why"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the resident is told)"), max_length=300)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DataRequestOutcome.choices)
    answer = forms.CharField(
        label=_("Answer (the resident reads it)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- odd work (零工) -------------------------------------------------------------
# Distances offered as choices, not a number box: easier to read and tap.
DISTANCES_KM = (1, 2, 3, 5, 10)


class OddWorkForm(forms.Form):
    """The resident's own availability for odd work."""

    kinds = forms.MultipleChoiceField(
        label=_("Which odd work I take"), choices=GigKind.choices, widget=forms.CheckboxSelectMultiple
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On which days"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    max_km = forms.TypedChoiceField(label=_("How far from home I will go"), coerce=int, widget=forms.RadioSelect)
    text_consent = forms.BooleanField(
        label=_("Send me odd-job offers by text message"),
        required=False,
        help_text=_("This agrees to text messages from your station. You can stop them on your page at any time."),
    )

    def __init__(self, *args, consent_given: bool, **kwargs):
        super().__init__(*args, **kwargs)
        distances = set(DISTANCES_KM) | {self.initial.get("max_km") or 3}
        self.fields["max_km"].choices = [(km, _("%(n)s km") % {"n": km}) for km in sorted(distances)]
        if consent_given:
            del self.fields["text_consent"]


class HouseholdGigForm(EmployerGigForm):
    """A household's odd job, posted from the resident's page: the resident is the poster."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].label = _("In which community")
        self.fields["address"].help_text = _("Street, building and door, so helpers find you.")
