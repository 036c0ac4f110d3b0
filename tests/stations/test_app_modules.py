"""stations.app_modules: apps take part by having a module, not by being listed."""

from django.urls import reverse

from stations.app_modules import app_modules
from stations.figures import sources


def test_every_installed_app_with_report_figures_is_found_in_installed_apps_order():
    names = [module.__name__ for module in app_modules("report_figures")]
    assert names == [
        "stations.report_figures",
        "jobs.report_figures",
        "training.report_figures",
        "entrepreneurship.report_figures",
        "assistance.report_figures",
        "partnerships.report_figures",
    ]


def test_every_source_an_app_lists_is_registered_for_the_reports():
    registered = {source.key for source in sources()}
    listed = {source.key for module in app_modules("report_figures") for source in module.SOURCES}
    assert listed and listed <= registered


def test_every_route_an_app_lists_is_served_under_the_api(client):
    for module in app_modules("apis"):
        for _prefix, _viewset, basename in module.routes:
            assert reverse(f"{basename}-list").startswith("/api/v1/")
