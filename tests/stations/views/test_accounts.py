"""Sign-in (stations/views/accounts.py), sessions and account security for staff."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stations.models import AuditAction, AuditEntry, User

# Used with @pytest.mark.urls(__name__): the real URLs plus one refusing page.


def _login(client, username, password, address="10.0.0.1", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def test_staff_signs_in_with_the_login_form_and_lands_on_the_dashboard(client, community_staff, password):
    response = _login(client, community_staff.username, password)
    assert response.status_code == 302
    assert response.url == reverse("stations:dashboard")
    assert client.get(response.url).status_code == 200


def test_wrong_password_shows_the_form_again_with_the_user_name_kept(client, community_staff):
    response = _login(client, community_staff.username, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert f'value="{community_staff.username}"' in response.content.decode()


def test_inactive_account_cannot_sign_in(client, community_staff, password):
    User.objects.filter(pk=community_staff.pk).update(is_active=False)
    response = _login(client, community_staff.username, password)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def _fail_until_locked(client, username, address="10.0.0.1"):
    responses = [_login(client, username, "wrong-password", address) for _ in range(settings.AXES_FAILURE_LIMIT)]
    return responses[-1]


def test_account_is_locked_after_login_failure_limit_failures(client, community_staff):
    response = _fail_until_locked(client, community_staff.username)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]


def test_failures_below_the_limit_do_not_lock(client, community_staff, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, community_staff.username, "wrong-password")
    response = _login(client, community_staff.username, password)
    assert response.status_code == 302


def test_locked_account_cannot_sign_in_even_with_the_right_password(client, community_staff, password):
    _fail_until_locked(client, community_staff.username)
    response = _login(client, community_staff.username, password)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_page_says_how_long_to_wait_from_the_cooloff_setting(client, community_staff, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    response = _fail_until_locked(client, community_staff.username)
    assert " 40 " in response.content.decode()


def test_lock_is_per_account_and_address_so_another_address_can_still_sign_in(client, community_staff, password):
    _fail_until_locked(client, community_staff.username, address="10.0.0.1")
    response = _login(Client(), community_staff.username, password, address="10.0.0.2")
    assert response.status_code == 302


def test_lock_is_per_account_and_address_so_another_account_can_still_sign_in(
    client, community_staff, street_officer, password
):
    _fail_until_locked(client, community_staff.username, address="10.0.0.1")
    response = _login(Client(), street_officer.username, password, address="10.0.0.1")
    assert response.status_code == 302


def test_forwarded_for_header_does_not_lift_a_lock(client, community_staff, password):
    _fail_until_locked(client, community_staff.username, address="10.0.0.1")
    response = _login(Client(), community_staff.username, password, address="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 429


def test_successful_sign_in_is_written_to_the_audit_log(client, community_staff, password):
    _login(client, community_staff.username, password, address="10.0.0.7")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert entry.actor == community_staff
    assert entry.ip_address == "10.0.0.7"
    assert entry.community == community_staff.community


def test_failed_sign_in_is_written_to_the_audit_log_with_the_name_tried(client, community_staff):
    _login(client, community_staff.username, "wrong-password", address="10.0.0.8")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.object_repr == community_staff.username
    assert entry.ip_address == "10.0.0.8"


def test_failed_sign_in_for_an_unknown_name_is_written_to_the_audit_log(client, db):
    _login(client, "nobody-here", "wrong-password")
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_repr="nobody-here").exists()


def test_sign_in_attempt_while_locked_is_written_to_the_audit_log(client, community_staff, password):
    _fail_until_locked(client, community_staff.username)
    before = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count()
    _login(client, community_staff.username, password)
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == before + 1


def _session_of(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_idle_session_lifetime_is_hours_not_weeks():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_session_expires_session_idle_hours_after_sign_in(client, community_staff, password):
    _login(client, community_staff.username, password)
    remaining = _session_of(client).expire_date - timezone.now()
    assert (
        timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
        < remaining
        <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )


def test_each_request_pushes_the_idle_expiry_forward(client, community_staff, password):
    _login(client, community_staff.username, password)
    Session.objects.filter(pk=_session_of(client).pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    client.get(reverse("stations:dashboard"))
    remaining = _session_of(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_idle_session_past_its_expiry_is_sent_to_login(client, community_staff, password):
    _login(client, community_staff.username, password)
    Session.objects.filter(pk=_session_of(client).pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("stations:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_session_cookie_is_http_only_and_same_site():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert settings.CSRF_COOKIE_HTTPONLY


def test_session_of_an_account_made_inactive_elsewhere_stops_working(client, community_staff, password):
    _login(client, community_staff.username, password)
    User.objects.filter(pk=community_staff.pk).update(is_active=False)
    response = client.get(reverse("stations:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_by_post_ends_the_session(client, community_staff, password):
    _login(client, community_staff.username, password)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("stations:dashboard")).status_code == 302


def test_logout_by_get_is_refused(client, community_staff, password):
    _login(client, community_staff.username, password)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("stations:dashboard")).status_code == 200


def test_logout_is_written_to_the_audit_log(client, community_staff, password):
    _login(client, community_staff.username, password)
    client.post(reverse("logout"))
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, actor=community_staff).exists()


def test_staff_header_offers_a_sign_out_form_that_posts(staff_client):
    page = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert f'action="{reverse("logout")}" method="post"' in page


def test_password_change_rejects_a_short_password(client, community_staff, password):
    _login(client, community_staff.username, password)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "short1", "new_password2": "short1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    community_staff.refresh_from_db()
    assert community_staff.check_password(password)


def test_password_change_rejects_a_common_password(client, community_staff, password):
    _login(client, community_staff.username, password)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "password123", "new_password2": "password123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_password_change_needs_the_old_password(client, community_staff, password):
    _login(client, community_staff.username, password)
    new = "Lantern-orchard-4417"
    response = client.post(
        reverse("password_change"), {"old_password": "wrong", "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]


def test_password_change_with_a_strong_password_keeps_the_user_signed_in(client, community_staff, password):
    _login(client, community_staff.username, password)
    new = "Lantern-orchard-4417"
    response = client.post(
        reverse("password_change"), {"old_password": password, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    community_staff.refresh_from_db()
    assert community_staff.check_password(new)
    assert client.get(reverse("stations:dashboard")).status_code == 200


def test_password_change_needs_a_signed_in_user(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
