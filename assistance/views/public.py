"""The public help request (/assistance/): a resident on a phone, without an
account or JavaScript, asks their community for help."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assistance.forms_help import HelpRequestForm, _pk
from assistance.selectors.help import (
    public_community_get,
    public_help_request_receipt,
    public_station_communities,
    public_station_for_community,
)
from assistance.services.help import help_request_submit
from stations import ratelimit
from stations.messaging import rules
from stations.views.service_form import BaseServiceFormView

# Per connection: a family or a station PC may send a few; a script may not.
LIMIT_PER_ADDRESS_PER_HOUR = 5
# Per mobile number: the same person asking again the same day waits for the answer.
LIMIT_PER_NUMBER_PER_DAY = 3
SENT_SALT = "assistance.help_request.sent"


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _number_key(mobile: str) -> str:
    # The counter (cache, or the database during an outage) never holds the number itself.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{mobile}".encode()).hexdigest()[:24]
    return f"assistance:help:number:{digest}"


@method_decorator(login_not_required, name="dispatch")
class HelpRequestView(BaseServiceFormView):
    template_name = "assistance/help_request_form.html"
    form_class = HelpRequestForm
    # A refusal answers 400, so a client that follows the status sees nothing was sent.
    invalid_status = 400

    def _station_communities(self):
        station_id = _pk(self.request.GET.get("station") or self.request.POST.get("station"))
        if station_id is None:
            return None, None
        communities = list(public_station_communities(station_id=station_id))
        return (station_id, communities) if communities else (None, None)

    def load(self):
        self.station_id, self.communities = self._station_communities()

    def get_form_kwargs(self):
        initial = {k: self.request.GET.get(k) for k in ("district", "street", "community") if self.request.GET.get(k)}
        return {"initial": initial, "station_communities": self.communities}

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        form.station_id = self.station_id
        return form

    def post(self, request, *args, **kwargs):
        if "narrow" in request.POST:
            # "Show communities": the form again with narrower choices and what
            # was typed, nothing sent and no errors yet.
            self.load()
            unbound = HelpRequestForm(initial=request.POST.dict(), station_communities=self.communities)
            unbound.station_id = self.station_id
            unbound.renew_challenge()
            return self.render_to_response(self.get_context_data(form=unbound))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        request = self.request
        if not ratelimit.hit(
            f"assistance:help:address:{_client(request)}", limit=LIMIT_PER_ADDRESS_PER_HOUR, window=3600
        ):
            raise ValidationError(
                _("Many requests came from this connection in the last hour. Please try later or call your station.")
            )
        if not ratelimit.hit(_number_key(data["mobile"]), limit=LIMIT_PER_NUMBER_PER_DAY, window=86400):
            message = _("This number has asked several times today. The station will answer; please wait or call it.")
            raise ValidationError({"mobile": message})
        # Each question answers one request: a copied form cannot be replayed.
        if not ratelimit.hit(f"assistance:help:challenge:{data['challenge_nonce']}", limit=1, window=2 * 3600):
            raise ValidationError({"answer": _("This question was used already. Please answer the new one.")})
        help_request = help_request_submit(
            community=public_community_get(pk=data["community"]),
            need=data["need"],
            name=data["name"],
            mobile=data["mobile"],
            note=data["note"],
            text_consent=data["text_consent"],
            request=request,
        )
        return f"{request.path}sent/{signing.dumps(help_request.pk, salt=SENT_SALT)}/"

    def form_invalid(self, form):
        form.renew_challenge()
        return super().form_invalid(form)


@method_decorator(login_not_required, name="dispatch")
class HelpRequestSentView(TemplateView):
    """The confirmation: the reference, when the answer is due and the
    station to call, reached by a signed link (no session needed in a web view)."""

    template_name = "assistance/help_request_sent.html"

    def get_context_data(self, **kwargs):
        try:
            pk = signing.loads(self.kwargs["token"], salt=SENT_SALT, max_age=7 * 86400)
        except signing.BadSignature:
            raise Http404 from None
        receipt = public_help_request_receipt(pk=pk)
        station = public_station_for_community(community_id=receipt.community_id)
        quiet_from, quiet_until = rules.quiet_hours(timezone.localdate())
        return super().get_context_data(
            receipt=receipt,
            station=station,
            quiet_from=f"{quiet_from:%H:%M}",
            quiet_until=f"{quiet_until:%H:%M}",
            **kwargs,
        )
