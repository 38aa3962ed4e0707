"""Staff start page, authority workspace, staff management and the authority's audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.clients import logged_in
from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    LegalPageFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    UserFactory,
    make_user,
)
from verbund.accounts.models import AuthorityRole, AuthorityRoleKind, User
from verbund.authorities.models import Authority
from verbund.core.audit import audit_record
from verbund.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_on")]


def _counts() -> tuple[int, int, int]:
    return AuthorityRole.objects.count(), User.objects.count(), AuditEntry.objects.count()


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _staff_url(authority: Authority) -> str:
    return reverse("staff:authority_staff", kwargs={"pk": authority.pk})


def _revoke_url(authority: Authority, role: AuthorityRole) -> str:
    return reverse("staff:authority_role_revoke", kwargs={"pk": authority.pk, "role_pk": role.pk})


# --- URL paths ------------------------------------------------------------------------


def test_url_paths() -> None:
    assert reverse("staff:home") == "/verwaltung/"
    assert reverse("staff:authority", kwargs={"pk": 4}) == "/verwaltung/behoerden/4/"
    assert (
        reverse("staff:authority_staff", kwargs={"pk": 4})
        == "/verwaltung/behoerden/4/mitarbeitende/"
    )
    assert (
        reverse("staff:authority_role_revoke", kwargs={"pk": 4, "role_pk": 9})
        == "/verwaltung/behoerden/4/mitarbeitende/9/entziehen/"
    )
    assert (
        reverse("staff:authority_audit", kwargs={"pk": 4}) == "/verwaltung/behoerden/4/protokoll/"
    )


# --- Start page -----------------------------------------------------------------------


def test_start_page_lists_exactly_my_authorities_and_networks() -> None:
    user = make_user(demo=True)
    clerk_at = AuthorityFactory(name="Kerpen")
    admin_at = AuthorityFactory(name="Jülich")
    AuthorityRoleFactory(user=user, authority=clerk_at)
    AuthorityRoleFactory(user=user, authority=admin_at, admin=True)
    AuthorityRoleFactory(user=user, authority=admin_at)
    AuthorityRoleFactory(authority=AuthorityFactory(name="Fremde Gemeinde"))

    coordinated = NetworkFactory(name="Koordinierter Verbund")
    NetworkRoleFactory(user=user, network=coordinated)
    member_of = NetworkFactory(name="Mitgliedsverbund")
    MembershipFactory(network=member_of, authority=clerk_at)
    left = NetworkFactory(name="Verlassener Verbund")
    MembershipFactory(network=left, authority=admin_at, ended=True)
    future = NetworkFactory(name="Künftiger Verbund")
    MembershipFactory(network=future, authority=admin_at, joined_on=dt.date(2999, 1, 1))
    NetworkFactory(name="Fremder Verbund")
    MembershipFactory(network=NetworkFactory(name="Anderer Verbund"))

    response = logged_in(user).get(reverse("staff:home"))
    assert response.status_code == 200
    authorities = {a.name: roles for a, roles in response.context["authorities"]}
    assert authorities == {
        "Jülich": ["Sachbearbeitung", "Verwaltung der Behörde"],
        "Kerpen": ["Sachbearbeitung"],
    }
    networks = {n.name: coordinating for n, coordinating in response.context["networks"]}
    assert networks == {"Koordinierter Verbund": True, "Mitgliedsverbund": False}
    body = response.content.decode()
    assert "Meine Behörden, meine Verbünde" in body
    assert reverse("staff:authority", kwargs={"pk": clerk_at.pk}) in body
    assert "Fremde Gemeinde" not in body
    assert "Fremder Verbund" not in body


def test_start_page_without_any_role() -> None:
    response = logged_in(make_user(demo=True)).get(reverse("staff:home"))
    assert response.status_code == 200
    assert "Sie haben derzeit in keiner Behörde eine Rolle." in response.content.decode()


# --- Workspace ------------------------------------------------------------------------


def test_workspace_shows_own_authority(authority: Authority, admin: User, clerk: User) -> None:
    LegalPageFactory(authority=authority, reviewed_on=dt.date(2026, 1, 15))
    network = NetworkFactory(name="DLZ")
    MembershipFactory(network=network, authority=authority)
    response = logged_in(clerk).get(reverse("staff:authority", kwargs={"pk": authority.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Merzenich", "053580040040", "10123", "admin.merzenich", "clerk.merzenich"):
        assert text in body, text
    assert "Impressum" in body
    assert "Datenschutzerklärung" in body
    assert "DLZ" in body
    assert not response.context["may_manage"]
    assert _staff_url(authority) not in body  # clerks get no management links
    admin_body = logged_in(admin).get(reverse("staff:authority", kwargs={"pk": authority.pk}))
    assert _staff_url(authority) in admin_body.content.decode()


def test_workspace_of_another_authority_is_not_found(authority: Authority, admin: User) -> None:
    other = AuthorityFactory(name="Andere")
    AuthorityRoleFactory(authority=other, admin=True)
    client = logged_in(admin)
    assert client.get(reverse("staff:authority", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("staff:authority", kwargs={"pk": 999_999})).status_code == 404
    assert client.get(_staff_url(other)).status_code == 404
    assert client.get(reverse("staff:authority_audit", kwargs={"pk": other.pk})).status_code == 404


def test_staff_pages_need_the_second_factor(authority: Authority, settings: Any) -> None:
    settings.VERBUND_DEMO = False
    user = make_user()  # not exempt
    AuthorityRoleFactory(user=user, authority=authority, admin=True)
    response = logged_in(user).get(reverse("staff:authority", kwargs={"pk": authority.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/zweiter-faktor/")


# --- Staff management -----------------------------------------------------------------


def test_clerk_gets_forbidden_and_changes_nothing(
    authority: Authority, admin: User, clerk: User
) -> None:
    client = logged_in(clerk)
    admin_role = AuthorityRole.objects.get(user=admin, role=AuthorityRoleKind.AUTHORITY_ADMIN)
    before = _counts()
    assert client.get(_staff_url(authority)).status_code == 403
    response = client.post(
        _staff_url(authority),
        {"action": "grant", "grant-user": clerk.username, "grant-role": "authority_admin"},
    )
    assert response.status_code == 403
    response = client.post(
        _staff_url(authority),
        {
            "action": "create",
            "create-username": "neu",
            "create-display_name": "Neu",
            "create-email": "neu@example.org",
            "create-password": "ein-langes-Passwort-2026",
            "create-role": "clerk",
        },
    )
    assert response.status_code == 403
    assert client.post(_revoke_url(authority, admin_role)).status_code == 403
    assert _counts() == before


def test_admin_grants_a_role_by_user_name(authority: Authority, admin: User) -> None:
    person = UserFactory(username="peter")
    before = _counts()
    response = logged_in(admin).post(
        _staff_url(authority), {"action": "grant", "grant-user": "peter", "grant-role": "clerk"}
    )
    assert response.status_code == 302
    assert response["Location"] == _staff_url(authority)
    assert list(AuthorityRole.objects.filter(user=person).values_list("authority_id", "role")) == [
        (authority.pk, "clerk")
    ]
    assert _counts() == (before[0] + 1, before[1], before[2] + 1)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.authority_id, entry.actor_id) == (
        "accounts.authority_role_granted",
        authority.pk,
        admin.pk,
    )
    assert entry.changes == {"user": [None, "peter"], "role": [None, "clerk"]}
    assert _messages(response) == [f"{person} hat jetzt die Rolle „Sachbearbeitung“."]


def test_admin_grants_a_role_by_email(authority: Authority, admin: User) -> None:
    person = UserFactory(username="paula", email="Paula@Example.org")
    response = logged_in(admin).post(
        _staff_url(authority),
        {"action": "grant", "grant-user": "paula@example.org", "grant-role": "authority_admin"},
    )
    assert response.status_code == 302
    assert AuthorityRole.objects.filter(
        user=person, authority=authority, role=AuthorityRoleKind.AUTHORITY_ADMIN
    ).exists()
    assert AuditEntry.objects.count() == 1


def test_granting_a_held_role_writes_nothing(
    authority: Authority, admin: User, clerk: User
) -> None:
    before = _counts()
    response = logged_in(admin).post(
        _staff_url(authority),
        {"action": "grant", "grant-user": clerk.username, "grant-role": "clerk"},
    )
    assert response.status_code == 302
    assert _counts() == before
    assert "bereits" in _messages(response)[0]


def test_grant_to_unknown_user_shows_error(authority: Authority, admin: User) -> None:
    before = _counts()
    response = logged_in(admin).post(
        _staff_url(authority), {"action": "grant", "grant-user": "niemand", "grant-role": "clerk"}
    )
    assert response.status_code == 200
    assert "kein aktives Konto bekannt" in response.content.decode()
    assert _counts() == before


def test_unknown_action_is_a_bad_request(authority: Authority, admin: User) -> None:
    before = _counts()
    assert logged_in(admin).post(_staff_url(authority), {}).status_code == 400
    assert _counts() == before


def test_admin_revokes_a_role(authority: Authority, admin: User, clerk: User) -> None:
    role = AuthorityRole.objects.get(user=clerk)
    before = _counts()
    response = logged_in(admin).post(_revoke_url(authority, role))
    assert response.status_code == 302
    assert response["Location"] == _staff_url(authority)
    assert not AuthorityRole.objects.filter(pk=role.pk).exists()
    assert _counts() == (before[0] - 1, before[1], before[2] + 1)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.authority_id, entry.object_id) == (
        "accounts.authority_role_revoked",
        authority.pk,
        str(role.pk),
    )


def test_revoke_is_post_only(authority: Authority, admin: User, clerk: User) -> None:
    role = AuthorityRole.objects.get(user=clerk)
    assert logged_in(admin).get(_revoke_url(authority, role)).status_code == 405
    assert AuthorityRole.objects.filter(pk=role.pk).exists()


def test_revoking_a_role_of_another_authority_is_not_found(
    authority: Authority, admin: User
) -> None:
    other = AuthorityFactory()
    foreign_role = AuthorityRoleFactory(authority=other)
    # Admin of both: the pair (own authority, other's role) still does not belong together.
    AuthorityRoleFactory(user=admin, authority=other, admin=True)
    before = _counts()
    response = logged_in(admin).post(_revoke_url(authority, foreign_role))
    assert response.status_code == 404
    assert _counts() == before


def test_last_admin_cannot_revoke_own_admin_role(authority: Authority, admin: User) -> None:
    role = AuthorityRole.objects.get(user=admin, role=AuthorityRoleKind.AUTHORITY_ADMIN)
    before = _counts()
    response = logged_in(admin).post(_revoke_url(authority, role))
    assert response.status_code == 302
    assert AuthorityRole.objects.filter(pk=role.pk).exists()
    assert _counts() == before
    assert _messages(response) == [
        "Sie sind die einzige Person mit der Verwaltung dieser Behörde. Bevor Sie diese Rolle "
        "abgeben, vergeben Sie sie bitte an eine weitere Person."
    ]


def test_admin_may_give_up_admin_role_when_another_admin_exists(
    authority: Authority, admin: User
) -> None:
    AuthorityRoleFactory(authority=authority, admin=True)
    role = AuthorityRole.objects.get(user=admin, role=AuthorityRoleKind.AUTHORITY_ADMIN)
    response = logged_in(admin).post(_revoke_url(authority, role))
    assert not AuthorityRole.objects.filter(pk=role.pk).exists()
    # Still a clerk there: back to the workspace, no longer to the staff page.
    assert response["Location"] == reverse("staff:authority", kwargs={"pk": authority.pk})
    assert AuditEntry.objects.count() == 1


def test_admin_creates_a_staff_account(authority: Authority, admin: User) -> None:
    before = _counts()
    response = logged_in(admin).post(
        _staff_url(authority),
        {
            "action": "create",
            "create-username": "neu.merzenich",
            "create-display_name": "Nora Neu",
            "create-email": "nora@example.org",
            "create-password": "Rathaus-Merzenich-2026",
            "create-role": "clerk",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="neu.merzenich")
    assert (user.display_name, user.email, user.is_active, user.two_factor_exempt) == (
        "Nora Neu",
        "nora@example.org",
        True,
        False,
    )
    assert user.check_password("Rathaus-Merzenich-2026")
    assert list(user.authority_roles.values_list("authority_id", "role")) == [
        (authority.pk, "clerk")
    ]
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert _counts() == (before[0] + 1, before[1] + 1, before[2] + 1)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.authority_id, entry.object_id) == (
        "accounts.user_created",
        authority.pk,
        str(user.pk),
    )
    assert "password" not in entry.changes


def test_create_with_weak_password_shows_validator_message(
    authority: Authority, admin: User
) -> None:
    before = _counts()
    response = logged_in(admin).post(
        _staff_url(authority),
        {
            "action": "create",
            "create-username": "neu",
            "create-display_name": "Nora Neu",
            "create-email": "nora@example.org",
            "create-password": "12345678",
            "create-role": "clerk",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dieses Passwort ist zu kurz" in body
    assert _counts() == before


def test_create_with_taken_user_name(authority: Authority, admin: User) -> None:
    before = _counts()
    response = logged_in(admin).post(
        _staff_url(authority),
        {
            "action": "create",
            "create-username": "ADMIN.merzenich",
            "create-display_name": "Doppelt",
            "create-email": "doppelt@example.org",
            "create-password": "Rathaus-Merzenich-2026",
            "create-role": "clerk",
        },
    )
    assert response.status_code == 200
    assert "Dieser Benutzername ist bereits vergeben." in response.content.decode()
    assert _counts() == before


# --- Audit log ------------------------------------------------------------------------


def test_audit_log_for_admins_only_and_only_own_entries(
    authority: Authority, admin: User, clerk: User
) -> None:
    other = AuthorityFactory(name="Andere")
    for n in range(55):
        audit_record(actor=admin, action=f"test.own_{n}", authority=authority)
    audit_record(actor=None, action="test.foreign", authority=other)
    audit_record(actor=None, action="test.global")
    url = reverse("staff:authority_audit", kwargs={"pk": authority.pk})

    assert logged_in(clerk).get(url).status_code == 403
    client = logged_in(admin)
    response = client.get(url)
    assert response.status_code == 200
    actions = [e.action for e in response.context["page"]]
    assert len(actions) == 50
    assert actions[0] == "test.own_54"  # newest first
    assert all(a.startswith("test.own_") for a in actions)
    page2 = [e.action for e in client.get(url, {"page": 2}).context["page"]]
    assert page2 == [f"test.own_{n}" for n in range(4, -1, -1)]
    body = response.content.decode()
    assert "test.foreign" not in body
    assert "admin.merzenich" in body
