from django import forms
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput
from stations.models import Community, Resident

from .models import (
    Business,
    GuaranteeLoan,
    IncubationSpace,
    RejectionReason,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)


class BusinessForm(forms.ModelForm):
    founders = forms.ModelMultipleChoiceField(queryset=Resident.objects.none(), label=_("Founders"))

    class Meta:
        model = Business
        fields = [
            "kind",
            "name",
            "credit_code",
            "registered_on",
            "community",
            "founders",
            "industry",
            "address",
            "jobs_created",
        ]
        widgets = {"registered_on": DateInput(), "name": forms.TextInput(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.visible_to(user)
        self.fields["founders"].queryset = Resident.objects.visible_to(user).active()
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
        self.fields["resident"].queryset = Resident.objects.visible_to(user).active()
        self.fields["business"].queryset = Business.objects.visible_to(user)
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
        fields = [
            "borrower_kind",
            "resident",
            "business",
            "bank",
            "amount",
            "term_months",
            "rate_discount_percent",
            "status",
            "repayment_status",
            "granted_on",
        ]
        widgets = {"granted_on": DateInput(), "borrower_kind": forms.Select(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.visible_to(user).active()
        self.fields["business"].queryset = Business.objects.visible_to(user)


class SpaceForm(forms.ModelForm):
    class Meta:
        model = IncubationSpace
        fields = ["kind", "name", "community", "address", "units", "reserved_share_percent"]
        widgets = {"name": forms.TextInput(attrs={"autofocus": True})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.visible_to(user)


class OccupancyForm(forms.Form):
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput())
    occupied_units = forms.IntegerField(label=_("Occupied units"), min_value=0)
    priority_group_units = forms.IntegerField(
        label=_("Units held by veterans, hard-to-employ people or graduates"), min_value=0
    )
