from django import forms
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput
from stations.selectors import staff_account_list

from ..models import StaffTrainingAttendance, StaffTrainingSession


class StaffTrainingSessionForm(forms.ModelForm):
    class Meta:
        model = StaffTrainingSession
        fields = ["kind", "title", "starts_on", "ends_on", "hours", "place", "trainer", "content"]
        widgets = {
            "kind": forms.Select(attrs={"autofocus": True}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5"}),
            "content": forms.Textarea(attrs={"rows": 4}),
        }


class AttendeeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} · {obj.node_label} · {obj.get_role_display()}"


class AttendeesForm(forms.Form):
    attendees = AttendeeChoiceField(
        queryset=None,
        label=_("Staff members"),
        help_text=_("Hold Ctrl to choose several. Only accounts in your area are listed."),
    )
    completed = forms.BooleanField(label=_("Completed the course"), required=False, initial=True)
    score = forms.CharField(label=_("Assessment"), max_length=30, required=False)

    def __init__(self, *args, user, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = staff_account_list(user=user).filter(is_active=True)
        if session is not None:
            # Those already on the course are not offered again.
            accounts = accounts.exclude(staff_trainings__session=session)
        self.fields["attendees"].queryset = accounts.select_related("community", "street", "district").order_by(
            "role", "community__code", "street__code", "username"
        )
        self.fields["attendees"].widget.attrs.update({"size": 10, "autofocus": True})


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = StaffTrainingAttendance
        fields = ["completed", "score"]
