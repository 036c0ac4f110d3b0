"""Forms of the ledger pages. They only collect input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.models import HOUSEHOLD_MANUAL_CLOSE_REASONS, AidType, CloseReason
from assistance.services import SERVICE_KINDS_FROM_CASE
from stations.models import IN_WORK_STATUSES, EmploymentStatus, ServiceChannel, ServiceKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} · {obj.get_role_display()}"


class CaseOpenForm(forms.Form):
    assigned_to = StaffChoiceField(queryset=None, label=_("Assign to"))
    aid_type = forms.ChoiceField(label=_("Aid type"), choices=AidType.choices, initial=AidType.BASIC_SERVICE)
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE_INPUT)

    def __init__(self, *args, staff_queryset, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_queryset
        if staff_queryset.filter(pk=user.pk).exists():
            self.fields["assigned_to"].initial = user.pk
        self.fields["opened_on"].initial = today
        self.fields["assigned_to"].widget.attrs["autofocus"] = True


class CaseReassignForm(forms.Form):
    assigned_to = StaffChoiceField(queryset=None, label=_("New staff member"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, staff_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_queryset
        self.fields["assigned_to"].widget.attrs["autofocus"] = True


WORK_CHOICES = [(s.value, s.label) for s in EmploymentStatus if s in IN_WORK_STATUSES]


class CaseCloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "---------"), *CloseReason.choices])
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE_INPUT)
    employment_status = forms.ChoiceField(
        label=_("Work found (when closing for work)"), choices=WORK_CHOICES, initial=EmploymentStatus.EMPLOYED
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = today
        self.fields["reason"].widget.attrs["autofocus"] = True


class ServiceRecordForm(forms.Form):
    """One-click recording: kind, date, channel (phone by default), note."""

    kind = forms.ChoiceField(label=_("Service"), choices=[(k, ServiceKind(k).label) for k in SERVICE_KINDS_FROM_CASE])
    served_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    channel = forms.ChoiceField(label=_("Channel"), choices=ServiceChannel.choices, initial=ServiceChannel.PHONE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, today, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["served_on"].initial = today
        if kind:
            self.fields["kind"].initial = kind


class HouseholdCaseOpenForm(forms.Form):
    assigned_to = StaffChoiceField(queryset=None, label=_("Assign to"))

    def __init__(self, *args, staff_queryset, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_queryset
        if staff_queryset.filter(pk=user.pk).exists():
            self.fields["assigned_to"].initial = user.pk


class HouseholdServiceForm(ServiceRecordForm):
    member = forms.ModelChoiceField(queryset=None, label=_("Member"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, kind=ServiceKind.FOLLOW_UP, **kwargs)
        self.fields["member"].queryset = members
        self.order_fields(["member", "kind", "served_on", "channel", "note"])


class HouseholdCaseCloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "---------"), *((r.value, r.label) for r in HOUSEHOLD_MANUAL_CLOSE_REASONS)],
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CompliancePeriodForm(forms.Form):
    LEVEL_CHOICES = [
        ("community", _("Community")),
        ("staff", _("Staff member")),
        ("street", _("Street")),
        ("district", _("District")),
        ("city", _("City")),
        ("case", _("Case")),
    ]
    period_start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("To"), widget=DATE_INPUT)
    level = forms.ChoiceField(label=_("One row per"), choices=LEVEL_CHOICES, initial="community")

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_start"] > data["period_end"]:
            self.add_error("period_end", _("The end of the period is before its start."))
        return data


class AppointmentReminderForm(forms.Form):
    """An appointment with the resident, reminded by text message the day before."""

    at = forms.DateTimeField(
        label=_("Appointment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    service = forms.CharField(label=_("Service"), max_length=20, initial=_("career guidance"))
    place = forms.CharField(label=_("Place"), max_length=20)
