"""What the job market's tests share: the cache cleared around each test, the
forms and rows a test types (an odd job, a public submission, an employers
sheet), a draft posting, a job seeker and a posting for recommendations."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from jobs.models import PostingStatus
from jobs.services.employer_imports import employer_import_batch_create
from stations.models import UnemploymentRegistration
from tests.factories import CommunityFactory, ResidentFactory
from tests.factories.imports import workbook_bytes
from tests.factories.jobs import EmployerFactory, PostingFactory, valid_credit_code


@pytest.fixture(autouse=True)
def _clear_cache():
    """The public form's rate limit counts in the cache; each test starts at zero."""
    cache.clear()
    yield
    cache.clear()


def gig_data(community, **overrides):
    data = {
        "community": community,
        "poster_name": "王女士",
        "poster_phone": "13900000000",
        "title": "家庭保洁",
        "kind": "cleaning",
        "address": "幸福小区3号楼",
        "date": timezone.localdate(),
        "start_time": dt.time(14, 0),
        "end_time": dt.time(17, 0),
        "places": 1,
        "pay": 30,
        "pay_unit": "hour",
        "bring": "",
        "description": "",
        "risk": "",
        "certificate": "",
    }
    return {**data, **overrides}


def gig_form_data(community, **overrides):
    """gig_data as the station's form posts it."""
    data = {
        **gig_data(community),
        "community": community.pk,
        "date": timezone.localdate().isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
    }
    return {**data, **overrides}


def household_data(**overrides):
    """What a household or an employer types for an odd job: the community is theirs."""
    data = gig_data(None)
    data.pop("community")
    return {**data, **overrides}


def submission(community, **overrides):
    today = timezone.localdate()
    data = {
        "employer_name": "光明路好邻居超市",
        "credit_code": valid_credit_code(777),
        "legal_form": "individual_business",
        "title": "理货员",
        "occupation_category": "retail",
        "community": community.pk,
        "headcount": 2,
        "salary_min": 2800,
        "salary_max": 3500,
        "pay_unit": "month",
        "work_pattern": "full_time",
        "valid_from": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=30)).isoformat(),
        "contact_name": "刘店长",
        "contact_phone": "138 6320 1234",
    }
    data.update(overrides)
    return data


HEADERS = [
    "单位名称",
    "统一社会信用代码",
    "社区代码",
    "单位类型",
    "规模",
    "联系人",
    "联系电话",
    "调查日期",
    "用工数量",
    "缺工人数",
]


def xlsx(rows, headers=HEADERS) -> bytes:
    return workbook_bytes(headers, rows)


def row(n, community, **overrides):
    values = {
        "单位名称": f"用工单位{n}",
        "统一社会信用代码": valid_credit_code(n),
        "社区代码": community.code,
        "单位类型": "company",
        "规模": "micro",
        "联系人": "刘",
        "联系电话": "13863201111",
        "调查日期": "",
        "用工数量": "",
        "缺工人数": "",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def upload(user, rows, headers=HEADERS):
    return employer_import_batch_create(actor=user, filename="用工单位.xlsx", data=xlsx(rows, headers))


def draft_posting(community, **fields):
    """A posting as a community account typed it: 1,000–1,200 yuan a month."""
    values = {"salary_min": 1000, "salary_max": 1200, "pay_unit": "month", "work_pattern": "full_time"}
    values.update(fields)
    return PostingFactory(
        employer=EmployerFactory(community=community),
        status=PostingStatus.DRAFT,
        published_at=None,
        **values,
    )


@pytest.fixture
def seeker(community):
    resident = ResidentFactory(community=community, employment_status="unemployed")
    UnemploymentRegistration.objects.create(
        resident=resident, number="DJ-001", registered_on=timezone.localdate() - dt.timedelta(days=90)
    )
    return resident


@pytest.fixture
def posting(community):
    return PostingFactory(employer__community=community, headcount=1)


@pytest.fixture
def uneven(street, community, far_community):
    """市中区: 8,000 people with 12 workers (15 per 10k) and 1,000 with 5 (50 per 10k)."""
    return CommunityFactory(street=street, urban_population=1000, community_worker_count=5)
