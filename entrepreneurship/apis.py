"""API routes: staff endpoints for businesses, subsidy applications (with the
workflow steps as an action), loans and spaces, within scope; public read of
the project catalogue, startup stars and events."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from stations.apis.permissions import HasRule, IsRegionStaff
from stations.apis.throttling import AnonymousThrottle

from . import selectors, services
from .models import Business, GuaranteeLoan, IncubationSpace
from .serializers import (
    BusinessSerializer,
    GuaranteeLoanSerializer,
    IncubationSpaceSerializer,
    StartupEventSerializer,
    StartupProjectSerializer,
    StartupStarSerializer,
    SubsidyApplicationSerializer,
    SubsidyTransitionSerializer,
)


class StaffViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    permission_classes = [HasRule]
    permission_rule = "entrepreneurship.view"


class BusinessViewSet(StaffViewSet):
    serializer_class = BusinessSerializer
    write_permission = "entrepreneurship.manage_business"

    def get_queryset(self):
        return selectors.business_list(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        founders = data.pop("founders")
        serializer.instance = services.business_register(
            actor=self.request.user, business=Business(**data), founders=founders, request=self.request
        )


class SubsidyApplicationViewSet(StaffViewSet):
    serializer_class = SubsidyApplicationSerializer
    write_permission = "entrepreneurship.file_application"

    def get_queryset(self):
        return selectors.application_list_with_events(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        serializer.instance = services.subsidy_application_create(
            actor=self.request.user, request=self.request, **serializer.validated_data
        )

    @extend_schema(request=SubsidyTransitionSerializer, responses=SubsidyApplicationSerializer)
    # Each step checks its own roles in the service (PermissionDenied -> 403).
    @action(detail=True, methods=["post"], permission_classes=[IsRegionStaff])
    def transition(self, request, pk=None):
        """Take one workflow step: submit, street_check, return, approve, reject, pay."""
        application = self.get_object()
        step = SubsidyTransitionSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        updated = services.subsidy_application_transition(
            actor=request.user, application=application, request=request, **step.validated_data
        )
        return Response(SubsidyApplicationSerializer(updated, context=self.get_serializer_context()).data)


class GuaranteeLoanViewSet(StaffViewSet):
    serializer_class = GuaranteeLoanSerializer
    write_permission = "entrepreneurship.manage_loan"

    def get_queryset(self):
        return selectors.loan_list(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        loan = GuaranteeLoan(**serializer.validated_data)
        loan.community = loan.resident.community
        serializer.instance = services.guarantee_loan_record(actor=self.request.user, loan=loan, request=self.request)


class IncubationSpaceViewSet(StaffViewSet):
    serializer_class = IncubationSpaceSerializer
    write_permission = "entrepreneurship.manage_space"

    def get_queryset(self):
        return selectors.space_list(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        serializer.instance = services.incubation_space_save(
            actor=self.request.user, space=IncubationSpace(**serializer.validated_data), request=self.request
        )


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]
    scope_public_read = True


class StartupProjectViewSet(PublicReadViewSet):
    serializer_class = StartupProjectSerializer

    def get_queryset(self):
        return selectors.public_projects().order_by("pk")


class StartupStarViewSet(PublicReadViewSet):
    serializer_class = StartupStarSerializer

    def get_queryset(self):
        return selectors.public_stars().order_by("pk")


class StartupEventViewSet(PublicReadViewSet):
    serializer_class = StartupEventSerializer

    def get_queryset(self):
        return selectors.public_events().order_by("pk")


routes = [
    ("startup/businesses", BusinessViewSet, "startup-business"),
    ("startup/applications", SubsidyApplicationViewSet, "startup-application"),
    ("startup/loans", GuaranteeLoanViewSet, "startup-loan"),
    ("startup/spaces", IncubationSpaceViewSet, "startup-space"),
    ("startup/projects", StartupProjectViewSet, "startup-project"),
    ("startup/stars", StartupStarViewSet, "startup-star"),
    ("startup/events", StartupEventViewSet, "startup-event"),
]
