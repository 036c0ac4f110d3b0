import pytest

from jobs.screening import screen_posting


def codes(**kwargs):
    kwargs.setdefault("salary_min", 3000)
    return [f.code for f in screen_posting(minimum_wage=2100, **kwargs)]


def test_clean_posting_has_no_flags():
    assert codes(title="家政保洁员", requirements="有责任心，会做家常菜") == []


def test_salary_below_minimum_wage_is_flagged_with_the_figures():
    flags = screen_posting(title="店员", salary_min=1800, minimum_wage=2100)
    assert [f.code for f in flags] == ["below_minimum_wage"]
    assert "1800" in flags[0].reason and "2100" in flags[0].reason


@pytest.mark.django_db
def test_minimum_wage_comes_from_the_policy_parameter_by_default():
    assert [f.code for f in screen_posting(title="店员", salary_min=2000)] == ["below_minimum_wage"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("限男性", "sex"),
        ("仅限女性，形象好", "sex"),
        ("男性优先", "sex"),
        ("Men only, night shift", "sex"),
        ("限汉族", "ethnicity"),
        ("限本地户籍", "household_registration"),
        ("要求本市户口", "household_registration"),
        ("未婚", "marital_status"),
        ("已婚已育优先", "marital_status"),
        ("入职需交押金300元", "fee"),
        ("培训费自理", "fee"),
        ("服装费从工资扣除", "fee"),
        ("报名费50元", "fee"),
        ("A deposit of 200 yuan is required", "fee"),
    ],
)
def test_discrimination_and_fee_keywords_are_flagged(text, code):
    assert code in codes(requirements=text)


def test_flag_reason_quotes_the_offending_words():
    flags = screen_posting(requirements="限本地户籍", salary_min=3000, minimum_wage=2100)
    assert "本地户籍" in flags[0].reason


def test_unjustified_age_limit_is_flagged():
    assert codes(age_max=35) == ["age_limit"]


def test_age_limit_with_a_reason_is_not_flagged():
    assert codes(age_max=45, age_limit_reason="高空作业，需通过体检") == []


def test_age_limit_written_in_the_text_is_flagged():
    assert "age_limit" in codes(requirements="35岁以下")


def test_working_age_bounds_alone_are_not_flagged():
    assert codes(age_min=16, age_max=60) == []
