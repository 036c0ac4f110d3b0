import datetime as dt

import factory
from django.utils import timezone

from partnerships.models import Commitment, CommitmentKind, JointMeeting, Partner, PartnerKind


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner of one community (pass `communities=[...]` to share it)."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试合作单位{n}")
    kind = PartnerKind.ENTERPRISE
    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    contact_name = "李经理"
    contact_phone = "13863205678"
    address = factory.Sequence(lambda n: f"建设路{n}号")
    offers_vacancies = True
    partner_since = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=200))

    @factory.post_generation
    def communities(obj, create, extracted, **kwargs):
        if create:
            obj.communities.set([obj.community, *(extracted or [])])


class JointMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointMeeting
        skip_postgeneration_save = True

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    topic = factory.Sequence(lambda n: f"就业联席会议第{n}次")
    chaired_by = "社区党委书记 张书记"
    place = "党群服务中心"
    minutes = "通报辖区用工需求，共驻共建单位认领岗位。"
    recorded_by = factory.SubFactory(
        "tests.factories.users.UserFactory", community=factory.SelfAttribute("..community")
    )

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create:
            obj.partners.set(extracted or [PartnerFactory(community=obj.community)])


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    meeting = factory.SubFactory(JointMeetingFactory)
    partner = factory.LazyAttribute(lambda o: o.meeting.partners.first())
    kind = CommitmentKind.POSTS
    description = factory.Sequence(lambda n: f"提供保洁岗位{n}")
    posts_promised = 2
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))

    @factory.post_generation
    def postings(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.postings.set(extracted)


# Unsaved records as a form would hand them to the services (which save them).
def unsaved_partner(community, **kwargs) -> Partner:
    """A bank branch of `community`, partner since ten days ago."""
    defaults = {
        "name": "枣庄银行光明路支行",
        "kind": PartnerKind.BANK,
        "community": community,
        "contact_name": "刘行长",
        "contact_phone": "0632-3310001",
        "address": "光明路88号",
        "partner_since": timezone.localdate() - dt.timedelta(days=10),
    }
    return Partner(**{**defaults, **kwargs})


def unsaved_meeting(community, **kwargs) -> JointMeeting:
    """A meeting of `community` held yesterday."""
    defaults = {
        "community": community,
        "held_on": timezone.localdate() - dt.timedelta(days=1),
        "topic": "二季度就业联席会议",
        "chaired_by": "社区党委书记 张书记",
        "minutes": "各单位通报用工需求。",
    }
    return JointMeeting(**{**defaults, **kwargs})


def unsaved_posts_commitment(partner, n=2, **kwargs) -> Commitment:
    """`partner`'s promise of `n` posts, due in 60 days."""
    fields = {
        "partner": partner,
        "kind": CommitmentKind.POSTS,
        "description": f"{n}个保洁岗位",
        "posts_promised": n,
        "due_on": timezone.localdate() + dt.timedelta(days=60),
    }
    return Commitment(**{**fields, **kwargs})


def hire_on(posting, *, started_on, recorded_by, resident=None):
    """A placement on `posting` written directly (no recommendation, no listener):
    a hire that already counts when a commitment is linked to the posting."""
    from jobs.models import Placement

    from .residents import ResidentFactory

    return Placement.objects.create(
        resident=resident or ResidentFactory(community=posting.community),
        employer=posting.employer,
        posting=posting,
        started_on=started_on,
        contract_months=12,
        recorded_by=recorded_by,
    )
