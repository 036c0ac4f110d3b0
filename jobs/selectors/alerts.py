"""Residents' saved searches (job alerts) and the postings they found."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from jobs.models import JobAlert, JobAlertMatch
from stations.models import Resident


def alert_matches(*, user, day: dt.date) -> QuerySet[JobAlertMatch]:
    return (
        JobAlertMatch.objects.visible_to(user)
        .filter(found_on=day)
        .select_related("alert__resident", "posting__employer")
        .order_by("alert__resident__name", "pk")
    )


def resident_alerts(*, resident: Resident) -> QuerySet[JobAlert]:
    return resident.job_alerts.select_related("near")
