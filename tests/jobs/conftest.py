import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories.jobs import valid_credit_code


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
