"""`manage.py build_monthly_reports`."""

import io

from django.core.management import call_command


def test_the_command_says_how_many_workbooks_it_queued(district, other_district):
    out = io.StringIO()

    call_command("build_monthly_reports", "--today", "2026-11-01", stdout=out)

    assert out.getvalue().strip() == "3 workbook(s) queued."
