"""Screening a posting's texts with fixed minimum wages."""

from jobs.screening import screen_posting

WAGES = {"minimum_monthly": 2100, "minimum_hourly": 21}


def codes(**kwargs):
    kwargs.setdefault("salary_min", 3000)
    return [f.code for f in screen_posting(**WAGES, **kwargs)]
