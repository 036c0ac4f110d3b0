"""Where closes are kept: the report layer registers it (stations/closed_months/backend.py)."""

from reports import services_corrections
from stations.closed_months import backend


def test_the_report_layer_registers_where_closes_are_kept_and_where_corrections_are_asked():
    registered = backend.registered()
    assert registered is not None
    assert registered.closed_months is services_corrections.closed_months_of
    assert registered.correction_url is services_corrections.correction_url


def test_a_registered_backend_replaces_the_one_before(monkeypatch):
    monkeypatch.setattr(backend, "_BACKEND", backend.registered())  # restored after the test
    replacement = backend.Backend(closed_months=lambda ids, since, lock=True: [])
    backend.register_backend(replacement)
    assert backend.registered() is replacement
