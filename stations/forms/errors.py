from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError, *, fields: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: field errors beside their
    fields, the rest at the top, so what was typed stays on the page.

    `fields` names the form field for a service field the form calls
    otherwise (a resident chosen through a finder box); it applies only when
    the form has that field.
    """
    fields = fields or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            if fields.get(field) in form.fields:
                field = fields[field]
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
