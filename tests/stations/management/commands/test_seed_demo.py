"""`manage.py seed_demo` as a whole: every seeder, run as the command runs them.

The demo tells the truth: running it again adds nothing, every notification
opens a record its recipient may see, recorded groups fit the person, and
employers sit in the district their name claims."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import Client, override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db


def seed() -> None:
    with override_settings(DEBUG=True):  # the command refuses demo logins otherwise
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo seeded once for the module (seeding takes seconds), inside a
    transaction rolled back at the end; each test's own changes are rolled
    back to it by the `db` fixture's savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    return {m._meta.db_table: m._default_manager.count() for m in apps.get_models(include_auto_created=True)}


def test_seeding_again_twice_leaves_every_table_as_the_first_run_did():
    counts = [row_counts()]
    for _ in range(2):
        seed()
        counts.append(row_counts())
    changed = {table: [c[table] for c in counts] for table in counts[0] if len({c[table] for c in counts}) > 1}
    assert changed == {}
    assert counts[0]["assistance_assistancecase"] > 0 and counts[0]["assistance_escalation"] > 0


def test_every_notification_opens_a_record_its_recipient_may_see():
    """A link to a record page (one with an id) that answers 200 for the
    recipient, and a 12333 message names the resident of the case it links;
    only the policy notice links to a list, the policy page, whose history
    the demo writes."""
    from django.urls import resolve

    from assistance.models import AssistanceCase
    from stations.models import Notification

    notifications = list(Notification.objects.select_related("recipient").order_by("recipient", "pk"))
    assert {n.recipient.username for n in notifications} >= {"demo-community", "demo-street", "demo-district"}
    broken = []
    clients: dict[int, Client] = {}
    for n in notifications:
        match = resolve(n.link) if n.link else None
        if match is None or ("pk" not in match.kwargs and match.view_name != "stations:policy"):
            broken.append((n.recipient.username, n.kind, n.link, "not a record"))
            continue
        if n.recipient_id not in clients:
            clients[n.recipient_id] = Client()
            clients[n.recipient_id].force_login(n.recipient)
        if clients[n.recipient_id].get(n.link).status_code != 200:
            broken.append((n.recipient.username, n.kind, n.link, "does not open"))
        if match.view_name == "assistance:case_detail":
            name = AssistanceCase.objects.get(pk=match.kwargs["pk"]).resident.name
            if name not in n.message:
                broken.append((n.recipient.username, n.kind, n.link, f"names someone else than {name}"))
    assert broken == []


def test_an_overdue_case_reaches_the_demo_street_officer():
    from stations.models import Notification

    escalated = Notification.objects.filter(recipient__username="demo-street", kind="assistance.escalated")
    assert escalated.exists()
    assert all("逾期" in n.message for n in escalated)


def test_recorded_groups_and_graduations_fit_every_demo_resident():
    from stations.models import Resident
    from stations.target_group_rules import graduation_problem, target_group_problems

    today = timezone.localdate()
    residents = list(Resident.objects.prefetch_related("target_groups"))
    misfits = [
        (r.name, codes)
        for r in residents
        if target_group_problems(
            codes := [g.code for g in r.target_groups.all()],
            sex=r.sex,
            birth_date=r.birth_date,
            on=today,
            is_graduate=r.is_graduate,
        )
    ]
    assert misfits == []
    assert not [
        r.name
        for r in residents
        if r.is_graduate and graduation_problem(birth_date=r.birth_date, graduation_date=r.graduation_date)
    ]
    assert any(g.code == "mother_young_children" for r in residents for g in r.target_groups.all())


def test_employers_sit_in_the_district_their_name_claims_and_post_jobs_there():
    from jobs.models import Employer, Posting
    from stations.models import District

    districts = list(District.objects.values_list("name", flat=True))
    claims = 0
    for employer in Employer.objects.select_related("community__street__district"):
        claimed = [name for name in districts if employer.name.startswith(name)]
        if claimed:
            claims += 1
            assert employer.community.street.district.name == claimed[0], employer.name
        assert employer.address.startswith(employer.community.street.district.name)
    assert claims >= 5
    assert not Posting.objects.exclude(community__street__district=F("employer__community__street__district")).exists()


def test_demo_cases_open_no_earlier_than_the_registration_and_close_when_work_began():
    from assistance.models import AssistanceCase
    from stations.models import EmploymentStatusChange, UnemploymentRegistration

    for case in AssistanceCase.objects.select_related("resident"):
        registered = UnemploymentRegistration.objects.filter(
            resident=case.resident, registered_on__lte=case.opened_on
        ).exists()
        assert (
            registered
            or EmploymentStatusChange.objects.filter(
                resident=case.resident, status="unemployed", changed_on__lte=case.opened_on
            ).exists()
        ), case
        if case.status == "employed":
            assert EmploymentStatusChange.objects.filter(
                resident=case.resident,
                status__in=["employed", "flexible", "self_employed"],
                changed_on__lte=case.closed_on,
            ).exists()
        if case.status == "open":
            assert case.resident.employment_status == "unemployed"
