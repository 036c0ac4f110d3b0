"""The columns of the resident ledger (居民台账) and the words staff type in them.

Staff keep their ledgers in Chinese, so headers and choice values are read in
Chinese; the stored codes (`unemployed`, `bachelor`...) are accepted too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from stations.models import Education, EmploymentStatus, SkillLevel, TargetGroupCode, WorkPattern

TEXT, CHOICE, BOOL, DATE, INT, GROUPS, COMMUNITY_CODE, COMMUNITY_NAME, OCCUPATION = (
    "text",
    "choice",
    "bool",
    "date",
    "int",
    "groups",
    "community_code",
    "community_name",
    "occupation",
)


@dataclass(frozen=True)
class Column:
    key: str  # the Resident field (or an import-only key such as community_code)
    header: str  # the Chinese header in the template
    kind: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: dict[str, str] = field(default_factory=dict)  # typed word -> code
    example: str = ""
    help: str = ""
    width: int = 14


# Chinese words for each code, first one is what the template shows.
EDUCATION_WORDS = {
    Education.PRIMARY: ("小学及以下", "小学", "文盲", "半文盲"),
    Education.JUNIOR: ("初中",),
    Education.SENIOR: ("高中",),
    Education.VOCATIONAL: ("中专", "中职", "技校", "职高", "中专/技校"),
    Education.COLLEGE: ("大专", "专科", "高职"),
    Education.BACHELOR: ("本科", "大学本科", "大学"),
    Education.POSTGRADUATE: ("研究生", "硕士", "博士", "硕士研究生", "博士研究生"),
}
STATUS_WORDS = {
    EmploymentStatus.EMPLOYED: ("单位就业", "就业", "已就业", "在职"),
    EmploymentStatus.FLEXIBLE: ("灵活就业",),
    EmploymentStatus.SELF_EMPLOYED: ("自主创业", "个体经营", "自雇", "创业"),
    EmploymentStatus.UNEMPLOYED: ("登记失业", "失业", "未就业"),
    EmploymentStatus.NOT_IN_LABOUR_FORCE: ("非劳动力", "不在劳动力", "退休", "在校学生"),
}
SKILL_WORDS = {
    SkillLevel.NONE: ("无", "无证书", "没有"),
    SkillLevel.JUNIOR: ("初级", "初级工", "五级"),
    SkillLevel.INTERMEDIATE: ("中级", "中级工", "四级"),
    SkillLevel.SENIOR: ("高级", "高级工", "三级"),
    SkillLevel.TECHNICIAN: ("技师", "二级"),
    SkillLevel.SENIOR_TECHNICIAN: ("高级技师", "一级"),
}
PATTERN_WORDS = {
    WorkPattern.FULL_TIME: ("全职", "全日制"),
    WorkPattern.PART_TIME: ("兼职", "非全日制"),
    WorkPattern.FLEXIBLE: ("灵活", "弹性", "灵活时间"),
    WorkPattern.HOME_PIECEWORK: ("居家计件", "来料加工", "计件"),
}
GROUP_WORDS = {
    TargetGroupCode.HARD_TO_EMPLOY: ("就业困难人员", "就业困难"),
    TargetGroupCode.MINIMUM_LIVING: ("低保家庭", "低保"),
    TargetGroupCode.NEAR_MINIMUM_LIVING: ("低保边缘家庭", "低保边缘"),
    TargetGroupCode.POVERTY_EXIT: ("脱贫享受政策人口", "脱贫人口"),
    TargetGroupCode.POVERTY_MONITORED: ("防返贫监测对象", "监测对象"),
    TargetGroupCode.DISABLED: ("残疾人", "残疾"),
    TargetGroupCode.VETERAN: ("退役军人",),
    TargetGroupCode.SCHOOL_LEAVER: ("未升学初高中毕业生", "未升学毕业生"),
    TargetGroupCode.COMMUNITY_CORRECTION: ("社区矫正对象",),
    TargetGroupCode.RELEASED_PERSON: ("安置帮教对象", "刑满释放人员"),
    TargetGroupCode.RURAL_MIGRANT: ("农村转移劳动者", "农村转移劳动力"),
    TargetGroupCode.MOTHER_YOUNG_CHILDREN: ("二孩妈妈", "宝妈"),
    TargetGroupCode.YOUNG_OLD: ("低龄老年人",),
    TargetGroupCode.LOW_INCOME: ("低收入", "低收入人员"),
}
TRUE_WORDS = ("是", "有", "y", "yes", "true", "1", "√", "✓")
FALSE_WORDS = ("否", "无", "没有", "n", "no", "false", "0", "×")


def _lookup(words: dict, enum) -> dict[str, str]:
    """typed word (normalised) -> code, from the Chinese words and the codes."""
    table = {}
    for code in enum.values:
        table[normalise_word(code)] = code
    for code, names in words.items():
        for name in names:
            table[normalise_word(name)] = str(code)
    return table


def normalise_word(text: str) -> str:
    return re.sub(r"[\s_\-()（）]", "", str(text)).lower()


def label_for(words: dict, code: str) -> str:
    return words[code][0] if code in words else code


COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", required=True, aliases=("居民姓名",), example="张三", width=10),
    Column(
        "id_number",
        "身份证号",
        required=True,
        aliases=("身份证号码", "公民身份号码", "身份证"),
        example="370402198001010011",
        help=_("18 characters; format the column as Text so Excel keeps every digit."),
        width=22,
    ),
    Column(
        "mobile",
        "手机号",
        aliases=("手机号码", "联系电话", "手机", "电话"),
        example="13905321234",
        help=_("11 digits starting with 13 to 19; +86 and spaces are removed."),
        width=14,
    ),
    Column(
        "community_code",
        "社区代码",
        kind=COMMUNITY_CODE,
        aliases=("社区统计用区划代码", "区划代码"),
        example="370402001001",
        help=_("12-digit statistical division code. Community staff may leave it and 社区名称 empty."),
        width=15,
    ),
    Column(
        "community_name",
        "社区名称",
        kind=COMMUNITY_NAME,
        aliases=("所属社区", "社区", "村居", "社区(村)"),
        example="光明路社区",
        help=_("Used when the code is empty; must name one community in your area."),
        width=14,
    ),
    Column(
        "registered_on",
        "登记日期",
        kind=DATE,
        aliases=("入库日期", "建档日期", "登记时间"),
        example="2025-03-15",
        help=_(
            "The day the person was registered at the station; today when empty. The monthly figures count the "
            "person from this day."
        ),
    ),
    Column("address", "住址", aliases=("家庭住址", "现住址", "地址"), example="光明路12号3单元201", width=24),
    Column("education", "文化程度", kind=CHOICE, aliases=("学历",), choices=_lookup(EDUCATION_WORDS, Education)),
    Column(
        "employment_status",
        "就业状态",
        kind=CHOICE,
        aliases=("就业情况", "就业失业状态"),
        choices=_lookup(STATUS_WORDS, EmploymentStatus),
    ),
    Column(
        "unemployed_since",
        "失业登记日期",
        kind=DATE,
        aliases=("失业登记时间",),
        example="2026-03-01",
        help=_("For registered unemployed people; today when empty."),
    ),
    Column(
        "registration_number",
        "失业登记证号",
        aliases=("失业登记号", "就业创业证号"),
        example="3704022026000123",
        width=18,
    ),
    Column("skill_level", "技能等级", kind=CHOICE, aliases=("职业技能等级",), choices=_lookup(SKILL_WORDS, SkillLevel)),
    Column("skills", "技能", aliases=("专业技能", "技能特长"), example="电工、焊工"),
    Column(
        "wants_training",
        "培训意愿",
        kind=BOOL,
        aliases=("是否愿意培训", "有无培训意愿"),
        example="是",
        help=_("是 or 否; empty when not asked yet."),
    ),
    Column("wanted_course_types", "意向培训", aliases=("培训意向", "意向培训项目"), example="家政服务"),
    Column(
        "wanted_occupation",
        "意向岗位类别",
        kind=OCCUPATION,
        aliases=("岗位类别", "意向职业类别", "职业类别"),
        example="4-10",
        help=_(
            "A group of the national occupational classification: its code (4 or 4-10) or its name "
            "(居民服务人员). The jobs themselves go in 意向岗位."
        ),
        width=16,
    ),
    Column("wanted_job_categories", "意向岗位", aliases=("求职意向", "意向工种"), example="保洁、保安"),
    Column(
        "wanted_work_pattern",
        "意向用工形式",
        kind=CHOICE,
        aliases=("用工形式", "意向就业形式"),
        choices=_lookup(PATTERN_WORDS, WorkPattern),
    ),
    Column(
        "salary_expectation",
        "期望月薪",
        kind=INT,
        aliases=("期望薪资", "期望工资", "期望月薪(元)"),
        example="3500",
        help=_("Yuan per month, a whole number."),
    ),
    Column("is_graduate", "高校毕业生", kind=BOOL, aliases=("是否高校毕业生",), example="否", help=_("是 or 否.")),
    Column("graduation_school", "毕业院校", aliases=("毕业学校",), width=18),
    Column(
        "graduation_date",
        "毕业时间",
        kind=DATE,
        aliases=("毕业日期",),
        example="2024-07-01",
        help=_("A date such as 2024-07-01 (or 2024-07, read as the 1st)."),
    ),
    Column(
        "target_groups",
        "人员类别",
        kind=GROUPS,
        aliases=("重点群体", "人员类型", "群体类别"),
        example="退役军人、农村转移劳动者",
        help=_("Several allowed, separated by 、 or commas."),
        width=26,
    ),
)

COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}
GROUP_LOOKUP = _lookup(GROUP_WORDS, TargetGroupCode)
WORDS_BY_KEY = {
    "education": EDUCATION_WORDS,
    "employment_status": STATUS_WORDS,
    "skill_level": SKILL_WORDS,
    "wanted_work_pattern": PATTERN_WORDS,
}


def header_lookup() -> dict[str, str]:
    """normalised header -> column key."""
    table = {}
    for column in COLUMNS:
        for name in (column.header, *column.aliases):
            table[normalise_header(name)] = column.key
    return table


def normalise_header(text) -> str:
    """'身份证号(必填)*' -> '身份证号': hints in brackets and marks are dropped."""
    text = re.sub(r"[（(【\[].*?[)）】\]]", "", str(text or ""))
    return re.sub(r"[\s*＊:：]", "", text)


def allowed_values(column: Column) -> str:
    """What the instructions sheet lists as allowed for a column."""
    if column.key in WORDS_BY_KEY:
        return "、".join(names[0] for names in WORDS_BY_KEY[column.key].values())
    if column.kind == GROUPS:
        return "、".join(names[0] for names in GROUP_WORDS.values())
    if column.kind == BOOL:
        return "是、否"
    return ""
