"""The data migration that normalises stored identifiers and names
(stations 0007, stations.migration_helpers): run on rows written the way
they were before, with the database at 0006."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from stations.models import Community, Resident
from stations.selectors import resident_duplicate_pairs
from tests.factories import UserFactory

BEFORE = [("stations", "0006_resident_merges_and_tombstones")]
ASCII_ID = "11010519491231002X"
FULL_WIDTH_ID = "１１０１０５１９４９１２３１００２ｘ"


@pytest.fixture
def before_normalising(transactional_db):
    """The database as it was before normalisation, then migrated forward
    again by the test (and left at the latest state whatever happens)."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps

    def forward():
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    yield old, forward
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _region(old):
    District = old.get_model("stations", "District")
    Street = old.get_model("stations", "Street")
    OldCommunity = old.get_model("stations", "Community")
    district = District.objects.create(code="370402", name="市中区")
    street = Street.objects.create(district=district, code="370402001", name="中心街街道")
    return OldCommunity.objects.create(street=street, code="370402001001", name="光明路社区", kind="urban")


def _resident(old, community, **fields):
    OldResident = old.get_model("stations", "Resident")
    defaults = {"birth_date": "1949-12-31", "sex": "F", "name": "王秀英", "mobile": ""}
    return OldResident.objects.create(community=community, **{**defaults, **fields})


def test_stored_identifiers_and_names_are_normalised(before_normalising):
    old, forward = before_normalising
    community = _region(old)
    row = _resident(
        old, community, id_number=FULL_WIDTH_ID, mobile="１３９０５３２８８６１", name="\u3000王秀英\u200b "
    )
    forward()
    resident = Resident.objects.get(pk=row.pk)
    assert (resident.id_number, resident.mobile, resident.name) == (ASCII_ID, "13905328861", "王秀英")
    assert resident.shares_id_number is False


def test_two_records_made_one_number_are_both_kept_and_listed_as_possible_duplicates(before_normalising):
    old, forward = before_normalising
    community = _region(old)
    ascii_row = _resident(old, community, id_number=ASCII_ID)
    full_width_row = _resident(old, community, id_number=FULL_WIDTH_ID)
    forward()
    assert Resident.objects.filter(id_number=ASCII_ID).count() == 2
    assert Resident.objects.get(pk=full_width_row.pk).shares_id_number is True
    officer = UserFactory(role="city_bureau", community=None)
    pairs = resident_duplicate_pairs(user=officer)
    assert [(p.first.pk, p.second.pk) for p in pairs] == [(ascii_row.pk, full_width_row.pk)]


def test_a_unique_code_that_would_become_another_rows_is_left_as_stored(before_normalising, capsys):
    old, forward = before_normalising
    community = _region(old)
    OldCommunity = old.get_model("stations", "Community")
    twin = OldCommunity.objects.create(
        street=community.street, code="３７０４０２００１００１", name="重复社区", kind="urban"
    )
    forward()
    assert Community.objects.get(pk=twin.pk).code == "３７０４０２００１００１"
    assert "left as stored" in capsys.readouterr().out


BEFORE_OCCUPATIONS = [("stations", "0014_import_rows_left_out")]


def test_a_wanted_job_that_is_a_category_name_becomes_its_code_and_other_text_stays(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_OCCUPATIONS)
    old = executor.loader.project_state(BEFORE_OCCUPATIONS).apps
    try:
        community = _region(old)
        exact = _resident(old, community, id_number="11010519491231002X", wanted_job_categories="居民服务人员 ")
        free = _resident(old, community, id_number="110105194912310021", wanted_job_categories="保洁、保安")
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

        assert Resident.objects.filter(pk=exact.pk).values_list("wanted_occupation", "wanted_job_categories").get() == (
            "4-10",
            "",
        )
        assert Resident.objects.filter(pk=free.pk).values_list("wanted_occupation", "wanted_job_categories").get() == (
            "",
            "保洁、保安",
        )
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
