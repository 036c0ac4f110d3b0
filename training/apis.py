"""API routes of training: (prefix, viewset, basename).

Public, read-only: the published catalogue and the classes open for
enrolment. Staff, within scope: classes, enrolments (create through the
enrolment service, so capacity and clash rules hold) and the needs list.
"""

from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from stations.apis.permissions import HasRule
from stations.serializers import SelectorPrimaryKeyField
from training import selectors, services
from training.models import Course, Enrolment, TrainingClass, TrainingNeed
from training.services.catalogue import COURSE_DESCRIPTION_FIELDS
from training.services.classes import CLASS_SCHEDULE_FIELDS


class PublicCourseSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="catalogue.district.name")
    open_classes = serializers.IntegerField(read_only=True)

    class Meta:
        model = Course
        fields = ["id", "district", *COURSE_DESCRIPTION_FIELDS, "open_classes"]


class PublicClassSerializer(serializers.ModelSerializer):
    course = serializers.CharField(source="course.name")
    occupation = serializers.CharField(source="course.occupation")
    provider = serializers.CharField(source="provider.name")
    district = serializers.CharField(source="community.street.district.name")
    community = serializers.CharField(source="community.name")
    seats_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingClass
        fields = [
            "id",
            "title",
            "course",
            "occupation",
            "provider",
            "district",
            "community",
            *CLASS_SCHEDULE_FIELDS,
            "seats_left",
        ]


def _public_filters(params) -> dict:
    keys = ("district", "audience", "programme", "schedule_type", "q", "course")
    return {k: params[k] for k in keys if params.get(k)}


class PublicCourseViewSet(viewsets.ReadOnlyModelViewSet):
    """Courses of the published district catalogues (anyone may read)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = PublicCourseSerializer
    scope_public_read = True

    def get_queryset(self):
        return selectors.public_course_list(filters=_public_filters(self.request.query_params))


class PublicClassViewSet(viewsets.ReadOnlyModelViewSet):
    """Classes open for enrolment, with seats left (anyone may read)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = PublicClassSerializer
    scope_public_read = True

    def get_queryset(self):
        return selectors.public_class_list(filters=_public_filters(self.request.query_params))


class StaffClassSerializer(PublicClassSerializer):
    seats_taken = serializers.IntegerField(read_only=True)

    class Meta(PublicClassSerializer.Meta):
        fields = [*PublicClassSerializer.Meta.fields, "status", "seats_taken"]


class StaffClassViewSet(viewsets.ReadOnlyModelViewSet):
    """Classes held in the user's area."""

    permission_classes = [HasRule]
    permission_rule = "training.view"
    serializer_class = StaffClassSerializer

    def get_queryset(self):
        return selectors.class_list(user=self.request.user).select_related("community__street__district")


class EnrolmentSerializer(serializers.ModelSerializer):
    resident = SelectorPrimaryKeyField(selector=selectors.enrollable_resident_list)
    training_class = SelectorPrimaryKeyField(selector=selectors.enrollable_class_list)
    resident_name = serializers.CharField(source="resident.name", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "resident",
            "resident_name",
            "training_class",
            "status",
            "enrolled_on",
            "attended_hours",
            "completed_on",
            "certificate_number",
        ]
        read_only_fields = ["status", "enrolled_on", "attended_hours", "completed_on", "certificate_number"]


class EnrolmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Enrolments of residents in the user's area; POST enrols through the
    service (capacity, clashes and scope checked there)."""

    permission_classes = [HasRule]
    permission_rule = "training.view"
    write_permission = "training.enrol"
    serializer_class = EnrolmentSerializer

    def get_queryset(self):
        return selectors.enrolment_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrolment = services.enrolment_create(
            actor=request.user,
            resident=serializer.validated_data["resident"],
            training_class=serializer.validated_data["training_class"],
            request=request,
        )
        return Response(self.get_serializer(enrolment).data, status=status.HTTP_201_CREATED)


class NeedSerializer(serializers.ModelSerializer):
    resident = SelectorPrimaryKeyField(selector=selectors.enrollable_resident_list)
    resident_name = serializers.CharField(source="resident.name", read_only=True)
    # Published courses of the caller's district(s); another district's course
    # answers "does not exist", like a missing one.
    course = SelectorPrimaryKeyField(selector=selectors.need_course_list, required=False, allow_null=True)

    class Meta:
        model = TrainingNeed
        fields = ["id", "resident", "resident_name", "occupation", "course", "round_date", "note"]


class NeedViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasRule]
    permission_rule = "training.view"
    write_permission = "training.record_need"
    serializer_class = NeedSerializer

    def get_queryset(self):
        return selectors.need_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        need = services.training_need_record(
            actor=request.user,
            resident=data["resident"],
            occupation=data.get("occupation", ""),
            course=data.get("course"),
            round_date=data["round_date"],
            note=data.get("note", ""),
            request=request,
        )
        return Response(self.get_serializer(need).data, status=status.HTTP_201_CREATED)


routes: list = [
    ("training/catalogue", PublicCourseViewSet, "training-catalogue"),
    ("training/open-classes", PublicClassViewSet, "training-open-class"),
    ("training/classes", StaffClassViewSet, "training-class"),
    ("training/enrolments", EnrolmentViewSet, "training-enrolment"),
    ("training/needs", NeedViewSet, "training-need"),
]
