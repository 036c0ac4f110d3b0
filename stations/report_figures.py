"""The base app's report figures: stations and services, residents and target
groups with four-clears completeness, and community workers (T4, T11, T14)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows
from stations.models import (
    RelatedSite,
    Resident,
    ServiceRecord,
    Station,
    StationStatus,
    TargetGroupCode,
    UnemploymentRegistration,
)
from stations.selectors import headcounts_in_effect


def compute_stations(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    stations = in_communities(Station.objects.filter(status=StationStatus.OPEN), "community", community_ids)
    merge_rows(out, grouped(stations, "community_id", "stations_open", Count("pk")))
    full = stations.annotate(n=Count("services")).filter(n__gte=9)
    merge_rows(
        out,
        grouped(Station.objects.filter(pk__in=full.values("pk")), "community_id", "stations_all_services", Count("pk")),
    )
    sites = in_communities(RelatedSite.objects.filter(is_active=True), "community", community_ids)
    merge_rows(out, grouped(sites, "community_id", "related_sites", Count("pk")))
    services = in_communities(
        ServiceRecord.objects.filter(served_on__gte=period.start, served_on__lte=period.end),
        "resident__community",
        community_ids,
    )
    merge_rows(out, grouped(services, "resident__community_id", "services_given", Count("pk")))
    return out


def compute_stations_per_station(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    """The two station counts, one row per open station. Related sites belong
    to the community, and the service log records no station, so services
    given stay per community."""
    stations = in_communities(Station.objects.filter(status=StationStatus.OPEN), "community", community_ids)
    return {
        pk: {"stations_open": 1, "stations_all_services": 1 if services >= 9 else 0}
        for pk, services in stations.annotate(n=Count("services")).values_list("pk", "n").order_by()
    }


STATION_FIGURES = (
    Figure(
        "stations_open",
        _("Stations open"),
        _("Stations whose status is open when the workbook is built."),
        headline=True,
        per_station=True,
        as_built=True,
    ),
    Figure(
        "stations_all_services",
        _("Stations offering all nine services"),
        _("Open stations that list all nine services of the plan (T14)."),
        per_station=True,
        as_built=True,
    ),
    Figure(
        "related_sites",
        _("Related sites"),
        _("Active micro-factories, demo bases, schools and other sites (T3, T13)."),
        as_built=True,
    ),
    Figure(
        "services_given",
        _("Services given"),
        _("Entries in the service log dated within the period, counted by the resident's community."),
        headline=True,
    ),
)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def compute_residents(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    # A resident counts from the day of registration at the station, not from
    # when the record was typed in; a removal counts from its timestamp,
    # compared with local midnights rather than a `__date` lookup (the same
    # days, but PostgreSQL need not convert every resident's timestamp).
    ends = _local_midnight(period.end_exclusive)
    registered = in_communities(
        Resident.objects.filter(registered_on__lte=period.end).exclude(removed_at__lt=ends),
        "community",
        community_ids,
    )
    merge_rows(
        out,
        [
            (row["community_id"], key, row[key])
            for row in registered.values("community_id")
            .annotate(
                residents_registered=Count("pk"),
                residents_new=Count("pk", filter=Q(registered_on__gte=period.start)),
                four_clears_complete=Count("pk", filter=Q(four_clears_score=4)),
                older_workers=Count(
                    "pk",
                    filter=Q(sex="F", birth_date__lte=_years_before(period.end, 40))
                    | Q(sex="M", birth_date__lte=_years_before(period.end, 50)),
                ),
            )
            .order_by()
            for key in ("residents_registered", "residents_new", "four_clears_complete", "older_workers")
        ],
    )
    groups = registered.filter(target_groups__isnull=False).values("community_id", "target_groups__code")
    for row in groups.annotate(v=Count("pk")).order_by():
        merge_rows(out, [(row["community_id"], f"group_{row['target_groups__code']}", row["v"])])
    registrations = in_communities(UnemploymentRegistration.objects.all(), "resident__community", community_ids)
    open_at_end = registrations.filter(registered_on__lte=period.end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=period.end)
    )
    merge_rows(out, grouped(open_at_end, "resident__community_id", "unemployed_registered", Count("pk")))
    merge_rows(
        out,
        grouped(
            open_at_end.filter(registered_on__lte=_years_before(period.end, 1)),
            "resident__community_id",
            "long_term_unemployed",
            Count("pk"),
        ),
    )
    merge_rows(
        out,
        grouped(
            registrations.filter(registered_on__gte=period.start, registered_on__lte=period.end),
            "resident__community_id",
            "unemployment_registrations_opened",
            Count("pk"),
        ),
    )
    merge_rows(
        out,
        grouped(
            registrations.filter(ended_on__gte=period.start, ended_on__lte=period.end),
            "resident__community_id",
            "unemployment_registrations_ended",
            Count("pk"),
        ),
    )
    return out


def _years_before(day, years: int):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


RESIDENT_FIGURES = (
    Figure(
        "residents_registered",
        _("Residents registered"),
        _(
            "Residents registered at the station by the end of the period (their registration date) "
            "and not removed by then."
        ),
        headline=True,
        records=("stations:resident_list", {"community": "{community}"}),
    ),
    Figure(
        "residents_new",
        _("Newly registered"),
        _("Residents whose registration date at the station falls within the period."),
    ),
    Figure(
        "unemployed_registered",
        _("Registered unemployed"),
        _("Unemployment registrations open on the last day of the period."),
        headline=True,
        records=("stations:resident_list", {"community": "{community}", "status": "unemployed"}),
        better="lower",
    ),
    Figure(
        "long_term_unemployed",
        _("Long-term unemployed"),
        _("Registrations open on the last day of the period that began over a year before it."),
    ),
    Figure(
        "unemployment_registrations_opened",
        _("Unemployment registrations opened"),
        _("Registrations dated within the period."),
    ),
    Figure(
        "unemployment_registrations_ended",
        _("Unemployment registrations ended"),
        _("Registrations ended within the period (work found or left the labour force)."),
    ),
    Figure(
        "older_workers",
        _("Older workers"),
        _(
            "Registered women aged 40 and over and men aged 50 and over on the last day of the period "
            "(from the ID number)."
        ),
    ),
    Figure(
        "four_clears_complete",
        _("Four clears complete"),
        _(
            "Registered residents whose record holds all four clears "
            "(basic situation, skill, training wish, direction)."
        ),
        records=("stations:resident_list", {"community": "{community}", "four_clears": "complete"}),
        as_built=True,
    ),
    Figure(
        "four_clears_rate",
        _("Four-clears completeness"),
        _("Four clears complete / residents registered."),
        kind="rate",
        numerator="four_clears_complete",
        denominator="residents_registered",
        headline=True,
    ),
    *(
        Figure(
            f"group_{code}",
            label,
            _("Registered residents recorded in this target group (aggregated; no person is named)."),
            records=("stations:resident_list", {"community": "{community}", "group": code}),
            as_built=True,
        )
        for code, label in TargetGroupCode.choices
    ),
)


def compute_workers(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    """The figures in effect on the period's last day (the bureaus keep them
    with a date, stations.models.CommunityHeadcount), so a past month reads
    the population and workers of that month, not today's."""
    return {
        pk: {"community_workers": h.community_worker_count, "urban_population": h.urban_population}
        for pk, h in headcounts_in_effect(community_ids=community_ids, on=period.end).items()
    }


WORKER_FIGURES = (
    Figure(
        "community_workers",
        _("Community workers"),
        _("Community workers recorded for the community, as in effect on the period's last day."),
        as_built=True,
    ),
    Figure(
        "urban_population",
        _("Urban permanent population"),
        _("Urban permanent residents recorded for the community, as in effect on the period's last day."),
        as_built=True,
    ),
    Figure(
        "workers_per_10k",
        _("Community workers per 10,000 urban residents"),
        _("Community workers / urban permanent population x 10,000; the plan's target is 18 by the end of 2025 (T4)."),
        kind="ratio",
        numerator="community_workers",
        denominator="urban_population",
        scale=10000,
        target=18,
        headline=True,
    ),
)

SOURCES = (
    FigureSource(
        "stations",
        _("Stations and services"),
        STATION_FIGURES,
        compute_stations,
        order=10,
        compute_per_station=compute_stations_per_station,
    ),
    FigureSource("residents", _("Residents and target groups"), RESIDENT_FIGURES, compute_residents, order=20),
    FigureSource("workers", _("Community workers"), WORKER_FIGURES, compute_workers, order=80),
)
