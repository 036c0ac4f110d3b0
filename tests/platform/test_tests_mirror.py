"""Tests mirror the code: every module with behaviour has its test file at
the same path under tests/, named test_<module>.py, and every test file under
an app's folder names the module it tests.

`stations/services/residents/transfers.py` is tested in
`tests/stations/services/residents/test_transfers.py`; a package's
`__init__.py` in `test_<package>.py` beside the package's folder. Tests that
belong to no one module (journeys in a browser, checks over the whole tree,
the every-route scope test, factories) live in tests/e2e, tests/platform,
tests/scope and tests/factories.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
APPS = tuple(sorted([*settings.PORTAL_APPS, "benchmarks", "config"]))
CROSS_CUTTING = {"e2e", "platform", "scope", "factories"}
# Declarations Django reads, not behaviour a test of their own would exercise.
DECLARATIONS = {"apps.py", "admin.py", "urls.py", "urls_public.py", "wsgi.py", "asgi.py", "celery.py"}


def has_behaviour(path: Path) -> bool:
    """A module-level function, or a class with a method of its own."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return True
        if isinstance(node, ast.ClassDef) and any(
            isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) for item in node.body
        ):
            return True
    return False


def mirror_of(module: Path) -> Path:
    """tests/<app>/<folders>/test_<module>.py for <app>/<folders>/<module>.py."""
    parts = list(module.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return TESTS.joinpath(*parts[:-1], f"test_{parts[-1]}.py")


def module_of(test_file: Path) -> Path | None:
    """The module a test file mirrors, or None."""
    parts = test_file.relative_to(TESTS).parts
    name = parts[-1].removeprefix("test_").removesuffix(".py")
    plain = ROOT.joinpath(*parts[:-1], f"{name}.py")
    package = ROOT.joinpath(*parts[:-1], name, "__init__.py")
    return plain if plain.exists() else package if package.exists() else None


def modules_with_behaviour(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and path.name not in DECLARATIONS and has_behaviour(path)
    ]


def unmirrored_now(app: str) -> set[str]:
    untested = {
        str(module.relative_to(ROOT)) for module in modules_with_behaviour(app) if not mirror_of(module).exists()
    }
    orphans = {
        str(test.relative_to(ROOT)) for test in sorted((TESTS / app).rglob("test_*.py")) if module_of(test) is None
    }
    return untested | orphans


@pytest.mark.parametrize("app", APPS)
def test_every_module_with_behaviour_has_its_mirror_and_every_test_file_a_module(app):
    unmirrored = sorted(unmirrored_now(app))
    assert not unmirrored, (
        "give each module its tests at tests/<same folders>/test_<module>.py, "
        "and each test file the name of the module it tests:\n" + "\n".join(unmirrored)
    )


def test_only_the_cross_cutting_folders_stand_beside_the_apps():
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= set(APPS) | CROSS_CUTTING


def test_the_mirror_of_a_package_is_named_after_the_package():
    assert mirror_of(ROOT / "stations" / "services" / "residents" / "__init__.py") == (
        TESTS / "stations" / "services" / "test_residents.py"
    )
    assert mirror_of(ROOT / "jobs" / "views" / "staff.py") == TESTS / "jobs" / "views" / "test_staff.py"


def test_a_class_of_fields_alone_is_a_declaration(tmp_path):
    declaration = tmp_path / "choices.py"
    declaration.write_text("class Kind:\n    A = 1\n")
    behaviour = tmp_path / "rules.py"
    behaviour.write_text("class Rule:\n    def check(self):\n        return True\n")
    assert (has_behaviour(declaration), has_behaviour(behaviour)) == (False, True)
