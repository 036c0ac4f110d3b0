"""API shapes of the job market. Public serializers carry nothing personal;
staff serializers validate their fields and leave the decision to services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from jobs.forms import normalize_contact_phone
from jobs.geo import RADII_KM
from jobs.models import Employer, JobFair, OccupationCategory, Posting, Recommendation, RejectionReason
from jobs.selectors import located_community, posting_site_choices, recommendable_posting_list
from jobs.services.employers import EMPLOYER_FIELDS
from jobs.services.fairs import FAIR_PUBLIC_FIELDS
from jobs.services.postings import POSTING_FIELDS, POSTING_OFFER_FIELDS
from stations.models import ServiceChannel, WorkPattern
from stations.params import MAX_PK
from stations.serializers import ScopedPrimaryKeyField, SelectorPrimaryKeyField

# What the public sees of a posting: what was offered, less the reason given
# for an age limit (the reviewer's business) and the contact's email, and the
# programme it counts for.
PUBLIC_POSTING_FIELDS = (
    *(name for name in POSTING_OFFER_FIELDS if name not in ("age_limit_reason", "contact_email")),
    "is_public_welfare",
    "is_community_worker",
)


class PublicPostingSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    community_name = serializers.CharField(source="community.name", read_only=True)
    street_name = serializers.CharField(source="community.street.name", read_only=True)
    district_name = serializers.CharField(source="community.street.district.name", read_only=True)
    distance_km = serializers.SerializerMethodField()

    class Meta:
        model = Posting
        fields = [
            "id",
            *PUBLIC_POSTING_FIELDS,
            "employer_name",
            "community_name",
            "street_name",
            "district_name",
            "published_at",
            "distance_km",
        ]
        read_only_fields = fields  # served by a read-only viewset

    def get_distance_km(self, obj) -> float | None:
        d = getattr(obj, "distance_km", None)
        return round(d, 2) if d is not None else None


class PostingSearchSerializer(serializers.Serializer):
    """The public list's query parameters, as on /jobs/."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=60)
    district = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PK)
    street = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PK)
    community = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PK)
    category = serializers.ChoiceField(required=False, choices=OccupationCategory.choices)
    pattern = serializers.ChoiceField(required=False, choices=WorkPattern.choices)
    salary = serializers.IntegerField(required=False, min_value=0, max_value=100000)
    suits = serializers.MultipleChoiceField(required=False, choices=["disabled", "carers", "older"])
    near_community = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PK)
    radius = serializers.ChoiceField(required=False, choices=RADII_KM)
    sort = serializers.ChoiceField(required=False, choices=["newest", "distance"], default="newest")
    page = serializers.IntegerField(required=False, min_value=1, max_value=100000, default=1)

    def validate_near_community(self, value):
        community = located_community(pk=value)
        if community is None:
            raise serializers.ValidationError(_("Unknown community, or it has no coordinates."))
        return community


class PublicFairSerializer(serializers.ModelSerializer):
    employers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    postings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = JobFair
        fields = ["id", *FAIR_PUBLIC_FIELDS]


class EmployerSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedPrimaryKeyField  # a key of another area answers "does not exist"

    class Meta:
        model = Employer
        fields = ["id", *EMPLOYER_FIELDS, "verified"]
        read_only_fields = ["verified"]
        # Uniqueness is checked by the service with a clearer message.
        extra_kwargs = {"credit_code": {"validators": []}}


class ScreeningFlagSerializer(serializers.Serializer):
    """A flag as stored (code, field) with its label and reason in the caller's language."""

    code = serializers.CharField()
    field = serializers.CharField()
    blocking = serializers.BooleanField()
    label = serializers.CharField()
    reason = serializers.CharField(source="message")


class StaffPostingSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedPrimaryKeyField  # a key of another area answers "does not exist"
    screening_flags = ScreeningFlagSerializer(source="screening_notes", many=True, read_only=True)
    # Only the sites where work is done, in the caller's area.
    related_site = SelectorPrimaryKeyField(selector=posting_site_choices, required=False, allow_null=True)

    class Meta:
        model = Posting
        fields = [
            "id",
            *POSTING_FIELDS,
            "status",
            "source",
            "screening_flags",
            "screening_blocked",
            "review_note",
            "published_at",
        ]
        read_only_fields = ["status", "source", "screening_blocked", "review_note", "published_at"]

    def validate_contact_phone(self, value):
        from django.core.exceptions import ValidationError

        try:
            return normalize_contact_phone(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None


class RecommendationSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedPrimaryKeyField  # a key of another area answers "does not exist"
    posting = SelectorPrimaryKeyField(selector=recommendable_posting_list)
    channel = serializers.ChoiceField(choices=ServiceChannel.choices, write_only=True, default=ServiceChannel.STATION)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "resident",
            "posting",
            "recommended_on",
            "staff",
            "state",
            "rejection_reason",
            "note",
            "channel",
        ]
        read_only_fields = ["staff", "state", "rejection_reason"]
        extra_kwargs = {"recommended_on": {"required": False}}
        validators = []


class TransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=[step.name for step in Recommendation.workflow])
    reason = serializers.ChoiceField(choices=RejectionReason.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    started_on = serializers.DateField(required=False, allow_null=True, default=None)
    contract_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=120, default=None
    )
