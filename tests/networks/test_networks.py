from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.clients import logged_in
from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    UserFactory,
)
from verbund.core.models import AuditEntry
from verbund.networks import selectors, services
from verbund.networks.models import Membership, MembershipRole, Network

pytestmark = pytest.mark.django_db


def test_network_create_and_update_are_audited() -> None:
    network = services.network_create(
        actor=None, name="DLZ", slug="dlz", kind="service_centre", description="Bündelung"
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.network_id, entry.actor_label) == (
        "networks.network_created",
        network.pk,
        "system",
    )
    coordinator = UserFactory()
    services.network_update(
        actor=coordinator,
        network=network,
        name="DLZ",
        kind="service_centre",
        description="Bündelung von Aufgaben",
        operator_name="",
    )
    network.refresh_from_db()
    assert network.description == "Bündelung von Aufgaben"
    last = AuditEntry.objects.order_by("-id").first()
    assert last is not None
    assert last.changes == {"description": ["Bündelung", "Bündelung von Aufgaben"]}
    # Saving the same values again writes nothing.
    services.network_update(
        actor=coordinator,
        network=network,
        name="DLZ",
        kind="service_centre",
        description="Bündelung von Aufgaben",
        operator_name="",
    )
    assert AuditEntry.objects.count() == 2


def test_duplicate_network_is_refused() -> None:
    services.network_create(actor=None, name="DLZ", slug="dlz", kind="service_centre")
    with pytest.raises(ValidationError):
        services.network_create(actor=None, name="DLZ", slug="dlz-2", kind="service_centre")
    assert Network.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_membership_lifecycle_and_overlap() -> None:
    network = NetworkFactory()
    jülich = AuthorityFactory(name="Jülich, Stadt")
    membership = services.membership_add(
        actor=None,
        network=network,
        authority=jülich,
        role=MembershipRole.MEMBER,
        joined_on=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError, match="bereits Mitglied"):
        services.membership_add(
            actor=None, network=network, authority=jülich, joined_on=dt.date(2025, 1, 1)
        )
    assert Membership.objects.count() == 1
    with pytest.raises(ValidationError, match="vor dem Beitritt"):
        services.membership_end(actor=None, membership=membership, left_on=dt.date(2023, 12, 31))
    services.membership_end(actor=None, membership=membership, left_on=dt.date(2025, 6, 30))
    membership.refresh_from_db()
    assert membership.left_on == dt.date(2025, 6, 30)
    with pytest.raises(ValidationError, match="bereits beendet"):
        services.membership_end(actor=None, membership=membership, left_on=dt.date(2025, 7, 1))
    # Rejoining after the end is a new membership; the history stays.
    services.membership_add(
        actor=None, network=network, authority=jülich, joined_on=dt.date(2026, 1, 1)
    )
    assert list(Membership.objects.order_by("joined_on").values_list("joined_on", "left_on")) == [
        (dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2026, 1, 1), None),
    ]
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "networks.membership_added",
        "networks.membership_ended",
        "networks.membership_added",
    ]


def test_dissolved_authority_cannot_join() -> None:
    with pytest.raises(ValidationError, match="aufgelöst"):
        services.membership_add(
            actor=None,
            network=NetworkFactory(),
            authority=AuthorityFactory(dissolved=True),
            joined_on=dt.date(2026, 1, 1),
        )
    assert Membership.objects.count() == 0


def test_active_memberships_lead_first_and_by_date() -> None:
    network = NetworkFactory()
    inden = MembershipFactory(network=network, authority=AuthorityFactory(name="Inden"))
    merzenich = MembershipFactory(
        network=network, authority=AuthorityFactory(name="Merzenich"), lead=True
    )
    MembershipFactory(network=network, authority=AuthorityFactory(name="Alt"), ended=True)
    assert list(selectors.active_memberships(network, on=dt.date(2026, 1, 1))) == [merzenich, inden]
    assert [
        m.authority.name
        for m in selectors.past_and_future_memberships(network, on=dt.date(2026, 1, 1))
    ] == ["Alt"]


def test_member_staff_sees_network_but_cannot_change_it(demo_on: None) -> None:
    membership = MembershipFactory(network=NetworkFactory(name="Kreisverbund"))
    clerk = AuthorityRoleFactory(authority=membership.authority, user=UserFactory(demo=True)).user
    client = logged_in(clerk)
    response = client.get(reverse("staff:network", kwargs={"pk": membership.network.pk}))
    assert response.status_code == 200
    assert "Kreisverbund" in response.content.decode()
    edit = reverse("staff:network_edit", kwargs={"pk": membership.network.pk})
    assert client.get(edit).status_code == 403
    response = client.post(edit, {"name": "Gekapert", "kind": "other"})
    assert response.status_code == 403
    assert Network.objects.get().name == "Kreisverbund"
    assert AuditEntry.objects.count() == 0


def test_former_member_staff_no_longer_sees_network(demo_on: None) -> None:
    membership = MembershipFactory(ended=True)
    clerk = AuthorityRoleFactory(authority=membership.authority, user=UserFactory(demo=True)).user
    response = logged_in(clerk).get(reverse("staff:network", kwargs={"pk": membership.network.pk}))
    assert response.status_code == 404


def test_coordinator_adds_and_ends_membership(demo_on: None) -> None:
    network = NetworkFactory()
    coordinator = NetworkRoleFactory(network=network, user=UserFactory(demo=True)).user
    linnich = AuthorityFactory(ars="053580036036", name="Linnich, Stadt")
    client = logged_in(coordinator)
    url = reverse("staff:membership_add", kwargs={"pk": network.pk})
    response = client.post(
        url, {"ars": "053580036036", "role": "member", "joined_on": "01.02.2026"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get()
    assert (membership.authority, membership.role, membership.joined_on) == (
        linnich,
        "member",
        dt.date(2026, 2, 1),
    )
    end_url = reverse(
        "staff:membership_end", kwargs={"pk": network.pk, "membership_pk": membership.pk}
    )
    assert client.post(end_url, {"left_on": "2026-12-31"}).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == dt.date(2026, 12, 31)
    entries = AuditEntry.objects.order_by("id")
    assert [(e.action, e.actor_id) for e in entries] == [
        ("networks.membership_added", coordinator.pk),
        ("networks.membership_ended", coordinator.pk),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ars": "05358x", "role": "member", "joined_on": "01.02.2026"}, "nur Ziffern"),
        ({"ars": "099999999999", "role": "member", "joined_on": "01.02.2026"}, "keine Behörde"),
        ({"ars": "053580036036", "role": "boss", "joined_on": "01.02.2026"}, "gültige Auswahl"),
        ({"ars": "053580036036", "role": "member", "joined_on": "31.02.2026"}, "gültiges Datum"),
    ],
)
def test_bad_membership_input_is_explained_and_nothing_saved(
    demo_on: None, data: dict[str, str], message: str
) -> None:
    network = NetworkFactory()
    coordinator = NetworkRoleFactory(network=network, user=UserFactory(demo=True)).user
    AuthorityFactory(ars="053580036036", name="Linnich, Stadt")
    response = logged_in(coordinator).post(
        reverse("staff:membership_add", kwargs={"pk": network.pk}), data
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Membership.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_create_network_command() -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    AuthorityFactory(ars="053580040040", name="Merzenich")
    AuthorityFactory(ars="053580024024", name="Jülich, Stadt")
    with pytest.raises(CommandError, match="Unknown Regionalschlüssel: 059999999999"):
        call_command(
            "create_network",
            name="DLZ",
            slug="dlz",
            kind="service_centre",
            lead="053580040040",
            member=["059999999999"],
        )
    assert Network.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    call_command(
        "create_network",
        name="DLZ",
        slug="dlz",
        kind="service_centre",
        lead="053580040040",
        member=["053580024024", "053580040040"],
        joined_on=dt.date(2024, 1, 1),
    )
    network = Network.objects.get(slug="dlz")
    assert sorted(network.memberships.values_list("authority__ars", "role")) == [
        ("053580024024", "member"),
        ("053580040040", "lead"),
    ]
    assert AuditEntry.objects.count() == 3
