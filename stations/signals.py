"""Receivers for Django's own framework signals: sign-in logging and reference
rows. Domain operations never hang off signals; they live in services."""

import logging

from stations.models import AuditAction

security_log = logging.getLogger("portal.security")


def log_login(sender, request, user, **kwargs):
    from stations.audit import audit_record

    security_log.info("login user=%s", user.pk)
    audit_record(actor=user, action=AuditAction.LOGIN, request=request, object_repr=user.get_username())


def log_logout(sender, request, user, **kwargs):
    from stations.audit import audit_record

    if user is not None:
        audit_record(actor=user, action=AuditAction.LOGOUT, request=request, object_repr=user.get_username())


def log_login_failed(sender, credentials, request=None, **kwargs):
    from stations.audit import audit_record

    username = str(credentials.get("username", ""))[:150]
    security_log.warning("login failed username=%s", username)
    audit_record(actor=None, action=AuditAction.LOGIN_FAILED, request=request, object_repr=username)


def sync_reference_rows(sender, **kwargs):
    """Reference rows follow the code enums: one row per code, in enum order."""
    using = kwargs.get("using", "default")
    from stations.models import ServiceCode, StationService, TargetGroup, TargetGroupCode

    for model, codes in ((StationService, ServiceCode), (TargetGroup, TargetGroupCode)):
        for position, code in enumerate(codes.values):
            model.objects.using(using).update_or_create(code=code, defaults={"position": position})
