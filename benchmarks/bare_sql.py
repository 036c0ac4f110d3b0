# ruff: noqa: S608  (table names come from the models' _meta, values go as parameters)
"""The bare aggregate SQL a progress workbook needs: the benchmark's limit.

One raw GROUP BY per figure source's main aggregate, per community, for a
period, fetched through a plain cursor with no ORM, no Python assembly and no
per-case evaluation. It is what a hand-written report would run; the real
workbook (reports.assemble.build_table) is measured against it.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db import connection
from django.utils import timezone

from stations.figures import Period


def _t(label: str) -> str:
    """Quoted table name of an `app_label.Model`."""
    return connection.ops.quote_name(apps.get_model(label)._meta.db_table)


def _m2m(label: str, field: str) -> str:
    model = apps.get_model(label)
    return connection.ops.quote_name(model._meta.get_field(field).remote_field.through._meta.db_table)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def workbook_queries(period: Period) -> list[tuple[str, list]]:
    """(sql, params) for each aggregate; every query groups by community."""
    start, end = period.start, period.end
    ts_start, ts_end = _midnight(period.start), _midnight(period.end_exclusive)
    older_f = end.replace(year=end.year - 40, day=min(end.day, 28))
    older_m = end.replace(year=end.year - 50, day=min(end.day, 28))
    year_before = end.replace(year=end.year - 1, day=min(end.day, 28))
    resident, service = _t("stations.Resident"), _t("stations.ServiceRecord")
    registration = _t("stations.UnemploymentRegistration")
    case = _t("assistance.AssistanceCase")
    return [
        # stations: open stations, related sites, services given in the period
        (
            f"SELECT community_id, COUNT(*) FROM {_t('stations.Station')} WHERE status = 'open' GROUP BY community_id",
            [],
        ),
        (
            f"SELECT community_id, COUNT(*) FROM {_t('stations.RelatedSite')} WHERE is_active GROUP BY community_id",
            [],
        ),
        (
            f"SELECT r.community_id, COUNT(*) FROM {service} s JOIN {resident} r ON r.id = s.resident_id "
            "WHERE s.served_on >= %s AND s.served_on <= %s GROUP BY r.community_id",
            [start, end],
        ),
        # residents: registered, new, four clears, older workers; target groups
        (
            "SELECT community_id, COUNT(*), "
            "COUNT(*) FILTER (WHERE registered_on >= %s), "
            "COUNT(*) FILTER (WHERE four_clears_score = 4), "
            "COUNT(*) FILTER (WHERE (sex = 'F' AND birth_date <= %s) OR (sex = 'M' AND birth_date <= %s)) "
            f"FROM {resident} WHERE registered_on <= %s AND (removed_at IS NULL OR removed_at >= %s) "
            "GROUP BY community_id",
            [start, older_f, older_m, end, ts_end],
        ),
        (
            f"SELECT r.community_id, g.targetgroup_id, COUNT(*) FROM {_m2m('stations.Resident', 'target_groups')} g "
            f"JOIN {resident} r ON r.id = g.resident_id "
            "WHERE r.registered_on <= %s AND (r.removed_at IS NULL OR r.removed_at >= %s) "
            "GROUP BY r.community_id, g.targetgroup_id",
            [end, ts_end],
        ),
        (
            "SELECT r.community_id, "
            "COUNT(*) FILTER (WHERE u.registered_on <= %s AND (u.ended_on IS NULL OR u.ended_on > %s)), "
            "COUNT(*) FILTER (WHERE u.registered_on <= %s AND (u.ended_on IS NULL OR u.ended_on > %s)), "
            "COUNT(*) FILTER (WHERE u.registered_on >= %s AND u.registered_on <= %s), "
            "COUNT(*) FILTER (WHERE u.ended_on >= %s AND u.ended_on <= %s) "
            f"FROM {registration} u JOIN {resident} r ON r.id = u.resident_id GROUP BY r.community_id",
            [end, end, year_before, end, start, end, start, end],
        ),
        # jobs: employers, surveys, postings published, recommendations, placements
        (f"SELECT community_id, COUNT(*) FROM {_t('jobs.Employer')} GROUP BY community_id", []),
        (
            f"SELECT e.community_id, COUNT(DISTINCT s.employer_id) FROM {_t('jobs.LabourSurvey')} s "
            f"JOIN {_t('jobs.Employer')} e ON e.id = s.employer_id "
            "WHERE s.surveyed_on >= %s AND s.surveyed_on <= %s GROUP BY e.community_id",
            [start, end],
        ),
        (
            "SELECT community_id, COUNT(*), SUM(headcount), COUNT(*) FILTER (WHERE is_public_welfare), "
            f"COUNT(*) FILTER (WHERE is_community_worker) FROM {_t('jobs.Posting')} "
            "WHERE status IN ('published', 'filled', 'expired') AND published_at >= %s AND published_at < %s "
            "GROUP BY community_id",
            [ts_start, ts_end],
        ),
        (
            f"SELECT r.community_id, COUNT(*) FROM {_t('jobs.Recommendation')} x JOIN {resident} r "
            "ON r.id = x.resident_id WHERE x.recommended_on >= %s AND x.recommended_on <= %s GROUP BY r.community_id",
            [start, end],
        ),
        (
            f"SELECT r.community_id, COUNT(*) FROM {_t('jobs.Placement')} x JOIN {resident} r "
            "ON r.id = x.resident_id WHERE x.started_on >= %s AND x.started_on <= %s GROUP BY r.community_id",
            [start, end],
        ),
        # training: needs, enrolments, completions
        (
            f"SELECT r.community_id, COUNT(*) FROM {_t('training.TrainingNeed')} x JOIN {resident} r "
            "ON r.id = x.resident_id WHERE x.round_date >= %s AND x.round_date <= %s GROUP BY r.community_id",
            [start, end],
        ),
        (
            f"SELECT r.community_id, COUNT(*), COUNT(*) FILTER (WHERE x.status = 'completed' "
            "AND x.completed_on >= %s AND x.completed_on <= %s) "
            f"FROM {_t('training.Enrolment')} x JOIN {resident} r ON r.id = x.resident_id "
            "WHERE (x.enrolled_on >= %s AND x.enrolled_on <= %s) OR (x.completed_on >= %s AND x.completed_on <= %s) "
            "GROUP BY r.community_id",
            [start, end, start, end, start, end],
        ),
        # entrepreneurship: subsidy steps, loans, startups
        (
            "SELECT a.community_id, COUNT(*) FILTER (WHERE e.transition = 'submit'), "
            "SUM(a.requested_amount) FILTER (WHERE e.transition = 'submit'), "
            "COUNT(*) FILTER (WHERE e.transition = 'approve'), "
            "SUM(a.approved_amount) FILTER (WHERE e.transition = 'approve') "
            f"FROM {_t('entrepreneurship.ApplicationEvent')} e "
            f"JOIN {_t('entrepreneurship.SubsidyApplication')} a ON a.id = e.application_id "
            "WHERE e.at >= %s AND e.at < %s GROUP BY a.community_id",
            [ts_start, ts_end],
        ),
        (
            f"SELECT community_id, COUNT(*), SUM(approved_amount) FROM {_t('entrepreneurship.SubsidyApplication')} "
            "WHERE status = 'paid' AND paid_on >= %s AND paid_on <= %s GROUP BY community_id",
            [start, end],
        ),
        (
            f"SELECT community_id, COUNT(*), SUM(amount) FROM {_t('entrepreneurship.GuaranteeLoan')} "
            "WHERE granted_on >= %s AND granted_on <= %s GROUP BY community_id",
            [start, end],
        ),
        (
            f"SELECT community_id, COUNT(*), SUM(jobs_created) FROM {_t('entrepreneurship.Business')} "
            "WHERE registered_on >= %s AND registered_on <= %s GROUP BY community_id",
            [start, end],
        ),
        # assistance: cases open and opened; the four service counts of every
        # case evaluated in the period or still in its first year
        (
            "SELECT r.community_id, "
            "COUNT(*) FILTER (WHERE c.opened_on <= %s AND (c.closed_on IS NULL OR c.closed_on > %s)), "
            "COUNT(*) FILTER (WHERE c.opened_on >= %s AND c.opened_on <= %s) "
            f"FROM {case} c JOIN {resident} r ON r.id = c.resident_id GROUP BY r.community_id",
            [end, end, start, end],
        ),
        (
            "SELECT c.id, r.community_id, c.opened_on, c.closed_on, c.close_reason, "
            "COUNT(s.id) FILTER (WHERE s.kind = 'policy_contact'), "
            "COUNT(s.id) FILTER (WHERE s.kind = 'career_guidance'), "
            "COUNT(s.id) FILTER (WHERE s.kind = 'job_recommendation'), "
            "COUNT(s.id) FILTER (WHERE s.kind = 'training_information') "
            f"FROM {case} c JOIN {resident} r ON r.id = c.resident_id "
            f"LEFT JOIN {service} s ON s.resident_id = c.resident_id AND s.served_on >= c.opened_on "
            "AND s.served_on <= %s "
            "WHERE (c.year_ends_on >= %s AND c.year_ends_on <= %s) "
            "OR (c.closed_on >= %s AND c.closed_on <= %s) "
            "OR (c.opened_on <= %s AND (c.closed_on IS NULL OR c.closed_on > %s) AND c.year_ends_on >= %s) "
            "GROUP BY c.id, r.community_id",
            [end, start, end, start, end, end, end, end],
        ),
        # satisfaction; community workers
        (
            "SELECT st.community_id, COUNT(*), COUNT(*) FILTER (WHERE x.rating >= 4), SUM(x.rating) "
            f"FROM {_t('reports.SatisfactionResponse')} x JOIN {_t('stations.Station')} st ON st.id = x.station_id "
            "WHERE x.created_at >= %s AND x.created_at < %s GROUP BY st.community_id",
            [ts_start, ts_end],
        ),
        (f"SELECT id, community_worker_count, urban_population FROM {_t('stations.Community')}", []),
    ]


def run_workbook_queries(period: Period) -> int:
    """Execute every aggregate and fetch its rows; returns the rows fetched."""
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in workbook_queries(period):
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows
