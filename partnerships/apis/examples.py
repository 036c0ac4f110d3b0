"""API: typical examples for staff (list, retrieve, create a draft, and the
workflow steps as the `transition` action) and the public read of published
stories with their photo addresses. Photos are uploaded on the staff pages."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from stations.apis.permissions import IsRegionStaff
from stations.apis.throttling import AnonymousThrottle
from stations.params import parse_pk
from stations.serializers import SelectorPrimaryKeyField

from ..models import ExampleKind, ExamplePhoto, ExampleStatus, TypicalExample
from ..selectors import examples as selectors
from ..selectors.common import community_choices
from ..services import examples as services
from .common import StaffViewSet


class StaffPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ExamplePhoto
        fields = ["id", "caption", "width", "height", "url"]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("partnerships:example_photo", args=[obj.pk]))


class PublicPhotoSerializer(StaffPhotoSerializer):
    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("partnerships_public:story_photo", args=[obj.pk]))


class TypicalExampleSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=community_choices)
    photos = StaffPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = TypicalExample
        fields = [
            "id",
            "community",
            "kind",
            "title",
            "person_name",
            "summary",
            "story",
            "consent_on_file",
            "status",
            "review_note",
            "published_at",
            "created_at",
            "photos",
        ]
        read_only_fields = ["status", "review_note", "published_at", "created_at"]


class ExampleTransitionSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=[(s.name, s.label) for s in TypicalExample.workflow])
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class TypicalExampleViewSet(StaffViewSet):
    """Examples in the caller's area. ?status=, ?kind=, ?queue=1 (waiting for the city bureau)."""

    serializer_class = TypicalExampleSerializer
    write_permission = "partnerships.propose_example"

    def get_queryset(self):
        params = self.request.query_params
        filters = {
            "status": params.get("status") if params.get("status") in ExampleStatus.values else "",
            "kind": params.get("kind") if params.get("kind") in ExampleKind.values else "",
            "queue": params.get("queue") == "1",
        }
        return selectors.example_list(user=self.request.user, filters=filters).prefetch_related("photos")

    def perform_create(self, serializer):
        serializer.instance = services.typical_example_save(
            actor=self.request.user, example=TypicalExample(**serializer.validated_data), request=self.request
        )

    @extend_schema(request=ExampleTransitionSerializer, responses=TypicalExampleSerializer)
    # Each step checks its own rule in the service (PermissionDenied -> 403).
    @action(detail=True, methods=["post"], permission_classes=[IsRegionStaff])
    def transition(self, request, pk=None):
        """Take one step: submit, publish, return (with a note) or withdraw."""
        example = self.get_object()
        step = ExampleTransitionSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        updated = services.typical_example_transition(
            actor=request.user,
            example=example,
            step=step.validated_data["step"],
            note=step.validated_data["note"],
            request=request,
        )
        updated = self.get_queryset().get(pk=updated.pk)
        return Response(TypicalExampleSerializer(updated, context=self.get_serializer_context()).data)


class PublicStorySerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="community.street.district.name", read_only=True)
    community = serializers.CharField(source="community.name", read_only=True)
    photos = PublicPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = TypicalExample
        fields = [
            "id",
            "kind",
            "title",
            "person_name",
            "summary",
            "story",
            "published_at",
            "district",
            "community",
            "photos",
        ]


class PublicStoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published stories, for anyone. ?kind=, ?district= (pk)."""

    serializer_class = PublicStorySerializer
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]
    scope_public_read = True

    def get_queryset(self):
        params = self.request.query_params
        filters = {
            "kind": params.get("kind") if params.get("kind") in ExampleKind.values else "",
            "district": parse_pk(params.get("district")),
        }
        return selectors.public_examples(filters=filters)


routes = [
    ("partners/examples", TypicalExampleViewSet, "partners-example"),
    ("partners/stories", PublicStoryViewSet, "partners-story"),
]
