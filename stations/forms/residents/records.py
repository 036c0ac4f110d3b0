"""The resident record's form and the registry's search box.

`ResidentForm` is the one place a resident row is validated: the staff pages,
the API and the Excel import (stations/imports.py) all run it, so a row gets
the same precise messages wherever it comes from. Its field names are the
model's; `target_groups` accepts codes (TargetGroupCode values).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput
from stations.models import REGISTRATION_FIELDS, SKILL_AND_WISH_FIELDS, EmploymentStatus, Resident
from stations.selectors import (
    DuplicateFound,
    community_choices,
    community_list,
    resident_duplicate_check,
    resident_visible,
    target_group_list,
)
from stations.validators import normalize_mobile, normalize_resident_id

# The basic situation (基本情况), as the form asks for it.
BASIC_FIELDS = (
    "name",
    "id_number",
    "mobile",
    "community",
    *REGISTRATION_FIELDS,
    "employment_status",
)
# The model fields a registry form or an import row carries, in entry order.
RESIDENT_FORM_FIELDS = (*BASIC_FIELDS, "target_groups", *SKILL_AND_WISH_FIELDS)
# Fields that only matter the day a status is first recorded.
STATUS_EXTRA_FIELDS = ("status_since", "registration_number")

# The four clears (四清) as fieldsets, so the page reads like the paper ledger.
FIELDSETS = (
    (
        _("Basic situation (基本情况)"),
        (*BASIC_FIELDS, *STATUS_EXTRA_FIELDS),
    ),
    (_("Target groups (重点群体)"), ("target_groups",)),
    (_("Skill level (技能水平)"), ("skill_level", "skills")),
    (_("Training wish (培训意愿)"), ("wants_training", "wanted_course_types")),
    (
        _("Employment direction (就业意向)"),
        ("wanted_occupation", "wanted_job_categories", "wanted_work_pattern", "salary_expectation"),
    ),
)


class CommunityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.street.name} · {obj.name}"


class ResidentForm(forms.ModelForm):
    """Create or edit a record. Pass `user=` to limit communities to the user's
    scope (an import passes the community it imports into instead).

    After `is_valid()`, `duplicate` holds a DuplicateFound when the ID number
    is registered elsewhere, so the page can offer a transfer request.
    """

    id_number = forms.CharField(
        label=_("ID number"),
        max_length=40,
        help_text=_("18 characters as on the ID card; a final x is accepted."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}),
    )
    mobile = forms.CharField(
        label=_("Mobile"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    community = CommunityChoiceField(queryset=None, label=_("Community"))
    target_groups = forms.ModelMultipleChoiceField(
        queryset=target_group_list(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Target groups"),
        help_text=_("Older worker, long-term unemployed and zero-employment household are worked out by the system."),
    )
    wants_training = forms.NullBooleanField(
        label=_("Wants training"),
        required=False,
        widget=forms.NullBooleanSelect(),
    )
    employment_status = forms.ChoiceField(
        label=_("Employment status"), choices=[("", "---------"), *EmploymentStatus.choices], required=False
    )
    status_since = forms.DateField(
        label=_("Status since"),
        required=False,
        widget=DateInput(),
        help_text=_("When the status began (for registered unemployed: the registration date). Default: today."),
    )
    registration_number = forms.CharField(label=_("Unemployment registration number"), max_length=40, required=False)
    registered_on = forms.DateField(
        label=_("Registered at the station on"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "The day the person was registered at the station (for an older ledger record, the date in the "
            "ledger). Default: today. The monthly figures count the person from this day."
        ),
    )

    class Meta:
        model = Resident
        fields = [f for f in RESIDENT_FORM_FIELDS if f != "employment_status"]
        widgets = {
            "graduation_date": DateInput(),
            "address": forms.TextInput(attrs={"size": 40}),
        }

    def __init__(self, *args, user=None, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicate: DuplicateFound | None = None
        # The person found is in the user's own area: open the record, no transfer.
        self.duplicate_in_scope = False
        if communities is None:
            communities = community_choices(user=user) if user is not None else community_list()
        self.fields["community"].queryset = communities.select_related("street")
        if self.instance.pk:
            # The status changes through its own dated form on the record page.
            for name in ("employment_status", *STATUS_EXTRA_FIELDS):
                self.fields.pop(name)
            # Moving a record to another community is a transfer, not an edit.
            self.fields["community"].disabled = True
        elif not self.is_bound and user is not None and getattr(user, "community_id", None):
            self.fields["community"].initial = user.community_id
        self.fields["name"].widget.attrs["autofocus"] = True
        # The wanted job is a category now; the free-text box stays only on a
        # record that still has old text, until staff choose and empty it.
        if not self.instance.wanted_job_categories and not self.data.get(self.add_prefix("wanted_job_categories")):
            self.fields.pop("wanted_job_categories")
        else:
            self.fields["wanted_job_categories"].help_text = _(
                "Written before the category was a choice, or imported: choose the category above, then empty this box."
            )
        self.fields["wants_training"].widget.choices = [
            ("unknown", _("Not asked yet")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]

    def focus_first_error(self) -> None:
        """Put the cursor on the first wrong field instead of the first field."""
        if not self.is_bound or not self.errors:
            return
        for name in self.fields:
            if name in self.errors:
                self.fields["name"].widget.attrs.pop("autofocus", None)
                self.fields[name].widget.attrs["autofocus"] = True
                return

    def fieldsets(self):
        """[(legend, [bound fields])] in entry order, for the template."""
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in FIELDSETS]

    def clean_id_number(self):
        value = normalize_resident_id(self.cleaned_data["id_number"])
        if self.instance.pk and value == self.instance.id_number:
            # Unchanged: a pair that shares its number waits on the duplicates
            # list; editing either record must not be blocked by the other.
            return value
        self.duplicate = resident_duplicate_check(value, exclude_pk=self.instance.pk)
        if self.duplicate is not None:
            self.duplicate_in_scope = self.user is not None and resident_visible(
                user=self.user, pk=self.duplicate.resident_pk
            )
            if self.duplicate_in_scope and not self.duplicate.removed:
                message = _(
                    "This person is already registered in %(community)s, in your area: open their record "
                    "instead of registering them twice."
                )
            elif self.duplicate.removed:
                message = _(
                    "This ID number belongs to a removed record in %(community)s. Ask %(community)s to "
                    "transfer it to you instead of registering the person again."
                )
            else:
                message = _(
                    "This person is already registered in %(community)s. Request a transfer from "
                    "%(community)s instead of registering them twice."
                )
            raise ValidationError(message, code="duplicate", params={"community": self.duplicate.community_name})
        return value

    def clean_mobile(self):
        value = self.cleaned_data.get("mobile", "")
        return normalize_mobile(value) if value else ""

    def clean_status_since(self):
        value = self.cleaned_data.get("status_since")
        if value and value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("registration_number") and cleaned.get("employment_status") != EmploymentStatus.UNEMPLOYED:
            self.add_error(
                "registration_number", _("A registration number is only kept for registered unemployed people.")
            )
        return cleaned

    def validate_unique(self):
        # Uniqueness of the ID number is checked city-wide in clean_id_number,
        # with a message that names the holding community.
        pass

    def service_data(self) -> dict:
        """cleaned_data in the shape resident_register / resident_update take."""
        data = dict(self.cleaned_data)
        data.pop("community", None)
        return data


def resident_form_initial(resident: Resident) -> dict:
    """A record's current values as form data (for partial API updates)."""
    data = {
        name: getattr(resident, name) for name in RESIDENT_FORM_FIELDS if name not in ("target_groups", "community")
    }
    data["community"] = resident.community_id
    data["target_groups"] = [g.code for g in resident.target_groups.all()]
    data["wants_training"] = {None: "unknown", True: "true", False: "false"}[resident.wants_training]
    for name in ("graduation_date", "registered_on"):
        data[name] = data[name].isoformat() if data[name] else ""
    for name, value in list(data.items()):
        if value is None:
            data[name] = ""
    return data


class ResidentSearchForm(forms.Form):
    """The search box: posted, never in a URL (it may hold an ID or phone)."""

    text = forms.CharField(
        label=_("Name, ID number or phone"),
        max_length=40,
        required=False,
        help_text=_("The last four digits of an ID number or phone are enough."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "accesskey": "s", "spellcheck": "false"}),
    )
