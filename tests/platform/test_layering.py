"""Views, the API, forms and exports read through selectors: none of them
names a model manager or fetches-and-authorises by itself. The selectors own
the query shape and the scope (docs/development.md, "Where things live").

Every app is checked: the portal's apps (settings.PORTAL_APPS), a test makes sure of it.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CHECKED_APPS: list[str] = sorted(settings.PORTAL_APPS)
# Modules that present data rather than read it: the layers a selector serves.
PRESENTING = ("views", "api", "apis", "serializers", "forms", "exports", "views_public")
FORBIDDEN_ATTRIBUTES = {"objects", "_default_manager", "with_tombstones"}
FORBIDDEN_CALLS = {"get_visible_or_404", "get_object_or_404", "get_list_or_404"}


def _presenting_files(app: str) -> list[Path]:
    files = []
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT / app).with_suffix("").parts
        if parts and parts[0] in PRESENTING:
            files.append(path)
    return files


def _offences(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_CALLS:
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.id}")
    return found


@pytest.mark.parametrize("app", CHECKED_APPS)
def test_presenting_modules_read_only_through_selectors(app):
    offences = [o for path in _presenting_files(app) for o in _offences(path)]
    assert not offences, "read these through the app's selectors:\n" + "\n".join(offences)


def test_every_app_that_presents_data_is_checked():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert {app for app in apps if _presenting_files(app)} <= set(CHECKED_APPS)


def test_the_check_finds_a_manager_or_a_fetch_named_in_a_view(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text(
        "def view(request, pk):\n"
        "    get_visible_or_404(Resident.objects, request.user, pk=pk)\n"
        "    return Resident._default_manager.all()\n"
    )

    assert _offences(sample, root=tmp_path) == [
        "views.py:2 get_visible_or_404",
        "views.py:2 .objects",
        "views.py:3 ._default_manager",
    ]


# --- staff notifications go through one service ---------------------------------------------------
NOTIFICATION_SERVICE = ROOT / "stations" / "services" / "notifications.py"
APPS = (*settings.PORTAL_APPS, "config")


def _notification_writes(path: Path, root: Path = ROOT) -> list[str]:
    """`Notification(...)` or `Notification.objects.<anything>` outside the
    service: a row written there skips the e-mail and text channels and the
    dedupe rules of stations.services.notifications."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Notification":
            found.append(f"{path.relative_to(root)}:{node.lineno} Notification(...)")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in {"create", "bulk_create", "get_or_create", "update_or_create"}
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "Notification"
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} Notification.objects.{node.attr}")
    return sorted(found)


def test_only_the_notification_service_writes_notifications():
    offences = [
        o
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        # Demo data seeds notifications already read, with no delivery: nobody is to be e-mailed.
        if path != NOTIFICATION_SERVICE and not {"migrations", "demo"} & set(path.parts) and path.stem != "demo"
        for o in _notification_writes(path)
    ]
    assert not offences, "send through stations.services.notification_send(_bulk):\n" + "\n".join(offences)


def test_the_notification_check_finds_a_direct_write(tmp_path):
    sample = tmp_path / "services.py"
    sample.write_text(
        "Notification.objects.bulk_create([Notification(recipient_id=1)])\nNotification.objects.create(recipient_id=1)\n"
    )
    assert _notification_writes(sample, root=tmp_path) == [
        "services.py:1 Notification(...)",
        "services.py:1 Notification.objects.bulk_create",
        "services.py:2 Notification.objects.create",
    ]
