from django import forms
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput
from stations.models import Role

from . import selectors
from .models import Business, GuaranteeLoan, IncubationSpace
from .models.catalogue import StartupEvent, StartupProject, StartupStar
from .models.subsidies import RejectionReason, SubsidyApplication, SubsidyKind, Transition


class BusinessForm(forms.ModelForm):
    founders = forms.ModelMultipleChoiceField(queryset=None, label=_("Founders"))

    class Meta:
        model = Business
        fields = list(Business.EDITABLE_FIELDS)
        widgets = {"registered_on": DateInput(), "name": forms.TextInput(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = selectors.community_choices(user=user)
        self.fields["founders"].queryset = selectors.resident_choices(user=user).active()
        self.fields["founders"].widget.attrs["size"] = 6


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = SubsidyApplication
        fields = [
            "kind",
            "resident",
            "business",
            "requested_amount",
            "employer_name",
            "contract_start",
            "contract_months",
            "monthly_rent",
            "note",
        ]
        widgets = {"contract_start": DateInput(), "kind": forms.Select(attrs={"autofocus": True})}
        help_texts = {
            "requested_amount": _("Leave empty to use the policy amount where the policy fixes one."),
            "employer_name": _("Hiring subsidy only."),
            "monthly_rent": _("Rent subsidy only."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = selectors.resident_choices(user=user).active()
        self.fields["business"].queryset = selectors.business_choices(user=user)
        self.fields["requested_amount"].required = False
        self.fields["kind"].choices = SubsidyKind.choices


class TransitionForm(forms.Form):
    transition = forms.ChoiceField(choices=Transition.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    approved_amount = forms.DecimalField(
        label=_("Amount approved (yuan)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    rejection_reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", "---------"), *RejectionReason.choices]
    )
    paid_on = forms.DateField(label=_("Paid on"), required=False, widget=DateInput())
    payment_reference = forms.CharField(label=_("Payment reference"), required=False, max_length=60)


class LoanForm(forms.ModelForm):
    class Meta:
        model = GuaranteeLoan
        fields = list(GuaranteeLoan.EDITABLE_FIELDS)
        widgets = {"granted_on": DateInput(), "borrower_kind": forms.Select(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = selectors.resident_choices(user=user).active()
        self.fields["business"].queryset = selectors.business_choices(user=user)


class SpaceForm(forms.ModelForm):
    class Meta:
        model = IncubationSpace
        fields = list(IncubationSpace.EDITABLE_FIELDS)
        widgets = {"name": forms.TextInput(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = selectors.community_choices(user=user)


class OccupancyForm(forms.Form):
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput())
    occupied_units = forms.IntegerField(label=_("Occupied units"), min_value=0)
    priority_group_units = forms.IntegerField(
        label=_("Units held by veterans, hard-to-employ people or graduates"), min_value=0
    )


class CatalogueItemForm(forms.ModelForm):
    """The shared part of the three catalogue forms: community staff write for
    their own district, so only a bureau chooses one (from its area)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.role == Role.COMMUNITY_STAFF:
            del self.fields["district"]
        else:
            self.fields["district"].queryset = selectors.district_choices(user=user)


class StartupProjectForm(CatalogueItemForm):
    class Meta:
        model = StartupProject
        fields = ["title", "district", "industry", "investment", "summary", "guide", "contact"]
        widgets = {"title": forms.TextInput(attrs={"autofocus": True})}


class StartupStarForm(CatalogueItemForm):
    class Meta:
        model = StartupStar
        fields = ["name", "business_name", "district", "year", "story"]
        widgets = {"name": forms.TextInput(attrs={"autofocus": True})}


class StartupEventForm(CatalogueItemForm):
    class Meta:
        model = StartupEvent
        fields = ["kind", "title", "district", "starts_at", "place", "description", "signup_deadline", "prize_note"]
        widgets = {
            "kind": forms.Select(attrs={"autofocus": True}),
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "signup_deadline": DateInput(),
        }
        help_texts = {
            "signup_deadline": _("Contests: the last day to enter."),
            "prize_note": _("Contests: the prizes and support for the winners."),
        }


CATALOGUE_FORMS: dict[str, type[CatalogueItemForm]] = {
    "projects": StartupProjectForm,
    "stars": StartupStarForm,
    "events": StartupEventForm,
}


class CatalogueStepForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, max_length=20)
    note = forms.CharField(label=_("Reason"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
