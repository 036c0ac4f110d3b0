"""Employers and their postings: the live market and three years of expired ones."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from benchmarks.citygen.base import GeneratorBase
from benchmarks.citygen.writer import BATCH, copy_tuples, indexes_deferred
from stations.models import Community
from stations.validators import credit_code_check_char


class PostingSteps(GeneratorBase):
    def jobs(self) -> int:
        from jobs.models import Employer, Posting

        communities = list(Community.objects.values_list("pk", flat=True))
        weights = self.community_weights(communities)
        start = Employer.objects.count()
        # One weighted draw for all employers: choices() per row re-sums 2,400 weights each time.
        homes = iter(self.rng.choices(communities, weights=weights, k=max(self.sizes["employers"] - start, 0)))
        employers = []
        for i in range(start, self.sizes["employers"]):
            first17 = f"91370400MA{i:07d}"[:17]
            employers.append(
                Employer(
                    community_id=next(homes),
                    name=f"枣庄市第{i}商贸有限公司",
                    credit_code=first17 + credit_code_check_char(first17),
                    industry=self.rng.choice(["制造业", "批发零售", "餐饮住宿", "物业服务", "物流"]),
                    contact_name="王经理",
                    contact_phone="13800000000",
                )
            )
        Employer.objects.bulk_create(employers, batch_size=BATCH)
        employer_rows = list(Employer.objects.order_by("pk").values_list("pk", "community_id"))
        places = {
            pk: (float(lat) if lat is not None else None, float(lng) if lng is not None else None)
            for pk, lat, lng in Community.objects.values_list("pk", "latitude", "longitude")
        }
        now = timezone.now()
        today = self.today
        category_choices = [value for value, _label in Posting._meta.get_field("occupation_category").choices]
        patterns = ["full_time", "part_time", "flexible", "home_piecework"]
        titles = ["保洁员", "保安员", "仓库管理员", "服务员", "普工", "收银员", "配送员"]
        columns = [
            "employer_id",
            "community_id",
            "title",
            "occupation_category",
            "headcount",
            "salary_min",
            "salary_max",
            "pay_unit",
            "work_pattern",
            "valid_from",
            "valid_until",
            "contact_name",
            "contact_phone",
            "status",
            "published_at",
            "latitude",
            "longitude",
            "created_at",
            "updated_at",
        ]
        rng = self.rng
        made = 0
        # Live postings (published, open today), then the expired ones of the
        # three years before: the market keeps them, residents no longer see them.
        needs = {
            status: max(self.sizes[size] - Posting.objects.filter(status=status).count(), 0)
            for status, size in (("published", "postings"), ("expired", "expired_postings"))
        }
        with indexes_deferred(Posting, adding=sum(needs.values())):
            for status, need in needs.items():
                for start in range(0, need, BATCH * 4):
                    rows = []
                    for _i in range(min(BATCH * 4, need - start)):
                        employer_id, community_id = rng.choice(employer_rows)
                        pattern = rng.choice(patterns)
                        # Lawful pay, as the screening requires of a published posting: at
                        # least the default minimum wage, per hour for part-time work.
                        if pattern == "part_time":
                            unit, low = "hour", rng.randrange(21, 40)
                            high = low + rng.randrange(0, 15)
                        else:
                            unit, low = "month", rng.randrange(2100, 6000, 100)
                            high = low + rng.randrange(0, 3000, 100)
                        if status == "published":
                            valid_from = today - dt.timedelta(days=rng.randrange(0, 60))
                            valid_until = today + dt.timedelta(days=rng.randrange(1, 90))
                            published = now - dt.timedelta(days=rng.randrange(0, 60))
                        else:
                            valid_from = today - dt.timedelta(days=rng.randrange(91, 3 * 365))
                            valid_until = min(
                                valid_from + dt.timedelta(days=rng.randrange(14, 90)), today - dt.timedelta(days=1)
                            )
                            published = timezone.make_aware(dt.datetime.combine(valid_from, dt.time(9)))
                        lat, lng = places.get(community_id, (None, None))
                        rows.append(
                            (
                                employer_id,
                                community_id,
                                rng.choice(titles),
                                rng.choice(category_choices),
                                rng.randrange(1, 10),
                                low,
                                high,
                                unit,
                                pattern,
                                valid_from,
                                valid_until,
                                "王经理",
                                "13800000000",
                                status,
                                published,
                                lat,
                                lng,
                                published,
                                now,
                            )
                        )
                    copy_tuples(Posting, columns, rows)
                    made += len(rows)
        return len(employers) + made
