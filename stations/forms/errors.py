from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _

from stations.closed_months import ClosedMonthError


def closed_month_html(exc: ClosedMonthError) -> str:
    """The refusal, with the link that sends this very change to the street
    for approval (when the change can be sent: an upload cannot)."""
    message = " ".join(exc.messages)
    url = exc.correction_url()
    if url is None:
        return message
    return format_html('{} <a href="{}">{}</a>', message, url, _("Ask the street to approve it as a correction"))


def error_messages(exc: ValidationError) -> list[str]:
    """A service's messages for `messages.error`, a closed month's with its link."""
    if isinstance(exc, ClosedMonthError):
        return [closed_month_html(exc)]
    return list(exc.messages)


def add_service_errors(form, exc: ValidationError, *, fields: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: field errors beside their
    fields, the rest at the top, so what was typed stays on the page. A closed
    month's refusal goes at the top with its link to ask for a correction.

    `fields` names the form field for a service field the form calls
    otherwise (a resident chosen through a finder box); it applies only when
    the form has that field.
    """
    fields = fields or {}
    if isinstance(exc, ClosedMonthError):
        form.add_error(None, closed_month_html(exc))
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            if fields.get(field) in form.fields:
                field = fields[field]
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
