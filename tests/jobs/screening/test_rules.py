"""What each rule catches, and what it must let through."""

import pytest

from jobs.screening import BLOCKING_CODES, screen_posting
from tests.jobs.screening.conftest import WAGES, codes


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
