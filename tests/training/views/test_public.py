import pytest
from django.urls import reverse

from tests.factories.training import CatalogueFactory, CourseFactory, TrainingClassFactory
from training.models import JoinRequest


def test_public_catalogue_shows_only_published_courses(client, district):
    CourseFactory(catalogue=CatalogueFactory(district=district), name="已发布的育婴员课程")
    CourseFactory(catalogue=CatalogueFactory(district=district, status="draft"), name="草稿中的课程")
    body = client.get(reverse("training_public:catalogue")).content.decode()
    assert "已发布的育婴员课程" in body and "草稿中的课程" not in body


def test_public_catalogue_filters_by_audience(client, district):
    catalogue = CatalogueFactory(district=district)
    CourseFactory(catalogue=catalogue, name="转岗课程", audience="redeployment")
    CourseFactory(catalogue=catalogue, name="创业课程", audience="startup_literacy")
    body = client.get(reverse("training_public:catalogue"), {"audience": "startup_literacy"}).content.decode()
    assert "创业课程" in body and "转岗课程" not in body


def test_public_catalogue_list_is_a_fixed_number_of_queries(client, district, django_assert_max_num_queries):
    catalogue = CatalogueFactory(district=district)
    for _ in range(10):
        CourseFactory(catalogue=catalogue)
    with django_assert_max_num_queries(6):
        client.get(reverse("training_public:catalogue"))


def test_public_class_list_shows_seats_left(client, open_class):
    body = client.get(reverse("training_public:class_list")).content.decode()
    assert open_class.title in body


def test_planned_class_is_not_public(client, open_class):
    open_class.status = "planned"
    open_class.save()
    assert client.get(reverse("training_public:class_detail", kwargs={"pk": open_class.pk})).status_code == 404


def test_ask_to_join_lands_in_the_named_communitys_queue(client, open_class, sibling_community):
    response = client.post(
        reverse("training_public:class_detail", kwargs={"pk": open_class.pk}),
        {"name": "王秀英", "phone": "+86 139-1234-5678", "community": sibling_community.pk},
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert (request.community, request.phone) == (sibling_community, "13912345678")


def test_ask_to_join_with_a_bad_phone_keeps_the_name(client, open_class, community):
    response = client.post(
        reverse("training_public:class_detail", kwargs={"pk": open_class.pk}),
        {"name": "王秀英", "phone": "12345", "community": community.pk},
    )
    assert response.status_code == 200
    assert "王秀英" in response.content.decode()
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("name", ["training_public:catalogue", "training_public:class_list"])
def test_public_pages_show_no_resident_data(client, open_class, community, name):
    from tests.factories import ResidentFactory
    from tests.factories.training import EnrolmentFactory

    EnrolmentFactory(resident=ResidentFactory(community=community, name="不应公开的姓名"), training_class=open_class)
    assert "不应公开的姓名" not in client.get(reverse(name)).content.decode()


def test_class_from_public_page_survives_other_statuses(client, district):
    TrainingClassFactory(course__catalogue__district=district, status="cancelled", title="已取消班")
    assert "已取消班" not in client.get(reverse("training_public:class_list")).content.decode()


def test_asking_again_in_full_width_digits_is_folded_into_the_first_request(client, open_class, community):
    url = reverse("training_public:class_detail", kwargs={"pk": open_class.pk})
    client.post(url, {"name": "王秀英", "phone": "13912345678", "community": community.pk})
    client.post(url, {"name": "\u3000王秀英", "phone": "１３９１２３４５６７８", "community": community.pk})
    request = JoinRequest.objects.get()
    assert (request.name, request.phone) == ("王秀英", "13912345678")
