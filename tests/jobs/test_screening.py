"""The screening rules, both ways: what the law forbids is caught, lawful text
that looks alike is not."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from jobs.screening import BLOCKING_CODES, describe, minimum_pay, screen_posting
from jobs.services import posting_save
from tests.factories.jobs import PostingFactory
from tests.jobs.conftest import draft_posting

WAGES = {"minimum_monthly": 2100, "minimum_hourly": 21}


def codes(**kwargs):
    kwargs.setdefault("salary_min", 3000)
    return [f.code for f in screen_posting(**WAGES, **kwargs)]


def test_clean_posting_has_no_flags():
    assert codes(title="家政保洁员", requirements="有责任心，会做家常菜") == []


# --- pay ----------------------------------------------------------------------------


def test_monthly_pay_below_the_minimum_is_blocked_with_the_figures():
    (flag,) = screen_posting(title="店员", salary_min=1000, pay_unit="month", work_pattern="full_time", **WAGES)
    assert flag.code == "below_minimum_wage" and flag.blocking and flag.field == "salary_min"
    assert flag.params == {"salary": 1000, "minimum": 2100, "unit": "month", "basis": "monthly"}


def test_monthly_pay_at_the_minimum_passes():
    assert codes(salary_min=2100, pay_unit="month", work_pattern="full_time") == []


def test_hourly_pay_is_checked_against_the_hourly_minimum():
    assert codes(salary_min=18, pay_unit="hour", work_pattern="part_time") == ["below_minimum_wage"]
    assert codes(salary_min=21, pay_unit="hour", work_pattern="part_time") == []


def test_part_time_pay_stated_per_month_is_blocked():
    assert codes(salary_min=2500, pay_unit="month", work_pattern="part_time") == ["part_time_pay_unit"]


def test_day_labour_is_checked_against_eight_hours_at_the_hourly_minimum():
    assert minimum_pay("day", "flexible", monthly=2100, hourly=21) == (168, "daily_hours")
    assert codes(salary_min=150, pay_unit="day", work_pattern="flexible") == ["below_minimum_wage"]
    assert codes(salary_min=200, pay_unit="day", work_pattern="flexible") == []


def test_full_time_day_rate_is_the_monthly_minimum_over_paid_days():
    assert minimum_pay("day", "full_time", monthly=2100, hourly=21) == (97, "daily_full_time")
    assert codes(salary_min=120, pay_unit="day", work_pattern="full_time") == []


@pytest.mark.django_db
def test_minimum_wages_come_from_the_policy_parameters(city_bureau):

    from jobs.screening import screen
    from stations.services import policy_parameter_set

    posting = PostingFactory.build(salary_min=2150, pay_unit="month", work_pattern="full_time")
    assert screen(posting) == []
    policy_parameter_set(actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=dt.date.today())
    assert [f.code for f in screen(posting)] == ["below_minimum_wage"]


# --- what the law forbids: caught -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("限男性", "sex"),
        ("仅限女性，形象好", "sex"),
        ("男性优先", "sex"),
        ("男女不限，女性优先", "sex"),
        ("只招男的", "sex"),
        ("女士勿扰", "sex"),
        ("Men only, night shift", "sex"),
        ("限汉族", "ethnicity"),
        ("少数民族勿扰", "ethnicity"),
        ("限本地户籍", "household_registration"),
        ("要求本市户口", "household_registration"),
        ("本地户口优先", "household_registration"),
        ("限本地人", "household_registration"),
        ("本地人优先", "household_registration"),
        ("外地人勿扰", "household_registration"),
        ("需枣庄户籍", "household_registration"),
        ("未婚", "marital_status"),
        ("已婚已育优先", "marital_status"),
        ("入职三年内不得生育", "marital_status"),
        ("请注明婚育情况", "marital_status"),
        ("入职体检含孕检", "pregnancy_test"),
        ("入职需做妊娠检测", "pregnancy_test"),
        ("残疾人勿扰", "disability"),
        ("需查乙肝五项", "hepatitis_b"),
        ("入职需交押金300元", "fee"),
        ("培训费自理", "fee"),
        ("服装费从工资扣除", "fee"),
        ("报名费50元", "fee"),
        ("体检费自理", "fee"),
        ("先交200元", "fee"),
        ("A deposit of 200 yuan is required", "fee"),
        ("入职押身份证", "id_card_kept"),
        ("身份证原件交公司保管", "id_card_kept"),
    ],
)
def test_what_the_law_forbids_is_blocked(text, code):
    flags = screen_posting(requirements=text, salary_min=3000, **WAGES)
    assert code in [f.code for f in flags]
    assert all(f.blocking for f in flags if f.code == code)


@pytest.mark.parametrize("field", ["title", "description", "requirements", "working_hours"])
def test_every_text_field_is_screened(field):
    (flag,) = screen_posting(**{field: "本地户口优先"}, salary_min=3000, **WAGES)
    assert flag.field == field and flag.match == "本地户口"


# --- lawful text that looks alike: passes ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "女装 店员",
        "招聘女装店员",
        "限女装区域导购",
        "男女不限",
        "性别不限",
        "本地生活服务",
        "熟悉本地路线",
        "本地生活服务平台配送员",
        "户籍不限",
        "需提供户口本复印件",
        "民族不限",
        "少数民族同胞欢迎",
        "婚姻状况不限",
        "享受婚假、产假、产检假",
        "已婚员工可申请夫妻房",
        "免押金",
        "无需押金",
        "不收取任何费用",
        "岗前免费培训",
        "培训费由公司承担",
        "体检费公司报销",
        "携带身份证原件及复印件",
        "身份证复印件留存",
        "欢迎残疾人应聘",
        "适合残疾人",
        "不歧视乙肝携带者",
        "No deposit required",
        "包吃包住，五险一金",
    ],
)
def test_lawful_text_is_not_blocked(text):
    assert [f.code for f in screen_posting(requirements=text, salary_min=3000, **WAGES) if f.blocking] == []


# --- judgement calls: advisory ----------------------------------------------------------


def test_an_age_limit_is_advisory_even_with_the_employers_reason():
    flags = screen_posting(age_max=45, age_limit_reason="高空作业", salary_min=3000, **WAGES)
    assert [(f.code, f.blocking) for f in flags] == [("age_limit", False)]


def test_an_age_limit_written_in_the_text_is_advisory():
    assert codes(requirements="18-35岁") == ["age_limit"]
    assert codes(requirements="35岁以下") == ["age_limit"]


def test_working_age_bounds_are_no_age_limit():
    assert codes(age_min=16, age_max=60) == []
    assert codes(requirements="16-60岁均可") == []


@pytest.mark.parametrize("text", ["身高160以上", "体检合格", "无重大疾病史", "视力良好"])
def test_health_and_physical_requirements_are_advisory(text):
    flags = screen_posting(requirements=text, salary_min=3000, **WAGES)
    assert [(f.code, f.blocking) for f in flags] == [("health_requirement", False)]


def test_age_and_health_are_the_only_advisory_rules():
    from jobs.screening import RULES

    assert set(RULES) - BLOCKING_CODES == {"age_limit", "health_requirement"}


# --- showing flags ----------------------------------------------------------------------


def test_flags_are_stored_as_codes_without_sentences():
    (flag,) = screen_posting(requirements="限本地户籍", salary_min=3000, **WAGES)
    assert flag.as_dict() == {"code": "household_registration", "field": "requirements", "match": "限本地户籍"}


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
