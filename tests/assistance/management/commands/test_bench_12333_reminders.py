import pytest
from django.core.management import CommandError, call_command
from django.db import connection


def test_the_benchmark_refuses_anything_but_postgresql(db):
    if connection.vendor == "postgresql":
        pytest.skip("checks the refusal on SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_12333_reminders", "--cases", "10")
