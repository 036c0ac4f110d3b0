"""The staff home of training and its dashboard panel."""

from django.test import RequestFactory
from django.urls import reverse

from tests.factories.training import JoinRequestFactory, TrainingClassFactory
from training.views.staff import join_request_panel


def test_the_home_lists_the_open_classes_in_scope(client, community_staff, open_class, far_community):
    TrainingClassFactory(community=far_community, title="远处的班")
    client.force_login(community_staff)

    body = client.get(reverse("training:home")).content.decode()

    assert open_class.title in body and "远处的班" not in body


def test_the_panel_counts_the_requests_waiting_in_the_users_communities(
    community_staff, community, far_community, open_class
):
    JoinRequestFactory(training_class=open_class, community=community)
    JoinRequestFactory(training_class=open_class, community=far_community)
    request = RequestFactory().get("/")
    request.user = community_staff

    assert join_request_panel(request)["count"] == 1
