from django.core.cache import cache
from django.core.management import call_command


def test_warm_dashboards_command_reports_what_it_built(db, district, capsys):
    cache.clear()

    call_command("warm_dashboards")

    assert "13 month(s) computed." in capsys.readouterr().out
