"""An authority's audit log ("Protokoll") as its admin reads it: every entry in German,
filterable by what happened, who and when; bad filters explained, never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.clients import logged_in
from tests.factories import AuthorityFactory
from verbund.accounts import services
from verbund.accounts.models import AuthorityRole, User
from verbund.authorities.models import Authority
from verbund.core.audit import audit_record
from verbund.core.facts import BERLIN

pytestmark = pytest.mark.usefixtures("demo_on")

SHA = "3f2a9c1e5b7d4f60a8e2c9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1"


def _at(monkeypatch: pytest.MonkeyPatch, *when: int) -> None:
    """Record the next entries at ``when`` (year, month, day, hour) German time."""
    # audit_record takes the moment in UTC, as timezone.now() gives it.
    moment = dt.datetime(*when, tzinfo=BERLIN).astimezone(dt.UTC)
    monkeypatch.setattr("verbund.core.audit.timezone.now", lambda: moment)


@pytest.fixture
def log(monkeypatch: pytest.MonkeyPatch, authority: Authority, admin: User, clerk: User) -> str:
    """Four entries of Merzenich as the services record them, over three days; the
    log's URL."""
    _at(monkeypatch, 2026, 3, 1, 9)
    services.authority_role_grant(
        actor=admin, authority=authority, user=clerk, role="authority_admin"
    )
    _at(monkeypatch, 2026, 3, 2, 23)  # 22:00 UTC: still the 2nd in Germany
    audit_record(
        actor=None,
        action="submission.paid",
        obj=authority,
        authority=authority,
        changes={"fee_total": "40.00"},
    )
    _at(monkeypatch, 2026, 3, 3, 10)
    audit_record(
        actor=None,
        action="form.save_draft",
        obj=authority,
        authority=authority,
        changes={"digest": SHA},
    )
    role = AuthorityRole.objects.get(user=clerk, role="authority_admin")
    services.authority_role_revoke(actor=admin, role_assignment=role)
    AuthorityFactory(name="Andere")
    return reverse("staff:authority_audit", kwargs={"pk": authority.pk})


def _rows(response: Any) -> list[tuple[str, str, list[tuple[str, str | None, str]]]]:
    return [
        (
            row.action,
            row.actor,
            [(c.label, c.old.text if c.old else None, c.new.text) for c in row.changes],
        )
        for row in response.context["rows"]
    ]


def test_every_entry_reads_in_german(log: str, admin: User) -> None:
    response = logged_in(admin).get(log)
    assert response.status_code == 200
    assert _rows(response) == [
        (
            "Rolle in der Behörde entzogen",
            "Anna Admin (admin.merzenich)",
            [
                ("Benutzerkonto", "Carl Clerk (clerk.merzenich)", "–"),
                ("Rolle", "Verwaltung der Behörde", "–"),
            ],
        ),
        (
            "Formularentwurf gespeichert",
            "System (automatisch)",
            [("Prüfsumme der Formulardefinition", None, "3f2a9c1e5b7d…")],
        ),
        (
            "Gebühr des Antrags bezahlt",
            "System (automatisch)",
            [("Gebühren insgesamt", None, "40,00 €")],
        ),
        (
            "Rolle in der Behörde vergeben",
            "Anna Admin (admin.merzenich)",
            [
                ("Benutzerkonto", None, "Carl Clerk (clerk.merzenich)"),
                ("Rolle", None, "Verwaltung der Behörde"),
            ],
        ),
    ]
    body = response.content.decode()
    # A plain value is a value, not a change character by character ("4 → 0").
    assert "<dt>Gebühren insgesamt</dt><dd>40,00 €</dd>" in body
    assert "→" not in body.split("Gebühren insgesamt", 1)[1].split("</dd>", 1)[0]
    # A change reads old → new, the arrow spelled out for screen readers.
    assert (
        '<dt>Rolle</dt><dd>Verwaltung der Behörde <span aria-hidden="true">→</span> '
        '<span class="kern-sr-only">geändert in </span>–</dd>'
    ) in body
    # The digest is shortened; the whole value opens in place.
    assert (
        '<details class="verbund-audit__more"><summary><code>3f2a9c1e5b7d…</code>'
        '<span class="kern-sr-only"> (gekürzt, ganz anzeigen)</span></summary>'
        f'<code class="verbund-audit__full">{SHA}</code></details>'
    ) in body
    # The codes are the filter's option values only, never shown in the table.
    table = body.split('<table class="kern-table verbund-audit">', 1)[1].split("</table>")[0]
    for code in ("accounts.authority_role_granted", "submission.paid", "form.save_draft"):
        assert code not in table
    assert "4 Einträge" in body


def test_filter_by_action(log: str, admin: User) -> None:
    response = logged_in(admin).get(log, {"action": "accounts.authority_role_granted"})
    assert [row[0] for row in _rows(response)] == ["Rolle in der Behörde vergeben"]
    assert response.context["filtered"] is True
    assert "1 passender Eintrag" in response.content.decode()


def test_filter_by_actor(log: str, admin: User) -> None:
    client = logged_in(admin)
    form = client.get(log).context["filter_form"]
    assert list(form.fields["actor"].choices) == [
        ("", "Alle"),
        ("admin.merzenich", "Anna Admin (admin.merzenich)"),
        ("system", "System (automatisch)"),
    ]
    response = client.get(log, {"actor": "system"})
    assert [row[0] for row in _rows(response)] == [
        "Formularentwurf gespeichert",
        "Gebühr des Antrags bezahlt",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"since": "2026-03-02", "until": "2026-03-02"}, ["Gebühr des Antrags bezahlt"]),
        (
            {"since": "02.03.2026"},
            [
                "Rolle in der Behörde entzogen",
                "Formularentwurf gespeichert",
                "Gebühr des Antrags bezahlt",
            ],
        ),
        ({"until": "2026-03-01"}, ["Rolle in der Behörde vergeben"]),
        ({"since": "2026-03-04"}, []),
    ],
)
def test_filter_by_period_in_german_days(
    log: str, admin: User, query: dict[str, str], expected: list[str]
) -> None:
    response = logged_in(admin).get(log, query)
    assert response.status_code == 200
    assert [row[0] for row in _rows(response)] == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "31.02.2026"}, "Bitte ein gültiges Datum eingeben."),
        ({"since": "gestern"}, "Bitte ein gültiges Datum eingeben."),
        (
            {"since": "2026-03-03", "until": "2026-03-01"},
            "Das Ende des Zeitraums liegt vor seinem Anfang.",
        ),
        (
            {"until": "0001-01-01"},
            "Bitte geben Sie ein Datum zwischen dem 01.01.1900 und dem 31.12.2999 an.",
        ),
        (
            {"action": "networks.nonsense"},
            "Bitte eine gültige Auswahl treffen. networks.nonsense ist keine gültige Auswahl.",
        ),
        (
            {"actor": "clerk.merzenich", "action": "form.save_draft"},
            "Bitte eine gültige Auswahl treffen. clerk.merzenich ist keine gültige Auswahl.",
        ),
    ],
)
def test_bad_filter_input_is_explained_and_the_log_shown_unfiltered(
    log: str, admin: User, query: dict[str, str], message: str
) -> None:
    response = logged_in(admin).get(log, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Die Filter wurden nicht angewandt: gezeigt werden alle Einträge." in body
    assert response.context["filtered"] is False
    assert len(response.context["rows"]) == 4
    assert "<title>Fehler: Protokoll" in body


def test_a_bad_page_number_shows_a_page(log: str, admin: User) -> None:
    client = logged_in(admin)
    for page in ("x", "-1", "999"):
        response = client.get(log, {"page": page})
        assert response.status_code == 200
        assert len(response.context["rows"]) == 4


def test_page_links_keep_the_filters(
    monkeypatch: pytest.MonkeyPatch, authority: Authority, admin: User
) -> None:
    _at(monkeypatch, 2026, 3, 1, 9)
    for _n in range(51):
        audit_record(actor=None, action="submission.paid", authority=authority, changes={})
    audit_record(actor=admin, action="submission.paid", authority=authority, changes={})
    url = reverse("staff:authority_audit", kwargs={"pk": authority.pk})
    client = logged_in(admin)
    body = client.get(url, {"actor": "system"}).content.decode()
    assert 'href="?actor=system&amp;page=2"' in body
    assert "51 passende Einträge" in body
    second = client.get(url, {"actor": "system", "page": "2"})
    assert len(second.context["rows"]) == 1
    # Unfiltered, the links carry the page alone.
    assert 'href="?page=2"' in client.get(url).content.decode()


def test_the_log_reads_in_english(log: str, admin: User) -> None:
    client: Client = logged_in(admin)
    response = client.get(log, HTTP_ACCEPT_LANGUAGE="en")
    assert [row[0] for row in _rows(response)] == [
        "Role in the authority revoked",
        "Form draft saved",
        "Application fee paid",
        "Role in the authority granted",
    ]
    assert "<dt>Total fees</dt><dd>40.00 €</dd>" in response.content.decode()


def test_queries_do_not_grow_with_the_entries(
    log: str, admin: User, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(admin)
    client.get(log)  # warm the session and role caches
    with django_assert_max_num_queries(14):
        client.get(log)


def test_only_the_authority_admin_reads_it_and_nothing_changes(
    log: str, clerk: User, authority: Authority
) -> None:
    from verbund.core.models import AuditEntry

    before = AuditEntry.objects.count()
    assert logged_in(clerk).get(log).status_code == 403
    other = Authority.objects.get(name="Andere")
    url = reverse("staff:authority_audit", kwargs={"pk": other.pk})
    assert logged_in(clerk).get(url, {"action": "x"}).status_code == 404
    assert AuditEntry.objects.count() == before
