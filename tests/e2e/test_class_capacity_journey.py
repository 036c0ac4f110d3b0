"""Issue 6, "Done when" (one step of it): a class fills to capacity and the next
enrolment is refused with a clear message; the ID typed stays in the form."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import select_containing
from tests.factories.residents import ResidentFactory
from tests.factories.training import CatalogueFactory, CourseFactory, TrainingClassFactory
from training.models import Enrolment

pytestmark = pytest.mark.e2e


def test_community_staff_fill_a_class_and_the_next_enrolment_is_refused(
    page, login, snap, district, community, community_staff
):
    course = CourseFactory(catalogue=CatalogueFactory(district=district), name="育婴员（五级）", occupation="育婴员")
    TrainingClassFactory(course=course, community=community, title="光明路育婴员夜课班", capacity=2)
    first, second, third = (ResidentFactory(community=community, name=name) for name in ("陈静", "周敏", "吴霞"))

    login(community_staff)
    page.goto("/staff/training/enrol/")
    expect(page.locator("#id_training_class option", has_text="光明路育婴员夜课班")).to_contain_text("剩余 2 个名额")
    select_containing(page, "#id_training_class", "光明路育婴员夜课班")

    for resident in (first, second):
        page.fill("#id_resident", resident.id_number)
        page.get_by_role("button", name=re.compile("^报名")).click()
        expect(page.locator("body")).to_contain_text(f"{resident.name} 已报名“光明路育婴员夜课班”")
        # The class stays chosen for the next person.
        expect(page.locator("#id_training_class option:checked")).to_contain_text("光明路育婴员夜课班")

    expect(page.locator("#id_training_class option:checked")).to_contain_text("剩余 0 个名额")
    page.fill("#id_resident", third.id_number)
    page.get_by_role("button", name=re.compile("^报名")).click()
    expect(page.locator("body")).to_contain_text("“光明路育婴员夜课班”已满：全部 2 个名额已报满")
    expect(page.locator("#id_resident")).to_have_value(third.id_number)
    snap(page, "class-full")
    assert Enrolment.objects.filter(training_class__title="光明路育婴员夜课班").count() == 2
