"""Three years of service records, most of them to the registered unemployed."""

from __future__ import annotations

import bisect
import datetime as dt

from django.utils import timezone

from benchmarks.citygen.base import GeneratorBase, Pool
from benchmarks.citygen.writer import BATCH, copy_tuples, indexes_deferred
from stations.models import EmploymentStatus, Resident, Role, ServiceChannel, ServiceKind, ServiceRecord, User


class ServiceRecordSteps(GeneratorBase):
    def services(self) -> int:
        """Service records over three years, 70% to the registered unemployed
        (the 12333 cases), the rest to a quarter of the other residents."""
        target = self.sizes["services"] - ServiceRecord.objects.count()
        if target <= 0:
            return 0
        staff_by_community = dict(
            User.objects.filter(role=Role.COMMUNITY_STAFF).values_list("community_id", "pk").order_by("community_id")
        )
        people = Resident.objects.order_by("pk").values_list("pk", "community_id", "created_at")
        residents = list(people.filter(employment_status=EmploymentStatus.UNEMPLOYED))
        others = list(people.exclude(employment_status=EmploymentStatus.UNEMPLOYED)[: self.sizes["residents"] // 4])
        if not residents:
            residents = others
        if not others:
            others = residents
        kinds = Pool(
            [
                ServiceKind.POLICY_CONTACT.value,
                ServiceKind.CAREER_GUIDANCE.value,
                ServiceKind.JOB_RECOMMENDATION.value,
                ServiceKind.TRAINING_INFORMATION.value,
                ServiceKind.FOLLOW_UP.value,
                ServiceKind.NEEDS_COLLECTION.value,
            ],
            (2, 3, 3, 3, 1, 1),
        )
        channels = [str(c) for c in ServiceChannel.values]
        fallback_staff = next(iter(staff_by_community.values()))
        now = timezone.now()
        attnames = ["resident_id", "kind", "served_on", "staff_id", "channel", "note", "concerns_label", "created_at"]
        rng, today = self.rng, self.today

        # Per resident: (pk, staff, first day, days up to today), computed once
        # (8 million rows: per-row date arithmetic was most of the step).
        def prepared(rows):
            out = []
            for pk, community_id, created_at in rows:
                start = timezone.localtime(created_at).date()  # the Beijing day, as created_at__date reads it
                out.append(
                    (
                        pk,
                        staff_by_community.get(community_id, fallback_staff),
                        start.toordinal(),
                        max((today - start).days, 1),
                    )
                )
            return out

        residents, others = prepared(residents), prepared(others)
        day_of = dt.date.fromordinal
        random_, choice, randrange = rng.random, rng.choice, rng.randrange
        kind_items, kind_cum, kind_total = kinds.items, kinds.cum, kinds.total
        made = 0
        with indexes_deferred(ServiceRecord, adding=target):
            while made < target:
                rows = []
                for _ in range(min(BATCH * 8, target - made)):
                    pk, staff, start, span = choice(residents if random_() < 0.7 else others)
                    kind = kind_items[bisect.bisect_right(kind_cum, random_() * kind_total)]
                    rows.append((pk, kind, day_of(start + randrange(span)), staff, choice(channels), "", "", now))
                copy_tuples(ServiceRecord, attnames, rows)
                made += len(rows)
        return made
