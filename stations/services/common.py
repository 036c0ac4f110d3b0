from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stations.models import Community
from stations.permissions import user_can


def require(user, permission: str) -> None:
    """Raise PermissionDenied unless the user's role has the rule."""
    if not user_can(user, permission):
        raise PermissionDenied(permission)


def require_community_in_scope(user, community: Community | None, *, field: str = "community") -> None:
    if community is None or not Community.objects.visible_to(user).filter(pk=community.pk).exists():
        raise ValidationError({field: _("You can only choose a community in your own area.")})


def lock_visible(rows, *, actor, pk, error: Exception, select_related: tuple[str, ...] = (), lock: bool = True):
    """The row `pk` of `rows` (a scoped model or its queryset) that `actor` may
    see, locked until the transaction ends; raise `error` when there is no such
    row in the actor's area, so each caller decides between a 403
    (PermissionDenied) and a field error (ValidationError).

    Only the row's own table is locked (select_related joins may be nullable,
    and the other rows are not written). `lock=False` only reads."""
    queryset = rows.objects.all() if isinstance(rows, type) else rows
    visible = queryset.visible_to(actor).filter(pk=pk)
    if lock:
        if visible.query.distinct:
            # A scope through a many-valued relation needs DISTINCT, which
            # FOR UPDATE refuses: find the row in scope, lock it by its key.
            visible = queryset.model.objects.filter(pk__in=visible.values("pk"))
        visible = visible.select_for_update(of=("self",))
    if select_related:  # select_related() without names would follow every foreign key
        visible = visible.select_related(*select_related)
    row = visible.first()
    if row is None:
        raise error
    return row
