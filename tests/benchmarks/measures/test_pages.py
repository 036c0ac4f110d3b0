from benchmarks.measures import hygiene, pages
from tests.factories.jobs import PostingFactory
from tests.factories.residents import ResidentFactory


def test_page_figures_leave_no_row_behind(db, community, community_staff):
    ResidentFactory.create_batch(3, community=community)
    PostingFactory(community=community, title="保洁员")
    before = hygiene.table_counts()

    with hygiene.nothing_left_behind():
        results = pages.measure_pages(requests=10, budget_seconds=0)

    assert hygiene.table_counts() == before
    names = [r.name for r in results]
    assert "empty staff page (the floor): median" in names
    assert "public job text search: median" in names
    assert any(name.endswith("city staff: median") for name in names)
    assert any("last four of mobile" in name for name in names)
    assert {"resident search, pinyin initials: median", "resident search, full pinyin: median"} <= set(names)
    assert all(r.value > 0 for r in results)
