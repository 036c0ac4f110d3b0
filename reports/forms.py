from django import forms
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    # The choices are the user's own area; anything else (a tampered form, a
    # stale tab after a role change) gets the same message the service gives.
    node = forms.ChoiceField(
        label=_("Area"), error_messages={"invalid_choice": _("You can only build reports for your own area.")}
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=32,
        help_text=_("2026-10 (month), 2026-Q3 (quarter), 2026 (year) or 2026-01-01..2026-03-31"),
        widget=forms.TextInput(attrs={"autofocus": True}),
    )

    def __init__(self, *args, node_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = node_choices


class SatisfactionForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with this station's service?"),
        choices=[
            (5, _("5 · Very satisfied")),
            (4, _("4 · Satisfied")),
            (3, _("3 · So-so")),
            (2, _("2 · Dissatisfied")),
            (1, _("1 · Very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything to tell us? (optional, please no names or phone numbers)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer = forms.IntegerField(label="", required=True)
    challenge = forms.CharField(widget=forms.HiddenInput)
    # Left empty by people; filled by form-filling robots.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


class CorrectionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the closed month needs this change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        help_text=_("For example: the visit was made on that day but recorded late. The street officer reads this."),
    )


class CorrectionDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to reject: the requester reads it."),
    )
