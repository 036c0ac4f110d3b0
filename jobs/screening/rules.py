"""The screening's rules: what the law forbids in a posting (blocking) and
the judgement calls a reviewer records (advisory), each with its pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

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

AGE_IN_TEXT = re.compile(
    r"(\d{2})\s*(岁|周岁)\s*(以下|以内|以上)"
    r"|(\d{2})\s*[-~～至到—–]\s*(\d{2})\s*(岁|周岁)"
    r"|(年龄|age)\s*[:：]?\s*(\d{2})\s*[-~～至到—–]\s*(\d{2})",
    re.IGNORECASE,
)


def limits_age(match: re.Match) -> bool:
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
