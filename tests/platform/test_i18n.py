"""The Simplified Chinese catalogue is complete and is what users see by default.

zh-hans is the portal's default language, whatever the browser's
Accept-Language says; English stays one click (the language switcher) away.
The catalogue is read with a small parser of its own so the test needs no
extra library.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO_FILE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|%%")


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r'\\(["\\ntr])', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), body)


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr
    (a list: one item, or one per plural form) and flags. Entries are the
    blank-line separated blocks gettext writes; obsolete (#~) entries and the
    header are left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"msgctxt": None, "flags": set(), "msgstr": []}
        field = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#") or not line:
                continue
            elif line.startswith('"'):
                if field == "msgstr":
                    entry["msgstr"][-1] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
            else:
                keyword, _, rest = line.partition(" ")
                field = "msgstr" if keyword.startswith("msgstr") else keyword
                if field == "msgstr":
                    entry["msgstr"].append(_unquote(rest))
                else:
                    entry[field] = _unquote(rest)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue():
    return read_po(PO_FILE)


@pytest.fixture
def compiled_catalogue(settings):
    """`make test` compiles the catalogue first; a bare pytest run may not have.
    Compile it when missing or older than the .po, then make Django reload it."""
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        if shutil.which("msgfmt") is None:
            pytest.skip("gettext's msgfmt is not installed; run `make test`")
        subprocess.run(["msgfmt", "--check-format", "-o", str(MO_FILE), str(PO_FILE)], check=True)
    # Re-assigning LOCALE_PATHS makes Django drop its cached translations.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


def test_po_reader_understands_plural_and_multiline_entries(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#, python-format\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s 天"\n\n'
        '#, fuzzy\nmsgid ""\n"Two "\n"lines"\nmsgstr ""\n\n'
        '#~ msgid "old"\n#~ msgstr "旧"\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert [(e["msgid"], e["msgstr"], sorted(e["flags"])) for e in entries] == [
        ("%(n)s day", ["%(n)s 天"], ["python-format"]),
        ("Two lines", [""], ["fuzzy"]),
    ]


def test_catalogue_declares_one_plural_form():
    header = PO_FILE.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header


def test_catalogue_has_no_untranslated_entries(catalogue):
    untranslated = [e["msgid"] for e in catalogue if not all(s.strip() for s in e["msgstr"])]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"


def test_catalogue_has_no_fuzzy_entries(catalogue):
    fuzzy = [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]]
    assert fuzzy == []


def test_translations_keep_every_placeholder(catalogue):
    broken = [
        (e["msgid"], s)
        for e in catalogue
        for s in e["msgstr"]
        if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(e["msgid"]))
        and sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(e.get("msgid_plural", "")))
    ]
    assert broken == []


@pytest.mark.django_db
def test_login_page_is_in_chinese_by_default(client, compiled_catalogue):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert "工作人员登录" in html
    assert "Staff sign-in" not in html


@pytest.mark.django_db
def test_login_page_stays_in_the_default_language_for_an_english_browser(client, compiled_catalogue):
    response = client.get(reverse("login"), headers={"accept-language": "en"})
    assert "Staff sign-in" not in response.content.decode()
    assert '<html lang="zh-hans"' in response.content.decode()


@pytest.mark.django_db
def test_login_page_follows_the_language_cookie(client, compiled_catalogue):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"), headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert "Staff sign-in" in response.content.decode()


def test_the_flexible_work_pattern_has_one_chinese_name(catalogue):
    """弹性工作 is the work pattern (hours the worker can fit around other
    duties); 灵活就业 is an employment status, so 灵活 never names the pattern."""
    pattern = [e for e in catalogue if re.search(r"flexible hours", e["msgid"], re.IGNORECASE)]

    assert pattern
    assert [e["msgid"] for e in pattern if "弹性工作" not in e["msgstr"][0] or "灵活" in e["msgstr"][0]] == []
