from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from jobs import selectors as jobs_selectors
from stations.forms.widgets import DateInput
from stations.models import Role

from ..models import Commitment, CommitmentKind, JointMeeting, Partner
from ..selectors.common import community_choices
from ..selectors.network import meeting_staff_choices, partner_choices
from ..services.network.partners import PARTNER_OFFER_FIELDS, SERVICE_POINT_KINDS, neighbour_communities


def _own_community_first(field, user) -> None:
    """The communities in scope; a community worker's own is chosen, with no blank."""
    field.queryset = community_choices(user=user)
    if user.role == Role.COMMUNITY_STAFF and user.community_id:
        field.initial = user.community_id
        field.empty_label = None


class PartnerForm(forms.ModelForm):
    hosts_service_point = forms.BooleanField(
        label=_("hosts an embedded service point"),
        required=False,
    )
    shared_with = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("also serves (联建)"),
        help_text=_("Neighbouring communities that share this partner. Hold Ctrl to choose several."),
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "community",
            "shared_with",
            "partner_since",
            *PARTNER_OFFER_FIELDS,
            "employer",
            "credit_code",
            "note",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autofocus": True}),
            "partner_since": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "employer": _("Link the employer record so its postings and hires can fulfil the partner's commitments."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _own_community_first(self.fields["community"], user)
        self.fields["shared_with"].queryset = neighbour_communities(actor=user).order_by("code")
        self.fields["shared_with"].widget.attrs["size"] = 6
        self.fields["employer"].queryset = jobs_selectors.employer_choices(user=user)
        self.fields["partner_since"].initial = timezone.localdate()
        if self.instance.pk:
            self.fields["shared_with"].initial = [
                c.pk for c in self.instance.communities.all() if c.pk != self.instance.community_id
            ]
            site = self.instance.service_point
            self.fields["hosts_service_point"].initial = bool(site and site.is_active)
        # The separator is translated: Chinese lists use 、 rather than a comma.
        kinds = pgettext("list separator", ", ").join(str(k.label) for k in sorted(SERVICE_POINT_KINDS))
        self.fields["hosts_service_point"].help_text = _(
            "%(kinds)s only; the point is shown on the public station finder."
        ) % {"kinds": kinds}


class PartnerEndForm(forms.Form):
    ended_on = forms.DateField(label=_("partnership ended"), widget=DateInput(), initial=timezone.localdate)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = JointMeeting
        fields = JointMeeting.EDITABLE_FIELDS
        widgets = {
            "held_on": DateInput(attrs={"autofocus": True}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "partners": _("Hold Ctrl to choose several."),
            "other_participants": _("For example residents' representatives or street officials."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _own_community_first(self.fields["community"], user)
        today = timezone.localdate()
        self.fields["partners"].queryset = partner_choices(user=user, current_only=True)
        self.fields["partners"].widget.attrs["size"] = 8
        self.fields["staff"].queryset = meeting_staff_choices(user=user)
        self.fields["staff"].label_from_instance = lambda u: u.display_name
        self.fields["staff"].widget.attrs["size"] = 5
        self.fields["held_on"].initial = today


class CommitmentForm(forms.ModelForm):
    """One row of the meeting page's commitments; an untouched row is skipped."""

    class Meta:
        model = Commitment
        fields = ["partner", "kind", "description", "posts_promised", "due_on"]
        widgets = {"due_on": DateInput(), "posts_promised": forms.NumberInput(attrs={"min": 1, "style": "width:6em"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_choices(user=user)
        self.fields["kind"].initial = CommitmentKind.POSTS

    def has_changed(self):
        # The kind is preset, so a row counts as filled only once something else is typed.
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in ("partner", "description", "posts_promised", "due_on")
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == CommitmentKind.POSTS and not data.get("posts_promised"):
            self.add_error("posts_promised", _("Say how many posts were promised."))
        return data

    def _post_clean(self):
        # The meeting does not exist yet: the model's own checks run in the service.
        pass


class BaseCommitmentFormSet(forms.BaseFormSet):
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"user": self.user}

    def filled_forms(self):
        return [f for f in self.forms if f.has_changed() and f.is_valid()]


CommitmentFormSet = forms.formset_factory(CommitmentForm, formset=BaseCommitmentFormSet, extra=3)


class LinkPostingsForm(forms.Form):
    postings = forms.ModelMultipleChoiceField(
        queryset=None, label=_("postings"), help_text=_("Hold Ctrl to choose several.")
    )

    def __init__(self, *args, postings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postings"].queryset = postings
        self.fields["postings"].label_from_instance = lambda p: (
            f"{p.title} · {p.employer.name} · {p.get_status_display()} · {p.community.name}"
        )
        self.fields["postings"].widget.attrs["size"] = 8


class CloseCommitmentForm(forms.Form):
    status = forms.ChoiceField(
        label=_("close as"),
        choices=[(step.name, step.label) for step in Commitment.workflow],
        widget=forms.RadioSelect,
    )
    closed_on = forms.DateField(
        label=pgettext_lazy("commitment", "closed on"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(label=_("note on closing"), max_length=200, required=False)
