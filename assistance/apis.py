"""API of the hardship ledger: cases, their services and 12333 progress,
within the caller's scope. Writes go through assistance.services (and the
one service log); querysets start from visible_to(request.user)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assistance import clock, selectors, services
from assistance.models import AidType, AssistanceCase, CaseOrigin, CloseReason
from assistance.services import SERVICE_KINDS_FROM_CASE
from stations.apis.permissions import HasRule
from stations.models import IN_WORK_STATUSES, EmploymentStatus, ServiceChannel, ServiceRecord
from stations.serializers import SelectorPrimaryKeyField


def progress_data(progress) -> dict:
    nd = progress.next_due
    return {
        "year_ends_on": progress.year_ends_on,
        "overdue": progress.is_overdue,
        "year_complete": progress.year_complete,
        "next_due": (
            {
                "kind": nd.kind,
                "count": nd.next_due_count,
                "done": nd.done,
                "due_on": nd.next_due_on,
                "overdue": nd.overdue,
            }
            if nd
            else None
        ),
        "kinds": [
            {
                "kind": k.kind,
                "done": k.done,
                "required": k.required,
                "next_due_count": k.next_due_count,
                "next_due_on": k.next_due_on,
                "overdue": k.overdue,
                "overdue_days": k.overdue_days,
            }
            for k in progress.kinds
        ],
    }


class CaseSerializer(serializers.ModelSerializer):
    resident_name = serializers.CharField(source="resident.name", read_only=True)
    community = serializers.IntegerField(source="resident.community_id", read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = AssistanceCase
        fields = [
            "id",
            "resident",
            "resident_name",
            "community",
            "assigned_to",
            "aid_type",
            "origin",
            "opened_on",
            "year_ends_on",
            "status",
            "closed_on",
            "close_reason",
            "close_note",
            "progress",
        ]
        read_only_fields = fields

    def get_progress(self, case) -> dict:
        schedule = self.context.get("schedule")
        return progress_data(selectors.progress_of(case, schedule=schedule, today=self.context.get("today")))


class CaseOpenSerializer(serializers.Serializer):
    resident = SelectorPrimaryKeyField(selector=selectors.resident_choices)
    # Staff who may hold cases in the caller's area: another area's account
    # answers "does not exist", like a missing one.
    assigned_to = SelectorPrimaryKeyField(selector=selectors.assignable_staff_in_scope)
    aid_type = serializers.ChoiceField(choices=AidType.choices, default=AidType.BASIC_SERVICE)
    opened_on = serializers.DateField(required=False)


class CaseCloseSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=CloseReason.choices)
    closed_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    employment_status = serializers.ChoiceField(
        choices=[s.value for s in EmploymentStatus if s in IN_WORK_STATUSES], default=EmploymentStatus.EMPLOYED
    )


class CaseReassignSerializer(serializers.Serializer):
    assigned_to = SelectorPrimaryKeyField(selector=selectors.assignable_staff_in_scope)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ServiceSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=[(k, k) for k in SERVICE_KINDS_FROM_CASE])
    channel = serializers.ChoiceField(choices=ServiceChannel.choices, default=ServiceChannel.PHONE)
    served_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)

    class Meta:
        model = ServiceRecord
        fields = ["id", "kind", "served_on", "channel", "note", "staff", "concerns_label", "created_at"]
        read_only_fields = ["id", "staff", "concerns_label", "created_at"]


def _assignable_for(request):
    """Filter choices for ?assigned_to=: staff who may hold cases in the
    caller's area, so another area's account answers like a missing one."""
    # The schema generator builds the filter without a request: no choices.
    return selectors.assignable_staff_in_scope(user=getattr(request, "user", None))


class CaseFilter(django_filters.FilterSet):
    assigned_to = django_filters.ModelChoiceFilter(queryset=_assignable_for)

    class Meta:
        model = AssistanceCase
        fields = ["status", "assigned_to", "aid_type"]


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Assistance cases in the caller's scope with their 12333 progress.

    POST opens a case (one open case per resident); `services` lists or
    records services (written to the one service log); `progress` returns
    progress alone; `close` and `reassign` change the case.
    """

    permission_classes = [HasRule]
    permission_rule = "assistance.view_case"
    write_permission = "assistance.open_case"
    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self):
        return selectors.case_list(user=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = clock.today()
        context["schedule"] = selectors.current_schedule(on=context["today"])
        return context

    def get_serializer_class(self):
        if self.action == "create":
            return CaseOpenSerializer
        if self.action == "close":
            return CaseCloseSerializer
        if self.action == "reassign":
            return CaseReassignSerializer
        if self.action == "services":
            return ServiceSerializer
        return CaseSerializer

    def create(self, request, *args, **kwargs):
        serializer = CaseOpenSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        case = services.case_open(
            actor=request.user, origin=CaseOrigin.STAFF, request=request, **serializer.validated_data
        )
        return Response(self._case_data(case.pk), status=status.HTTP_201_CREATED)

    def _case_data(self, pk):
        case = self.get_queryset().get(pk=pk)
        return CaseSerializer(case, context=self.get_serializer_context()).data

    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        case = self.get_object()
        context = self.get_serializer_context()
        return Response(
            progress_data(selectors.progress_of(case, schedule=context["schedule"], today=context["today"]))
        )

    @action(detail=True, methods=["get", "post"])
    def services(self, request, pk=None):
        case = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.case_services(case=case))
            return self.get_paginated_response(ServiceSerializer(page, many=True).data)
        self._require("assistance.record_service")
        serializer = ServiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.case_service_record(
            actor=request.user, case=case, request=request, **serializer.validated_data
        )
        return Response(ServiceSerializer(record).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self.get_object()
        self._require("assistance.close_case")
        serializer = CaseCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.case_close(actor=request.user, case=case, request=request, **serializer.validated_data)
        return Response(self._case_data(case.pk))

    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        case = self.get_object()
        self._require("assistance.reassign_case")
        serializer = CaseReassignSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.case_reassign(actor=request.user, case=case, request=request, **serializer.validated_data)
        return Response(self._case_data(case.pk))

    def _require(self, rule):
        from rest_framework.exceptions import PermissionDenied

        from stations.permissions import user_can

        if not user_can(self.request.user, rule):
            raise PermissionDenied(_("Your role may not do this."))


routes = [("assistance/cases", CaseViewSet, "assistance-case")]
