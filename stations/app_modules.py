"""Modules that apps provide by convention, found the way Django's admin finds
`admin.py`: an installed app that has `<app>.<name>` takes part, and nobody
keeps a list of apps by name. The report layer collects each app's
`report_figures`, the API router each app's `apis`."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def app_modules(name: str) -> Iterator[ModuleType]:
    """`<app>.<name>` of every installed app that has one, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, name):
            yield import_module(f"{app_config.name}.{name}")
