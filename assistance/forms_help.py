"""Forms of the help request: the public one a resident fills in on a phone,
and the staff answer."""

from __future__ import annotations

import secrets
import time
from itertools import groupby

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assistance.models import HelpNeed
from assistance.selectors.help import public_communities, public_districts, public_streets
from stations.messaging.templates import PARAM_MAX_LENGTH
from stations.validators import normalize_mobile

# The challenge against automated sending is a small sum signed by the server,
# with a honeypot field and the time the form was shown. It needs no
# JavaScript, no third-party captcha service (which would see residents'
# data and often fails inside the 爱山东 web view) and no session (a framed
# page may not get its cookie), and an older person can answer it. It stops
# casual scripts; the per-address and per-number limits stop the rest.
CHALLENGE_SALT = "assistance.help_request.challenge"
# A person takes longer than this to fill in the form; a script posting at
# once is refused. After two hours the question is stale (the page was left open).
CHALLENGE_MIN_SECONDS = 3
CHALLENGE_MAX_AGE = 2 * 3600


def new_challenge() -> str:
    return signing.dumps(
        {
            "a": secrets.randbelow(9) + 1,
            "b": secrets.randbelow(9) + 1,
            "n": secrets.token_hex(8),
            "t": int(time.time()),
        },
        salt=CHALLENGE_SALT,
    )


def read_challenge(token: str, *, max_age: int = CHALLENGE_MAX_AGE) -> dict | None:
    try:
        data = signing.loads(token or "", salt=CHALLENGE_SALT, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not {"a", "b", "n", "t"} <= data.keys():
        return None
    return data


def _grouped_choices(communities) -> list:
    """Communities as <optgroup>s by street: a plain list a phone shows well."""
    return [
        (street_name, [(c.pk, c.name) for c in group])
        for street_name, group in groupby(communities, key=lambda c: c.street.name)
    ]


def _pk(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None


class HelpRequestForm(forms.Form):
    """One form, two buttons: "Show communities" narrows the place choices
    (district → street → community) and shows the form again with what was
    typed, "Send" sends. Without JavaScript that is the progressive select."""

    district = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    street = forms.TypedChoiceField(label=_("Street or town"), required=False, coerce=int, empty_value=None)
    community = forms.TypedChoiceField(label=_("Your community"), coerce=int, empty_value=None)
    need = forms.ChoiceField(label=_("What do you need help with?"), choices=HelpNeed.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Your name"), max_length=40)
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("The answer comes to this number."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    note = forms.CharField(
        label=_("Anything we should know (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words are enough. Please do not write your ID number."),
    )
    text_consent = forms.BooleanField(
        label=_("You may answer me by text message"),
        required=False,
        help_text=_("Only the answer to this request is sent. Reply 退订 to stop."),
    )
    answer = forms.IntegerField(label=_("Sum"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    challenge = forms.CharField(widget=forms.HiddenInput)
    # Hidden from people by CSS and aria-hidden; scripts that fill every field fill it.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, data=None, *args, station_communities=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        source = self.data if self.is_bound else self.initial
        district_id, street_id = _pk(source.get("district")), _pk(source.get("street"))
        self.fields["district"].choices = [
            ("", _("Choose your district")),
            *((d.pk, d.name) for d in public_districts()),
        ]
        streets = list(public_streets(district_id=district_id))
        if street_id not in {s.pk for s in streets}:
            street_id = None
        self.fields["street"].choices = [("", _("All streets")), *((s.pk, s.name) for s in streets)]
        if station_communities is not None:
            communities = list(station_communities)
        else:
            communities = list(public_communities(district_id=district_id, street_id=street_id))
        self.community_ids = {c.pk for c in communities}
        self.fields["community"].choices = [("", _("Choose your community")), *_grouped_choices(communities)]
        if len(communities) == 1 and not source.get("community"):
            self.initial["community"] = communities[0].pk
        token = source.get("challenge") or ""
        data = read_challenge(token, max_age=10 * CHALLENGE_MAX_AGE)
        if data is None:
            token = new_challenge()
            data = read_challenge(token)
            self.initial["challenge"] = token
        self.fields["answer"].label = _("Please answer: what is %(a)d plus %(b)d?") % {"a": data["a"], "b": data["b"]}

    def renew_challenge(self) -> None:
        """A new question when the form is shown again (a wrong sum, a limit,
        a narrowing): each question is answered once."""
        token = new_challenge()
        values = read_challenge(token)
        if self.is_bound:
            self.data = self.data.copy()
            self.data["challenge"] = token
            self.data["answer"] = ""
        self.initial["challenge"] = token
        self.fields["answer"].label = _("Please answer: what is %(a)d plus %(b)d?") % {
            "a": values["a"],
            "b": values["b"],
        }
        # A bound field keeps the label it was made with (during validation): make it again.
        self._bound_fields_cache.pop("answer", None)

    def clean_community(self):
        community = self.cleaned_data.get("community")
        if community not in self.community_ids:
            raise ValidationError(_("Choose your community from the list."))
        return community

    def clean_mobile(self):
        return normalize_mobile(self.cleaned_data["mobile"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("The form could not be sent. Please try again."))
        data = read_challenge(cleaned.get("challenge", ""))
        if data is None:
            self.add_error("answer", _("The question has expired. Please answer the new one."))
            return cleaned
        if time.time() - data["t"] < CHALLENGE_MIN_SECONDS:
            raise ValidationError(_("That was very fast. Please check your answers and send again."))
        if cleaned.get("answer") is None:
            self.add_error("answer", _("Please answer the question."))
        elif cleaned["answer"] != data["a"] + data["b"]:
            self.add_error("answer", _("That is not the right sum. Please answer the new question."))
        cleaned["challenge_nonce"] = data["n"]
        return cleaned


class HelpAnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("Answer sent to the resident"),
        max_length=PARAM_MAX_LENGTH,
        help_text=_(
            "At most 20 characters: it goes into an approved text message template, e.g. 请周三上午来驿站面谈."
        ),
    )
    phone = forms.CharField(label=_("Phone the resident can call"), max_length=20)
    resident = forms.TypedChoiceField(label=_("Resident's record"), required=False, coerce=int, empty_value=None)
    open_case = forms.BooleanField(label=_("Open a 12333 assistance case for this resident"), required=False)

    def __init__(self, *args, residents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.residents = {r.pk: r for r in residents}
        self.fields["resident"].choices = [
            ("", _("Not linked")),
            *((r.pk, f"{r.name} · {r.community.name} · {r.masked_id_number}") for r in residents),
        ]
        self.fields["resident"].widget = forms.RadioSelect(choices=self.fields["resident"].choices)

    def clean_resident(self):
        pk = self.cleaned_data.get("resident")
        return self.residents.get(pk) if pk else None
