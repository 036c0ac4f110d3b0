"""What several of the app's models share."""

from django.core.exceptions import ValidationError

from stations.validators import normalize_credit_code


def normalise_credit_code(record, errors: dict) -> None:
    """Write the record's unified social credit code in its one form, or add
    to `errors` why it is no such code (a blank code is left blank)."""
    if record.credit_code:
        try:
            record.credit_code = normalize_credit_code(record.credit_code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
