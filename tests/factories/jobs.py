import datetime as dt

import factory
from django.utils import timezone

from jobs.models import (
    Employer,
    FairSignUp,
    JobAlert,
    JobFair,
    LabourSurvey,
    Posting,
    PostingStatus,
    Recommendation,
)
from stations.validators import CREDIT_CODE_CHARS, credit_code_check_char


def valid_credit_code(n: int) -> str:
    body = "".join(CREDIT_CODE_CHARS[(n // 31**i) % 31] for i in range(9))
    first17 = f"91370402{body}"
    return first17 + credit_code_check_char(first17)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    name = factory.Sequence(lambda n: f"测试用工单位{n}")
    credit_code = factory.Sequence(lambda n: valid_credit_code(n + 1000))
    industry = "服务业"
    contact_name = "王经理"
    contact_phone = "13863201234"


class LabourSurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabourSurvey

    employer = factory.SubFactory(EmployerFactory)
    surveyed_on = factory.LazyFunction(timezone.localdate)
    headcount = 20
    shortage = 3


class PostingFactory(factory.django.DjangoModelFactory):
    """A live posting by default: published, open today, placed at its community."""

    class Meta:
        model = Posting

    employer = factory.SubFactory(EmployerFactory)
    community = factory.LazyAttribute(lambda o: o.employer.community)
    title = factory.Sequence(lambda n: f"岗位{n}")
    occupation_category = "housekeeping"
    headcount = 2
    salary_min = 3000
    salary_max = 4500
    work_pattern = "full_time"
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    contact_name = "王经理"
    contact_phone = "13863201234"
    status = PostingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    latitude = factory.LazyAttribute(
        lambda o: float(o.community.latitude) if o.community.latitude is not None else None
    )
    longitude = factory.LazyAttribute(
        lambda o: float(o.community.longitude) if o.community.longitude is not None else None
    )


class JobFairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobFair

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    title = factory.Sequence(lambda n: f"岗位集市{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    place = "党群服务中心广场"


class FairSignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FairSignUp

    fair = factory.SubFactory(JobFairFactory)
    name = "赵丽"
    phone = factory.Sequence(lambda n: f"1396320{n % 10000:04d}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    posting = factory.SubFactory(PostingFactory)
    recommended_on = factory.LazyFunction(timezone.localdate)
    staff = factory.SubFactory("tests.factories.users.UserFactory")


class JobAlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobAlert

    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    near = factory.LazyAttribute(lambda o: o.resident.community)
    radius_km = 5
