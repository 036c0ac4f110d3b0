from django.template import engines

from stations.templatetags.people_tags import staff_name
from tests.factories import UserFactory


def test_staff_name_is_the_full_name_when_there_is_one(db):
    assert staff_name(UserFactory(username="clerk-1", first_name="晓燕", last_name="张")) in {"晓燕 张", "张 晓燕"}


def test_staff_name_falls_back_to_the_username(db):
    assert staff_name(UserFactory(username="clerk-2", first_name="", last_name="")) == "clerk-2"


def test_staff_name_of_no_account_is_a_dash():
    assert staff_name(None) == "—"


def test_a_page_shows_a_change_nobody_recorded_instead_of_failing():
    template = engines["django"].from_string("{% load people_tags %}[{{ change.recorded_by|staff_name }}]")

    assert template.render({"change": {"recorded_by": None}}) == "[—]"
