"""API of the job market, mounted under /api/v1/jobs/.

Public reads (no account, throttled): live postings with the same filters as
/jobs/, and published fairs. Staff endpoints (employers, postings,
recommendations) read through `visible_to(user)` so out of scope is a 404, and
write through services, whose ValidationErrors become 400s with field errors.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jobs import selectors, services
from jobs.models import Employer, Posting
from jobs.serializers import (
    EmployerSerializer,
    PostingSearchSerializer,
    PublicFairSerializer,
    PublicPostingSerializer,
    RecommendationSerializer,
    StaffPostingSerializer,
    TransitionSerializer,
)
from stations.apis.permissions import HasRule, PublicReadStaffWrite
from stations.apis.throttling import AnonymousThrottle

PER_PAGE = 20


class PublicPostingViewSet(viewsets.ReadOnlyModelViewSet):
    """Live postings (published, inside their window), newest first or by
    distance from `near_community` within `radius` km."""

    permission_classes = [PublicReadStaffWrite]
    throttle_classes = [AnonymousThrottle]
    write_permission = "jobs.manage_posting"  # unused: read-only
    serializer_class = PublicPostingSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.public_live_postings()

    @extend_schema(parameters=[PostingSearchSerializer])
    def list(self, request, *args, **kwargs):
        params = PostingSearchSerializer(
            data=request.query_params.dict() | {"suits": request.query_params.getlist("suits")}
        )
        params.is_valid(raise_exception=True)
        data = params.validated_data
        near = data.get("near_community")
        search = selectors.PostingSearch(
            district=data.get("district"),
            street=data.get("street"),
            community=data.get("community"),
            category=data.get("category", ""),
            work_pattern=data.get("pattern", ""),
            salary_floor=data.get("salary"),
            suits=tuple(data.get("suits") or ()),
            q=(data.get("q") or "").strip(),
            near_lat=float(near.latitude) if near else None,
            near_lng=float(near.longitude) if near else None,
            radius_km=data.get("radius") if near else None,
            sort=data["sort"] if near else "newest",
        )
        page = selectors.public_posting_page(search, page=data["page"], per_page=PER_PAGE)
        return Response(
            {
                "count": page.total,
                "page": page.page,
                "pages": page.pages,
                "results": PublicPostingSerializer(page.postings, many=True).data,
            }
        )


class PublicFairViewSet(viewsets.ReadOnlyModelViewSet):
    """Published job fairs that have not ended."""

    permission_classes = [PublicReadStaffWrite]
    throttle_classes = [AnonymousThrottle]
    write_permission = "jobs.manage_fair"  # unused: read-only
    serializer_class = PublicFairSerializer

    def get_queryset(self):
        return selectors.public_fairs_with_lists()


class _StaffViewSet(viewsets.GenericViewSet):
    permission_classes = [HasRule]
    permission_rule = "jobs.view"

    def perform_service(self, func, **kwargs):
        return func(actor=self.request.user, request=self.request, **kwargs)


class EmployerViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, _StaffViewSet
):
    """Employers in the caller's area (社区用工数据库)."""

    serializer_class = EmployerSerializer
    write_permission = "jobs.manage_employer"

    def get_queryset(self):
        return selectors.employer_search(user=self.request.user, q=self.request.query_params.get("q", ""))

    def perform_create(self, serializer):
        employer = Employer(**serializer.validated_data)
        self._check_unique(employer)
        serializer.instance = self.perform_service(services.employer_save, employer=employer)

    def perform_update(self, serializer):
        employer = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(employer, name, value)
        self._check_unique(employer)
        serializer.instance = self.perform_service(services.employer_save, employer=employer)

    def _check_unique(self, employer):
        from stations.validators import normalize_credit_code

        try:
            code = normalize_credit_code(employer.credit_code)
        except ValidationError as exc:
            raise ValidationError({"credit_code": exc.messages}) from None
        if selectors.employer_credit_code_taken(code=code, exclude_pk=employer.pk):
            raise ValidationError({"credit_code": "An employer with this credit code is already registered."})


class StaffPostingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, _StaffViewSet
):
    """Postings in the caller's area, any status; `publish` and `reject` decide."""

    serializer_class = StaffPostingSerializer
    write_permission = "jobs.manage_posting"

    def get_queryset(self):
        return selectors.posting_list(user=self.request.user, filters=self.request.query_params)

    def perform_create(self, serializer):
        data = serializer.validated_data
        if not selectors.community_is_visible(user=self.request.user, pk=data["community"].pk):
            raise ValidationError({"community": "You can only choose a community in your own area."})
        serializer.instance = self.perform_service(services.posting_save, posting=Posting(**data))

    def perform_update(self, serializer):
        posting = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(posting, name, value)
        serializer.instance = self.perform_service(services.posting_save, posting=posting)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        posting = self.perform_service(
            services.posting_publish, posting=self.get_object(), note=request.data.get("note", "")
        )
        return Response(StaffPostingSerializer(posting).data)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        posting = self.perform_service(
            services.posting_reject, posting=self.get_object(), reason=request.data.get("reason", "")
        )
        return Response(StaffPostingSerializer(posting).data)

    def get_permissions(self):
        if self.action in ("publish", "reject"):
            self.write_permission = "jobs.review_posting"
        return super().get_permissions()


class RecommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _StaffViewSet):
    """Recommendations for residents in the caller's area; `transition` moves one on."""

    serializer_class = RecommendationSerializer
    write_permission = "jobs.recommend"

    def get_queryset(self):
        return selectors.recommendation_list(user=self.request.user, filters=self.request.query_params)

    def perform_create(self, serializer):
        data = serializer.validated_data
        resident = selectors.resident_get(user=self.request.user, pk=data["resident"].pk)
        serializer.instance = self.perform_service(
            services.recommendation_create,
            resident=resident,
            posting=data["posting"],
            recommended_on=data.get("recommended_on"),
            channel=data["channel"],
            note=data.get("note", ""),
        )

    @extend_schema(request=TransitionSerializer, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        recommendation = self.get_object()  # out of scope is a 404 before anything else
        params = TransitionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        rec = self.perform_service(
            services.recommendation_transition, recommendation=recommendation, **params.validated_data
        )
        return Response(RecommendationSerializer(rec).data)


routes = [
    ("jobs/postings", PublicPostingViewSet, "jobs-posting"),
    ("jobs/fairs", PublicFairViewSet, "jobs-fair"),
    ("jobs/employers", EmployerViewSet, "jobs-employer"),
    ("jobs/staff-postings", StaffPostingViewSet, "jobs-staff-posting"),
    ("jobs/recommendations", RecommendationViewSet, "jobs-recommendation"),
]
