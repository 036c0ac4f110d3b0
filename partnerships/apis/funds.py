"""API: community funds. Allocations (the district creates them; the running
figures are read-only), spending lines (created through the service, so an
overspend answers 400 on `amount`), and adjustments with a `decide` action."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from stations.apis.permissions import IsRegionStaff
from stations.serializers import SelectorPrimaryKeyField

from ..models import FundAdjustment, FundAllocation, FundSpending
from ..selectors import funds as selectors
from ..selectors.common import community_choices
from ..services import funds as services
from .common import StaffViewSet

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}
# The largest amount the models' 12 digits hold, stated in the schema so
# clients know the range before they are refused.
MAX_YUAN = Decimal("9999999999.99")


def yuan_field(*, min_value: Decimal = Decimal("0.01")) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, min_value=min_value, max_value=MAX_YUAN)


class FundAllocationSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=community_choices)
    community_name = serializers.CharField(source="community.name", read_only=True)
    amount = yuan_field()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    adjusted = serializers.DecimalField(**MONEY)
    spent = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)

    class Meta:
        model = FundAllocation
        fields = [
            "id",
            "community",
            "community_name",
            "year",
            "title",
            "document_number",
            "amount",
            "allocated_on",
            "note",
            "adjusted",
            "spent",
            "balance",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class FundSpendingSerializer(serializers.ModelSerializer):
    allocation = SelectorPrimaryKeyField(selector=selectors.allocation_choices)
    amount = yuan_field()

    class Meta:
        model = FundSpending
        fields = [
            "id",
            "allocation",
            "category",
            "spent_on",
            "amount",
            "payee",
            "purpose",
            "voucher_number",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class FundAdjustmentSerializer(serializers.ModelSerializer):
    allocation = SelectorPrimaryKeyField(selector=selectors.allocation_choices)
    amount = yuan_field(min_value=-MAX_YUAN)

    class Meta:
        model = FundAdjustment
        fields = [
            "id",
            "allocation",
            "amount",
            "reason",
            "status",
            "requested_at",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = ["status", "requested_at", "decided_at", "decision_note"]


class AdjustmentDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approve", "reject"])
    decision_note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class FundAllocationViewSet(StaffViewSet):
    serializer_class = FundAllocationSerializer
    write_permission = "partnerships.allocate_funds"

    def get_queryset(self):
        return selectors.allocation_list(user=self.request.user, filters=self.request.query_params).order_by("pk")

    def perform_create(self, serializer):
        allocation = services.fund_allocation_create(
            actor=self.request.user, request=self.request, **serializer.validated_data
        )
        serializer.instance = selectors.allocation_list(user=self.request.user).get(pk=allocation.pk)


class FundSpendingViewSet(StaffViewSet):
    serializer_class = FundSpendingSerializer
    write_permission = "partnerships.spend_funds"

    def get_queryset(self):
        return selectors.spending_list(user=self.request.user, filters=self.request.query_params).order_by("pk")

    def perform_create(self, serializer):
        serializer.instance = services.fund_spending_record(
            actor=self.request.user, request=self.request, **serializer.validated_data
        )


class FundAdjustmentViewSet(StaffViewSet):
    serializer_class = FundAdjustmentSerializer
    # Community staff and the district both may ask; the service checks either rule.
    write_permission = "partnerships.view"

    def get_queryset(self):
        return selectors.adjustment_list(user=self.request.user, filters=self.request.query_params).order_by("pk")

    def perform_create(self, serializer):
        serializer.instance = services.fund_adjustment_request(
            actor=self.request.user, request=self.request, **serializer.validated_data
        )

    @extend_schema(request=AdjustmentDecisionSerializer, responses=FundAdjustmentSerializer)
    # The service checks the district's rule (PermissionDenied -> 403).
    @action(detail=True, methods=["post"], permission_classes=[IsRegionStaff])
    def decide(self, request, pk=None):
        """Approve or reject a requested adjustment (district bureau)."""
        adjustment = self.get_object()
        decision = AdjustmentDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        updated = services.fund_adjustment_decide(
            actor=request.user,
            adjustment=adjustment,
            approve=decision.validated_data["decision"] == "approve",
            note=decision.validated_data["decision_note"],
            request=request,
        )
        return Response(FundAdjustmentSerializer(updated, context=self.get_serializer_context()).data)


routes = [
    ("partners/fund-allocations", FundAllocationViewSet, "partners-fund-allocation"),
    ("partners/fund-spending", FundSpendingViewSet, "partners-fund-spending"),
    ("partners/fund-adjustments", FundAdjustmentViewSet, "partners-fund-adjustment"),
]
