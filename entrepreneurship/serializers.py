"""API serializers. Writes go through the services, so the API and the staff
pages share one rule set (eligibility, limits, workflow)."""

from rest_framework import serializers

from stations.serializers import ScopedPrimaryKeyField, SelectorPrimaryKeyField

from . import selectors
from .models import Business, GuaranteeLoan, IncubationSpace
from .models.catalogue import StartupEvent, StartupProject, StartupStar
from .models.subsidies import ApplicationEvent, RejectionReason, SubsidyApplication, Transition


class BusinessSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=selectors.community_choices)
    founders = SelectorPrimaryKeyField(selector=selectors.resident_choices, many=True)

    class Meta:
        model = Business
        fields = ["id", *Business.EDITABLE_FIELDS]

    def validate(self, attrs):
        # Model-level checks (credit code checksum, dates) run in the service;
        # unique credit code is checked here so the error names the field.
        return attrs


class ApplicationEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True)

    class Meta:
        model = ApplicationEvent
        fields = ["transition", "from_status", "to_status", "actor", "at", "note"]


# What the workflow and the reviewers set: shown, never taken from the client.
_DECIDED_FIELDS = [
    "eligibility",
    "approved_amount",
    "rejection_reason",
    "decision_note",
    "paid_on",
    "payment_reference",
    "created_at",
]


class SubsidyApplicationSerializer(serializers.ModelSerializer):
    resident = SelectorPrimaryKeyField(selector=selectors.resident_choices)
    business = SelectorPrimaryKeyField(selector=selectors.business_choices, required=False, allow_null=True)
    requested_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    events = ApplicationEventSerializer(many=True, read_only=True)

    class Meta:
        model = SubsidyApplication
        fields = [
            "id",
            "kind",
            "status",
            "community",
            "resident",
            "business",
            "employer_name",
            "contract_start",
            "contract_months",
            "monthly_rent",
            "requested_amount",
            "note",
            *_DECIDED_FIELDS,
            "events",
        ]
        read_only_fields = ["status", "community", *_DECIDED_FIELDS]


class SubsidyTransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=Transition.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    approved_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    rejection_reason = serializers.ChoiceField(
        choices=RejectionReason.choices, required=False, allow_blank=True, default=""
    )
    paid_on = serializers.DateField(required=False, allow_null=True)
    payment_reference = serializers.CharField(required=False, allow_blank=True, max_length=60, default="")


class GuaranteeLoanSerializer(serializers.ModelSerializer):
    resident = SelectorPrimaryKeyField(selector=selectors.resident_choices)
    business = SelectorPrimaryKeyField(selector=selectors.business_choices, required=False, allow_null=True)

    class Meta:
        model = GuaranteeLoan
        fields = ["id", *GuaranteeLoan.EDITABLE_FIELDS, "community"]
        read_only_fields = ["community"]


class IncubationSpaceSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=selectors.community_choices)

    class Meta:
        model = IncubationSpace
        fields = ["id", *IncubationSpace.EDITABLE_FIELDS]


class StartupProjectSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedPrimaryKeyField  # another district answers "does not exist"

    class Meta:
        model = StartupProject
        fields = ["id", "district", "title", "industry", "investment", "summary", "guide", "contact"]


class StartupStarSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedPrimaryKeyField  # another district answers "does not exist"

    class Meta:
        model = StartupStar
        fields = ["id", "district", "name", "business_name", "year", "story"]


class StartupEventSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedPrimaryKeyField  # another district answers "does not exist"

    class Meta:
        model = StartupEvent
        fields = [
            "id",
            "district",
            "kind",
            "title",
            "starts_at",
            "place",
            "description",
            "signup_deadline",
            "prize_note",
        ]
