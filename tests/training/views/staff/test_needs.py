import pytest
from django.urls import reverse

from tests.factories import ResidentFactory
from tests.factories.training import TrainingClassFactory, TrainingNeedFactory


def test_need_list_for_a_class_shows_only_the_users_residents(
    client, community_staff, community, other_community, open_class
):
    TrainingNeedFactory(resident=ResidentFactory(community=community, name="本社区居民"), occupation="育婴员")
    TrainingNeedFactory(resident=ResidentFactory(community=other_community, name="外社区居民"), occupation="育婴员")
    client.force_login(community_staff)
    body = client.get(reverse("training:need_list"), {"for_class": open_class.pk}).content.decode()
    assert "本社区居民" in body and "外社区居民" not in body


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
