from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import AuditAction, User
from stations.selectors.accounts import staff_account_list


@transaction.atomic
def staff_account_deactivate(*, actor: User, account: User, request=None) -> User:
    """Disable an account and end every session it has open."""
    if actor.pk == account.pk:
        raise ValidationError(_("You cannot disable your own account."))
    if not staff_account_list(user=actor).filter(pk=account.pk).exists():
        raise PermissionDenied("account out of scope")
    account.is_active = False
    account.save(update_fields=["is_active"])
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(account.pk):
            session.delete()
            ended += 1
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT,
        obj=account,
        request=request,
        changes={"is_active": [True, False], "sessions_ended": ended},
        region_from=account.community,
    )
    return account
