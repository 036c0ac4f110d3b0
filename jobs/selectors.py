"""Reads of the job market shared by pages, the API and exports.

Staff reads take `user=` and start from `visible_to(user)`. Public reads see
only live postings (published and inside their window) and published fairs,
and never anything personal.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jobs.geo import bounding_box, haversine_km
from jobs.models import (
    Employer,
    EmployerImportBatch,
    FairSignUp,
    JobAlert,
    JobAlertMatch,
    JobFair,
    LabourSurvey,
    Placement,
    Posting,
    PostingStatus,
    Recommendation,
    RecommendationTransition,
    monthly_pay,
)
from stations.models import JOB_SITE_KINDS, Community, RelatedSite, Resident, Station, Street
from stations.models.region import workers_per_10k
from stations.params import parse_pk
from stations.policy import policy_value
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.scoping import get_visible_or_404, sees_whole_city
from stations.validators import normalize_code, normalize_text

# Plan target T4: 18 community workers per 10,000 urban residents by end of 2025.

PUBLIC_RELATED = ("employer", "community__street__district")


@dataclass
class PostingSearch:
    """What the public list and the API accept (all optional)."""

    district: int | None = None
    street: int | None = None
    community: int | None = None
    category: str = ""
    work_pattern: str = ""
    salary_floor: int | None = None
    suits: tuple[str, ...] = ()
    q: str = ""
    near_lat: float | None = None
    near_lng: float | None = None
    radius_km: int | None = None
    sort: str = "newest"


SUITS_FIELDS = {"disabled": "suits_disabled", "carers": "suits_carers", "older": "suits_older"}


def public_posting_queryset(search: PostingSearch, *, today: dt.date | None = None) -> QuerySet[Posting]:
    """Live postings matching the search, not yet ordered or paginated."""
    today = today or timezone.localdate()
    qs = Posting.objects.live(on=today)
    if search.community:
        qs = qs.filter(community_id=search.community)
    elif search.street:
        qs = qs.filter(community_id__in=Community.objects.filter(street_id=search.street).values("pk"))
    elif search.district:
        qs = qs.filter(community_id__in=Community.objects.filter(street__district_id=search.district).values("pk"))
    if search.category:
        qs = qs.filter(occupation_category=search.category)
    if search.work_pattern:
        qs = qs.filter(work_pattern=search.work_pattern)
    if search.salary_floor:
        # The floor is a month's pay: hourly and daily postings compare as a month's.
        qs = qs.alias(monthly_max=monthly_pay("salary_max")).filter(monthly_max__gte=search.salary_floor)
    for tag in search.suits:
        if tag in SUITS_FIELDS:
            qs = qs.filter(**{SUITS_FIELDS[tag]: True})
    if search.q:
        for word in search.q.split()[:5]:
            qs = qs.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | Q(employer__name__icontains=word)
            )
    if search.near_lat is not None and search.radius_km:
        min_lat, max_lat, min_lng, max_lng = bounding_box(search.near_lat, search.near_lng, search.radius_km)
        qs = qs.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
    return qs


@dataclass
class PostingPage:
    postings: list
    total: int
    page: int
    pages: int
    capped: bool = False

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


# Counting every match of a broad search costs a scan; nobody pages past 50.
# The list says "1,000+" beyond this and pages stop there.
COUNT_CAP = 1000
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LNG_EQUATOR = 111.32


def _distance_squared(lat0: float, lng0: float):
    """Squared equirectangular distance in km² as a plain SQL expression (no
    database maths functions, so SQLite and PostgreSQL alike). Within 10 km
    it differs from the great-circle distance by far less than a metre per km."""
    kx = KM_PER_DEGREE_LNG_EQUATOR * math.cos(math.radians(lat0))
    dx = (F("longitude") - Value(lng0)) * Value(kx)
    dy = (F("latitude") - Value(lat0)) * Value(KM_PER_DEGREE_LAT)
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def public_posting_page(
    search: PostingSearch, *, page: int = 1, per_page: int = 20, today: dt.date | None = None
) -> PostingPage:
    """One page of the public list in exactly two queries: a count capped at
    COUNT_CAP, then the page. A radius narrows rows by bounding box (indexed)
    and then by distance, both in SQL; "nearest first" orders by distance."""
    qs = public_posting_queryset(search, today=today)
    near = search.near_lat is not None
    if near:
        qs = qs.annotate(d2=_distance_squared(search.near_lat, search.near_lng))
        if search.radius_km:
            qs = qs.filter(d2__lte=search.radius_km**2)
    if near and search.sort == "distance":
        qs = qs.exclude(latitude=None).order_by("d2", "-pk")
    else:
        qs = qs.order_by("-published_at", "-pk")
    counted = qs.order_by()[: COUNT_CAP + 1].count()
    capped = counted > COUNT_CAP
    total = min(counted, COUNT_CAP)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    postings = []
    if total:
        # The page's ids come from the posting table alone (an index scan in
        # order), and the joins for display touch only those rows: joined
        # first, the planner sorts every live posting instead.
        window = qs.values("pk")[(page - 1) * per_page : page * per_page]
        ordering = qs.query.order_by
        postings = list(
            Posting.objects.filter(pk__in=Subquery(window))
            .annotate(**({"d2": qs.query.annotations["d2"]} if near else {}))
            .select_related(*PUBLIC_RELATED)
            .order_by(*ordering)
        )
    for p in postings:
        p.distance_km = (
            haversine_km(search.near_lat, search.near_lng, p.latitude, p.longitude)
            if near and p.latitude is not None
            else None
        )
    return PostingPage(postings, total, page, pages, capped)


def public_posting_get(*, pk: int, today: dt.date | None = None) -> Posting:
    """A live posting for its public page (404 by the caller when missing)."""
    return (
        Posting.objects.live(on=today or timezone.localdate())
        .select_related(*PUBLIC_RELATED, "related_site")
        .get(pk=pk)
    )


def stations_for_community(community_id: int) -> list[Station]:
    """Where a resident can ask about a posting: open stations serving its community."""
    return list(
        Station.objects.filter(Q(community_id=community_id) | Q(served_communities=community_id))
        .exclude(status="closed")
        .distinct()
        .order_by("name")[:3]
    )


def station_live_postings(*, station: Station, today: dt.date | None = None) -> list[Posting]:
    """The notice-board sheet: live postings in the communities the station serves."""
    communities = {station.community_id, *station.served_communities.values_list("pk", flat=True)}
    return list(
        Posting.objects.live(on=today or timezone.localdate())
        .filter(community_id__in=communities)
        .select_related("employer")
        .order_by("-published_at", "-pk")[:12]
    )


def posting_site_choices(*, user) -> QuerySet[RelatedSite]:
    """The sites in the user's area a posting can be tied to: active places
    where the work is done (micro-factories, Rukang homes, housekeeping
    outlets, demo bases)."""
    return (
        RelatedSite.objects.visible_to(user)
        .filter(is_active=True, kind__in=JOB_SITE_KINDS)
        .select_related("community")
        .order_by("community__code", "kind", "name")
    )


def public_site_get(*, pk) -> RelatedSite:
    """An active site for its public page (RelatedSite.DoesNotExist otherwise):
    a public fact about a place, like the station finder's."""
    return RelatedSite.objects.filter(is_active=True).select_related("community__street__district").get(pk=pk)


def public_site_postings(*, site: RelatedSite, today: dt.date | None = None) -> QuerySet[Posting]:
    """The site's open jobs: published and inside their window today."""
    return (
        Posting.objects.live(on=today or timezone.localdate())
        .filter(related_site=site)
        .select_related(*PUBLIC_RELATED)
        .order_by("-published_at", "-pk")
    )


def public_fair_list(*, today: dt.date | None = None) -> QuerySet[JobFair]:
    now = timezone.now()
    return JobFair.objects.filter(is_published=True, ends_at__gte=now).select_related("community__street__district")


def public_fair_get(*, pk) -> JobFair:
    """A published fair for its public page; 404 when missing or unpublished."""
    qs = JobFair.objects.filter(is_published=True).select_related("community__street__district")
    return get_object_or_404(qs, pk=pk)


def public_fair_postings(*, fair: JobFair, today: dt.date | None = None) -> QuerySet[Posting]:
    """The fair's postings that are live today."""
    return fair.postings.live(on=today or timezone.localdate()).select_related("employer")


def public_station_get(*, pk) -> Station:
    """A station that is not closed, for its notice-board sheet; 404 otherwise."""
    return get_object_or_404(Station.objects.exclude(status="closed").select_related("community"), pk=pk)


def submitted_posting(*, pk) -> Posting | None:
    """The posting an employer has just sent from this browser (its pk kept in
    their session), for the thank-you page."""
    return Posting.objects.filter(pk=pk).select_related("community").first() if pk else None


def located_community(*, pk) -> Community | None:
    """A community with coordinates, for "near" in the public search (a public
    fact about a place); None when missing or without coordinates."""
    community = Community.objects.filter(pk=pk).first()
    return community if community is not None and community.latitude is not None else None


def public_places(params=None) -> tuple[list[Street], list[Community], list[Station]]:
    """Streets for the filters, and communities and stations only inside the
    chosen district or street: a city has 2,400 of each, and listing them all
    made the page 600 KB. The place chosen as "near" is always included, so a
    shared link keeps working. Three queries."""
    params = params or {}
    district, street = parse_pk(params.get("district")), parse_pk(params.get("street"))
    near = str(params.get("near") or "")
    communities_q, stations_q = Q(pk__in=[]), Q(pk__in=[])
    if street:
        communities_q, stations_q = Q(street_id=street), Q(community__street_id=street)
    elif district:
        communities_q, stations_q = Q(street__district_id=district), Q(community__street__district_id=district)
    if near[:1] == "c" and near[1:].isdigit():
        communities_q |= Q(pk=int(near[1:]))
    if near[:1] == "s" and near[1:].isdigit():
        stations_q |= Q(pk=int(near[1:]))
    # Each street with the centre of its communities, so "near" offers the
    # streets before a district is chosen (without JavaScript too). Same query.
    streets = list(
        Street.objects.select_related("district")
        .annotate(latitude=Avg("communities__latitude"), longitude=Avg("communities__longitude"))
        .order_by("code")
    )
    communities = list(Community.objects.filter(communities_q).select_related("street__district").order_by("code"))
    stations = list(Station.objects.exclude(status="closed").filter(stations_q).order_by("community__code", "name"))
    return streets, communities, stations


def public_fairs_with_lists() -> QuerySet[JobFair]:
    """Published fairs not yet over, with their employers and postings, in date order (the API)."""
    return public_fair_list().prefetch_related("employers", "postings").order_by("starts_at", "pk")


def public_community_choices() -> QuerySet[Community]:
    """Every community, for the employer's own form (the job market is city-wide)."""
    return Community.objects.select_related("street__district").order_by("code")


# --- staff ---------------------------------------------------------------------


def employer_search_q(text: str) -> Q:
    """Part of an employer's name or credit code, as typed (full-width
    characters and spaces in a code normalised as stored codes are)."""
    name, code = normalize_text(text), normalize_code(text)
    return Q(name__icontains=name) | (Q(credit_code__icontains=code) if code else Q(pk__in=[]))


def employer_list(*, user, filters: dict | None = None) -> QuerySet[Employer]:
    filters = filters or {}
    latest = LabourSurvey.objects.filter(employer=OuterRef("pk")).order_by("-surveyed_on")
    qs = Employer.objects.visible_to(user).select_related("community")
    if normalize_text(filters.get("q")):
        qs = qs.filter(employer_search_q(filters["q"]))
    if filters.get("short"):
        qs = qs.filter(Exists(latest.filter(shortage__gt=0)))
    return qs.annotate(
        latest_survey_on=Subquery(latest.values("surveyed_on")[:1]),
        latest_shortage=Subquery(latest.values("shortage")[:1]),
        latest_headcount=Subquery(latest.values("headcount")[:1]),
        live_postings=Count("postings", filter=Q(postings__status=PostingStatus.PUBLISHED)),
    ).order_by("name", "pk")


def posting_list(*, user, filters: dict | None = None) -> QuerySet[Posting]:
    filters = filters or {}
    qs = Posting.objects.visible_to(user).select_related("employer", "community")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(employer__name__icontains=filters["q"]))
    if filters.get("flagged"):
        qs = qs.exclude(screening_flags=[])
    return qs.order_by("-created_at", "-pk")


def recommendable_posting_list(*, user) -> QuerySet[Posting]:
    """Postings a user may name in a recommendation: the published ones
    anywhere (the job market is public) and any in the user's area (the
    service refuses an unpublished one with its reason). Another area's
    draft answers like a missing posting."""
    in_area = Posting.objects.visible_to(user).values("pk")
    return Posting.objects.filter(Q(status=PostingStatus.PUBLISHED) | Q(pk__in=in_area))


def employer_choices(*, user) -> QuerySet[Employer]:
    return Employer.objects.visible_to(user).order_by("name", "pk")


def employer_is_visible(*, user, pk: int) -> bool:
    return Employer.objects.visible_to(user).filter(pk=pk).exists()


def postings_by_pk(*, pks) -> QuerySet[Posting]:
    """Postings already chosen by a scoped read (their pks), newest first."""
    return Posting.objects.filter(pk__in=pks).select_related("employer", "community").order_by("-published_at", "-pk")


def postings_to_link() -> QuerySet[Posting]:
    """Any posting, by pk, for a choice that a service then checks against
    the user's scope (a partner's commitment may name a posting of its
    employer in another area: `postings_in_scope_or_of_employer`)."""
    return Posting.objects.all()


def postings_in_scope_or_of_employer(*, user, employer_id: int | None) -> QuerySet[Posting]:
    """The user's postings, and (deliberately across scope) those of one
    employer wherever they are placed: a partner's employer may recruit for a
    community's promise from anywhere in the city."""
    q = Q(pk__in=Posting.objects.visible_to(user).values("pk"))
    if employer_id:
        q |= Q(employer_id=employer_id)
    return Posting.objects.filter(q).select_related("employer", "community")


def placement_list(*, user) -> QuerySet[Placement]:
    return Placement.objects.visible_to(user)


def placements_on_postings(*, postings, started_from: dt.date) -> QuerySet[Placement]:
    """Hires on the given postings that started on or after a date, earliest
    first (system reads for counting; callers scope what they list)."""
    return Placement.objects.filter(posting__in=postings, started_on__gte=started_from).order_by("started_on", "pk")


def review_queue(*, user) -> QuerySet[Posting]:
    """Postings waiting for a decision in the user's area, oldest first."""
    return (
        Posting.objects.visible_to(user)
        .filter(status=PostingStatus.PENDING)
        .select_related("employer", "community")
        .order_by("created_at", "pk")
    )


def recommendation_list(*, user, filters: dict | None = None) -> QuerySet[Recommendation]:
    filters = filters or {}
    qs = Recommendation.objects.visible_to(user).select_related("resident", "posting__employer", "staff")
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("resident"):
        qs = qs.filter(resident_id=filters["resident"])
    return qs


def fair_list(*, user) -> QuerySet[JobFair]:
    return (
        JobFair.objects.visible_to(user)
        .select_related("community")
        .annotate(signup_count=Count("signups", distinct=True))
        .order_by("-starts_at")
    )


def fair_signups(*, user, fair: JobFair) -> QuerySet[FairSignUp]:
    return FairSignUp.objects.visible_to(user).filter(fair=fair)


def alert_matches(*, user, day: dt.date) -> QuerySet[JobAlertMatch]:
    return (
        JobAlertMatch.objects.visible_to(user)
        .filter(found_on=day)
        .select_related("alert__resident", "posting__employer")
        .order_by("alert__resident__name", "pk")
    )


# --- one record each: 404 for missing and out of scope alike ---------------------------


def posting_get(*, user, pk) -> Posting:
    return get_visible_or_404(
        Posting.objects.select_related("employer", "community", "reviewed_by", "related_site"), user, pk=pk
    )


def employer_get(*, user, pk) -> Employer:
    return get_visible_or_404(Employer.objects.select_related("community"), user, pk=pk)


def fair_get(*, user, pk) -> JobFair:
    return get_visible_or_404(JobFair.objects.select_related("community"), user, pk=pk)


def recommendation_get(*, user, pk) -> Recommendation:
    qs = Recommendation.objects.select_related("resident__community", "posting__employer", "staff")
    return get_visible_or_404(qs, user, pk=pk)


def resident_get(*, user, pk) -> Resident:
    """A resident in scope to match, recommend or save a search for."""
    return get_visible_or_404(Resident.objects.select_related("community"), user, pk=pk)


# --- what a record page lists beside the record, and the choices of forms and the API ---


def posting_recommendations(*, user, posting: Posting) -> QuerySet[Recommendation]:
    return posting.recommendations.visible_to(user).select_related("resident", "staff")


def employer_postings(*, user, employer: Employer, limit: int = 50) -> QuerySet[Posting]:
    return employer.postings.visible_to(user).order_by("-created_at")[:limit]


def employer_surveys(*, employer: Employer, limit: int = 24) -> QuerySet[LabourSurvey]:
    """The employer's labour surveys, newest first (the employer is in scope)."""
    return employer.surveys.all()[:limit]


def fair_employers(*, fair: JobFair) -> QuerySet[Employer]:
    return fair.employers.order_by("name", "pk")


def fair_postings(*, fair: JobFair) -> QuerySet[Posting]:
    return fair.postings.select_related("employer")


def resident_recommended_posting_ids(*, resident: Resident) -> set[int]:
    return set(resident.job_recommendations.values_list("posting_id", flat=True))


def resident_alerts(*, resident: Resident) -> QuerySet[JobAlert]:
    return resident.job_alerts.select_related("near")


def recommendable_posting(*, user, pk) -> Posting | None:
    """A posting the user may name in a recommendation, or None (another
    area's draft answers like a missing posting)."""
    return recommendable_posting_list(user=user).filter(pk=pk).first()


def recommendation_history(*, recommendation: Recommendation) -> QuerySet[RecommendationTransition]:
    return recommendation.transitions.select_related("user")


def employer_search(*, user, q: str = "") -> QuerySet[Employer]:
    """Employers in scope by name, then pk; filtered by part of a name or credit code."""
    qs = employer_choices(user=user)
    return qs.filter(employer_search_q(q)) if normalize_text(q) else qs


def employer_credit_code_taken(*, code: str, exclude_pk: int | None = None) -> bool:
    """Whether another employer anywhere holds the code (credit codes are
    unique city-wide, so this check passes scope on purpose)."""
    return Employer.objects.filter(credit_code=code).exclude(pk=exclude_pk).exists()


def employers_for_export(*, user) -> QuerySet[Employer]:
    return Employer.objects.visible_to(user).select_related("community").order_by("community__code", "name")


def labour_surveys_for_export(*, user) -> QuerySet[LabourSurvey]:
    return (
        LabourSurvey.objects.visible_to(user)
        .select_related("employer__community")
        .order_by("employer__name", "-surveyed_on")
    )


def community_choices(*, user) -> QuerySet[Community]:
    """Communities a posting, employer, fair or saved search may name."""
    return Community.objects.visible_to(user).select_related("street")


def community_is_visible(*, user, pk) -> bool:
    return Community.objects.visible_to(user).filter(pk=pk).exists()


def fair_posting_choices(*, user) -> QuerySet[Posting]:
    """Postings a fair may show: the published ones in the user's area."""
    return Posting.objects.visible_to(user).filter(status=PostingStatus.PUBLISHED)


def sheet_station_choices(*, user, limit: int = 30) -> QuerySet[Station]:
    """Open stations in scope whose notice-board sheet the posting list links to."""
    return Station.objects.visible_to(user).exclude(status="closed").order_by("name")[:limit]


def public_live_postings(*, today: dt.date | None = None) -> QuerySet[Posting]:
    """Live postings with what the public list shows of them."""
    return Posting.objects.live(on=today or timezone.localdate()).select_related(*PUBLIC_RELATED)


def community_workers_target() -> float:
    """Community workers per 10,000 urban residents the plan asks for (T4:
    18), as the city bureau sets it (stations policy parameter)."""
    return policy_value(COMMUNITY_WORKERS_TARGET)


def _target_row(*, population: int, workers: int, worker_posts: int, welfare_posts: int, target: float) -> dict:
    needed = math.ceil(population * target / 10000) if population else 0
    return {
        "population": population,
        "workers": workers,
        "per_10k": workers_per_10k(workers, population),
        "target": needed,
        "gap": max(0, needed - workers),
        "worker_posts": worker_posts,
        "welfare_posts": welfare_posts,
    }


def community_post_targets(*, user) -> list[dict]:
    """Community-worker and public-welfare posts per community against T4
    (18 community workers per 10,000 urban residents), in the user's scope."""
    today = timezone.localdate()
    target = community_workers_target()
    live = Q(postings__status=PostingStatus.PUBLISHED, postings__valid_until__gte=today)
    rows = (
        Community.objects.visible_to(user)
        .annotate(
            worker_posts=Sum("postings__headcount", filter=live & Q(postings__is_community_worker=True)),
            welfare_posts=Sum("postings__headcount", filter=live & Q(postings__is_public_welfare=True)),
        )
        .select_related("street__district")
        .order_by("code")
    )
    return [
        {
            "community": c,
            **_target_row(
                population=c.urban_population,
                workers=c.community_worker_count,
                worker_posts=c.worker_posts or 0,
                welfare_posts=c.welfare_posts or 0,
                target=target,
            ),
        }
        for c in rows
    ]


def community_post_target_subtotals(*, user, rows: list[dict]) -> list[dict]:
    """Subtotals of `rows` (community_post_targets of the same user): one per
    district and the city's total for the city bureau, the user's own node's
    total below it. Each sums population, workers and posts; its ratio, target
    and gap come from those sums, never from the mean of the communities'
    ratios (so at that level one community's surplus offsets another's gap)."""
    if not rows:
        return []
    target = community_workers_target()
    groups: dict[object, list[dict]] = {}
    whole_city = sees_whole_city(user)
    if whole_city:
        for row in rows:
            groups.setdefault(row["community"].street.district, []).append(row)
    out = [
        _subtotal(label=str(district), level="district", rows=members, target=target)
        for district, members in groups.items()
    ]
    if whole_city:
        label = settings.PORTAL_CITY_NAME
    else:
        first = rows[0]["community"]
        label = str(user.district or user.street or user.community or first)
    out.append(_subtotal(label=label, level="city" if whole_city else "node", rows=rows, target=target))
    return out


def _subtotal(*, label: str, level: str, rows: list[dict], target: float) -> dict:
    return {
        "label": label,
        "level": level,
        "communities": len(rows),
        **_target_row(
            population=sum(r["population"] for r in rows),
            workers=sum(r["workers"] for r in rows),
            worker_posts=sum(r["worker_posts"] for r in rows),
            welfare_posts=sum(r["welfare_posts"] for r in rows),
            target=target,
        ),
    }


# --- employer imports ---------------------------------------------------------------
def employer_import_batch_list(*, user) -> QuerySet[EmployerImportBatch]:
    """The user's own import batches, newest first, without their file and rows."""
    return EmployerImportBatch.objects.visible_to(user).filter(created_by=user).defer("file_data", "rows")


def employer_import_batch_get(*, user, pk: int, with_rows: bool = False) -> EmployerImportBatch:
    """One of the user's own batches within their node; 404 for anyone else's,
    as for a missing one."""
    qs = EmployerImportBatch.objects.filter(created_by=user).defer("file_data")
    if not with_rows:
        qs = qs.defer("file_data", "rows")
    return get_visible_or_404(qs, user, pk=pk)
