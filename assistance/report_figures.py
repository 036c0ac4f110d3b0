"""Assistance's report figures (T16): cases, 12333 compliance exactly as
assistance.schedule defines it, and overdue items at the end of the period."""

import datetime as dt
from types import SimpleNamespace

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from assistance.models import AssistanceCase
from assistance.schedule import COUNTED_KINDS, case_progress
from assistance.selectors import case_compliance, compliance_cases, count_field, counts_of, current_schedule
from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows
from stations.scoping import CITY_WIDE_READER


def _open_at(period_end: dt.date):
    return Q(opened_on__lte=period_end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=period_end))


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    cases = in_communities(AssistanceCase.objects.all(), "resident__community", community_ids)
    merge_rows(out, grouped(cases.filter(_open_at(period.end)), "resident__community_id", "cases_open", Count("pk")))
    merge_rows(
        out,
        grouped(
            cases.filter(opened_on__gte=period.start, opened_on__lte=period.end),
            "resident__community_id",
            "cases_opened",
            Count("pk"),
        ),
    )
    schedule = current_schedule(on=period.end)
    evaluated = in_communities(
        compliance_cases(
            user=CITY_WIDE_READER,
            period_start=period.start,
            period_end=period.end,
            today=period.end + dt.timedelta(days=1),
        ),
        "resident__community",
        community_ids,
    )
    count_fields = [count_field(kind) for kind in COUNTED_KINDS]
    fields = ("opened_on", "closed_on", "close_reason", "year_ends_on", "resident__community_id", *count_fields)
    for case in (SimpleNamespace(**row) for row in evaluated.select_related(None).values(*fields)):
        compliant, early_work = case_compliance(case, schedule=schedule)
        community = case.resident__community_id
        merge_rows(
            out,
            [
                (community, "cases_evaluated", 1),
                (community, "cases_compliant", int(compliant)),
                (community, "helped_into_work", int(early_work)),
            ],
        )
    # Overdue items on the last day of the period, from services logged up to then.
    counts = {
        count_field(kind): Count(
            "resident__services",
            filter=Q(
                resident__services__kind=kind,
                resident__services__served_on__gte=F("opened_on"),
                resident__services__served_on__lte=period.end,
            ),
        )
        for kind in COUNTED_KINDS
    }
    open_cases = cases.filter(_open_at(period.end), year_ends_on__gte=period.end).annotate(**counts)
    for case in (
        SimpleNamespace(**row) for row in open_cases.values("opened_on", "resident__community_id", *count_fields)
    ):
        progress = case_progress(
            opened_on=case.opened_on, counts=counts_of(case), schedule=schedule, today=period.end, closed_on=None
        )
        overdue = len(progress.overdue)
        if overdue:
            merge_rows(
                out,
                [
                    (case.resident__community_id, "overdue_items", overdue),
                    (case.resident__community_id, "cases_overdue", 1),
                ],
            )
    return out


SOURCES = (
    FigureSource(
        "assistance",
        _("Assistance and 12333"),
        (
            Figure(
                "cases_open",
                _("Assistance cases open"),
                _("Cases open on the last day of the period."),
                records=("assistance:case_list", {"status": "open"}),
            ),
            Figure("cases_opened", _("Cases opened"), _("Cases opened within the period.")),
            Figure(
                "cases_evaluated",
                _("Cases evaluated for 12333"),
                _("Cases whose first year ended in the period or that closed in it."),
            ),
            Figure(
                "cases_compliant",
                _("Compliant cases"),
                _(
                    "Of those, cases whose first year met all four counts (2 policy contacts, 3 career guidance, "
                    "3 job recommendations, 3 training information); a case closed early because the person found "
                    "work is compliant when every minimum due by its closing date was met."
                ),
            ),
            Figure(
                "compliance_rate",
                _("12333 compliance"),
                _("Compliant cases / cases evaluated."),
                kind="rate",
                numerator="cases_compliant",
                denominator="cases_evaluated",
                headline=True,
            ),
            Figure(
                "helped_into_work",
                _("Helped into work within the year"),
                _("Evaluated cases closed early because the person found work."),
            ),
            Figure(
                "cases_overdue",
                _("Cases with overdue items"),
                _("Open cases with a service overdue on the last day of the period."),
                headline=True,
                records=("assistance:case_list", {"overdue": "1"}),
                better="lower",
            ),
            Figure("overdue_items", _("Overdue items"), _("Overdue counts (per service kind) over those cases.")),
        ),
        compute,
        order=60,
    ),
)
