"""API: the partner network. Partners, joint meetings (created with their
commitments nested), and commitments with `close` and `link_postings` actions.
Writes go through the services, so the API and the staff pages share one rule
set; the services' ValidationErrors answer 400 with field errors."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jobs import selectors as jobs_selectors
from stations.serializers import BoundedPrimaryKeyRelatedField, SelectorPrimaryKeyField

from ..models import Commitment, JointMeeting, Partner
from ..selectors import network as selectors
from ..selectors.common import community_choices
from ..services.network import commitments, meetings, partners
from ..services.network.partners import PARTNER_OFFER_FIELDS
from .common import StaffViewSet


def _neighbours(*, user):
    return partners.neighbour_communities(actor=user)


class PartnerSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=community_choices)
    # Neighbouring communities sharing the partner sit outside a community
    # worker's own scope on purpose (CityWideRead.NEIGHBOUR_COMMUNITIES); any
    # other community answers "does not exist", like a missing one.
    shared_with = SelectorPrimaryKeyField(selector=_neighbours, many=True, required=False, write_only=True)
    communities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    employer = SelectorPrimaryKeyField(selector=jobs_selectors.employer_choices, required=False, allow_null=True)
    hosts_service_point = serializers.BooleanField(required=False, default=False, write_only=True)
    service_point_active = serializers.SerializerMethodField()
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "kind",
            "community",
            "shared_with",
            "communities",
            "employer",
            "credit_code",
            *PARTNER_OFFER_FIELDS,
            "service_point",
            "service_point_active",
            "partner_since",
            "ended_on",
            "is_active",
            "note",
        ]
        read_only_fields = ["service_point", "ended_on"]

    def get_service_point_active(self, obj) -> bool:
        return bool(obj.service_point_id and obj.service_point.is_active)


class CommitmentInMeetingSerializer(serializers.ModelSerializer):
    partner = SelectorPrimaryKeyField(selector=selectors.partner_choices)
    posts_promised = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True)

    class Meta:
        model = Commitment
        fields = ["id", "partner", "kind", "description", "posts_promised", "due_on", "status", "closed_on"]
        read_only_fields = ["status", "closed_on"]


class JointMeetingSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=community_choices)
    partners = SelectorPrimaryKeyField(selector=selectors.partner_choices, many=True)
    # Staff accounts of the communities the requesting user may see.
    staff = SelectorPrimaryKeyField(selector=selectors.meeting_staff_choices, many=True, required=False)
    commitments = CommitmentInMeetingSerializer(many=True, required=False)
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)

    class Meta:
        model = JointMeeting
        fields = [
            "id",
            *JointMeeting.EDITABLE_FIELDS,
            "commitments",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class CommitmentSerializer(serializers.ModelSerializer):
    meeting = SelectorPrimaryKeyField(selector=selectors.meeting_choices)
    partner = SelectorPrimaryKeyField(selector=selectors.partner_choices)
    posts_promised = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True)
    state = serializers.SerializerMethodField()
    hires = serializers.SerializerMethodField()
    postings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "meeting",
            "partner",
            "kind",
            "description",
            "posts_promised",
            "due_on",
            "status",
            "state",
            "closed_on",
            "close_note",
            "postings",
            "hires",
        ]
        read_only_fields = ["status", "closed_on", "close_note"]

    def get_state(self, obj) -> str:
        return getattr(obj, "state", None) or selectors.commitment_state(obj).value

    def get_hires(self, obj) -> int:
        hires = getattr(obj, "hires", None)
        return hires if hires is not None else commitments.commitment_hires(obj).count()


class CommitmentCloseSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[step.name for step in Commitment.workflow])
    closed_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class LinkPostingsSerializer(serializers.Serializer):
    # Scope (postings in the area or of the partner's employer) is the service's check.
    postings = BoundedPrimaryKeyRelatedField(queryset=jobs_selectors.postings_to_link(), many=True)


class NetworkViewSet(StaffViewSet):
    write_permission = "partnerships.manage_network"


class PartnerViewSet(NetworkViewSet):
    serializer_class = PartnerSerializer

    def get_queryset(self):
        return selectors.partner_list(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        shared = data.pop("shared_with", [])
        hosts = data.pop("hosts_service_point", False)
        serializer.instance = partners.partner_save(
            actor=self.request.user,
            partner=Partner(**data),
            communities=shared,
            hosts_service_point=hosts,
            request=self.request,
        )


class JointMeetingViewSet(NetworkViewSet):
    serializer_class = JointMeetingSerializer

    def get_queryset(self):
        return (
            selectors.meeting_list(user=self.request.user)
            .select_related("recorded_by")
            .prefetch_related("partners", "staff", "commitments")
            .order_by("pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        partners = data.pop("partners", [])
        staff = data.pop("staff", [])
        commitments = [Commitment(**row) for row in data.pop("commitments", [])]
        serializer.instance = meetings.meeting_record(
            actor=self.request.user,
            meeting=JointMeeting(**data),
            partners=partners,
            staff=staff,
            commitments=commitments,
            request=self.request,
        )


class CommitmentViewSet(NetworkViewSet):
    serializer_class = CommitmentSerializer

    def get_queryset(self):
        return selectors.commitment_list(user=self.request.user).prefetch_related("postings").order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        serializer.instance = meetings.commitment_add(
            actor=self.request.user, meeting=meeting, commitment=Commitment(**data), request=self.request
        )

    def _fresh(self, pk):
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=CommitmentCloseSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close an open commitment as done or dropped (dropping needs a note)."""
        commitment = self.get_object()
        step = CommitmentCloseSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        commitments.commitment_close(actor=request.user, commitment=commitment, request=request, **step.validated_data)
        return self._fresh(commitment.pk)

    @extend_schema(request=LinkPostingsSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def link_postings(self, request, pk=None):
        """Link postings whose hires count towards the commitment; it completes
        at once if they already reach the posts promised."""
        commitment = self.get_object()
        step = LinkPostingsSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        commitments.commitment_link_postings(
            actor=request.user, commitment=commitment, postings=step.validated_data["postings"], request=request
        )
        return self._fresh(commitment.pk)


routes = [
    ("partners/partners", PartnerViewSet, "partners-partner"),
    ("partners/meetings", JointMeetingViewSet, "partners-meeting"),
    ("partners/commitments", CommitmentViewSet, "partners-commitment"),
]
