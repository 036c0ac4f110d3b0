"""The staff dashboard's to-do area. Feature apps register panels from their
AppConfig.ready(); the base app renders whatever is registered, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    template: str
    context: Callable  # (request) -> dict, or None to hide the panel
    order: int = 100


_PANELS: dict[str, DashboardPanel] = {}


def register_panel(panel: DashboardPanel) -> None:
    _PANELS[panel.key] = panel


def panels_for(request) -> list[tuple[DashboardPanel, dict]]:
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: p.order):
        context = panel.context(request)
        if context is not None:
            shown.append((panel, context))
    return shown
