"""One error shape for the whole API: {"detail": ..., "errors": {field: [..]}}.

Django's ValidationError raised by services becomes a 400 with field errors,
Http404 a 404, and refused permissions are written to the audit log.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _django_validation_to_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _django_validation_to_drf(exc)
    if isinstance(exc, exceptions.PermissionDenied | DjangoPermissionDenied):
        request = context.get("request")
        if request is not None and request.user.is_authenticated:
            from stations.middleware import log_permission_denied

            log_permission_denied(request, "api")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = response.data
        if isinstance(data, list):
            data = {"non_field_errors": data}
        response.data = {"detail": "invalid", "errors": data}
        response.status_code = status.HTTP_400_BAD_REQUEST
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response


def not_found_response():
    return Response({"detail": "not found"}, status=status.HTTP_404_NOT_FOUND)
