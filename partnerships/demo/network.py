"""Demo partner network for `seed_demo`: each community with a demo staff login
gets six partners (a bank and a parcel station hosting embedded service
points, one partner shared with a neighbouring community) and two joint
meetings whose commitments are done through a linked posting, late, open and
dropped; a few other communities get a partner or two. Written through the
services by the demo login; idempotent (keyed by partner name and meeting
topic)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobs.models import Employer, Posting, PostingStatus
from jobs.services import recommendation_create, recommendation_transition
from stations.models import Community, Resident, Role, User

from ..models import Commitment, CommitmentKind, JointMeeting, Partner, PartnerKind
from ..services.network import commitments, meetings, partners


def _partners_for(community: Community, neighbour: Community | None, today: dt.date):
    """(name, kind, offers, hosts point, shared, contact, phone, address, since days ago)."""
    street = community.street.name.removesuffix("街道").removesuffix("镇")
    name = community.name.removesuffix("社区")
    return [
        (
            "枣庄农商银行" + street + "支行",
            PartnerKind.BANK,
            {"offers_policy_publicity": True},
            True,
            False,
            "刘行长",
            "0632-3312001",
            f"{community.name}{name}路66号",
            420,
        ),
        (
            f"中通快递{name}驿站",
            PartnerKind.PARCEL_STATION,
            {"offers_vacancies": True},
            True,
            False,
            "孙站长",
            "13863211002",
            f"{community.name}幸福小区南门",
            300,
        ),
        (
            f"鑫源物业服务有限公司{name}项目部",
            PartnerKind.ENTERPRISE,
            {"offers_vacancies": True, "offers_training_venue": True},
            False,
            True,
            "王经理",
            "13863211003",
            f"{community.name}鑫源花园物业中心",
            540,
        ),
        (
            f"{name}爱心超市",
            PartnerKind.SHOP,
            {"offers_vacancies": True, "offers_sponsorship": True},
            False,
            False,
            "赵店长",
            "13863211004",
            f"{community.name}{name}路18号",
            200,
        ),
        (
            f"{street}社会工作服务中心",
            PartnerKind.SOCIAL_ORGANISATION,
            {"offers_training_venue": True, "offers_policy_publicity": True},
            False,
            bool(neighbour),
            "陈主任",
            "0632-3312005",
            f"{street}街道党群服务中心二楼",
            380,
        ),
        (
            f"{name}商务楼宇联盟",
            PartnerKind.OFFICE_BUILDING,
            {"offers_vacancies": True},
            False,
            False,
            "周主任",
            "13863211006",
            f"{community.name}金融大厦一楼",
            150,
        ),
    ]


def _seed_partners(staff: User, community: Community, neighbour: Community | None, today: dt.date) -> list[Partner]:
    employer = Employer.objects.filter(community=community).order_by("pk").first()
    out = []
    for name, kind, offers, hosts, shared, contact, phone, address, days in _partners_for(community, neighbour, today):
        existing = Partner.objects.filter(community=community, name=name).first()
        if existing:
            out.append(existing)
            continue
        partner = Partner(
            name=name,
            kind=kind,
            community=community,
            contact_name=contact,
            contact_phone=phone,
            address=address,
            partner_since=today - dt.timedelta(days=days),
            employer=employer if kind == PartnerKind.ENTERPRISE else None,
            **offers,
        )
        out.append(
            partners.partner_save(
                actor=staff,
                partner=partner,
                communities=[neighbour] if shared and neighbour else [],
                hosts_service_point=hosts,
            )
        )
    return out


def _open_posting(community: Community, today: dt.date) -> Posting | None:
    """A published posting of the community to keep the first meeting's promise."""
    return (
        Posting.objects.filter(community=community, status=PostingStatus.PUBLISHED, valid_until__gte=today)
        .select_related("employer")
        .order_by("pk")
        .first()
    )


def _hire_through_jobs(staff: User, posting: Posting, on: dt.date) -> None:
    """One resident recommended and hired through the jobs services: the
    placement's signal completes the commitment the posting is linked to."""
    candidates = Resident.objects.filter(community=posting.community, removed_at__isnull=True).exclude(
        job_recommendations__posting=posting
    )
    resident = (
        candidates.filter(employment_status="unemployed").order_by("pk").first()
        or candidates.exclude(employment_status__in=("employed", "self_employed")).order_by("pk").first()
    )
    if resident is None:
        return
    rec = recommendation_create(actor=staff, resident=resident, posting=posting, recommended_on=on)
    recommendation_transition(
        actor=staff,
        recommendation=rec,
        transition="hire",
        started_on=min(on + dt.timedelta(days=3), timezone.localdate()),
        contract_months=12,
    )


def _seed_meetings(staff: User, community: Community, partners: list[Partner], today: dt.date) -> None:
    bank, parcel, property_firm, shop, social, building = partners
    spring = f"{community.name}就业联席会议（第一次）"
    if not JointMeeting.objects.filter(community=community, topic=spring).exists():
        held = today - dt.timedelta(days=120)
        posting = _open_posting(community, today)
        hire_on = min(max(posting.valid_from, held + dt.timedelta(days=10)), today) if posting else None
        if posting is not None and property_firm.employer_id is None:
            Partner.objects.filter(pk=property_firm.pk).update(employer=posting.employer)
        meeting = meetings.meeting_record(
            actor=staff,
            meeting=JointMeeting(
                community=community,
                held_on=held,
                topic=spring,
                chaired_by="社区党委书记 张建国",
                place=f"{community.name}党群服务中心会议室",
                other_participants="居民代表 2 人，街道就业服务所 1 人",
                minutes=(
                    "一、通报社区失业人员、就业困难人员情况及近期用工需求。\n"
                    "二、鑫源物业表示小区保洁、秩序维护岗位长期缺人，愿优先招用本社区大龄居民。\n"
                    "三、爱心超市承诺提供理货岗位，社会工作服务中心提供培训场地。\n"
                    "四、会议明确各项承诺的完成时限，由社区就业专干跟进。"
                ),
            ),
            partners=[property_firm, shop, social, bank],
            staff=[staff],
            commitments=[
                Commitment(
                    partner=property_firm,
                    kind=CommitmentKind.POSTS,
                    description="提供1个小区保洁岗位",
                    posts_promised=1,
                    due_on=max(held + dt.timedelta(days=60), hire_on + dt.timedelta(days=10))
                    if hire_on
                    else held + dt.timedelta(days=60),
                ),
                Commitment(
                    partner=shop,
                    kind=CommitmentKind.POSTS,
                    description="提供3个理货员岗位",
                    posts_promised=3,
                    due_on=today - dt.timedelta(days=20),
                ),
                Commitment(
                    partner=bank,
                    kind=CommitmentKind.SPONSORSHIP,
                    description="赞助社区招聘会物料",
                    due_on=held + dt.timedelta(days=30),
                ),
            ],
        )
        done, late, dropped = meeting.commitments.order_by("pk")
        if posting is not None:
            commitments.commitment_link_postings(actor=staff, commitment=done, postings=[posting])
            _hire_through_jobs(staff, posting, hire_on)
        else:
            commitments.commitment_close(
                actor=staff, commitment=done, status="done", closed_on=held + dt.timedelta(days=40)
            )
        commitments.commitment_close(
            actor=staff,
            commitment=dropped,
            status="dropped",
            closed_on=held + dt.timedelta(days=25),
            note="招聘会改为线上直播带岗，不再需要物料",
        )
    summer = f"{community.name}就业联席会议（第二次）"
    if not JointMeeting.objects.filter(community=community, topic=summer).exists():
        held = today - dt.timedelta(days=30)
        meetings.meeting_record(
            actor=staff,
            meeting=JointMeeting(
                community=community,
                held_on=held,
                topic=summer,
                chaired_by="社区党委书记 张建国",
                place=f"{community.name}党群服务中心会议室",
                minutes=(
                    "一、回顾第一次联席会议承诺完成情况，爱心超市理货岗位尚未到位。\n"
                    "二、中通快递驿站计划增设分拣岗位，适合二孩妈妈灵活就业。\n"
                    "三、商务楼宇联盟同意在一楼大厅设置岗位信息屏。"
                ),
            ),
            partners=[parcel, building, social],
            staff=[staff],
            commitments=[
                Commitment(
                    partner=parcel,
                    kind=CommitmentKind.POSTS,
                    description="提供4个快递分拣岗位（可弹性工作）",
                    posts_promised=4,
                    due_on=today + dt.timedelta(days=60),
                ),
                Commitment(
                    partner=social,
                    kind=CommitmentKind.TRAINING_VENUE,
                    description="每月提供一次培训场地",
                    due_on=today + dt.timedelta(days=90),
                ),
            ],
        )


OTHER_KINDS = [
    ("{name}便民超市", PartnerKind.SHOP, {"offers_vacancies": True}),
    ("{street}邮政快递服务站", PartnerKind.PARCEL_STATION, {"offers_policy_publicity": True}),
]


def seed_network(*, scale, rng, stdout=None):
    today = timezone.localdate()
    homes = {}
    for user in User.objects.filter(username__startswith="demo-community", role=Role.COMMUNITY_STAFF).select_related(
        "community__street"
    ):
        if user.community_id:
            homes[user.community_id] = user
    for staff in homes.values():
        community = staff.community
        neighbour = (
            Community.objects.filter(street_id=community.street_id).exclude(pk=community.pk).order_by("code").first()
        )
        partners = _seed_partners(staff, community, neighbour, today)
        _seed_meetings(staff, community, partners, today)
    others = Community.objects.exclude(pk__in=homes).select_related("street").order_by("code")[:8]
    for i, community in enumerate(others):
        for template, kind, offers in OTHER_KINDS[: 1 + i % 2]:
            name = template.format(
                name=community.name.removesuffix("社区").removesuffix("村"),
                street=community.street.name.removesuffix("街道").removesuffix("镇"),
            )
            if Partner.objects.filter(community=community, name=name).exists():
                continue
            partner = Partner.objects.create(
                name=name,
                kind=kind,
                community=community,
                contact_name="李主任",
                contact_phone="13863219000",
                address=f"{community.name}中心路{8 + i}号",
                partner_since=today - dt.timedelta(days=rng.randrange(60, 700)),
                **offers,
            )
            partner.communities.set([community])
    if stdout is not None:
        stdout.write(f"  partner network: {Partner.objects.count()} partners, {JointMeeting.objects.count()} meetings")
