"""Demo staff training for `seed_demo`: a city systematic course and two
rotation courses of 市中区, attended by the demo logins and three demo
trainees. Idempotent: courses keyed by title, trainees by username."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from stations.models import Community, Role, User

from ..models import StaffTrainingSession
from ..services.staff_training import staff_training_attendees_add, staff_training_session_save

# Demo accounts that only attend courses: no usable password, "demo-" so
# `real_accounts()` does not take them for real staff.
TRAINEES = [
    ("demo-trainee-1", "370402001002", "王晓燕"),
    ("demo-trainee-2", "370402004002", "孙立军"),
    ("demo-trainee-3", "370402005001", "周敏"),
]

# (organiser login, kind, title, days ago it started, days, hours, place, trainer, content, attendees)
COURSES = [
    (
        "demo-city",
        "systematic",
        "全市社区就业驿站工作人员系统培训（第一期）",
        75,
        3,
        Decimal("24"),
        "枣庄市公共就业和人才服务中心",
        "市人社局就业科",
        "就业政策体系、“四清”台账、12333 帮扶规程、补贴申领流程、信息系统操作。",
        ["demo-community", "demo-community-b", "demo-street", "demo-trainee-1", "demo-trainee-2"],
    ),
    (
        "demo-district",
        "rotation",
        "市中区驿站业务季度轮训（春季）",
        40,
        1,
        Decimal("6"),
        "市中区人社局三楼会议室",
        "区就业服务中心",
        "岗位收集与推送、直播带岗操作、典型案例交流。",
        ["demo-community", "demo-street", "demo-trainee-1", "demo-trainee-3"],
    ),
    (
        "demo-district",
        "rotation",
        "市中区驿站业务季度轮训（夏季）",
        8,
        1,
        Decimal("6"),
        "中心街街道便民服务中心",
        "区就业服务中心",
        "就业困难人员认定、公益性岗位管理、满意度回访。",
        ["demo-community", "demo-community-b", "demo-trainee-2", "demo-trainee-3"],
    ),
]


def _trainees() -> None:
    for username, community_code, full_name in TRAINEES:
        community = Community.objects.filter(code=community_code).first()
        if community is None or User.objects.filter(username=username).exists():
            continue
        user = User(username=username, first_name=full_name, role=Role.COMMUNITY_STAFF, community=community)
        user.set_unusable_password()
        user.save()


def seed_staff_training(*, scale, rng, stdout=None):
    _trainees()
    today = timezone.localdate()
    made = 0
    for login, kind, title, ago, days, hours, place, trainer, content, logins in COURSES:
        organiser = User.objects.filter(username=login).first()
        if organiser is None or StaffTrainingSession.objects.filter(title=title).exists():
            continue
        starts = today - dt.timedelta(days=ago)
        session = staff_training_session_save(
            actor=organiser,
            session=StaffTrainingSession(
                kind=kind,
                title=title,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=days - 1),
                hours=hours,
                place=place,
                trainer=trainer,
                content=content,
            ),
        )
        attendees = list(User.objects.filter(username__in=logins))
        # One trainee missed the last course's assessment: shown as not completed.
        done = [a for a in attendees if not (ago < 10 and a.username == "demo-trainee-3")]
        missed = [a for a in attendees if a not in done]
        if done:
            staff_training_attendees_add(actor=organiser, session=session, attendees=done, score="合格")
        if missed:
            staff_training_attendees_add(actor=organiser, session=session, attendees=missed, completed=False)
        made += 1
    if stdout is not None and made:
        stdout.write(f"  staff training courses: {made}")
