"""stations.service_items: the registry of public services for the 爱山东
platform, each resolved to the page that serves it here."""

from stations.service_items import SERVICE_ITEMS, ServiceItem, service_items


def test_an_item_whose_url_name_does_not_resolve_is_left_out():
    missing = ServiceItem(key="gone", name="Gone", description="Gone", icon="x", url_name="no_such:page")
    assert missing.resolve_path() is None
    assert [item.key for item in service_items()] == [item.key for item in SERVICE_ITEMS if item.resolve_path()]


def test_an_item_names_itself_in_each_language():
    item = next(item for item in SERVICE_ITEMS if item.key == "find_job")
    assert (item.text(item.name, "en"), item.resolve_path()) == ("Find a job", "/jobs/")
    assert item.text(item.name, "zh-hans") != "Find a job"
