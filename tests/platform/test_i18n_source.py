"""The Chinese catalogue is current with the source: every string wrapped for
translation in the code and the templates has a translated entry.

Engineers append new entries to `locale/zh_Hans/LC_MESSAGES/django.po` by hand
(running `makemessages` over the whole catalogue on several branches at once
makes them impossible to merge), so nothing else notices a wrapped string that
was never added: it would reach a Chinese page in English. These tests extract
the strings as `make messages` does, in a copy of the source tree (so the real
catalogue is never rewritten), and compare the two sets.
"""

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from django.conf import settings

from tests.platform.test_i18n import PO_FILE, read_po

SOURCE = Path(settings.BASE_DIR)
# The tree makemessages reads, less what it never reads (or what only takes
# time to copy); `locale` is left out so the copy gets a fresh catalogue.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "var", "locale", "__pycache__", ".*_cache", "node_modules", "test-results", "*.egg-info"
)
# The same options as the Makefile's `messages` target.
MAKEMESSAGES = ["makemessages", "-l", "zh_Hans", "--ignore=.venv", "--ignore=var", "--no-obsolete", "-v0"]


def _key(entry: dict) -> tuple[str | None, str]:
    return entry["msgctxt"], entry["msgid"]


def _label(key: tuple[str | None, str]) -> str:
    context, msgid = key
    return f"{msgid!r} (context {context!r})" if context else repr(msgid)


def extracted(workdir: Path, extra_files: dict[str, str] | None = None) -> set[tuple[str | None, str]]:
    """(msgctxt, msgid) of every translatable string in a copy of the source
    tree, plus `extra_files` (relative path: text) written into the copy."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("gettext's xgettext is not installed (.ci/run installs the gettext package)")
        pytest.skip("gettext's xgettext is not installed (apt-get install gettext)")
    tree = workdir / "source"
    shutil.copytree(SOURCE, tree, ignore=NOT_SOURCE, symlinks=True)
    for name, text in (extra_files or {}).items():
        (tree / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "DJANGO_DEBUG": "true", "PORTAL_IGNORE_DOT_ENV": "1"}
    run = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES], cwd=tree, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, f"makemessages failed:\n{run.stderr}"
    return {_key(e) for e in read_po(tree / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")}


def translated() -> set[tuple[str | None, str]]:
    return {_key(e) for e in read_po(PO_FILE) if all(s.strip() for s in e["msgstr"]) and "fuzzy" not in e["flags"]}


def test_every_translatable_string_has_a_translated_entry(tmp_path):
    in_source = extracted(tmp_path)
    in_catalogue = translated()
    missing = sorted(in_source - in_catalogue, key=lambda k: (k[1], k[0] or ""))
    obsolete = in_catalogue - in_source
    if obsolete:
        # Harmless (nothing shows them) and removed by the next full refresh.
        warnings.warn(f"{len(obsolete)} catalogue entries are no longer in the source", stacklevel=1)
    assert not missing, (
        f"{len(missing)} strings have no translated entry in {PO_FILE.relative_to(SOURCE)}; append each "
        "(msgid, msgstr, and msgctxt where used) at the end of the file:\n" + "\n".join(_label(k) for k in missing[:30])
    )


def test_a_new_untranslated_string_is_reported(tmp_path):
    """The check above can fail: a string added in code and one in a template,
    neither in the catalogue, are both found."""
    in_source = extracted(
        tmp_path,
        {
            "stations/i18n_probe.py": (
                "from django.utils.translation import gettext_lazy as _\n"
                "from django.utils.translation import pgettext_lazy\n\n"
                'LABEL = _("A probe sentence no catalogue has")\n'
                'TITLE = pgettext_lazy("probe", "Probe title")\n'
            ),
            "templates/i18n_probe.html": '{% load i18n %}<p>{% translate "A probe paragraph no catalogue has" %}</p>\n',
        },
    )
    missing = in_source - translated()
    assert missing == {
        (None, "A probe sentence no catalogue has"),
        ("probe", "Probe title"),
        (None, "A probe paragraph no catalogue has"),
    }
