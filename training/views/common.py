from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (or above
    the form), so the page keeps what was typed and says what to fix."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
