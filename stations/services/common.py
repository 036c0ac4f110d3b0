from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stations.models import Community
from stations.permissions import user_can


def require(user, permission: str) -> None:
    """Raise PermissionDenied unless the user's role has the rule."""
    if not user_can(user, permission):
        raise PermissionDenied(permission)


def require_community_in_scope(user, community: Community, *, field: str = "community") -> None:
    if community is None or not Community.objects.visible_to(user).filter(pk=community.pk).exists():
        raise ValidationError({field: _("You can only choose a community in your own area.")})
