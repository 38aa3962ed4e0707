"""A network's audit log ("Protokoll") as its coordinator reads it: every entry in
German, filterable; bad filters explained and the log shown unfiltered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tests.clients import logged_in
from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    NetworkFactory,
    NetworkRoleFactory,
    UserFactory,
)
from verbund.accounts.models import User
from verbund.core.models import AuditEntry
from verbund.networks import services
from verbund.networks.models import Network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_on")]


@pytest.fixture
def network() -> Network:
    return NetworkFactory(name="DLZ", kind="service_centre")


@pytest.fixture
def coordinator(network: Network) -> User:
    return NetworkRoleFactory(
        network=network,
        user=UserFactory(username="koordination.dlz", display_name="DLZ-Büro", demo=True),
    ).user


@pytest.fixture
def log(network: Network, coordinator: User) -> str:
    inden = AuthorityFactory(ars="053580020020", name="Inden", kind="gemeinde")
    membership = services.membership_add(
        actor=coordinator,
        network=network,
        authority=inden,
        role="member",
        joined_on=dt.date(2024, 1, 1),
    )
    services.membership_end(actor=None, membership=membership, left_on=dt.date(2026, 6, 30))
    area = services.area_create(actor=coordinator, network=network, name="Beschaffung")
    services.area_level_set(
        actor=coordinator,
        area=area,
        authority=inden,
        level=3,
        valid_from=dt.date(2025, 1, 1),
    )
    services.network_update(
        actor=coordinator,
        network=network,
        name="DLZ",
        kind="development_partnership",
        description="",
        operator_name="",
    )
    NetworkFactory(name="Anderer Verbund")
    return reverse("staff:network_audit", kwargs={"pk": network.pk})


def _rows(response: Any) -> list[tuple[str, str, str, list[tuple[str, str | None, str]]]]:
    return [
        (
            row.action,
            row.actor,
            row.object,
            [(c.label, c.old.text if c.old else None, c.new.text) for c in row.changes],
        )
        for row in response.context["rows"]
    ]


def test_every_entry_reads_in_german(log: str, coordinator: User) -> None:
    response = logged_in(coordinator).get(log)
    assert response.status_code == 200
    assert _rows(response) == [
        (
            "Angaben zum Verbund geändert",
            "DLZ-Büro (koordination.dlz)",
            "Verbund: DLZ",
            [
                ("Art", "Virtuelles Dienstleistungszentrum", "Entwicklungspartnerschaft"),
                ("Beschreibung", "Ein Verbund für Tests.", "–"),
            ],
        ),
        (
            "Stufe der Beteiligung gesetzt",
            "DLZ-Büro (koordination.dlz)",
            "Beteiligung an einem Kooperationsfeld: Inden in Beschaffung: 3",
            [
                ("Stufe", None, "gemeinsame Entwicklung und Nutzung"),
                ("gilt ab", None, "01.01.2025"),
            ],
        ),
        (
            "Kooperationsfeld angelegt",
            "DLZ-Büro (koordination.dlz)",
            "Kooperationsfeld: Beschaffung",
            [("Name", None, "Beschaffung"), ("Reihenfolge", None, "0")],
        ),
        (
            "Mitgliedschaft beendet",
            "System (automatisch)",
            "Mitgliedschaft: Inden in DLZ",
            [("Austritt", None, "30.06.2026")],
        ),
        (
            "Mitglied aufgenommen",
            "DLZ-Büro (koordination.dlz)",
            "Mitgliedschaft: Inden in DLZ",
            [
                ("Mitglied", None, "Gemeinde Inden"),
                ("Rolle", None, "Mitglied"),
                ("Beitritt", None, "01.01.2024"),
            ],
        ),
    ]
    body = response.content.decode()
    table = body.split('<table class="kern-table verbund-audit">', 1)[1].split("</table>")[0]
    assert "networks." not in table
    assert (
        '<dt>Art</dt><dd>Virtuelles Dienstleistungszentrum <span aria-hidden="true">→</span> '
        '<span class="kern-sr-only">geändert in </span>Entwicklungspartnerschaft</dd>'
    ) in table


def test_filters_combine(log: str, coordinator: User) -> None:
    client = logged_in(coordinator)
    response = client.get(log, {"action": "networks.membership_ended"})
    assert [row[0] for row in _rows(response)] == ["Mitgliedschaft beendet"]
    response = client.get(log, {"actor": "koordination.dlz", "action": "networks.area_created"})
    assert [row[0] for row in _rows(response)] == ["Kooperationsfeld angelegt"]
    today = dt.date.today().isoformat()
    response = client.get(log, {"actor": "system", "since": today, "until": today})
    assert [row[0] for row in _rows(response)] == ["Mitgliedschaft beendet"]
    response = client.get(log, {"until": "2020-01-01"})
    assert _rows(response) == []
    assert "Keine Einträge zu diesen Filtern." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"until": "2026-02-30"}, "Bitte ein gültiges Datum eingeben."),
        (
            {"since": "2026-03-03", "until": "2026-03-01"},
            "Das Ende des Zeitraums liegt vor seinem Anfang.",
        ),
        ({"action": "<script>"}, "Bitte eine gültige Auswahl treffen."),
        ({"actor": "x" * 5000}, "Bitte eine gültige Auswahl treffen."),
        (
            {"since": "9999-12-31"},
            "Bitte geben Sie ein Datum zwischen dem 01.01.1900 und dem 31.12.2999 an.",
        ),
    ],
)
def test_bad_filter_input_is_explained_and_the_log_shown_unfiltered(
    log: str, coordinator: User, query: dict[str, str], message: str
) -> None:
    response = logged_in(coordinator).get(log, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Die Filter wurden nicht angewandt: gezeigt werden alle Einträge." in body
    assert "<script>" not in body
    assert len(response.context["rows"]) == 5


def test_only_the_coordinator_reads_it(log: str, network: Network) -> None:
    member_staff = AuthorityRoleFactory(
        authority=AuthorityFactory(), user=UserFactory(demo=True)
    ).user
    # Staff of a member may see the network but not its log; others do not see it at all.
    services.membership_add(
        actor=None,
        network=network,
        authority=member_staff.authority_roles.get().authority,
        role="member",
        joined_on=dt.date(2024, 1, 1),
    )
    before = AuditEntry.objects.count()
    assert logged_in(member_staff).get(log).status_code == 403
    other = Network.objects.get(name="Anderer Verbund")
    url = reverse("staff:network_audit", kwargs={"pk": other.pk})
    assert logged_in(member_staff).get(url).status_code == 404
    assert AuditEntry.objects.count() == before
