"""API: staff training courses for the bureaus (list, retrieve, create, and
the `attendees` action to record who attended), and the attendance records
in the caller's area (read only)."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from stations.apis.permissions import HasRule
from stations.params import parse_year
from stations.selectors import staff_account_list
from stations.serializers import SelectorPrimaryKeyField

from ..models import StaffTrainingAttendance, StaffTrainingKind, StaffTrainingSession
from ..selectors import staff_training as selectors
from ..services import staff_training as services
from .common import StaffViewSet


class AttendanceSerializer(serializers.ModelSerializer):
    attendee_name = serializers.SerializerMethodField()

    class Meta:
        model = StaffTrainingAttendance
        fields = ["id", "session", "attendee", "attendee_name", "district", "street", "community", "completed", "score"]
        read_only_fields = fields

    def get_attendee_name(self, obj) -> str:
        return obj.attendee.display_name


class StaffTrainingSessionSerializer(serializers.ModelSerializer):
    attendee_count = serializers.IntegerField(read_only=True)
    attendances = AttendanceSerializer(many=True, read_only=True, source="visible_attendances")

    class Meta:
        model = StaffTrainingSession
        fields = [
            "id",
            "kind",
            "title",
            "district",
            "starts_on",
            "ends_on",
            "hours",
            "place",
            "trainer",
            "content",
            "attendee_count",
            "attendances",
        ]
        read_only_fields = ["district"]
        extra_kwargs = {"hours": {"min_value": Decimal("0.5"), "max_value": Decimal("999")}}


class AttendeesSerializer(serializers.Serializer):
    attendees = SelectorPrimaryKeyField(selector=staff_account_list, many=True)
    completed = serializers.BooleanField(default=True)
    score = serializers.CharField(required=False, allow_blank=True, max_length=30, default="")


class StaffTrainingSessionViewSet(StaffViewSet):
    """Courses the caller may see: a district bureau its own, the city all. ?kind=, ?year=."""

    serializer_class = StaffTrainingSessionSerializer
    permission_rule = "partnerships.manage_staff_training"
    write_permission = "partnerships.manage_staff_training"

    def get_queryset(self):
        params = self.request.query_params
        filters = {
            "kind": params.get("kind") if params.get("kind") in StaffTrainingKind.values else "",
            "year": parse_year(params.get("year")),
        }
        user = self.request.user
        return selectors.staff_training_list_with_attendances(user=user, filters=filters)

    def perform_create(self, serializer):
        session = services.staff_training_session_save(
            actor=self.request.user, session=StaffTrainingSession(**serializer.validated_data), request=self.request
        )
        serializer.instance = self.get_queryset().get(pk=session.pk)

    @extend_schema(request=AttendeesSerializer, responses=StaffTrainingSessionSerializer)
    @action(detail=True, methods=["post"])
    def attendees(self, request, pk=None):
        """Record staff accounts (in the caller's area) as attending this course."""
        session = self.get_object()
        data = AttendeesSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        services.staff_training_attendees_add(
            actor=request.user, session=session, request=request, **data.validated_data
        )
        session = self.get_queryset().get(pk=session.pk)
        return Response(StaffTrainingSessionSerializer(session, context=self.get_serializer_context()).data)


class StaffTrainingAttendanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Attendance records filed in the caller's area (scoped like the attendee). ?attendee=."""

    serializer_class = AttendanceSerializer
    permission_classes = [HasRule]
    permission_rule = "partnerships.view_staff_training"

    def get_queryset(self):
        return selectors.staff_training_attendance_list(
            user=self.request.user, filters={"attendee": self.request.query_params.get("attendee")}
        )


routes = [
    ("partners/training/courses", StaffTrainingSessionViewSet, "partners-training-course"),
    ("partners/training/records", StaffTrainingAttendanceViewSet, "partners-training-record"),
]
