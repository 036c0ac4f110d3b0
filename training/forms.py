"""Forms of training pages. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.forms.widgets import DateInput
from stations.models import ServiceChannel
from stations.validators import normalize_resident_id
from training.models import (
    Audience,
    Course,
    EnrolmentStatus,
    JoinRequestStatus,
    Programme,
    Provider,
    ScheduleType,
    TrainingClass,
)
from training.selectors import (
    class_course_choices,
    community_choices,
    enrollable_class_list,
    enrollable_resident_list,
    need_course_list,
    provider_choices,
    public_community_list,
    public_district_list,
    site_choices,
)
from training.services.classes import CLASS_FIELDS


class ResidentField(forms.CharField):
    """Type the resident's ID number (18 characters, fastest at a keyboard);
    found only among the residents the user may see."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Resident's ID number"))
        # Room for spaces between digit groups; the number is normalised before use.
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.user = None

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "off", "spellcheck": "false", "inputmode": "text"}

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            number = normalize_resident_id(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        resident = enrollable_resident_list(user=self.user).filter(id_number=number).first()
        if resident is None:
            raise ValidationError(_("No resident with this ID number is registered in your area."))
        return resident


class UserFormMixin:
    def bind_user(self, user):
        self.user = user
        for field in self.fields.values():
            if isinstance(field, ResidentField):
                field.user = user


class CatalogueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100, widget=forms.TextInput(attrs={"autofocus": True}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "name",
            "occupation",
            "audience",
            "programme",
            "hours",
            "subsidy_standard",
            "entry_requirements",
            "content",
            "position",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autofocus": True}),
            "content": forms.Textarea(attrs={"rows": 3}),
            "subsidy_standard": forms.NumberInput(attrs={"step": "1", "min": "0"}),
        }


class ProviderForm(forms.ModelForm):
    class Meta:
        model = Provider
        fields = ["name", "licence_number", "contact_person", "phone", "address", "served_communities", "is_active"]
        widgets = {"name": forms.TextInput(attrs={"autofocus": True}), "served_communities": forms.SelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["served_communities"].queryset = community_choices(user=user)


class TrainingClassForm(forms.ModelForm):
    class Meta:
        model = TrainingClass
        fields = list(CLASS_FIELDS)
        widgets = {
            "course": forms.Select(attrs={"autofocus": True}),
            "start_date": DateInput,
            "end_date": DateInput,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = class_course_choices(user=user)
        self.fields["provider"].queryset = provider_choices(user=user)
        self.fields["community"].queryset = community_choices(user=user)
        self.fields["site"].queryset = site_choices(user=user)


class EnrolForm(UserFormMixin, forms.Form):
    training_class = forms.ModelChoiceField(label=_("Class"), queryset=None)
    resident = ResidentField(widget=forms.TextInput(attrs={"autofocus": True}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.bind_user(user)
        self.fields["training_class"].queryset = enrollable_class_list(user=user)
        self.fields["training_class"].label_from_instance = lambda c: (
            f"{c.title} · {c.community} · {c.start_date}–{c.end_date} · "
            + str(_("%(n)d seats left") % {"n": max(c.seats_left, 0)})
        )


class ResultForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=EnrolmentStatus.choices)
    attended_hours = forms.IntegerField(label=_("Hours attended"), min_value=0, max_value=2000)
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DateInput)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60, required=False)
    feedback_score = forms.TypedChoiceField(
        label=_("Trainee's rating of the class"),
        choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class NeedForm(UserFormMixin, forms.Form):
    resident = ResidentField(widget=forms.TextInput(attrs={"autofocus": True}))
    occupation = forms.CharField(
        label=_("Wanted trade"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"list": "trades"}),
        help_text=_("E.g. 育婴员, 中式面点师; or choose a catalogue course."),
    )
    course = forms.ModelChoiceField(label=_("or catalogue course"), queryset=None, required=False)
    round_date = forms.DateField(label=_("Collection round"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.bind_user(user)
        self.fields["course"].queryset = need_course_list(user=user)
        self.fields["round_date"].initial = timezone.localdate()


class PushForm(UserFormMixin, forms.Form):
    resident = ResidentField(widget=forms.TextInput(attrs={"autofocus": True}))
    training_class = forms.ModelChoiceField(label=_("Class"), queryset=None)
    channel = forms.ChoiceField(label=_("How"), choices=ServiceChannel.choices, initial=ServiceChannel.PHONE)
    served_on = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.bind_user(user)
        self.fields["training_class"].queryset = enrollable_class_list(user=user)
        self.fields["served_on"].initial = timezone.localdate()


class JoinRequestHandleForm(UserFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(JoinRequestStatus.ENROLLED, _("Enrol")), (JoinRequestStatus.DECLINED, _("Decline"))],
        widget=forms.RadioSelect,
    )
    resident = ResidentField(required=False, help_text=_("Needed to enrol: register the resident first if new."))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.bind_user(user)


class JoinRequestForm(forms.Form):
    """The public "ask to join" form: no account, three fields."""

    name = forms.CharField(label=_("Your name"), max_length=50)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    community = forms.ModelChoiceField(label=_("Your community"), queryset=None)

    def __init__(self, *args, district_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = public_community_list(district_id=district_id)


class PublicFilterForm(forms.Form):
    """Filters of the public catalogue and class list (GET, all optional)."""

    q = forms.CharField(label=_("Search"), required=False)
    district = forms.ModelChoiceField(label=_("District"), queryset=None, required=False)
    audience = forms.ChoiceField(label=_("For whom"), choices=[("", _("Everyone")), *Audience.choices], required=False)
    programme = forms.ChoiceField(label=_("Programme"), choices=[("", _("All")), *Programme.choices], required=False)
    schedule_type = forms.ChoiceField(
        label=_("When"), choices=[("", _("Any time")), *ScheduleType.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = public_district_list()
        self.fields["district"].empty_label = _("All districts")

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v} if self.is_valid() else {}
