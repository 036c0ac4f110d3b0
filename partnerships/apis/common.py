"""What the API modules of this app share."""

from rest_framework import mixins, viewsets

from stations.apis.permissions import HasRule


class StaffViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """List, retrieve and create for staff; changes go through the actions
    each viewset adds, so there is no update or delete. Subclasses name the
    rule a create needs (`write_permission`)."""

    permission_classes = [HasRule]
    permission_rule = "partnerships.view"
