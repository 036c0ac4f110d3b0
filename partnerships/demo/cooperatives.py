"""Demo HR agencies and labour cooperatives for `seed_demo`: in each community
with a demo staff login a labour cooperative and an HR agency outlet with
members, a green-space cleaning, a property management and a work-for-relief
road upkeep project, and residents placed on them (older workers first)
through the real services, so their employment histories show it; a smaller
cooperative in two more communities of the demo street.

Idempotent: organisations are keyed by name and community, projects by title
and organisation, and a project that already has placements gets no more."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from stations.demo import DEMO_LOGINS
from stations.models import Community, Resident, Role, User
from stations.models.residents import IN_WORK_STATUSES
from stations.selectors import older_worker_q

from ..models import CooperativeMember, LabourOrganisation, LabourProject, OrganisationKind, ProjectKind
from ..services.cooperatives.organisations import (
    cooperative_member_add,
    cooperative_member_leave,
    labour_organisation_save,
)
from ..services.cooperatives.placements import project_placement_create, project_placement_end
from ..services.cooperatives.projects import labour_project_save

SKILLS = ["保洁", "绿化养护", "水电维修", "秩序维护", "道路清扫", "家政服务", "搬运装卸", "园艺修剪"]

# (organisation: "coop" or "agency", kind, title, client, days ago it started, months it runs, value, posts, placed)
PROJECTS = [
    ("coop", ProjectKind.GREEN_CLEANING, "{c}绿地保洁项目", "{s}办事处", 120, 12, Decimal("96000"), 6, 3),
    (
        "agency",
        ProjectKind.PROPERTY_MANAGEMENT,
        "{c}老旧小区物业服务",
        "{c}居民委员会",
        200,
        24,
        Decimal("180000"),
        4,
        2,
    ),
    (
        "coop",
        ProjectKind.WORK_FOR_RELIEF,
        "{s}以工代赈道路养护",
        "区交通运输局",
        60,
        6,
        Decimal("64000"),
        5,
        2,
    ),
]


def _organisation(actor, community, kind, name, founded_on, **offers) -> LabourOrganisation:
    existing = LabourOrganisation.objects.filter(community=community, name=name).first()
    if existing is not None:
        return existing
    return labour_organisation_save(
        actor=actor,
        organisation=LabourOrganisation(
            kind=kind,
            name=name,
            community=community,
            founded_on=founded_on,
            contact_name="王建华" if kind == OrganisationKind.LABOUR_COOPERATIVE else "刘晓梅",
            contact_phone=f"0632-{3300000 + int(community.code[-4:]):07d}",
            address=f"{community.name}党群服务中心",
            **offers,
        ),
    )


def _people(community, today) -> list[Resident]:
    """Residents of the community, older workers and those out of work first."""
    return list(
        # Adults only: members work on the projects.
        Resident.objects.filter(
            community=community, removed_at__isnull=True, birth_date__lte=today.replace(year=today.year - 18, day=1)
        )
        .annotate(
            rank=Case(
                When(older_worker_q(today), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            working=Case(
                When(employment_status__in=IN_WORK_STATUSES, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("working", "rank", "pk")
    )


def _members(actor, organisation, people, count, rng, today) -> None:
    if CooperativeMember.objects.filter(organisation=organisation).exists():
        return
    for index, resident in enumerate(people[:count]):
        joined = max(organisation.founded_on, today - dt.timedelta(days=rng.randrange(30, 400)))
        cooperative_member_add(
            actor=actor,
            organisation=organisation,
            resident=resident,
            joined_on=joined,
            skills="、".join(rng.sample(SKILLS, 2)),
        )
        if index == count - 1 and count > 6:
            # One member has moved on, so the page shows a former member.
            member = CooperativeMember.objects.get(organisation=organisation, resident=resident, left_on__isnull=True)
            cooperative_member_leave(actor=actor, member=member, left_on=min(today, joined + dt.timedelta(days=20)))


def _project(actor, organisation, spec, community, today) -> LabourProject:
    _owner, kind, title, client, days_ago, months, value, posts, _placed = spec
    title = title.format(c=community.name, s=community.street.name)
    existing = LabourProject.objects.filter(organisation=organisation, title=title).first()
    if existing is not None:
        return existing
    starts_on = today - dt.timedelta(days=days_ago)
    return labour_project_save(
        actor=actor,
        project=LabourProject(
            organisation=organisation,
            kind=kind,
            title=title,
            client=client.format(c=community.name, s=community.street.name),
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=30 * months),
            value=value,
            posts=posts,
        ),
    )


def _place(actor, project, people, count, rng, today, *, end_one=False) -> int:
    if project.placements.exists():
        return 0
    placed = 0
    for resident in people:
        if placed >= count:
            break
        started = min(today, project.starts_on + dt.timedelta(days=rng.randrange(0, 20)))
        try:
            placement = project_placement_create(
                actor=actor, project=project, resident=resident, started_on=started, post=rng.choice(SKILLS) + "员"
            )
        except ValidationError:
            # A demo resident registered unemployed after that day: start today instead.
            try:
                placement = project_placement_create(
                    actor=actor, project=project, resident=resident, started_on=today, post=rng.choice(SKILLS) + "员"
                )
            except ValidationError:
                continue
        placed += 1
        people.remove(resident)
        if end_one and placed == 1 and placement.started_on < today:
            project_placement_end(actor=actor, placement=placement, ended_on=today)
    return placed


def _seed_community(actor, community, rng, today, *, full: bool) -> int:
    cooperative = _organisation(
        actor,
        community,
        OrganisationKind.LABOUR_COOPERATIVE,
        f"{community.name}劳务合作社",
        today.replace(year=today.year - 2, month=3, day=15),
        offers_recruitment=True,
        offers_outsourcing=True,
    )
    people = _people(community, today)
    _members(actor, cooperative, people, min(len(people), rng.randrange(8, 13) if full else 6), rng, today)
    organisations = {"coop": cooperative}
    if full:
        organisations["agency"] = _organisation(
            actor,
            community,
            OrganisationKind.AGENCY_OUTLET,
            f"鲁南人力资源{community.name}服务站",
            today.replace(year=today.year - 1, month=6, day=1),
            offers_recruitment=True,
            offers_guidance=True,
            offers_policy_advice=True,
        )
        _members(actor, organisations["agency"], people[-4:], min(len(people), 3), rng, today)
    free = list(people)
    placed = 0
    for spec in PROJECTS if full else PROJECTS[:1]:
        project = _project(actor, organisations[spec[0]], spec, community, today)
        placed += _place(actor, project, free, spec[8], rng, today, end_one=spec[1] == ProjectKind.WORK_FOR_RELIEF)
    return placed


def seed_cooperatives(*, scale, rng: random.Random, stdout=None):
    today = timezone.localdate()
    placed = 0
    # The demo logins only: other seeders add demo staff accounts of their own.
    logins = [username for username, role, _node, _name in DEMO_LOGINS if role == Role.COMMUNITY_STAFF]
    homes = (
        User.objects.filter(username__in=logins, community__isnull=False)
        .select_related("community__street")
        .order_by("username")
    )
    done = set()
    for staff in homes:
        placed += _seed_community(staff, staff.community, rng, today, full=True)
        done.add(staff.community_id)
    # A few elsewhere: two more communities of the demo street, by its officer.
    officer = User.objects.filter(username="demo-street", role=Role.STREET_OFFICER).select_related("street").first()
    if officer is not None:
        others = (
            Community.objects.filter(street=officer.street)
            .exclude(pk__in=done)
            .select_related("street")
            .order_by("code")[:2]
        )
        for community in others:
            placed += _seed_community(officer, community, rng, today, full=False)
    if stdout is not None:
        stdout.write(f"  cooperatives: {placed} residents placed on labour projects")
