"""/api/v1/residents/: list, retrieve, create and update within scope.

Never public. Lists show masked ID numbers and phones; a retrieve returns the
full values and is written to the audit log as a VIEW, like the record page.
Writes are validated by the same ResidentForm as the pages and the Excel
import, then go through the registry services.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from stations.apis.permissions import HasRule
from stations.forms.residents import ResidentForm, resident_form_initial
from stations.models import SENSITIVE_GROUPS, EmploymentStatus, Resident
from stations.permissions import user_can
from stations.selectors import (
    DERIVED_GROUPS,
    derived_group_codes,
    name_q,
    resident_get,
    resident_get_for_user,
    resident_list,
)
from stations.services import residents as services
from stations.validators import normalize_text


class ResidentListSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(source="masked_id_number", read_only=True)
    mobile = serializers.CharField(source="masked_mobile", read_only=True)
    community = serializers.CharField(source="community.name", read_only=True)
    community_id = serializers.IntegerField(read_only=True)
    age = serializers.IntegerField(read_only=True)
    target_groups = serializers.SerializerMethodField()
    derived_groups = serializers.SerializerMethodField()

    class Meta:
        model = Resident
        fields = [
            "id",
            "name",
            "id_number",
            "mobile",
            "sex",
            "birth_date",
            "age",
            "community_id",
            "community",
            "employment_status",
            "skill_level",
            "four_clears_score",
            "target_groups",
            "derived_groups",
            "removed_at",
            "removal_reason",
        ]
        read_only_fields = fields

    def get_target_groups(self, obj) -> list[str]:
        # Lists never carry the sensitive groups (disability, hardship).
        return [g.code for g in obj.target_groups.all() if g.code not in SENSITIVE_GROUPS]

    def get_derived_groups(self, obj) -> list[str]:
        return derived_group_codes(obj)


class ResidentDetailSerializer(ResidentListSerializer):
    id_number = serializers.CharField(read_only=True)
    mobile = serializers.CharField(read_only=True)
    household_id = serializers.IntegerField(read_only=True)
    zero_employment_household = serializers.SerializerMethodField()
    # The code (stations/occupations.py) and its name, so a client need not
    # carry its own copy of the classification.
    wanted_occupation_label = serializers.CharField(source="get_wanted_occupation_display", read_only=True)

    class Meta(ResidentListSerializer.Meta):
        fields = [
            *ResidentListSerializer.Meta.fields,
            "address",
            "education",
            "is_graduate",
            "graduation_school",
            "graduation_date",
            "skills",
            "wants_training",
            "wanted_course_types",
            "wanted_occupation",
            "wanted_occupation_label",
            "wanted_job_categories",
            "wanted_work_pattern",
            "salary_expectation",
            "household_id",
            "zero_employment_household",
            "registered_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_target_groups(self, obj) -> list[str]:
        user = self.context["request"].user
        show_sensitive = user_can(user, "stations.manage_resident")
        return [g.code for g in obj.target_groups.all() if show_sensitive or g.code not in SENSITIVE_GROUPS]

    def get_zero_employment_household(self, obj) -> bool:
        return bool(obj.household_id and obj.household.zero_employment_since)


class ResidentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Residents in the caller's scope. Filters: `community`, `status`,
    `group` (a target group or one of the derived groups), `skill`,
    `four_clears`, `sort`. Search by ID number or phone is not offered here:
    those never go in a URL; use the staff pages' search."""

    permission_classes = [HasRule]
    permission_rule = "stations.view_resident"
    write_permission = "stations.manage_resident"

    def get_queryset(self):
        params = self.request.query_params
        filters = {k: params.get(k, "") for k in ("community", "status", "group", "skill", "four_clears", "sort")}
        if filters["community"] and not filters["community"].isdigit():
            raise DRFValidationError({"community": ["A community id is a number."]})
        if filters["group"] and filters["group"] not in DERIVED_GROUPS and not _known_group(filters["group"]):
            raise DRFValidationError({"group": ["Unknown target group."]})
        filters["name"] = params.get("name", "")
        qs = resident_list(user=self.request.user, filters={**filters, "text": ""})
        if filters["name"]:
            qs = qs.filter(name_q(normalize_text(filters["name"])))
        return qs

    def get_serializer_class(self):
        return ResidentListSerializer if self.action == "list" else ResidentDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        resident = resident_get_for_user(user=request.user, pk=kwargs["pk"])
        services.resident_open_full_record(actor=request.user, resident=resident, request=request)
        return Response(ResidentDetailSerializer(resident, context={"request": request}).data)

    def create(self, request, *args, **kwargs):
        form = ResidentForm(data=_form_data(request.data), user=request.user)
        if not form.is_valid():
            raise DRFValidationError(_form_errors(form))
        try:
            resident = services.resident_register(
                actor=request.user, community=form.cleaned_data["community"], data=form.service_data(), request=request
            )
        except ValidationError as exc:
            raise DRFValidationError(_django_errors(exc)) from None
        resident = resident_get_for_user(user=request.user, pk=resident.pk)
        return Response(
            ResidentDetailSerializer(resident, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    def update(self, request, *args, **kwargs):
        resident = resident_get_for_user(user=request.user, pk=kwargs["pk"])
        raw = request.data
        if kwargs.get("partial"):
            merged = resident_form_initial(resident)
            for key in raw:
                merged[key] = raw.getlist(key) if key == "target_groups" and hasattr(raw, "getlist") else raw[key]
            raw = merged
        data = _form_data(raw)
        form = ResidentForm(data=data, instance=resident, user=request.user)
        if not form.is_valid():
            raise DRFValidationError(_form_errors(form))
        service_data = form.service_data()
        if request.data.get("employment_status"):
            status_value = request.data["employment_status"]
            since = (
                parse_date(str(request.data.get("status_since") or "")) if request.data.get("status_since") else None
            )
            if status_value not in EmploymentStatus.values:
                raise DRFValidationError({"employment_status": ["Unknown employment status."]})
            if request.data.get("status_since") and since is None:
                raise DRFValidationError({"status_since": ["Enter a date as YYYY-MM-DD."]})
            service_data.update(employment_status=status_value, status_since=since)
        try:
            services.resident_update(
                actor=request.user,
                resident=resident_get(user=request.user, pk=resident.pk),
                data=service_data,
                request=request,
            )
        except ValidationError as exc:
            raise DRFValidationError(_django_errors(exc)) from None
        resident = resident_get_for_user(user=request.user, pk=resident.pk)
        return Response(ResidentDetailSerializer(resident, context={"request": request}).data)


def _known_group(code: str) -> bool:
    from stations.models import TargetGroupCode

    return code in TargetGroupCode.values


def _form_data(data) -> dict:
    """JSON to form data: lists stay lists, booleans and nulls become the
    strings the form widgets read."""
    from django.utils.datastructures import MultiValueDict

    out = MultiValueDict()
    multi = hasattr(data, "getlist")
    for key in data:
        value = data[key]
        if multi:
            values = data.getlist(key)
            value = values if key == "target_groups" else (values[-1] if values else "")
        if key == "wants_training":
            value = {None: "unknown", True: "true", False: "false"}.get(value, value)
        elif key == "is_graduate":
            value = "on" if value in (True, "true", "True", "1", "on") else ""
        elif value is None:
            value = ""
        if isinstance(value, list):
            out.setlist(key, [str(v) for v in value])
        else:
            out[key] = value
    return out


def _form_errors(form) -> dict:
    return {field: [str(m) for m in errors] for field, errors in form.errors.items()}


def _django_errors(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    return {"non_field_errors": exc.messages}
