from rest_framework.permissions import SAFE_METHODS, BasePermission

from stations.permissions import user_can


class IsRegionStaff(BasePermission):
    """Default for every endpoint: a signed-in staff account with a region role.
    Which rows it sees is the viewset's `visible_to` queryset."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.role)


class PublicReadStaffWrite(BasePermission):
    """Anyone may read; writes need the view's `write_permission` rule."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return _may_write(request, view)


class HasRule(BasePermission):
    """Staff with the view's `permission_rule` (read) / `write_permission` (write)."""

    def has_permission(self, request, view):
        if not IsRegionStaff().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return user_can(request.user, getattr(view, "permission_rule", "stations.view_dashboard"))
        return _may_write(request, view)


def _may_write(request, view) -> bool:
    """A write needs the view's `write_permission` rule. A read-only view has
    none: let DRF answer 405 for a method it does not handle (not a 500), but
    a view that handles the method and forgot its rule is refused."""
    rule = getattr(view, "write_permission", None)
    if rule is None:
        return not hasattr(view, request.method.lower())
    return user_can(request.user, rule)
