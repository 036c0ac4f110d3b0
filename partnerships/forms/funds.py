from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput

from ..models import FundAdjustment, FundAllocation, FundSpending
from ..selectors.common import community_choices


class AllocationForm(forms.ModelForm):
    class Meta:
        model = FundAllocation
        fields = ["community", "year", "title", "document_number", "amount", "allocated_on", "note"]
        widgets = {
            "community": forms.Select(attrs={"autofocus": True}),
            "allocated_on": DateInput(),
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"document_number": _("The district's allocation document, for example 市人社发〔2026〕12号.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = community_choices(user=user)
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("year", today.year)
            self.initial.setdefault("allocated_on", today)


class SpendingForm(forms.ModelForm):
    class Meta:
        model = FundSpending
        fields = ["category", "spent_on", "amount", "payee", "purpose", "voucher_number"]
        widgets = {
            "category": forms.Select(attrs={"autofocus": True}),
            "spent_on": DateInput(),
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("spent_on", timezone.localdate())


class AdjustmentRequestForm(forms.ModelForm):
    class Meta:
        model = FundAdjustment
        fields = ["amount", "reason"]
        widgets = {
            "amount": forms.NumberInput(attrs={"step": "0.01", "autofocus": True, "inputmode": "decimal"}),
        }

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("Enter the change: more than 0 to add money, less than 0 to reduce."))
        return amount


class AdjustmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(step.name, step.label) for step in FundAdjustment.workflow],
        widget=forms.RadioSelect(attrs={"autofocus": True}),
    )
    decision_note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Required when rejecting: the community reads it."),
    )
