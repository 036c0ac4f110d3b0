"""Access keys: the staff menus (stations/navigation.py, base_staff.html) and
the pages under them must never give one key to two links."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ACCESSKEY = re.compile(r'accesskey="([^"{]+)"')


def menu_keys(client, user) -> list[str]:
    client.force_login(user)
    html = client.get(reverse("stations:dashboard")).content.decode()
    header = html.split("</header>", 1)[0]
    return ACCESSKEY.findall(header)


@pytest.mark.parametrize("role", ["community_staff", "street_officer", "district_bureau", "city_bureau"])
def test_the_staff_menus_give_each_access_key_to_one_link(client, role, request):
    keys = menu_keys(client, request.getfixturevalue(role))

    assert keys
    assert [key for key, count in Counter(keys).items() if count > 1] == []


def test_no_page_gives_a_link_the_access_key_of_a_staff_menu(client, city_bureau, community_staff):
    menus = set(menu_keys(client, city_bureau)) | set(menu_keys(client, community_staff))
    clashes = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        if template.name == "base_staff.html":
            continue
        for key in ACCESSKEY.findall(template.read_text()):
            if key in menus:
                clashes.append(f"{template.relative_to(TEMPLATES)}: {key}")

    assert clashes == []
