import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stations.models import Notification, Role
from tests.factories import ResidentFactory
from tests.factories.training import TrainingClassFactory, TrainingNeedFactory
from training.selectors import need_demand_summary, training_loop_by_district
from training.services import training_class_notify_prospects, training_class_set_status, training_need_record


def test_staff_record_a_need_for_a_round(community_staff, community):
    need = training_need_record(
        actor=community_staff,
        resident=ResidentFactory(community=community),
        occupation=" 育婴员 ",
        round_date=dt.date.today(),
    )
    assert need.occupation == "育婴员"


def test_the_same_wish_twice_in_a_round_is_refused(community_staff, community):
    resident = ResidentFactory(community=community)
    training_need_record(actor=community_staff, resident=resident, occupation="育婴员", round_date=dt.date.today())
    with pytest.raises(ValidationError):
        training_need_record(actor=community_staff, resident=resident, occupation="育婴员", round_date=dt.date.today())


def test_demand_is_set_against_classes_on_offer(community_staff, community, open_class, django_assert_max_num_queries):
    for _ in range(3):
        TrainingNeedFactory(resident=ResidentFactory(community=community), occupation=open_class.course.occupation)
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="砌筑工")
    with django_assert_max_num_queries(3):
        rows = need_demand_summary(user=community_staff)
    got = {(r.occupation, r.residents, r.classes, r.seats_left, r.gap) for r in rows}
    assert got == {("育婴员", 3, 1, 2, 1), ("砌筑工", 1, 0, 0, 1)}


def test_opening_a_class_tells_the_askers_communities_whom_to_call(
    district_bureau, community_staff, other_community_staff, community, other_community, open_class
):
    open_class.status = "planned"
    open_class.save()
    TrainingNeedFactory(resident=ResidentFactory(community=community, name="张桂兰"), occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=other_community, name="李红"), occupation="育婴员")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, using=None, robust=False: fn())
        training_class_set_status(actor=district_bureau, training_class=open_class, status="open")
    mine = Notification.objects.get(recipient=community_staff)
    assert "张桂兰" in mine.message and "李红" not in mine.message
    assert "李红" in Notification.objects.get(recipient=other_community_staff).message


def test_notices_are_sent_once_per_class_and_staff(community_staff, community, open_class):
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="育婴员")
    assert training_class_notify_prospects(training_class=open_class) == 1
    assert training_class_notify_prospects(training_class=open_class) == 0


def test_loop_counts_wishes_offered_and_enrolled(city_bureau, community, open_class):
    from tests.factories.training import EnrolmentFactory

    asked = ResidentFactory(community=community)
    TrainingNeedFactory(resident=asked, occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="砌筑工")
    EnrolmentFactory(resident=asked, training_class=open_class)
    [row] = training_loop_by_district(user=city_bureau)
    assert (row["wishes"], row["offered_n"], row["enrolled_n"], row["completed_n"]) == (2, 1, 1, 0)


def test_need_list_for_a_class_shows_only_the_users_residents(
    client, community_staff, community, other_community, open_class
):
    TrainingNeedFactory(resident=ResidentFactory(community=community, name="本社区居民"), occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=other_community, name="外社区居民"), occupation="育婴员")
    client.force_login(community_staff)
    body = client.get(reverse("training:need_list"), {"for_class": open_class.pk}).content.decode()
    assert "本社区居民" in body and "外社区居民" not in body


def test_street_officer_cannot_record_needs_outside_scope(street_officer, far_community):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        training_need_record(
            actor=street_officer,
            resident=ResidentFactory(community=far_community),
            occupation="x",
            round_date=dt.date.today(),
        )


def test_district_bureau_cannot_record_needs(district_bureau, community):
    from django.core.exceptions import PermissionDenied

    assert district_bureau.role == Role.DISTRICT_BUREAU
    with pytest.raises(PermissionDenied):
        training_need_record(
            actor=district_bureau,
            resident=ResidentFactory(community=community),
            occupation="x",
            round_date=dt.date.today(),
        )


@pytest.mark.parametrize("which", ["missing", "out_of_scope"])
def test_needs_for_a_class_out_of_scope_answer_like_a_missing_class(
    client, community_staff, community, far_community, which
):
    far_class = TrainingClassFactory(community=far_community, title="远处的班")
    TrainingNeedFactory(resident=ResidentFactory(community=community, name="本社区居民"), occupation="不相干工种")
    pk = far_class.pk if which == "out_of_scope" else far_class.pk + 1000
    client.force_login(community_staff)

    response = client.get(reverse("training:need_list"), {"for_class": pk})

    assert response.status_code == 200
    assert response.context["for_class"] is None
    body = response.content.decode()
    assert "本社区居民" in body and "远处的班" not in body


def test_needs_for_a_class_with_a_key_too_large_for_a_row_answer_like_a_missing_class(client, community_staff):
    client.force_login(community_staff)

    response = client.get(reverse("training:need_list"), {"for_class": "9" * 30})

    assert response.status_code == 200 and response.context["for_class"] is None
