"""The dashboard's registered panels (stations/dashboard.py): in order, hidden when they have nothing."""

from stations import dashboard


def test_panels_are_shown_in_their_order_and_a_panel_with_nothing_is_hidden(monkeypatch, rf):
    monkeypatch.setattr(dashboard, "_PANELS", {})
    dashboard.register_panel(dashboard.DashboardPanel("late", "late.html", lambda request: {"n": 2}, order=20))
    dashboard.register_panel(dashboard.DashboardPanel("early", "early.html", lambda request: {"n": 1}, order=10))
    dashboard.register_panel(dashboard.DashboardPanel("empty", "empty.html", lambda request: None, order=15))
    shown = dashboard.panels_for(rf.get("/"))
    assert [(panel.key, context) for panel, context in shown] == [("early", {"n": 1}), ("late", {"n": 2})]
