"""`manage.py build_report`."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


def test_the_command_writes_the_workbook_it_was_asked_for(district, tmp_path):
    output = tmp_path / "city.xlsx"

    call_command("build_report", "--period", "2026-10", "--output", str(output), stdout=io.StringIO())

    assert load_workbook(output).sheetnames


def test_an_unknown_area_is_refused_without_a_file(db, tmp_path):
    output = tmp_path / "nowhere.xlsx"

    with pytest.raises(CommandError):
        call_command("build_report", "--period", "2026-10", "--node", "999999", "--output", str(output))

    assert not output.exists()
