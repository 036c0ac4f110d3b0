from tests.factories import ResidentFactory
from tests.factories.training import TrainingNeedFactory
from training.selectors import need_demand_summary


def test_demand_is_set_against_classes_on_offer(community_staff, community, open_class, django_assert_max_num_queries):
    for _ in range(3):
        TrainingNeedFactory(resident=ResidentFactory(community=community), occupation=open_class.course.occupation)
    TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="砌筑工")
    with django_assert_max_num_queries(3):
        rows = need_demand_summary(user=community_staff)
    got = {(r.occupation, r.residents, r.classes, r.seats_left, r.gap) for r in rows}
    assert got == {("育婴员", 3, 1, 2, 1), ("砌筑工", 1, 0, 0, 1)}
