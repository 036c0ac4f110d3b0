"""Training enrolments, their outcomes and the moves into work after training."""

from __future__ import annotations

import datetime as dt

from django.db import models

from benchmarks.citygen.base import GeneratorBase
from benchmarks.citygen.writer import BATCH, bulk_insert
from stations.models import EmploymentStatus


class EnrolmentSteps(GeneratorBase):
    def enrolments(self) -> int:
        """~100,000 enrolments weighted to the unemployed and target groups: a
        resident once per class and in one class at a time, a class never over
        capacity; most finished classes completed, some dropped; and about half
        of the trainees moving into work within six months, in the employment
        history the post-training employment rate reads."""
        from stations.models import IN_WORK_STATUSES, EmploymentStatusChange
        from training.models import (
            SEAT_HOLDING,
            ClassStatus,
            Enrolment,
            EnrolmentStatus,
            TrainingClass,
            add_months,
        )

        target = self.sizes["enrolments"] - Enrolment.objects.count()
        # Each step is one transaction, so enrolments by the generated staff mean
        # this step ran to the end before: seats it could not fill then (classes
        # full, trainees busy) stay unfilled, or every run would add a few more.
        if target <= 0 or Enrolment.objects.filter(enrolled_by__username__startswith="city-staff-").exists():
            return 0
        rows = self.resident_rows()
        in_work = set(IN_WORK_STATUSES)
        grouped = rows["grouped"]

        def weight(pk, status, _wants):
            base = {EmploymentStatus.UNEMPLOYED: 4.0, EmploymentStatus.NOT_IN_LABOUR_FORCE: 0.25}.get(status, 1.2)
            return base * (2 if pk in grouped else 1)

        by_street = self.pools(weight, "street")
        by_district = self.pools(weight, "district")
        communities = self.people()["communities"]
        classes = list(
            TrainingClass.objects.exclude(status__in=(ClassStatus.CANCELLED, ClassStatus.PLANNED))
            .order_by("pk")
            .values_list(
                "pk", "community_id", "start_date", "end_date", "capacity", "status", "course__hours", "provider_id"
            )
        )
        taken: dict[int, int] = dict(
            Enrolment.objects.filter(status__in=SEAT_HOLDING)
            .values_list("training_class")
            .annotate(n=models.Count("pk"))
            .order_by()
        )
        busy: dict[int, list[tuple[dt.date, dt.date]]] = {}
        seated: set[tuple[int, int]] = set()
        for resident_id, class_id, begins, ends in Enrolment.objects.filter(status__in=SEAT_HOLDING).values_list(
            "resident_id", "training_class_id", "training_class__start_date", "training_class__end_date"
        ):
            busy.setdefault(resident_id, []).append((begins, ends))
            seated.add((resident_id, class_id))
        rng, today = self.rng, self.today
        # Seats to fill per class: finished and running classes mostly full,
        # open ones part filled; then scaled to the target within capacity.
        wanted = []
        for _pk, _c, _b, _e, capacity, status, _h, _p in classes:
            fill = rng.uniform(0.1, 0.7) if status == ClassStatus.OPEN else rng.uniform(0.55, 1.0)
            wanted.append(capacity * fill)
        scale = target / max(sum(wanted), 1)
        free = [max(c[4] - taken.get(c[0], 0), 0) for c in classes]
        quota = [min(f, int(w * scale)) for w, f in zip(wanted, free, strict=True)]
        short = target - sum(quota)
        order = list(range(len(classes)))
        while short > 0 and order:
            rng.shuffle(order)
            order = [i for i in order if quota[i] < free[i]]
            for i in order[:short]:
                quota[i] += 1
            short = target - sum(quota)
        quality = {}
        employed: set[int] = set(
            EmploymentStatusChange.objects.filter(status__in=IN_WORK_STATUSES).values_list("resident_id", flat=True)
        )
        enrolments, changes, made = [], [], 0
        certificate = Enrolment.objects.count()
        for (class_id, community_id, begins, ends, _capacity, status, hours, provider_id), k in zip(
            classes, quota, strict=True
        ):
            if k <= 0:
                continue
            street_id, district_id, _name = communities[community_id]
            near, wide = by_street.get(street_id), by_district.get(district_id)
            if wide is None:
                continue
            score = quality.setdefault(provider_id, rng.uniform(3.3, 4.7))
            chosen: list[int] = []
            for _try in range(k * 4):
                if len(chosen) >= k:
                    break
                i = (near if near is not None and rng.random() < 0.7 else wide).draw(rng)
                pk = rows["ids"][i]
                if (pk, class_id) in seated or any(b <= ends and begins <= e for b, e in busy.get(pk, ())):
                    continue
                seated.add((pk, class_id))
                chosen.append(i)
            for i in chosen:
                pk = rows["ids"][i]
                enrolled_on = min(begins - dt.timedelta(days=rng.randrange(3, 40)), today)
                enrolment = Enrolment(
                    resident_id=pk,
                    training_class_id=class_id,
                    enrolled_on=enrolled_on,
                    enrolled_by_id=self.staff_of(rows["community"][i]),
                    created_at=self.at(enrolled_on),
                )
                r = rng.random()
                if status == ClassStatus.FINISHED:
                    outcome = "completed" if r < 0.82 else "dropped" if r < 0.93 else "withdrawn"
                elif status == ClassStatus.RUNNING:
                    outcome = "enrolled" if r < 0.9 else "dropped" if r < 0.97 else "withdrawn"
                else:
                    outcome = "enrolled" if r < 0.93 else "withdrawn"
                if outcome == "completed":
                    done = min(ends, today)
                    enrolment.status = EnrolmentStatus.COMPLETED
                    enrolment.completed_on = done
                    enrolment.window_3m_end = add_months(done, 3)
                    enrolment.window_6m_end = add_months(done, 6)
                    enrolment.attended_hours = hours - rng.randrange(hours // 10 + 1)
                    if rng.random() < 0.65:
                        certificate += 1
                        enrolment.certificate_number = f"3704{done:%y}{certificate:08d}"
                    if rng.random() < 0.7:
                        enrolment.feedback_score = min(5, max(1, round(rng.gauss(score, 0.8))))
                    status_now = rows["status"][i]
                    # Trainees now in work found it after the class (most within
                    # six months); those still registered unemployed did not.
                    if status_now in in_work and pk not in employed and rng.random() < 0.93:
                        changed_on = done + dt.timedelta(days=rng.randrange(7, 190))
                        if changed_on <= today:
                            employed.add(pk)
                            changes.append(
                                EmploymentStatusChange(
                                    resident_id=pk,
                                    status=status_now,
                                    changed_on=changed_on,
                                    recorded_by_id=enrolment.enrolled_by_id,
                                    note="培训后就业",
                                    created_at=self.at(changed_on),
                                )
                            )
                elif outcome == "dropped":
                    enrolment.status = EnrolmentStatus.DROPPED_OUT
                    enrolment.attended_hours = rng.randrange(hours // 10, hours // 2 + 1)
                elif outcome == "withdrawn":
                    enrolment.status = EnrolmentStatus.WITHDRAWN
                else:
                    elapsed = (today - begins).days / max((ends - begins).days, 1)
                    enrolment.attended_hours = int(hours * min(max(elapsed, 0), 1) * rng.uniform(0.8, 1.0))
                if enrolment.status in SEAT_HOLDING:
                    busy.setdefault(pk, []).append((begins, ends))
                enrolments.append(enrolment)
                made += 1
            if len(enrolments) >= BATCH * 4:
                bulk_insert(Enrolment, enrolments)
                enrolments = []
        bulk_insert(Enrolment, enrolments)
        bulk_insert(EmploymentStatusChange, changes)
        self.say(f"    with {len(changes):,} moves into work after training (employment history)")
        return made
