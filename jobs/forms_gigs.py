"""Forms of the day-labour corner (零工): parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jobs.models import Gig, GigKind
from jobs.models.gigs import WEEKDAYS
from jobs.services.gigs import GIG_DETAIL_FIELDS
from stations.models import Community, Resident


class GigForm(forms.ModelForm):
    class Meta:
        model = Gig
        fields = ["community", *GIG_DETAIL_FIELDS]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.visible_to(user).order_by("name")


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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = (
            Resident.objects.visible_to(user).filter(removed_at__isnull=True).order_by("name")
        )


class AmountForm(forms.Form):
    amount = forms.IntegerField(min_value=1, label=_("amount paid (yuan)"))
