"""Posting screening: a pure function from a posting's fields to flags.

Every posting is screened on every save and again at publication, whoever
wrote it. Two kinds of rule:

- blocking: what the law forbids. Nobody can publish a posting with a
  blocking flag, whatever their role and whatever note they write: pay below
  the local minimum wage (monthly for full-time work, hourly for part-time and
  hourly work); a condition on sex, ethnicity, household registration or local
  origin, marriage or childbearing; a pregnancy test; turning away disabled
  people or hepatitis B carriers; fees or deposits charged to applicants;
  keeping their ID cards (Employment Promotion Law arts. 3, 26-31; Provisions
  on Employment Services and Employment Management arts. 14, 19-20; Labour
  Contract Law arts. 9, 72; Women's Rights Protection Law art. 43).
- advisory: judgement calls (an age limit, a health or physical requirement).
  Publishing needs the reviewer's recorded reason.

Flags are stored as codes with the field and the words that matched (or the
figures); `describe` turns them into a label and a message in the reader's
language when a page is drawn, so a language switch works and no code or
stored sentence reaches a page. Patterns are deliberately narrow: "女装店员",
"本地生活服务", "免押金" or "户籍不限" must not trip them; a condition on who may
apply must.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.utils.translation import gettext_lazy as _

from stations.policy import policy_value

MINIMUM_WAGE_KEY = "jobs.minimum_wage_monthly"
MINIMUM_HOURLY_WAGE_KEY = "jobs.minimum_wage_hourly"

# Working days per month for a monthly wage (劳社部发〔2008〕3号: 月计薪天数
# 21.75) and hours in a standard working day (Labour Law art. 36).
PAID_DAYS_PER_MONTH = 21.75
HOURS_PER_DAY = 8

BLOCK, ADVISE = "block", "advise"

# Text fields screened, in the order a flag names the first that matched.
SCREENED_FIELDS = ("title", "requirements", "description", "working_hours", "age_limit_reason")

# Negations in front of a fee word: "免押金", "无需押金", "不收取培训费".
_NOT = (
    r"(?<!免)(?<!无)(?<!不收)(?<!不收取)(?<!无需)(?<!不需)(?<!不用)(?<!不交)(?<!免收)(?<!没有)(?<!零)(?<!no )(?<!not )"
)
_ETHNIC = r"(汉族|少数民族|回族|维吾尔族|藏族|蒙古族|满族|壮族|苗族|彝族|朝鲜族|土家族)"
# A sex word ends there: "限女" or "限女性", never "限女装".
_SEX = r"(男|女)(性|士|生|工|的)?(?=$|[\s，,。；;、！!）)(]|优先|者优先|勿扰|免谈)"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    label: object
    message: object
    pattern: re.Pattern | None = None


_RULES = [
    Rule(
        "below_minimum_wage",
        BLOCK,
        _("Below the minimum wage"),
        _("Pay from %(salary)s %(unit)s is below the local minimum of %(minimum)s %(unit)s (%(basis)s)."),
    ),
    Rule(
        "part_time_pay_unit",
        BLOCK,
        _("Part-time pay not per hour"),
        _(
            "Part-time work is paid by the hour (Labour Contract Law art. 72): state the pay per hour, "
            "so it can be checked against the hourly minimum wage."
        ),
    ),
    Rule(
        "sex",
        BLOCK,
        _("Condition on sex"),
        _("Limits or prefers applicants by sex (“%(match)s”)."),
        re.compile(
            r"(限|仅限|只限|只招|仅招|只要|要求|需|须)\s*" + _SEX + r"(?!女?不限|女均可|男均可)"
            r"|(男|女)(性|士|生)?\s*(优先|者优先|勿扰|免谈|不要)"
            r"|(不招|不要|不收|谢绝)\s*" + _SEX + r"|\b(males?|females?|men|women)\s+only\b"
            r"|\bonly\s+(males?|females?|men|women)\b|\b(male|female)s?\s+preferred\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "ethnicity",
        BLOCK,
        _("Condition on ethnicity"),
        _("Limits or prefers applicants by ethnicity (“%(match)s”)."),
        re.compile(
            r"(限|仅限|只限|只招|仅招|要求|需|须)\s*" + _ETHNIC + r"|" + _ETHNIC + r"\s*(优先|者优先|勿扰|免谈|不要)"
            r"|(不招|不要|不收|谢绝)\s*" + _ETHNIC + r"|(新疆|西藏)(人|籍)\s*(勿扰|免谈|不要|除外)"
            r"|\b(han|ethnic)\s+(chinese\s+)?only\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "household_registration",
        BLOCK,
        _("Condition on household registration or origin"),
        _("Limits or prefers applicants by household registration or local origin (“%(match)s”)."),
        re.compile(
            r"(本地|本市|本区|本县|当地|枣庄)\s*(户口|户籍|籍)(?!不限|本|簿)"
            r"|(限|仅限|只限|只招|仅招|要求|需|须)\s*(本地|本市|本区|当地|枣庄)\s*(人|居民|常住|户(?![口籍]))"
            r"|(限|仅限|只限|要求|需|须)\s*(本地|本市|枣庄|城镇|农村|非农)?\s*(户口|户籍)(?!本|簿|所在|不限)"
            r"|(本地|本市|当地|枣庄)人\s*(优先|为主)"
            r"|外地(人|户口|户籍)?\s*(勿扰|免谈|不要|不招|除外)|(不招|不要|谢绝)\s*外地"
            r"|\blocal\s+(hukou|household\s+registration|residents?\s+only)\b|\bhukou\s+required\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "marital_status",
        BLOCK,
        _("Condition on marriage or childbearing"),
        _("Sets a condition on marriage or childbearing (“%(match)s”)."),
        re.compile(
            r"(限|仅限|只限|只招|要求|需|须)\s*(未婚|已婚|已育|未育)"
            r"|(未婚|已婚已育|已婚|已育|未育)\s*(优先|者优先|勿扰|免谈|不要)"
            r"|(未婚|已婚已育|未育)(?![^，,。；;\n]{0,4}(不限|均可|皆可|都可))"
            r"|(不得|不能|不准|不许|禁止|暂不)\s*(结婚|怀孕|生育|生孩子|生子|要孩子)"
            r"|(婚育|婚姻|生育)(情况|状况)(?!不限)"
            r"|\b(single|unmarried|married)\s+(only|applicants)\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "pregnancy_test",
        BLOCK,
        _("Pregnancy test"),
        _("Asks for a pregnancy test (“%(match)s”)."),
        re.compile(
            r"孕检(?!假)|验孕|(妊娠|怀孕)(检查|检测|测试)|(检查|检测|体检)[^。；;\n]{0,6}(是否)?(怀孕|妊娠)"
            r"|\bpregnancy\s+test",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "disability",
        BLOCK,
        _("Turns away disabled people"),
        _("Turns away disabled people (“%(match)s”)."),
        re.compile(r"残疾人?\s*(勿扰|免谈|不要|除外)|(不招|不要|谢绝)\s*残疾|(无|没有)残疾"),
    ),
    Rule(
        "hepatitis_b",
        BLOCK,
        _("Hepatitis B screening"),
        _("Screens out hepatitis B carriers (“%(match)s”)."),
        re.compile(r"乙肝(五项|两对半)|(无|非)\s*乙肝|乙肝(携带者)?\s*(勿扰|免谈|不要|除外)|(不招|不要|谢绝)\s*乙肝"),
    ),
    Rule(
        "fee",
        BLOCK,
        _("Fee or deposit"),
        _("Asks applicants to pay a fee or deposit (“%(match)s”)."),
        re.compile(
            _NOT + r"(押金|保证金|培训费|服装费|工装费|报名费|介绍费|中介费|资料费|体检费|建档费|服务费)"
            r"(?!\s*[:：]?\s*(无|全免|免|0\s*元)|\s*由\s*(公司|单位|企业|我司)|\s*(公司|单位|企业)\s*(承担|负责|报销)"
            r"|\s*报销|\s*全额报销)"
            r"|(先交|需交|须交|要交|上交|缴纳)\s*\d+\s*元"
            r"|" + _NOT + r"\b(deposit|registration fee|training fee|uniform fee|placement fee)s?\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "id_card_kept",
        BLOCK,
        _("Keeps ID cards"),
        _("Keeps applicants' ID cards or papers (“%(match)s”)."),
        re.compile(
            r"(押|扣押|扣留|暂扣|留存|代为保管|统一保管|公司保管)\s*(身份证|证件)(原件)?(?!复印件)"
            r"|(身份证|证件)(原件)?\s*(押|扣押|扣留|暂扣|抵押|交(由)?(公司|单位)?保管|由(公司|单位)保管)"
            r"|\b(keep|hold|retain)s?\s+(your\s+|the\s+)?(id|identity)\s+cards?\b",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "age_limit",
        ADVISE,
        _("Age limit"),
        _("Sets an age limit (%(limit)s): publishing needs the reviewer's reason."),
    ),
    Rule(
        "health_requirement",
        ADVISE,
        _("Health or physical requirement"),
        _("Sets a health or physical requirement (“%(match)s”): publishing needs the reviewer's reason."),
        re.compile(
            r"体检(合格|达标)|身高\s*\d|身高[^\s，,。；;]{0,3}(以上|以下)|体重|视力"
            r"|(无|没有)\s*(重大|慢性|传染性?|遗传)?\s*(疾病|病史)|无传染病|五官端正|形象好|相貌"
            r"|\b(good\s+health|height)\s+(required|of)\b",
            re.IGNORECASE,
        ),
    ),
]
RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
BLOCKING_CODES = frozenset(code for code, rule in RULES.items() if rule.severity == BLOCK)

_AGE_IN_TEXT = re.compile(
    r"(\d{2})\s*(岁|周岁)\s*(以下|以内|以上)"
    r"|(\d{2})\s*[-~～至到—–]\s*(\d{2})\s*(岁|周岁)"
    r"|(年龄|age)\s*[:：]?\s*(\d{2})\s*[-~～至到—–]\s*(\d{2})",
    re.IGNORECASE,
)


def _limits_age(match: re.Match) -> bool:
    """A range written in the text limits age unless it spans working age
    ("16-60岁" states the law, not a limit)."""
    numbers = [int(g) for g in match.groups() if g and g.isdigit()]
    if len(numbers) == 2:
        low, high = sorted(numbers)
        return low > MIN_WORKING_AGE + 2 or high < UNREASONED_AGE_CEILING
    return True


# Working-age bounds the law sets: 16 to the statutory retirement age. A limit
# inside that range is a judgement call the reviewer records.
MIN_WORKING_AGE = 16
UNREASONED_AGE_CEILING = 60


@dataclass(frozen=True)
class Flag:
    code: str
    field: str = ""
    match: str = ""
    params: dict = dc_field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.code in BLOCKING_CODES

    def as_dict(self) -> dict:
        data = {"code": self.code, "field": self.field}
        if self.match:
            data["match"] = self.match
        if self.params:
            data["params"] = self.params
        return data


def minimum_pay(pay_unit: str, work_pattern: str, *, monthly: int, hourly: int) -> tuple[int, str]:
    """The lowest lawful pay in `pay_unit` for `work_pattern`, and which rule
    gives it: the monthly minimum for a monthly wage; the hourly one for an
    hourly wage; a day rate is the monthly minimum over 21.75 paid days for
    full-time work, else 8 hours at the hourly minimum (day labour)."""
    if pay_unit == "hour":
        return hourly, "hourly"
    if pay_unit == "day":
        if work_pattern == "full_time":
            return math.ceil(monthly / PAID_DAYS_PER_MONTH), "daily_full_time"
        return hourly * HOURS_PER_DAY, "daily_hours"
    return monthly, "monthly"


def screen_posting(
    *,
    title: str = "",
    description: str = "",
    requirements: str = "",
    working_hours: str = "",
    age_limit_reason: str = "",
    salary_min: int | None = None,
    pay_unit: str = "month",
    work_pattern: str = "",
    age_min: int | None = None,
    age_max: int | None = None,
    minimum_monthly: int,
    minimum_hourly: int,
) -> list[Flag]:
    """Flags for a posting's content, in a stable order (the rules' order).
    Pure: the minimum wages are given, so a migration or a test can call it."""
    flags: list[Flag] = []
    if work_pattern == "part_time" and pay_unit == "month":
        flags.append(Flag("part_time_pay_unit", "pay_unit"))
    elif salary_min is not None:
        minimum, basis = minimum_pay(pay_unit, work_pattern, monthly=minimum_monthly, hourly=minimum_hourly)
        if salary_min < minimum:
            flags.append(
                Flag(
                    "below_minimum_wage",
                    "salary_min",
                    params={"salary": salary_min, "minimum": minimum, "unit": pay_unit, "basis": basis},
                )
            )
    texts = {
        "title": title,
        "description": description,
        "requirements": requirements,
        "working_hours": working_hours,
        "age_limit_reason": age_limit_reason,
    }
    for rule in _RULES:
        if rule.pattern is None:
            continue
        for name in SCREENED_FIELDS:
            match = rule.pattern.search(texts[name] or "")
            if match:
                flags.append(Flag(rule.code, name, match.group(0).strip()[:40]))
                break
    limited = (age_min is not None and age_min > MIN_WORKING_AGE + 2) or (
        age_max is not None and age_max < UNREASONED_AGE_CEILING
    )
    if limited:
        shown = f"{age_min or MIN_WORKING_AGE}–{age_max}" if age_max is not None else f"{age_min}+"
        flags.append(Flag("age_limit", "age_max" if age_max is not None else "age_min", shown))
    else:
        in_text = next(
            ((name, m) for name in SCREENED_FIELDS for m in _AGE_IN_TEXT.finditer(texts[name] or "") if _limits_age(m)),
            None,
        )
        if in_text is not None:
            flags.append(Flag("age_limit", in_text[0], in_text[1].group(0).strip()))
    order = list(RULES)
    return sorted(flags, key=lambda f: order.index(f.code))


def minimum_wages(on: dt.date | None = None) -> tuple[int, int]:
    """(monthly, hourly) minimum wages in force on `on`: policy parameters."""
    return int(policy_value(MINIMUM_WAGE_KEY, on=on)), int(policy_value(MINIMUM_HOURLY_WAGE_KEY, on=on))


def screen(posting, *, on: dt.date | None = None, wages: tuple[int, int] | None = None) -> list[Flag]:
    """Screen a Posting instance (or anything with the same attributes)."""
    monthly, hourly = wages or minimum_wages(on)
    return screen_posting(
        title=posting.title or "",
        description=posting.description or "",
        requirements=posting.requirements or "",
        working_hours=posting.working_hours or "",
        age_limit_reason=posting.age_limit_reason or "",
        salary_min=posting.salary_min,
        pay_unit=posting.pay_unit or "month",
        work_pattern=posting.work_pattern or "",
        age_min=posting.age_min,
        age_max=posting.age_max,
        minimum_monthly=monthly,
        minimum_hourly=hourly,
    )


# --- showing flags ----------------------------------------------------------------

_BASIS = {
    "monthly": _("the monthly minimum wage"),
    "hourly": _("the hourly minimum wage"),
    "daily_full_time": _("the monthly minimum wage over 21.75 paid days"),
    "daily_hours": _("8 hours at the hourly minimum wage"),
}


@dataclass(frozen=True)
class FlagNote:
    """A stored flag as a reader sees it, in the active language."""

    code: str
    field: str
    blocking: bool
    label: str
    message: str

    def __str__(self):
        return self.message


def _unit_label(unit: str) -> str:
    from jobs.models import PayUnit

    return str(PayUnit(unit).label) if unit in PayUnit.values else str(PayUnit.MONTH.label)


def describe(flag: dict) -> FlagNote:
    """A stored flag's label and message, translated now. A code no rule
    knows any more (or a flag stored before codes were kept) reads as a
    generic note, never as the code itself."""
    code = flag.get("code", "")
    rule = RULES.get(code)
    if rule is None:
        return FlagNote(
            code,
            flag.get("field", ""),
            False,
            str(_("Earlier screening note")),
            str(_("Flagged by a screening rule no longer in use; save the posting to screen it again.")),
        )
    params = dict(flag.get("params") or {})
    if code == "below_minimum_wage":
        params["basis"] = str(_BASIS.get(params.get("basis"), _BASIS["monthly"]))
        params["unit"] = _unit_label(params.get("unit", "month"))
    if code == "age_limit":
        params["limit"] = flag.get("match", "")
    params.setdefault("match", flag.get("match", ""))
    try:
        message = str(rule.message) % params
    except (KeyError, TypeError, ValueError):
        message = str(rule.label)
    return FlagNote(code, flag.get("field", ""), rule.severity == BLOCK, str(rule.label), message)


def describe_all(flags) -> list[FlagNote]:
    return [describe(f) for f in flags or [] if isinstance(f, dict)]


def is_blocking(flags) -> bool:
    return any(isinstance(f, dict) and f.get("code") in BLOCKING_CODES for f in flags or [])


def flag_label(code: str) -> str:
    """A flag code's short label: for the audit log, which stores codes."""
    rule = RULES.get(code)
    return str(rule.label) if rule else str(_("Earlier screening note"))
