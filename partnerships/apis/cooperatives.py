"""API of HR agencies and labour cooperatives (T10): organisations, members,
labour projects and project placements, within the user's scope. Writes go
through the services, so the API and the staff pages share one rule set;
their ValidationErrors become 400s with field errors, out of scope is 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from stations.models.residents import IN_WORK_STATUSES
from stations.params import parse_pk
from stations.permissions import user_can
from stations.serializers import SelectorPrimaryKeyField

from ..models import CooperativeMember, LabourOrganisation, LabourProject, ProjectPlacement
from ..selectors import cooperatives as selectors
from ..selectors.common import community_choices, resident_choices
from ..services.cooperatives import organisations, placements, projects
from .common import StaffViewSet

VIEW = "partnerships.view"
MANAGE = "partnerships.manage_cooperatives"


class LabourOrganisationSerializer(serializers.ModelSerializer):
    community = SelectorPrimaryKeyField(selector=community_choices)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LabourOrganisation
        fields = ["id", *LabourOrganisation.EDITABLE_FIELDS, "member_count"]


class CooperativeMemberSerializer(serializers.ModelSerializer):
    organisation = SelectorPrimaryKeyField(selector=selectors.labour_organisation_choices)
    resident = SelectorPrimaryKeyField(selector=resident_choices)
    resident_name = serializers.CharField(source="resident.name", read_only=True)
    resident_masked_id = serializers.CharField(source="resident.masked_id_number", read_only=True)

    class Meta:
        model = CooperativeMember
        fields = [
            "id",
            "organisation",
            "resident",
            "resident_name",
            "resident_masked_id",
            "joined_on",
            "left_on",
            "skills",
        ]
        read_only_fields = ["left_on"]
        # The service explains a second membership with the resident's name.
        validators = []


class MemberLeaveSerializer(serializers.Serializer):
    left_on = serializers.DateField()


class LabourProjectSerializer(serializers.ModelSerializer):
    organisation = SelectorPrimaryKeyField(selector=selectors.labour_organisation_choices)
    working = serializers.IntegerField(read_only=True)

    class Meta:
        model = LabourProject
        fields = [
            "id",
            "organisation",
            "kind",
            "title",
            "client",
            "starts_on",
            "ends_on",
            "value",
            "posts",
            "working",
            "note",
        ]
        # Period and posts are checked by the model's clean() in the service,
        # with messages naming the field.
        validators = []


class ProjectPlacementSerializer(serializers.ModelSerializer):
    project = SelectorPrimaryKeyField(selector=selectors.labour_project_choices)
    resident = SelectorPrimaryKeyField(selector=resident_choices)
    resident_name = serializers.CharField(source="resident.name", read_only=True)
    resident_masked_id = serializers.CharField(source="resident.masked_id_number", read_only=True)
    employment_status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in IN_WORK_STATUSES], required=False, default=IN_WORK_STATUSES[0].value
    )
    is_priority = serializers.BooleanField(read_only=True)

    class Meta:
        model = ProjectPlacement
        fields = [
            "id",
            "project",
            "resident",
            "resident_name",
            "resident_masked_id",
            "post",
            "started_on",
            "ended_on",
            "employment_status",
            "is_priority",
            "is_older_worker",
            "is_hard_to_employ",
            "is_low_income",
        ]
        read_only_fields = ["ended_on", "is_older_worker", "is_hard_to_employ", "is_low_income"]
        validators = []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Hardship groups only for staff who work residents' records, as on
        # the resident API; everyone sees that a person has priority.
        if not user_can(self.context["request"].user, "stations.manage_resident"):
            data["is_hard_to_employ"] = None
            data["is_low_income"] = None
        return data


class PlacementEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
    resident_out_of_work = serializers.BooleanField(required=False, default=False)


class CooperativesViewSet(StaffViewSet):
    write_permission = MANAGE


class LabourOrganisationViewSet(CooperativesViewSet):
    serializer_class = LabourOrganisationSerializer

    def get_queryset(self):
        return selectors.labour_organisation_list(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        organisation = organisations.labour_organisation_save(
            actor=self.request.user,
            organisation=LabourOrganisation(**serializer.validated_data),
            request=self.request,
        )
        organisation.member_count = 0
        serializer.instance = organisation


class CooperativeMemberViewSet(CooperativesViewSet):
    serializer_class = CooperativeMemberSerializer

    def get_queryset(self):
        qs = selectors.cooperative_member_list(user=self.request.user).order_by("pk")
        if organisation := parse_pk(self.request.query_params.get("organisation")):
            qs = qs.filter(organisation_id=organisation)
        return qs

    def perform_create(self, serializer):
        serializer.instance = organisations.cooperative_member_add(
            actor=self.request.user, request=self.request, **serializer.validated_data
        )

    @extend_schema(request=MemberLeaveSerializer, responses=CooperativeMemberSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        """Record the day the member left the organisation."""
        member = self.get_object()
        step = MemberLeaveSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        updated = organisations.cooperative_member_leave(
            actor=request.user, member=member, left_on=step.validated_data["left_on"], request=request
        )
        return Response(CooperativeMemberSerializer(updated, context=self.get_serializer_context()).data)


class LabourProjectViewSet(CooperativesViewSet):
    serializer_class = LabourProjectSerializer

    def get_queryset(self):
        return selectors.labour_project_list(user=self.request.user).order_by("pk")

    def perform_create(self, serializer):
        project = projects.labour_project_save(
            actor=self.request.user, project=LabourProject(**serializer.validated_data), request=self.request
        )
        project.working = 0
        serializer.instance = project


class ProjectPlacementViewSet(CooperativesViewSet):
    serializer_class = ProjectPlacementSerializer

    def get_queryset(self):
        params = self.request.query_params
        filters = {name: params.get(name, "") for name in ("project", "community", "open", "priority")}
        return selectors.project_placement_list(user=self.request.user, filters=filters).order_by("pk")

    def perform_create(self, serializer):
        serializer.instance = placements.project_placement_create(
            actor=self.request.user, request=self.request, **serializer.validated_data
        )

    @extend_schema(request=PlacementEndSerializer, responses=ProjectPlacementSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the resident's work on the project; `resident_out_of_work` also
        registers them unemployed from that day."""
        placement = self.get_object()
        step = PlacementEndSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        updated = placements.project_placement_end(
            actor=request.user, placement=placement, request=request, **step.validated_data
        )
        return Response(ProjectPlacementSerializer(updated, context=self.get_serializer_context()).data)


routes = [
    ("partners/organisations", LabourOrganisationViewSet, "partners-organisation"),
    ("partners/members", CooperativeMemberViewSet, "partners-member"),
    ("partners/projects", LabourProjectViewSet, "partners-project"),
    ("partners/placements", ProjectPlacementViewSet, "partners-placement"),
]
