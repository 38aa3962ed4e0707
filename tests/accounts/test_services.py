"""Account services (atomic, audited, German validation errors) and `verbund grant-role`."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from tests.factories import AuthorityFactory, AuthorityRoleFactory, NetworkFactory, UserFactory
from verbund.accounts import services
from verbund.accounts.models import AuthorityRole, AuthorityRoleKind, NetworkRole, User
from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Rathaus-Merzenich-2026"


def _counts() -> tuple[int, int, int, int]:
    return (
        AuthorityRole.objects.count(),
        NetworkRole.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
    )


def _create(authority: Authority | None, **overrides: Any) -> User:
    values: dict[str, Any] = {
        "actor": None,
        "authority": authority,
        "username": "nora",
        "display_name": "Nora Neu",
        "email": "nora@example.org",
        "password": GOOD_PASSWORD,
        "role": AuthorityRoleKind.CLERK if authority is not None else None,
    }
    values.update(overrides)
    return services.staff_user_create(**values)


# --- staff_user_create ----------------------------------------------------------------


def test_staff_user_create_writes_user_role_and_one_entry(authority: Authority) -> None:
    user = _create(authority, role=AuthorityRoleKind.AUTHORITY_ADMIN)
    assert user.check_password(GOOD_PASSWORD)
    assert not user.two_factor_exempt
    assert list(user.authority_roles.values_list("authority_id", "role")) == [
        (authority.pk, "authority_admin")
    ]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.authority_id, entry.actor_label) == (
        "accounts.user_created",
        authority.pk,
        "system",
    )
    assert entry.changes["role"] == [None, "authority_admin"]
    assert audit_verify().ok


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"username": "NORA"}, "username", "Dieser Benutzername ist bereits vergeben."),
        (
            {"username": "other", "email": "NORA@example.org"},
            "email",
            "Diese E-Mail-Adresse gehört bereits zu einem Konto.",
        ),
        ({"username": "other", "email": "x@example.org", "password": "kurz"}, "password", None),
        ({"username": "other", "email": "", "password": "nora-neu-1"}, "password", None),
        ({"username": "mit leerzeichen", "email": "y@example.org"}, "username", None),
    ],
)
def test_staff_user_create_refuses_bad_input(
    authority: Authority, overrides: dict[str, Any], field: str, message: str | None
) -> None:
    _create(authority)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _create(authority, **overrides)
    assert field in exc.value.message_dict
    if message:
        assert exc.value.message_dict[field] == [message]
    assert _counts() == before


def test_staff_user_create_needs_authority_and_role_together(authority: Authority) -> None:
    with pytest.raises(ValidationError, match="zusammen"):
        _create(authority, role=None)
    with pytest.raises(ValidationError, match="Unbekannte Rolle"):
        _create(authority, role="mayor")
    assert _counts() == (0, 0, 0, 0)


def test_staff_user_create_without_authority_for_operators(db: None) -> None:
    user = _create(None)
    assert not user.authority_roles.exists()
    entry = AuditEntry.objects.get()
    assert entry.authority_id is None


# --- authority_role_grant / revoke ----------------------------------------------------


def test_grant_is_idempotent(authority: Authority, admin: User) -> None:
    person = UserFactory()
    first = services.authority_role_grant(
        actor=admin, authority=authority, user=person, role=AuthorityRoleKind.CLERK
    )
    before = _counts()
    again = services.authority_role_grant(
        actor=admin, authority=authority, user=person, role=AuthorityRoleKind.CLERK
    )
    assert again.pk == first.pk
    assert _counts() == before
    assert AuditEntry.objects.filter(action="accounts.authority_role_granted").count() == 1


def test_grant_refuses_unknown_role_dissolved_authority_and_inactive_user(db: None) -> None:
    person = UserFactory()
    with pytest.raises(ValidationError, match="Unbekannte Rolle"):
        services.authority_role_grant(
            actor=None, authority=AuthorityFactory(), user=person, role="coordinator"
        )
    with pytest.raises(ValidationError, match="aufgelöst"):
        services.authority_role_grant(
            actor=None, authority=AuthorityFactory(dissolved=True), user=person, role="clerk"
        )
    person.is_active = False
    person.save()
    with pytest.raises(ValidationError, match="deaktiviert"):
        services.authority_role_grant(
            actor=None, authority=AuthorityFactory(), user=person, role="clerk"
        )
    assert _counts()[0] == 0
    assert AuditEntry.objects.count() == 0


def test_grant_to_oneself_refreshes_cached_grants(authority: Authority, admin: User) -> None:
    assert grants_for(admin).authority_ids() == {authority.pk}
    other = AuthorityFactory()
    AuthorityRoleFactory(user=admin, authority=other, admin=True)
    third = AuthorityFactory()
    services.authority_role_grant(actor=admin, authority=third, user=admin, role="clerk")
    assert grants_for(admin).authority_ids() == {authority.pk, other.pk, third.pk}


def test_revoke_writes_one_entry(authority: Authority, admin: User, clerk: User) -> None:
    role = AuthorityRole.objects.get(user=clerk)
    services.authority_role_revoke(actor=admin, role_assignment=role)
    assert not AuthorityRole.objects.filter(pk=role.pk).exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.authority_id, entry.object_id) == (
        "accounts.authority_role_revoked",
        authority.pk,
        str(role.pk),
    )
    assert entry.changes == {"user": ["clerk.merzenich", None], "role": ["clerk", None]}


def test_last_admin_role_cannot_be_revoked_by_anyone(authority: Authority, admin: User) -> None:
    role = AuthorityRole.objects.get(user=admin, role=AuthorityRoleKind.AUTHORITY_ADMIN)
    before = _counts()
    with pytest.raises(ValidationError, match="einzige Person"):
        services.authority_role_revoke(actor=admin, role_assignment=role)
    with pytest.raises(ValidationError, match="letzte Verwaltungsrolle"):
        services.authority_role_revoke(actor=None, role_assignment=role)
    assert _counts() == before


def test_revoke_own_admin_role_refreshes_cached_grants(authority: Authority, admin: User) -> None:
    AuthorityRoleFactory(authority=authority, admin=True)
    role = AuthorityRole.objects.get(user=admin, role=AuthorityRoleKind.AUTHORITY_ADMIN)
    assert grants_for(admin).admin_authority_ids == {authority.pk}
    services.authority_role_revoke(actor=admin, role_assignment=role)
    assert grants_for(admin).admin_authority_ids == set()


# --- network_role_grant ---------------------------------------------------------------


def test_network_role_grant_by_the_system(db: None) -> None:
    network, person = NetworkFactory(), UserFactory()
    assignment = services.network_role_grant(
        actor=None, network=network, user=person, role="coordinator"
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.network_id, entry.actor_label, entry.object_id) == (
        "accounts.network_role_granted",
        network.pk,
        "system",
        str(assignment.pk),
    )
    services.network_role_grant(actor=None, network=network, user=person, role="coordinator")
    assert NetworkRole.objects.count() == 1
    assert AuditEntry.objects.count() == 1
    with pytest.raises(ValidationError, match="Unbekannte Rolle"):
        services.network_role_grant(actor=None, network=network, user=person, role="clerk")


# --- verbund grant-role ---------------------------------------------------------------


def test_command_grants_authority_role(authority: Authority) -> None:
    person = UserFactory(username="olaf")
    call_command("grant_role", "olaf", "--authority", authority.ars, "--role", "authority_admin")
    assert AuthorityRole.objects.filter(
        user=person, authority=authority, role="authority_admin"
    ).exists()
    assert AuditEntry.objects.get().actor_label == "system"


def test_command_grants_network_role(db: None) -> None:
    person = UserFactory(username="olaf")
    network = NetworkFactory(slug="dlz")
    call_command("grant_role", "olaf", "--network", "dlz", "--role", "coordinator")
    assert NetworkRole.objects.filter(user=person, network=network).exists()


def test_command_creates_user_with_password_from_env(
    authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEW_PW", GOOD_PASSWORD)
    call_command(
        "grant_role",
        "olaf",
        "--authority",
        authority.ars,
        "--role",
        "clerk",
        "--create",
        "--display-name",
        "Olaf Operator",
        "--email",
        "olaf@example.org",
        "--password-from-env",
        "NEW_PW",
    )
    user = User.objects.get(username="olaf")
    assert user.check_password(GOOD_PASSWORD)
    assert user.display_name == "Olaf Operator"
    assert list(user.authority_roles.values_list("role", flat=True)) == ["clerk"]
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["accounts.user_created"]


def test_command_creates_network_coordinator(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEW_PW", GOOD_PASSWORD)
    NetworkFactory(slug="dlz")
    call_command(
        "grant_role",
        "olaf",
        "--network",
        "dlz",
        "--role",
        "coordinator",
        "--create",
        "--password-from-env",
        "NEW_PW",
    )
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "accounts.user_created",
        "accounts.network_role_granted",
    ]


def test_command_prompts_for_password(
    authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("grant_role", "olaf", "--authority", authority.ars, "--role", "clerk", "--create")
    assert User.objects.get(username="olaf").check_password(GOOD_PASSWORD)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nobody", "--authority", "053580040040", "--role", "clerk"], "Unknown user"),
        (["olaf", "--authority", "000000000000", "--role", "clerk"], "Unknown Regionalschlüssel"),
        (["olaf", "--authority", "053580040040", "--role", "coordinator"], "not an authority role"),
        (["olaf", "--network", "nope", "--role", "coordinator"], "Unknown network"),
        (["olaf", "--network", "dlz", "--role", "clerk"], "not a network role"),
        (
            ["olaf", "--authority", "053580040040", "--role", "clerk", "--create"],
            "already exists",
        ),
        (
            [
                "neu",
                "--authority",
                "053580040040",
                "--role",
                "clerk",
                "--create",
                "--password-from-env",
                "UNSET_VAR_FOR_TEST",
            ],
            "empty or not set",
        ),
    ],
)
def test_command_errors(authority: Authority, argv: list[str], message: str) -> None:
    UserFactory(username="olaf")
    NetworkFactory(slug="dlz")
    before = _counts()
    with pytest.raises(CommandError, match=message):
        call_command("grant_role", *argv)
    assert _counts() == before


def test_command_weak_password_is_refused(
    authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEW_PW", "1234")
    with pytest.raises(CommandError, match="password"):
        call_command(
            "grant_role",
            "neu",
            "--authority",
            authority.ars,
            "--role",
            "clerk",
            "--create",
            "--password-from-env",
            "NEW_PW",
        )
    assert not User.objects.filter(username="neu").exists()


def test_command_exits_1_on_bad_input(
    authority: Authority, capsys: pytest.CaptureFixture[str]
) -> None:
    utility = ManagementUtility(
        ["verbund", "grant_role", "nobody", "--authority", "x", "--role", "clerk"]
    )
    with pytest.raises(SystemExit) as exc:
        utility.execute()
    assert exc.value.code == 1
    assert "Unknown Regionalschlüssel: x" in capsys.readouterr().err
