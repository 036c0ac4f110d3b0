"""The webhook through which the SMS provider's replies (退订) and delivery
reports reach the portal. The provider's own push format differs by vendor,
so a site's relay (or the provider's HTTP push, where it can sign) posts the
portal's format, signed with PORTAL_TEXT_MESSAGE_WEBHOOK_SECRET:

    POST /hooks/text-messages/
    X-Portal-Timestamp: 1765090000                  (Unix seconds, within 5 minutes)
    X-Portal-Signature: hex(HMAC-SHA256(secret, "<timestamp>." + body))
    {"replies": [{"number": "139…", "text": "退订"}],
     "reports": [{"provider_id": "…", "delivered": true, "reason": ""}]}

Every reply and report is handled by a service (stations.services.messaging);
the view only checks the signature and the shape. docs/messaging.md.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseForbidden, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from stations.services.messaging import text_message_delivery_report, text_message_reply_receive

# A signed request older (or newer) than this is refused, so a captured one cannot be replayed later.
MAX_CLOCK_SKEW_SECONDS = 300
# Items per request: a provider pushes reports in batches of at most a few hundred.
MAX_ITEMS = 1000


def signature_for(*, secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def _signed(request) -> bool:
    secret = settings.PORTAL_TEXT_MESSAGE_WEBHOOK_SECRET
    timestamp = request.headers.get("X-Portal-Timestamp", "")
    signature = request.headers.get("X-Portal-Signature", "")
    if not secret or not timestamp.isascii() or not timestamp.isdigit() or not signature:
        return False
    if abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return False
    return hmac.compare_digest(signature_for(secret=secret, timestamp=timestamp, body=request.body), signature)


@login_not_required
@csrf_exempt
@never_cache
@require_POST
def text_message_webhook(request):
    if not _signed(request):
        return HttpResponseForbidden("signature")
    try:
        payload = json.loads(request.body)
        replies = payload.get("replies", []) if isinstance(payload, dict) else None
        reports = payload.get("reports", []) if isinstance(payload, dict) else None
        if not isinstance(replies, list) or not isinstance(reports, list) or len(replies) + len(reports) > MAX_ITEMS:
            raise ValueError("shape")
        opted_out = sum(
            text_message_reply_receive(number=str(item["number"]), text=str(item["text"])) for item in replies
        )
        recorded = sum(
            text_message_delivery_report(
                provider_id=str(item["provider_id"]),
                delivered=bool(item["delivered"]),
                reason=str(item.get("reason", ""))[:200],
            )
            is not None
            for item in reports
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return JsonResponse({"error": "bad request"}, status=400)
    return JsonResponse({"opted_out": opted_out, "reports_recorded": recorded})


urlpatterns = [
    path("hooks/text-messages/", text_message_webhook, name="text_message_webhook"),
]
