"""The national occupational classification (中华人民共和国职业分类大典, 2022
edition): its 8 major groups (大类) and 79 middle groups (中类), with their codes.

A resident's wanted job category (意向岗位类别) stores one of these codes: a
major group ("4") when the wish is broad, a middle group ("4-10") when it is
not. The names are the classification's own and are not translated. The
codes follow the printed edition; "-99" is each major group's "other", and
major group 8 has the single middle group 8-00.

Checked in December 2026 against two independent extractions of the 2022
edition's text (its code tables, GBM codes alongside): the 2022 edition renamed
2-07 (监察 added), 4-02 (仓储物流), 4-13/4-14 (culture and education; health,
sports and leisure), 4-99, 6-09 (制造) and 6-27 (再生资源) from the 2015 names
this list first had.
"""

from __future__ import annotations

import re
import unicodedata

MAJOR_GROUPS: list[tuple[str, str]] = [
    ("1", "党的机关、国家机关、群众团体和社会组织、企事业单位负责人"),
    ("2", "专业技术人员"),
    ("3", "办事人员和有关人员"),
    ("4", "社会生产服务和生活服务人员"),
    ("5", "农、林、牧、渔业生产及辅助人员"),
    ("6", "生产制造及有关人员"),
    ("7", "军队人员"),
    ("8", "不便分类的其他从业人员"),
]

MIDDLE_GROUPS: list[tuple[str, str]] = [
    ("1-01", "中国共产党机关负责人"),
    ("1-02", "国家机关负责人"),
    ("1-03", "民主党派和工商联负责人"),
    ("1-04", "人民团体和群众团体、社会组织及其他成员组织负责人"),
    ("1-05", "基层群众自治组织负责人"),
    ("1-06", "企事业单位负责人"),
    ("2-01", "科学研究人员"),
    ("2-02", "工程技术人员"),
    ("2-03", "农业技术人员"),
    ("2-04", "飞机和船舶技术人员"),
    ("2-05", "卫生专业技术人员"),
    ("2-06", "经济和金融专业人员"),
    ("2-07", "监察、法律、社会和宗教专业人员"),
    ("2-08", "教学人员"),
    ("2-09", "文学艺术、体育专业人员"),
    ("2-10", "新闻出版、文化专业人员"),
    ("2-99", "其他专业技术人员"),
    ("3-01", "行政办事及辅助人员"),
    ("3-02", "安全和消防及辅助人员"),
    ("3-03", "法律事务及辅助人员"),
    ("3-99", "其他办事人员和有关人员"),
    ("4-01", "批发与零售服务人员"),
    ("4-02", "交通运输、仓储物流和邮政业服务人员"),
    ("4-03", "住宿和餐饮服务人员"),
    ("4-04", "信息传输、软件和信息技术服务人员"),
    ("4-05", "金融服务人员"),
    ("4-06", "房地产服务人员"),
    ("4-07", "租赁和商务服务人员"),
    ("4-08", "技术辅助服务人员"),
    ("4-09", "水利、环境和公共设施管理服务人员"),
    ("4-10", "居民服务人员"),
    ("4-11", "电力、燃气及水供应服务人员"),
    ("4-12", "修理及制作服务人员"),
    ("4-13", "文化和教育服务人员"),
    ("4-14", "健康、体育和休闲服务人员"),
    ("4-99", "其他社会生产服务和生活服务人员"),
    ("5-01", "农业生产人员"),
    ("5-02", "林业生产人员"),
    ("5-03", "畜牧业生产人员"),
    ("5-04", "渔业生产人员"),
    ("5-05", "农、林、牧、渔业生产辅助人员"),
    ("5-99", "其他农、林、牧、渔业生产及辅助人员"),
    ("6-01", "农副产品加工人员"),
    ("6-02", "食品、饮料生产加工人员"),
    ("6-03", "烟草及其制品加工人员"),
    ("6-04", "纺织、针织、印染人员"),
    ("6-05", "纺织品、服装和皮革、毛皮制品加工制作人员"),
    ("6-06", "木材加工、家具与木制品制作人员"),
    ("6-07", "纸及纸制品生产加工人员"),
    ("6-08", "印刷和记录媒介复制人员"),
    ("6-09", "文教、工美、体育和娱乐用品制造人员"),
    ("6-10", "石油加工和炼焦、煤化工生产人员"),
    ("6-11", "化学原料和化学制品制造人员"),
    ("6-12", "医药制造人员"),
    ("6-13", "化学纤维制造人员"),
    ("6-14", "橡胶和塑料制品制造人员"),
    ("6-15", "非金属矿物制品制造人员"),
    ("6-16", "采矿人员"),
    ("6-17", "金属冶炼和压延加工人员"),
    ("6-18", "机械制造基础加工人员"),
    ("6-19", "金属制品制造人员"),
    ("6-20", "通用设备制造人员"),
    ("6-21", "专用设备制造人员"),
    ("6-22", "汽车制造人员"),
    ("6-23", "铁路、船舶、航空设备制造人员"),
    ("6-24", "电气机械和器材制造人员"),
    ("6-25", "计算机、通信和其他电子设备制造人员"),
    ("6-26", "仪器仪表制造人员"),
    ("6-27", "再生资源综合利用人员"),
    ("6-28", "电力、热力、气体、水生产和输配人员"),
    ("6-29", "建筑施工人员"),
    ("6-30", "运输设备和通用工程机械操作人员及有关人员"),
    ("6-31", "生产辅助人员"),
    ("6-99", "其他生产制造及有关人员"),
    ("7-01", "军官（警官）"),
    ("7-02", "军士（警士）"),
    ("7-03", "义务兵"),
    ("7-04", "文职人员"),
    ("8-00", "不便分类的其他从业人员"),
]

NAMES: dict[str, str] = dict(MAJOR_GROUPS) | dict(MIDDLE_GROUPS)


def occupation_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: one optgroup per major group, the major
    group itself first ("any job in it"), then its middle groups. Labels start
    with the code, so typing "4-10" on a closed select finds it."""
    return [
        (
            f"{major} {major_name}",
            [
                (major, f"{major} {major_name}（本大类）"),
                *((code, f"{code} {name}") for code, name in MIDDLE_GROUPS if code.split("-")[0] == major),
            ],
        )
        for major, major_name in MAJOR_GROUPS
    ]


def occupation_name(code: str) -> str:
    return NAMES.get(code or "", "")


def occupation_code_for(text: str) -> str:
    """The code whose name is exactly `text` (spaces around it ignored), or "".
    Only an exact name maps: anything else is left for staff to choose."""
    text = (text or "").strip()
    for code, name in NAMES.items():
        if name == text:
            return code
    return ""


class OccupationNotFound(ValueError):
    """`text` names no group, or several: `candidates` lists (code, name) of
    the groups it could mean (empty when none)."""

    def __init__(self, text: str, candidates: list[tuple[str, str]]):
        super().__init__(text)
        self.text = text
        self.candidates = candidates


_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "_": "-"})


def occupation_code_from_cell(text: str) -> str:
    """The code a ledger cell means: a code ("4-10", full-width or with
    another dash), the label the form shows ("4-10 居民服务人员"), an exact
    name, or a part of a name that only one group's name holds ("居民服务").
    Anything else raises OccupationNotFound with the groups it could mean, so
    the row error can say what was expected: guessing among several would
    put people under a category staff never chose."""
    cleaned = unicodedata.normalize("NFKC", text or "").translate(_DASHES).strip()
    head, _, rest = cleaned.partition(" ")
    code = head.replace(" ", "")
    if code in NAMES and (not rest.strip() or rest.strip() == NAMES[code]):
        return code
    name = re.sub(r"\s+", "", cleaned)
    exact = occupation_code_for(name)
    if exact:
        return exact
    if len(name) >= 2:
        matches = [(c, n) for c, n in NAMES.items() if name in n]
        # A major group and its only middle group (8 and 8-00) share a name: one meaning.
        if len({n for _, n in matches}) == 1:
            return matches[0][0]
        raise OccupationNotFound(text, matches)
    raise OccupationNotFound(text, [])
