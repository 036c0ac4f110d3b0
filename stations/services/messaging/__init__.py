"""Text messages to residents: queue, send, record the outcome; consent and opt-out.

    text_message_queue()      ─ in the caller's transaction: a TextMessage row
        │                        (queued, or withheld with the reason) and, when
        │                        it may go now, a hand-off to the send task
        ▼
    text_message_send()       ─ the task: re-checks consent, quiet hours and the
        │                        daily cap, then asks the gateway
        ▼
    sent (gateway accepted) ─► delivered / failed (the provider's report)
    failed (refused; or given up after the retries), with the reason

A message is marked sent only when the gateway accepted it; a gateway that
cannot be reached leaves it queued with the reason and the task retries with
backoff (stations.background.RETRY_POLICY). Consent is recorded with the
resident; a resident without it (not asked, or opted out) gets no message,
and an opt-out (reply 退订, or staff on the resident's page) also withholds
every message still queued for the number, at once. docs/messaging.md.
"""

from .common import OPT_OUT_WORDS, OUTSTANDING, SEND_TASK, SWEEP_BATCH
from .consent import (
    is_opt_out_reply,
    resident_text_consent_give_own,
    resident_text_consent_set,
    text_message_reply_receive,
    text_messages_opt_out,
)
from .queueing import text_message_queue, text_message_send_requested
from .sending import text_message_delivery_report, text_message_fail, text_message_send, text_messages_send_due

__all__ = [
    "OPT_OUT_WORDS",
    "OUTSTANDING",
    "SEND_TASK",
    "SWEEP_BATCH",
    "is_opt_out_reply",
    "resident_text_consent_give_own",
    "resident_text_consent_set",
    "text_message_delivery_report",
    "text_message_fail",
    "text_message_queue",
    "text_message_reply_receive",
    "text_message_send",
    "text_message_send_requested",
    "text_messages_opt_out",
    "text_messages_send_due",
]
