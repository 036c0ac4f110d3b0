"""The districts' training catalogues and providers, classes at community
training points, and the needs list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from benchmarks.citygen.base import GeneratorBase
from benchmarks.citygen.residents import SURNAMES
from benchmarks.citygen.writer import bulk_insert
from stations.models import District, EmploymentStatus

# (course, trade, hours, subsidy yuan, audience, programme, how often districts run it)
COURSES = [
    ("家政服务员（五级）", "家政服务员", 80, "1200", "redeployment", "housekeeping", 8),
    ("养老护理员（五级）", "养老护理员", 96, "1400", "redeployment", "health_care", 8),
    ("育婴员（五级）", "育婴员", 80, "1200", "redeployment", "housekeeping", 6),
    ("保育师（五级）", "保育师", 80, "1200", "employment_skills", "health_care", 3),
    ("健康照护师", "健康照护师", 90, "1400", "redeployment", "health_care", 4),
    ("中式烹调师（鲁菜师傅）", "中式烹调师", 120, "1800", "redeployment", "lu_cuisine_chef", 6),
    ("中式面点师（鲁菜师傅）", "中式面点师", 100, "1500", "labour_preparation", "lu_cuisine_chef", 4),
    ("西式面点师", "西式面点师", 100, "1500", "labour_preparation", "", 2),
    ("电工（初级）", "电工", 120, "1800", "redeployment", "qilu_builder", 5),
    ("焊工（初级）", "焊工", 120, "1800", "redeployment", "qilu_builder", 3),
    ("砌筑工（齐鲁建筑工匠）", "砌筑工", 90, "1300", "redeployment", "qilu_builder", 2),
    ("钢筋工（齐鲁建筑工匠）", "钢筋工", 90, "1300", "redeployment", "qilu_builder", 2),
    ("网约配送员", "网约配送员", 40, "600", "employment_skills", "delivery", 7),
    ("快递员", "快递员", 40, "600", "redeployment", "delivery", 3),
    ("直播销售员", "直播销售员", 60, "1000", "employment_skills", "live_selling", 6),
    ("电子商务师（农村电商）", "电子商务师", 80, "1200", "employment_skills", "live_selling", 3),
    ("柳编草编（山东手造）", "手工编织工", 60, "800", "practical_skills", "shandong_handcraft", 3),
    ("鲁绣（山东手造）", "刺绣工", 60, "800", "practical_skills", "shandong_handcraft", 2),
    ("剪纸（山东手造）", "剪纸工", 40, "600", "practical_skills", "shandong_handcraft", 2),
    ("石榴盆景制作（山东手造）", "盆景工", 60, "900", "practical_skills", "shandong_handcraft", 2),
    ("美容师（五级）", "美容师", 100, "1400", "employment_skills", "", 2),
    ("美发师（五级）", "美发师", 100, "1400", "labour_preparation", "", 2),
    ("汽车维修工（初级）", "汽车维修工", 120, "1800", "labour_preparation", "", 2),
    ("保安员", "保安员", 40, "600", "redeployment", "", 3),
    ("创业培训（SIYB）", "创业者", 80, "1500", "startup_literacy", "", 4),
    ("网络创业培训", "网络创业者", 60, "1200", "startup_literacy", "live_selling", 2),
]
ENTRY_REQUIREMENTS = {
    "redeployment": "16–60 周岁，有就业意愿的登记失业人员、转岗职工",
    "employment_skills": "高校毕业生、返乡青年优先，初中以上文化",
    "labour_preparation": "未能继续升学的初高中毕业生",
    "practical_skills": "残疾人、社区矫正对象等可报名",
    "startup_literacy": "有创业意愿、具备一定文化程度",
}
PROVIDER_WORDS = ["阳光", "鲁南", "运河", "青檀", "抱犊崮", "榴园", "奚仲", "匠心"]
UNLISTED_TRADES = ["叉车司机", "收纳师", "茶艺师", "无人机驾驶员", "母婴护理员", "中药炮制工"]


class TrainingSteps(GeneratorBase):
    def training_catalogues(self) -> int:
        """Per district the published catalogue with ~25 courses and ~8 providers.
        A district's published catalogue (the small demo's) is kept and filled
        up; the title is the demo's, so a later small seed finds this one."""
        from training.models import Catalogue, CatalogueStatus, Course, Provider

        people = self.people()
        start, _days = self.in_history()
        made = 0
        for district in District.objects.order_by("code"):
            bureau = people["bureau"].get(district.pk)
            catalogue = Catalogue.objects.filter(district=district, status=CatalogueStatus.PUBLISHED).first()
            if catalogue is None:
                catalogue = Catalogue.objects.create(
                    district=district,
                    title=f"{self.today.year}年{district.name}职业技能培训通用项目清单",
                    status=CatalogueStatus.PUBLISHED,
                    published_at=self.at(start - dt.timedelta(days=30)),
                    published_by_id=bureau,
                )
                made += 1
            have = set(catalogue.courses.values_list("name", flat=True))
            position = catalogue.courses.count()
            extra = Decimal(self.rng.choice((0, 0, 100, 200)))
            courses = []
            for name, occupation, hours, subsidy, audience, programme, _weight in COURSES:
                if name in have:
                    continue
                courses.append(
                    Course(
                        catalogue=catalogue,
                        name=name,
                        occupation=occupation,
                        hours=hours,
                        subsidy_standard=Decimal(subsidy) + extra,
                        audience=audience,
                        programme=programme,
                        entry_requirements=ENTRY_REQUIREMENTS[audience],
                        content=f"{occupation}职业认知、基础知识、实操训练与安全规范，结业考核合格发证",
                        position=position,
                    )
                )
                position += 1
            Course.objects.bulk_create(courses)
            have_providers = set(Provider.objects.filter(district=district).values_list("name", flat=True))
            providers = [
                Provider(
                    district=district,
                    name=f"{district.name}{word}职业培训学校",
                    licence_number=f"鲁人社培 {district.code}{i + 21:03d}",
                    contact_person=self.rng.choice(SURNAMES) + "老师",
                    phone=f"0632-{self.rng.randrange(3000000, 8999999)}",
                    address=f"{district.name}{word}路{self.rng.randrange(1, 300)}号",
                )
                for i, word in enumerate(PROVIDER_WORDS)
                if f"{district.name}{word}职业培训学校" not in have_providers
            ]
            Provider.objects.bulk_create(providers)
            made += len(courses) + len(providers)
        return made

    def training_classes(self) -> int:
        """~4,000 classes at community training points over three years and the
        coming two months, with their schedule, capacity and status."""
        from training.models import ClassStatus, Course, Provider, ScheduleType, TrainingClass

        target = self.sizes["classes"] - TrainingClass.objects.count()
        if target <= 0:
            return 0
        people = self.people()
        courses: dict[int, list] = {}
        course_weights: dict[int, list] = {}
        weight_of = {name: weight for name, *_rest, weight in COURSES}
        for course in Course.objects.filter(catalogue__status="published").select_related("catalogue"):
            courses.setdefault(course.catalogue.district_id, []).append(course)
            course_weights.setdefault(course.catalogue.district_id, []).append(weight_of.get(course.name, 2))
        providers: dict[int, list[int]] = {}
        for pk, district_id in Provider.objects.filter(is_active=True).order_by("pk").values_list("pk", "district_id"):
            providers.setdefault(district_id, []).append(pk)
        hosts = [
            pk
            for pk, (_street, district_id, _name) in sorted(people["communities"].items())
            if courses.get(district_id) and providers.get(district_id)
        ]
        if not hosts:
            return 0
        homes = self.rng.choices(hosts, weights=self.community_weights(hosts), k=target)
        start, days = self.in_history()
        schedules = [ScheduleType.EVENING, ScheduleType.WEEKEND, ScheduleType.REGULAR]
        # Calendar days a course of n hours takes: evenings 2.5 h on four days a
        # week, weekends 7 h on two, daytime 6 h on five.
        pace = {ScheduleType.EVENING: 2.5 * 4 / 7, ScheduleType.WEEKEND: 7 * 2 / 7, ScheduleType.REGULAR: 6 * 5 / 7}
        label = {ScheduleType.EVENING: "夜课班", ScheduleType.WEEKEND: "周末班", ScheduleType.REGULAR: "日间班"}
        notes = {
            ScheduleType.EVENING: "周一至周四 19:00-21:30",
            ScheduleType.WEEKEND: "周六、周日 9:00-16:00",
            ScheduleType.REGULAR: "周一至周五 8:30-15:30",
        }
        rng, today = self.rng, self.today
        classes = []
        for community_id in homes:
            _street, district_id, community_name = people["communities"][community_id]
            course = rng.choices(courses[district_id], weights=course_weights[district_id])[0]
            schedule = rng.choices(schedules, weights=(3, 3, 4))[0]
            begins = start + dt.timedelta(days=rng.randrange(days + 60))
            ends = begins + dt.timedelta(days=max(1, round(course.hours / pace[schedule])))
            if ends < today:
                status = ClassStatus.CANCELLED if rng.random() < 0.03 else ClassStatus.FINISHED
            elif begins <= today:
                status = ClassStatus.RUNNING
            else:
                status = (
                    ClassStatus.PLANNED
                    if begins > today + dt.timedelta(days=30) and rng.random() < 0.5
                    else (ClassStatus.OPEN)
                )
            classes.append(
                TrainingClass(
                    course_id=course.pk,
                    provider_id=rng.choice(providers[district_id]),
                    title=f"{community_name}{course.occupation}{label[schedule]}（{begins.year}年{begins.month}月）",
                    community_id=community_id,
                    place=f"{community_name}{rng.choice(('党群服务中心培训室', '就业驿站培训点', '社区学校'))}",
                    schedule_type=schedule,
                    schedule_note=notes[schedule],
                    start_date=begins,
                    end_date=ends,
                    capacity=rng.choice((20, 25, 30, 30, 35, 40, 40, 45, 50)),
                    status=status,
                    created_by_id=people["bureau"].get(district_id, people["any_reviewer"]),
                    created_at=self.at(begins - dt.timedelta(days=rng.randrange(20, 60))),
                )
            )
        bulk_insert(TrainingClass, classes)
        return len(classes)

    def training_needs(self) -> int:
        """~30,000 wishes on the needs list, collected in spring and autumn rounds."""
        from training.models import Course, TrainingNeed

        target = self.sizes["training_needs"] - TrainingNeed.objects.count()
        if target <= 0:
            return 0
        rows = self.resident_rows()
        grouped = rows["grouped"]

        def weight(pk, status, wants):
            base = {EmploymentStatus.UNEMPLOYED: 4.0, EmploymentStatus.NOT_IN_LABOUR_FORCE: 0.3}.get(status, 1.0)
            return base * (3 if wants else 0.3 if wants is False else 1) * (2 if pk in grouped else 1)

        by_district = self.pools(weight, "district")
        offered: dict[int, list[tuple[int, str]]] = {}
        for pk, district_id, occupation in Course.objects.filter(catalogue__status="published").values_list(
            "pk", "catalogue__district_id", "occupation"
        ):
            offered.setdefault(district_id, []).append((pk, occupation))
        start, _days = self.in_history()
        rounds = [
            dt.date(year, month, 15)
            for year in range(start.year, self.today.year + 1)
            for month in (3, 9)
            if start <= dt.date(year, month, 15) <= self.today
        ]
        districts = sorted(key for key in by_district if offered.get(key))
        if not rounds or not districts:
            return 0
        seen = set(TrainingNeed.objects.values_list("resident_id", "occupation", "round_date"))
        # Districts in proportion to the people they may draw from.
        shares = [by_district[d].total for d in districts]
        rng = self.rng
        needs = []
        for _try in range(target * 2):
            if len(needs) >= target:
                break
            district_id = rng.choices(districts, weights=shares)[0]
            i = by_district[district_id].draw(rng)
            if rng.random() < 0.8:
                course_id, occupation = rng.choice(offered[district_id])
            else:
                course_id, occupation = None, rng.choice(UNLISTED_TRADES)
            round_date = rng.choice(rounds)
            key = (rows["ids"][i], occupation, round_date)
            if key in seen:
                continue
            seen.add(key)
            needs.append(
                TrainingNeed(
                    resident_id=key[0],
                    occupation=occupation,
                    course_id=course_id,
                    round_date=round_date,
                    recorded_by_id=self.staff_of(rows["community"][i]),
                    created_at=self.at(round_date),
                )
            )
        bulk_insert(TrainingNeed, needs)
        return len(needs)
