"""Demo data for the day-labour corner (零工) in the two demo communities:
residents who take odd work (and agreed to text messages), today's and
tomorrow's odd jobs posted through the service (so they are offered and the
messages show in the outbox), and yesterday's jobs as the station's record
shows them: one filled, worked and paid, one with a pay dispute.

Once per day: today's jobs are found by title and date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobs.models import Employer, Gig, GigAvailability, GigOffer, GigStatus, OfferState
from stations.models import Community, Resident, Role, TextConsent, User

DEMO_COMMUNITIES = ("370402001001", "370402004001")  # 光明路社区 (demo-community), 文化路社区 (demo-community-b)
TODAY_TITLE = "家庭保洁（下午）"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed_gigs(*, scale: str, rng, stdout=None) -> None:
    from jobs.services.gigs.posting import gig_post

    today = timezone.localdate()
    if Gig.objects.filter(title=TODAY_TITLE, date=today).exists():
        return
    communities = list(Community.objects.filter(code__in=DEMO_COMMUNITIES).order_by("code")) or list(
        Community.objects.order_by("code")[:2]
    )
    for community in communities:
        staff = User.objects.filter(role=Role.COMMUNITY_STAFF, community=community, is_active=True).first()
        residents = list(Resident.objects.active().filter(community=community).exclude(mobile="").order_by("pk")[:5])
        if staff is None or len(residents) < 4:
            continue
        household, workers = residents[0], residents[1:]
        # Seeding is not a staff action: consent and availability are written directly.
        Resident.objects.filter(pk__in=[r.pk for r in residents]).update(
            text_consent=TextConsent.GIVEN,
            text_consent_changed_at=timezone.now(),
            text_consent_how="演示数据：在驿站同意接收短信",
        )
        for n, resident in enumerate(workers):
            GigAvailability.objects.update_or_create(
                resident=resident,
                defaults={
                    "kinds": ["cleaning", "housekeeping"] if n % 2 == 0 else ["cleaning", "moving", "delivery"],
                    "weekdays": list(range(7)),
                    "max_km": 3,
                    "registered_by": staff,
                },
            )
        # The station posts for employers of its own community (its scope).
        employer = Employer.objects.filter(community=community).order_by("pk").first()
        base = {"community": community, "address": f"{community.name}3号楼2单元", "bring": "", "description": ""}
        postings = [
            {
                **base,
                "poster_resident": household,
                "title": TODAY_TITLE,
                "kind": "cleaning",
                "date": today,
                "start_time": dt.time(14, 0),
                "end_time": dt.time(17, 0),
                "places": 2,
                "pay": 30,
                "pay_unit": "hour",
                "bring": "抹布、橡胶手套",
            },
            {
                **base,
                "employer": employer,
                "title": "临时帮工：理货搬运",
                "kind": "moving",
                "date": today + dt.timedelta(days=1),
                "start_time": dt.time(9, 0),
                "end_time": dt.time(12, 0),
                "places": 1,
                "pay": 100,
                "pay_unit": "day",
            },
            {
                **base,
                "poster_name": "社区居委会",
                "poster_phone": "06323310000",
                "title": "小区绿地除草",
                "kind": "other",
                "date": today + dt.timedelta(days=1),
                "start_time": dt.time(15, 0),
                "end_time": dt.time(17, 30),
                "places": 3,
                "pay": 25,
                "pay_unit": "hour",
            },
        ]
        for data in postings:
            if data.get("employer", True) is None:
                continue
            gig_post(actor=staff, data=data)
        _seed_yesterday(community=community, staff=staff, household=household, workers=workers, today=today)


def _seed_yesterday(*, community, staff, household, workers, today) -> None:
    """Yesterday's two jobs as the day's record: written directly (a check-in
    is refused on another day than the job's, and that is what the record shows)."""
    day = today - dt.timedelta(days=1)
    for title, kind, worker, paid in (
        ("老人家中擦窗", "cleaning", workers[0], 90),
        ("搬家帮手", "moving", workers[1], None),
    ):
        gig = Gig.objects.create(
            community=community,
            poster_resident=household if kind == "cleaning" else None,
            poster_name=household.name if kind == "cleaning" else "李先生",
            poster_phone=household.mobile if kind == "cleaning" else "13963200001",
            title=title,
            kind=kind,
            address=f"{community.name}5号楼",
            date=day,
            start_time=dt.time(9, 0),
            end_time=dt.time(12, 0),
            places=1,
            places_taken=1,
            pay=30,
            pay_unit="hour",
            status=GigStatus.DONE,
            posted_by=staff,
            posted_at=_at(day, 7, 40),
            filled_at=_at(day, 7, 58),
        )
        GigOffer.objects.create(
            gig=gig,
            resident=worker,
            state=OfferState.DONE,
            accepted_at=_at(day, 7, 58),
            checked_in_at=_at(day, 8, 55),
            checked_out_at=_at(day, 12, 5),
            pay_confirmed=paid,
            pay_confirmed_at=_at(day, 12, 10) if paid else None,
            unpaid_reported_at=None if paid else _at(day, 18, 30),
            unpaid_note="" if paid else "雇主说月底一起结，至今未付",
            worker_rating=5 if paid else 2,
        )
