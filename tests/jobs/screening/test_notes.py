"""Stored flags read as labels and messages in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from jobs.screening import describe
from jobs.services import posting_save
from tests.jobs.conftest import draft_posting


def test_a_flag_reads_in_the_readers_language_and_quotes_the_words():
    flag = {"code": "household_registration", "field": "requirements", "match": "本地户口"}
    with translation.override("zh-hans"):
        chinese = describe(flag)
    with translation.override("en"):
        english = describe(flag)
    assert "本地户口" in chinese.message and "本地户口" in english.message
    assert chinese.message != english.message and "household_registration" not in chinese.message + chinese.label


def test_the_wage_flag_reads_with_its_figures_and_unit():
    flag = {
        "code": "below_minimum_wage",
        "field": "salary_min",
        "params": {"salary": 18, "minimum": 21, "unit": "hour", "basis": "hourly"},
    }
    with translation.override("zh-hans"):
        note = describe(flag)
    assert "18" in note.message and "21" in note.message and "元/小时" in note.message and note.blocking


@pytest.mark.parametrize("flag", [{"code": "retired_rule"}, {"code": "sex", "reason": "Limits applicants by sex"}])
def test_an_unknown_or_old_flag_never_shows_its_code(flag):
    with translation.override("zh-hans"):
        note = describe(flag)
    assert "retired_rule" not in note.message + note.label


def test_audit_log_shows_flag_labels_not_codes(client, community, community_staff, district_bureau):
    posting = draft_posting(community, requirements="本地户口优先")
    posting_save(actor=community_staff, posting=posting)
    client.force_login(district_bureau)
    html = client.get(reverse("stations:audit_log")).content.decode()
    assert "household_registration" not in html and "below_minimum_wage" not in html
    assert "最低工资" in html
