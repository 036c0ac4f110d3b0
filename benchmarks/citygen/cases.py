"""The 12333 assistance cases: one open case per registered unemployed."""

from __future__ import annotations

from django.utils import timezone

from benchmarks.citygen.base import GeneratorBase
from benchmarks.citygen.writer import BATCH, copy_tuples, indexes_deferred
from stations.models import Role, UnemploymentRegistration, User


class CaseSteps(GeneratorBase):
    def assistance(self) -> int:
        from assistance.models import AssistanceCase, CaseStatus
        from assistance.schedule import year_last_day

        staff_by_community = dict(
            User.objects.filter(role=Role.COMMUNITY_STAFF).values_list("community_id", "pk").order_by("community_id")
        )
        cases = []
        now = timezone.now()
        columns = [
            "resident_id",
            "assigned_to_id",
            "opened_by_id",
            "opened_on",
            "year_ends_on",
            "created_at",
            "updated_at",
        ]
        for pk, community_id, registered_on in (
            # Only the registered unemployed without an open case: the demo's
            # cases and an earlier run's stay as they are.
            UnemploymentRegistration.objects.filter(ended_on__isnull=True)
            .exclude(resident__assistance_cases__status=CaseStatus.OPEN)
            .order_by("resident_id")
            .values_list("resident_id", "resident__community_id", "registered_on")
            .iterator(chunk_size=BATCH * 4)
        ):
            staff = staff_by_community.get(community_id)
            if staff is None:
                continue
            cases.append((pk, staff, staff, registered_on, year_last_day(registered_on), now, now))
        with indexes_deferred(AssistanceCase, adding=len(cases)):
            for start in range(0, len(cases), BATCH * 4):
                copy_tuples(AssistanceCase, columns, cases[start : start + BATCH * 4])
        return len(cases)
