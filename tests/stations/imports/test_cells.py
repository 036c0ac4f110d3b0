"""Ledger cells converted to values (stations/imports/cells.py): the wanted occupation, choices."""

import pytest
from django.core.exceptions import ValidationError

from stations.imports.cells import choice_code, listed_choices
from stations.imports.services import (
    resident_import_batch_confirm,
)
from stations.models import (
    ImportStatus,
    Resident,
)
from tests.stations.imports.conftest import HEADERS, errors_of, good_row, upload

# --- wanted occupation group ------------------------------------------------------------------
OCCUPATION_HEADERS = [*HEADERS, "意向岗位类别", "意向岗位"]


def _occupation_row(n, cell):
    return [*good_row(n), cell, "保洁"]


def test_the_wanted_occupation_cell_is_stored_as_the_classification_code(community_staff):
    batch = upload(
        community_staff,
        [_occupation_row(1, "4-10"), _occupation_row(2, "居民服务人员"), _occupation_row(3, "")],
        headers=OCCUPATION_HEADERS,
    )
    resident_import_batch_confirm(actor=community_staff, batch=batch)

    stored = dict(Resident.objects.values_list("name", "wanted_occupation"))
    assert stored == {"居民1": "4-10", "居民2": "4-10", "居民3": ""}
    assert set(Resident.objects.values_list("wanted_job_categories", flat=True)) == {"保洁"}


def test_an_unknown_wanted_occupation_is_a_row_error_saying_what_is_expected_and_nothing_is_imported(community_staff):
    batch = upload(
        community_staff, [_occupation_row(1, "4-10"), _occupation_row(2, "保洁员")], headers=OCCUPATION_HEADERS
    )

    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch) == [(3, "意向岗位类别")]
    assert "write its code (such as 4-10) or its full name" in batch.errors[0]["message"]
    with pytest.raises(ValidationError):
        resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert Resident.objects.count() == 0


def test_a_wanted_occupation_fitting_several_groups_lists_them(community_staff):
    batch = upload(community_staff, [_occupation_row(1, "金融")], headers=OCCUPATION_HEADERS)

    assert errors_of(batch) == [(2, "意向岗位类别")]
    assert "2-06 经济和金融专业人员" in batch.errors[0]["message"]


# --- a choice written as its code or its label ----------------------------------------------------
def test_a_choice_cell_is_read_from_its_code_its_label_or_the_start_of_its_english_label():
    assert choice_code(ImportStatus, "done") == ImportStatus.DONE
    assert choice_code(ImportStatus, str(ImportStatus.DONE.label).upper()) == ImportStatus.DONE
    assert choice_code(ImportStatus, "") is None
    assert choice_code(ImportStatus, "no such state") == ""


def test_the_listed_choices_name_every_label():
    assert listed_choices(ImportStatus).split("、") == [str(label) for label in ImportStatus.labels]
