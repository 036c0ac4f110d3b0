from benchmarks.measures import imports
from stations.models import Resident


def test_import_figure_imports_a_clean_ledger_and_rolls_it_back(db):
    (result,) = imports.measure_import(rows=20)

    assert result.name == "resident ledger import (20 rows)"
    assert result.note == ""  # the import found no errors
    assert result.value > 0 and result.limit
    assert not Resident.objects.exists()
