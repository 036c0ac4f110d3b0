"""Report figures of HR agencies and labour cooperatives (T10): the
organisations and their members at the period's end, the labour projects and
their value, and the residents placed on projects, with the plan's priority
groups counted from the flags snapshotted when each was placed.

Five grouped queries whatever the number of communities."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, in_communities, merge_rows

from ..models import CooperativeMember, LabourOrganisation, LabourProject, OrganisationKind, ProjectPlacement

ORG_COMMUNITY = "organisation__community"
PLACEMENT_COMMUNITY = "project__organisation__community"


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    end = period.end

    # An organisation has no closing date: an active one founded by the end counts.
    organisations = in_communities(
        LabourOrganisation.objects.filter(is_active=True, founded_on__lte=end), "community", community_ids
    )
    for row in (
        organisations.values("community_id")
        .annotate(
            n=Count("pk"),
            cooperatives=Count("pk", filter=Q(kind=OrganisationKind.LABOUR_COOPERATIVE)),
        )
        .order_by()
    ):
        c = row["community_id"]
        merge_rows(
            out,
            [
                (c, "coop_organisations", row["n"]),
                (c, "coop_labour_cooperatives", row["cooperatives"]),
                (c, "coop_hr_agencies", row["n"] - row["cooperatives"]),
            ],
        )

    members = in_communities(
        CooperativeMember.objects.filter(joined_on__lte=end).filter(Q(left_on__isnull=True) | Q(left_on__gt=end)),
        ORG_COMMUNITY,
        community_ids,
    )
    for row in members.values(f"{ORG_COMMUNITY}_id").annotate(n=Count("pk")).order_by():
        merge_rows(out, [(row[f"{ORG_COMMUNITY}_id"], "coop_members", row["n"])])

    projects = in_communities(
        LabourProject.objects.filter(starts_on__lte=end, ends_on__gte=period.start), ORG_COMMUNITY, community_ids
    )
    started = Q(starts_on__gte=period.start)
    for row in (
        projects.values(f"{ORG_COMMUNITY}_id")
        .annotate(running=Count("pk"), started=Count("pk", filter=started), value=Sum("value", filter=started))
        .order_by()
    ):
        c = row[f"{ORG_COMMUNITY}_id"]
        merge_rows(
            out,
            [
                (c, "coop_projects_running", row["running"]),
                (c, "coop_projects_started", row["started"]),
                (c, "coop_projects_value", row["value"] or 0),
            ],
        )

    placed = in_communities(
        ProjectPlacement.objects.filter(started_on__gte=period.start, started_on__lte=end),
        PLACEMENT_COMMUNITY,
        community_ids,
    )
    for row in (
        placed.values(f"{PLACEMENT_COMMUNITY}_id")
        .annotate(
            n=Count("pk"),
            older=Count("pk", filter=Q(is_older_worker=True)),
            hard=Count("pk", filter=Q(is_hard_to_employ=True)),
            low=Count("pk", filter=Q(is_low_income=True)),
        )
        .order_by()
    ):
        c = row[f"{PLACEMENT_COMMUNITY}_id"]
        merge_rows(
            out,
            [
                (c, "coop_placements", row["n"]),
                (c, "coop_placed_older_workers", row["older"]),
                (c, "coop_placed_hard_to_employ", row["hard"]),
                (c, "coop_placed_low_income", row["low"]),
            ],
        )

    working = in_communities(
        ProjectPlacement.objects.filter(started_on__lte=end).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end)),
        PLACEMENT_COMMUNITY,
        community_ids,
    )
    for row in working.values(f"{PLACEMENT_COMMUNITY}_id").annotate(n=Count("pk")).order_by():
        merge_rows(out, [(row[f"{PLACEMENT_COMMUNITY}_id"], "coop_placements_open", row["n"])])
    return out


SOURCE = FigureSource(
    "partnerships_cooperatives",
    _("Labour cooperatives and HR agencies"),
    (
        Figure(
            "coop_organisations",
            _("HR agencies and labour cooperatives"),
            _("Organisations recorded as active and founded by the end of the period."),
            records=("partnerships:organisation_list", {"community": "{community}", "active": "1"}),
            as_built=True,
        ),
        Figure(
            "coop_labour_cooperatives",
            _("Labour cooperatives"),
            _("Of those, labour cooperatives (劳务合作社)."),
            records=(
                "partnerships:organisation_list",
                {"community": "{community}", "active": "1", "kind": OrganisationKind.LABOUR_COOPERATIVE.value},
            ),
            as_built=True,
        ),
        Figure(
            "coop_hr_agencies",
            _("HR service agencies"),
            _("Of those, community-run HR service agencies and commercial agency outlets."),
            as_built=True,
        ),
        Figure(
            "coop_members",
            _("Cooperative and agency members"),
            _("Residents who were members at the end of the period (joined by then, not left by then)."),
        ),
        Figure(
            "coop_projects_running",
            _("Labour projects running"),
            _("Projects whose period overlaps the report period."),
            records=("partnerships:project_list", {"community": "{community}"}),
        ),
        Figure(
            "coop_projects_started",
            _("Labour projects started"),
            _("Projects with a start date within the period."),
        ),
        Figure(
            "coop_projects_value",
            _("Value of projects started (yuan)"),
            _("Contract value of the projects started within the period."),
            kind="yuan",
        ),
        Figure(
            "coop_placements",
            _("Residents placed on labour projects"),
            _(
                "Placements on labour projects with a start date within the period "
                "(a resident placed on two projects counts twice)."
            ),
            headline=True,
            records=("partnerships:project_placement_list", {"community": "{community}"}),
        ),
        Figure(
            "coop_placed_older_workers",
            _("of whom older workers"),
            _("Placed residents who were older workers (women 40+, men 50+) on their start date."),
            records=(
                "partnerships:project_placement_list",
                {"community": "{community}", "priority": "older_worker"},
            ),
        ),
        Figure(
            "coop_placed_hard_to_employ",
            _("of whom hard to employ"),
            _("Placed residents recorded as hard to employ when they were placed."),
        ),
        Figure(
            "coop_placed_low_income",
            _("of whom low income"),
            _(
                "Placed residents of minimum-living or near-minimum-living households, or recorded as low income, "
                "when they were placed."
            ),
        ),
        Figure(
            "coop_placements_open",
            _("Residents working on projects at period end"),
            _("Placements started by the end of the period and not ended by then."),
            records=("partnerships:project_placement_list", {"community": "{community}", "open": "1"}),
        ),
    ),
    compute,
    order=71,
)
