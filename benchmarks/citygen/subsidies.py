"""Subsidy applications of the four kinds, each taken along its workflow with
its step log."""

from __future__ import annotations

import bisect
import datetime as dt
from decimal import Decimal

from benchmarks.citygen.base import GeneratorBase, Pool
from benchmarks.citygen.businesses import businesses_with_a_founder
from benchmarks.citygen.writer import insert_keyed


class _PolicyHistory:
    """The subsidy figures in force on a day, asking the policy once per
    period between two changes of the figures (not once per application)."""

    KEYS = (
        "entrepreneurship.startup_subsidy_micro_enterprise",
        "entrepreneurship.startup_subsidy_individual_business",
        "entrepreneurship.hiring_subsidy_per_person",
        "entrepreneurship.social_insurance_subsidy_max",
        "entrepreneurship.rent_subsidy_max",
    )

    def __init__(self, amount, ceiling):
        from stations.models import PolicyParameterValue

        self._amount, self._ceiling = amount, ceiling
        self.changes = sorted(
            set(PolicyParameterValue.objects.filter(key__in=self.KEYS).values_list("valid_from", flat=True))
        )
        self.memo: dict = {}

    def _regime(self, day: dt.date) -> int:
        return bisect.bisect_right(self.changes, day)

    def amount(self, kind, business_kind, day: dt.date):
        key = ("amount", kind, business_kind, self._regime(day))
        if key not in self.memo:
            self.memo[key] = self._amount(kind, business_kind=business_kind, on=day)
        return self.memo[key]

    def ceiling(self, kind, day: dt.date):
        key = ("ceiling", kind, self._regime(day))
        if key not in self.memo:
            self.memo[key] = self._ceiling(kind, on=day)
        return self.memo[key]


def _eligibility(kind: str) -> list[dict]:
    """The checks as the service stores them at submission (in the portal's
    language), all passed: the generated applications are ones that could be
    filed."""
    checks = [("not_awarded_before", "此前无同类申请。")]
    if kind in ("startup", "rent"):
        checks.append(("founder", "申请人为该经营主体的创办人。"))
    checks.append(
        {
            "startup": ("newly_registered", "在登记注册后的申领期限内。"),
            "hiring": ("contract_one_year", "劳动合同期限不少于 12 个月。"),
            "social_insurance": ("in_work", "已登记为就业困难人员，且已就业。"),
            "rent": ("rent", "已登记月租金。"),
        }[kind]
    )
    return [{"rule": rule, "passed": True, "message": message, "evidence": ""} for rule, message in checks]


class SubsidySteps(GeneratorBase):
    def subsidy_applications(self) -> int:
        """~20,000 applications across the four kinds, one live per business
        (startup, rent) or person (hiring, social insurance) and kind, each
        taken along the workflow with its step log: submitted by the
        community, checked by the street, decided and paid by the district."""
        from entrepreneurship.models import (
            BUSINESS_KINDS,
            LIVE_STATUSES,
            PER_PERSON_KINDS,
            SUBSIDY_WORKFLOW,
            ApplicationEvent,
            ApplicationStatus,
            RejectionReason,
            SubsidyApplication,
            SubsidyKind,
            Transition,
        )
        from entrepreneurship.subsidy_kinds import policy_amount, policy_ceiling
        from jobs.models import Employer
        from stations.models import IN_WORK_STATUSES

        target = self.sizes["applications"] - SubsidyApplication.objects.count()
        if target <= 0:
            return 0
        rows = self.resident_rows()
        index_of = {pk: i for i, pk in enumerate(rows["ids"])}
        live = SubsidyApplication.objects.filter(status__in=LIVE_STATUSES)
        # The slots the once-only rule (each kind's once_per) says are taken, by kind.
        used_business = {
            kind: set(live.filter(kind=kind).values_list("business_id", flat=True)) for kind in BUSINESS_KINDS
        }
        used = {kind: set(live.filter(kind=kind).values_list("resident_id", flat=True)) for kind in PER_PERSON_KINDS}
        founders, businesses = businesses_with_a_founder()
        rng, today = self.rng, self.today
        plan: list[tuple] = []  # (kind, resident index, business row or None)
        for kind, share in ((SubsidyKind.STARTUP, 0.7), (SubsidyKind.RENT, 0.3)):
            open_ = [b for b in businesses if b[0] not in used_business[kind]]
            for b in rng.sample(open_, min(len(open_), int(len(businesses) * share), int(target * 0.3))):
                founder = founders[b[0]]
                if founder not in index_of or founder in used.get(kind, ()):
                    continue
                used.setdefault(kind, set()).add(founder)
                plan.append((kind, index_of[founder], b))
        rest = max(target - len(plan), 0)
        in_work = set(IN_WORK_STATUSES)
        hard = rows["hard"]
        for kind, count in (
            (SubsidyKind.HIRING, rest * 6 // 10),
            (SubsidyKind.SOCIAL_INSURANCE, rest - rest * 6 // 10),
        ):
            if kind == SubsidyKind.HIRING:
                weights = [1.0 if s in in_work else 0 for s in rows["status"]]
            else:
                weights = [
                    (15.0 if pk in hard else 1.0) if s in in_work else 0
                    for pk, s in zip(rows["ids"], rows["status"], strict=True)
                ]
            if not any(weights):
                continue
            pool = Pool(range(len(rows["ids"])), weights)
            chosen: set[int] = set()
            for _try in range(count * 3):
                if len(chosen) >= count:
                    break
                i = pool.draw(rng)
                if rows["ids"][i] not in used[kind] and i not in chosen:
                    chosen.add(i)
                    plan.append((kind, i, None))
        rng.shuffle(plan)
        employers = list(Employer.objects.order_by("pk").values_list("name", flat=True)[:3000]) or [
            "枣庄市商贸有限公司"
        ]
        start, days = self.in_history()
        policy = _PolicyHistory(policy_amount, policy_ceiling)
        applications, steps = [], []
        payment = SubsidyApplication.objects.count()
        for kind, i, business in plan:
            community_id = business[3] if business else rows["community"][i]
            if business is not None:
                # Filed within the year after registration (the startup window).
                filed_on = business[2] + dt.timedelta(days=rng.randrange(5, 330))
                if filed_on > today:
                    filed_on = today - dt.timedelta(days=rng.randrange(0, 20))
                    filed_on = max(filed_on, business[2])
            else:
                filed_on = start + dt.timedelta(days=rng.randrange(days))
            staff = self.staff_of(community_id)
            application = SubsidyApplication(
                kind=kind,
                community_id=community_id,
                resident_id=rows["ids"][i],
                business_id=business[0] if business else None,
                created_by_id=staff,
                created_at=self.at(filed_on),
            )
            business_kind = business[1] if business else None
            standard = policy.amount(kind, business_kind, filed_on)
            ceiling = policy.ceiling(kind, filed_on)
            if kind == SubsidyKind.HIRING:
                application.employer_name = rng.choice(employers)[:100]
                application.contract_start = filed_on - dt.timedelta(days=rng.randrange(10, 120))
                application.contract_months = rng.choice((12, 12, 24, 36))
            elif kind == SubsidyKind.RENT:
                application.monthly_rent = Decimal(rng.randrange(800, 3600, 100))
            if standard is not None:
                requested = standard
            elif kind == SubsidyKind.RENT:
                requested = min(ceiling, application.monthly_rent * 12 * Decimal("0.3")).quantize(Decimal("1"))
            else:
                requested = min(ceiling, Decimal(rng.randrange(1800, 7200, 300)))
            application.requested_amount = requested
            application.eligibility = _eligibility(kind)
            age = (today - filed_on).days
            outcomes = (
                ("paid", "rejected", "approved", "draft", "street_checked", "submitted"),
                (72, 14, 4, 4, 3, 3) if age > 90 else (35, 10, 20, 8, 15, 12) if age > 30 else (10, 5, 10, 20, 20, 35),
            )
            outcome = rng.choices(*outcomes)[0]
            chain = {
                "draft": [],
                "submitted": [Transition.SUBMIT],
                "street_checked": [Transition.SUBMIT, Transition.STREET_CHECK],
                "approved": [Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE],
                "rejected": [Transition.SUBMIT, Transition.STREET_CHECK, Transition.REJECT],
                "paid": [Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE, Transition.PAY],
            }[outcome]
            if chain and rng.random() < 0.05:
                # Returned by the street for a missing paper, filed again.
                chain = [Transition.SUBMIT, Transition.RETURN, *chain]
            state, day, log = ApplicationStatus.DRAFT, filed_on, []
            gaps = {
                Transition.SUBMIT: (0, 4),
                Transition.RETURN: (2, 10),
                Transition.STREET_CHECK: (2, 12),
                Transition.APPROVE: (3, 20),
                Transition.REJECT: (3, 20),
                Transition.PAY: (7, 40),
            }
            for step in chain:
                low, high = gaps[step]
                day = day + dt.timedelta(days=rng.randrange(low, high))
                if day > today:
                    break  # the workflow has got this far by today
                after = SUBSIDY_WORKFLOW.step(step).target
                actor = (
                    staff
                    if step == Transition.SUBMIT
                    else self.officer_of(community_id)
                    if step in (Transition.STREET_CHECK, Transition.RETURN)
                    else self.bureau_of(community_id)
                )
                moment = self.at(day)
                if log and moment <= log[-1][4]:
                    # Two steps on one day: the second comes after the first.
                    moment = log[-1][4] + dt.timedelta(minutes=rng.randrange(5, 90))
                log.append((step, state, after, actor, moment))
                state = after
                if step == Transition.SUBMIT:
                    application.submitted_at = moment
                elif step == Transition.APPROVE:
                    amount = requested
                    if standard is None and rng.random() < 0.1:
                        amount = (requested * Decimal(rng.choice(("0.7", "0.8", "0.9")))).quantize(Decimal("1"))
                    application.approved_amount = amount
                    application.policy_snapshot = {
                        "on": day.isoformat(),
                        "standard": str(standard) if standard is not None else None,
                        "ceiling": str(ceiling) if ceiling is not None else None,
                    }
                elif step == Transition.REJECT:
                    application.rejection_reason = rng.choices(RejectionReason.values, weights=(5, 4, 2, 2, 1))[0]
                elif step == Transition.PAY:
                    payment += 1
                    application.paid_on = day
                    application.payment_reference = f"ZZCY-{day:%Y}-{payment:06d}"
            application.status = state
            application.status_changed_at = log[-1][4] if log else application.created_at
            applications.append(application)
            steps.append(log)
        insert_keyed(SubsidyApplication, applications)
        events = [
            ApplicationEvent(
                application_id=application.pk,
                transition=step,
                from_status=before,
                to_status=after,
                actor_id=actor,
                at=moment,
                note="材料不全，请补充后重新提交" if step == Transition.RETURN else "",
            )
            for application, log in zip(applications, steps, strict=True)
            for step, before, after, actor, moment in log
        ]
        # insert_keyed keeps each step's time on every database: the workbook
        # counts steps by the day they happened.
        insert_keyed(ApplicationEvent, events)
        self.say(f"    with {len(events):,} workflow steps")
        return len(applications)
