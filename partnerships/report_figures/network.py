"""Report figures: the partner network and joint meetings (T9). Partners count
for their lead community only, so a partner shared by neighbours (联建) is not
counted twice in a street's or a district's total. Four grouped queries
whatever the number of communities."""

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, in_communities, merge_rows

from ..models import Commitment, CommitmentStatus, JointMeeting, Partner


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    end = period.end

    active = in_communities(Partner.objects.all(), "community", community_ids).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=end), partner_since__lte=end
    )
    # A point closed when its partnership ended after the period still stood at its end.
    hosting = Q(service_point__isnull=False) & (Q(service_point__is_active=True) | Q(ended_on__gt=end))
    for row in active.values("community_id").annotate(n=Count("pk"), points=Count("pk", filter=hosting)).order_by():
        merge_rows(
            out,
            [
                (row["community_id"], "network_partners_active", row["n"]),
                (row["community_id"], "network_partners_service_point", row["points"]),
            ],
        )

    meetings = in_communities(JointMeeting.objects.all(), "community", community_ids).filter(
        held_on__gte=period.start, held_on__lte=end
    )
    merge_rows(
        out,
        [
            (row["community_id"], "network_meetings", row["n"])
            for row in meetings.values("community_id").annotate(n=Count("pk")).order_by()
        ],
    )

    commitments = in_communities(Commitment.objects.all(), "meeting__community", community_ids)
    made = Q(meeting__held_on__gte=period.start, meeting__held_on__lte=end)
    done = Q(status=CommitmentStatus.DONE, closed_on__gte=period.start, closed_on__lte=end)
    # Late at the period's end: not yet closed then and past due; or done in
    # the period after the due date.
    open_at_end = (Q(status=CommitmentStatus.OPEN) | Q(closed_on__gt=end)) & Q(meeting__held_on__lte=end)
    late = (open_at_end & Q(due_on__lt=end)) | (done & Q(closed_on__gt=F("due_on")))
    for row in (
        commitments.filter(made | done | late)
        .values("meeting__community_id")
        .annotate(
            made=Count("pk", filter=made),
            done=Count("pk", filter=done),
            late=Count("pk", filter=late),
            posts=Sum("posts_promised", filter=made),
        )
        .order_by()
    ):
        community = row["meeting__community_id"]
        merge_rows(
            out,
            [
                (community, "network_commitments_made", row["made"]),
                (community, "network_commitments_done", row["done"]),
                (community, "network_commitments_late", row["late"]),
                (community, "network_posts_promised", row["posts"]),
            ],
        )
    return out


SOURCE = FigureSource(
    "partnerships_network",
    _("Partner network and joint meetings"),
    (
        Figure(
            "network_partners_active",
            _("Active partners"),
            _(
                "Partners whose partnership had started by the period's end and had not ended before it, "
                "counted for their lead community only."
            ),
            records=("partnerships:partner_list", {"community": "{community}", "state": "active"}),
        ),
        Figure(
            "network_partners_service_point",
            _("Partners hosting an embedded service point"),
            _("Of the active partners, those with an embedded service point (shops, bank branches, parcel stations)."),
            records=("partnerships:partner_list", {"community": "{community}", "state": "active"}),
            as_built=True,
        ),
        Figure(
            "network_meetings",
            _("Joint meetings held"),
            _("Joint employment meetings held in the period."),
            headline=True,
            records=("partnerships:meeting_list", {"community": "{community}"}),
        ),
        Figure(
            "network_commitments_made",
            _("Commitments made"),
            _("Commitments recorded at joint meetings held in the period."),
            records=("partnerships:commitment_list", {"community": "{community}"}),
        ),
        Figure(
            "network_commitments_done",
            _("Commitments done"),
            _("Commitments closed as done in the period, on time or late."),
            records=("partnerships:commitment_list", {"community": "{community}", "state": "done"}),
        ),
        Figure(
            "network_commitments_late",
            _("Commitments late"),
            _(
                "Commitments still open at the period's end with a due date before it, plus those done "
                "in the period after their due date."
            ),
            records=("partnerships:commitment_list", {"community": "{community}", "state": "late"}),
        ),
        Figure(
            "network_posts_promised",
            _("Posts promised"),
            _("Job posts promised in commitments made in the period."),
            records=("partnerships:commitment_list", {"community": "{community}", "kind": "posts"}),
        ),
    ),
    compute,
    order=70,
)
