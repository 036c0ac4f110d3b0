from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from stations.permissions import user_can


class StaffRequiredMixin(LoginRequiredMixin):
    """A signed-in staff account with the view's `permission` rule.

    Scope is not checked here: views fetch through selectors or
    `get_visible_or_404`, which answer 404 for what is out of scope.
    """

    permission = "stations.view_dashboard"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_can(request.user, self.permission):
            raise PermissionDenied(self.permission)
        return super().dispatch(request, *args, **kwargs)
