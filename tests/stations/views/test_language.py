from django.urls import reverse


def test_choosing_a_language_sets_the_cookie_and_returns_to_the_page(client, db):
    response = client.get(reverse("choose_language"), {"language": "en", "next": "/jobs/?category=catering"})

    assert response.status_code == 302
    assert response["Location"] == "/jobs/?category=catering"
    assert response.cookies["django_language"].value == "en"


def test_an_unknown_language_changes_nothing(client, db):
    response = client.get(reverse("choose_language"), {"language": "xx", "next": "/jobs/"})

    assert "django_language" not in response.cookies


def test_a_next_address_on_another_site_goes_home(client, db):
    response = client.get(reverse("choose_language"), {"language": "en", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_the_public_switch_is_a_get_form_and_the_staff_switch_posts(client, community_staff):
    public = client.get(reverse("jobs_public:posting_list")).content.decode()
    client.force_login(community_staff)
    staff = client.get(reverse("stations:dashboard")).content.decode()

    assert f'action="{reverse("choose_language")}" method="get"' in public
    assert f'action="{reverse("set_language")}" method="post"' in staff


def test_an_english_language_browser_gets_the_default_language(client, db):
    response = client.get(reverse("jobs_public:posting_list"), headers={"accept-language": "en-US,en;q=0.9"})

    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans"' in response.content.decode()


def test_the_language_chosen_with_the_switcher_wins_over_the_browser(client, db):
    client.get(reverse("choose_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("jobs_public:posting_list"), headers={"accept-language": "zh-CN,zh;q=0.9"})

    assert response["Content-Language"] == "en"


def test_a_language_cookie_the_site_does_not_offer_falls_back_to_the_default(client, db):
    client.cookies["django_language"] = "fr"

    response = client.get(reverse("jobs_public:posting_list"), headers={"accept-language": "en"})

    assert response["Content-Language"] == "zh-hans"
