"""Each membership has its own page below its network: the member, its role, since when,
its history in the network; coordinators end it there (not on every row of the overview)."""

from __future__ import annotations

import datetime as dt

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
from verbund.networks.models import Membership, Network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_on")]


@pytest.fixture
def network() -> Network:
    return NetworkFactory(name="DLZ")


@pytest.fixture
def coordinator(network: Network) -> User:
    user = UserFactory(username="koordination.dlz", display_name="DLZ-Büro", demo=True)
    NetworkRoleFactory(network=network, user=user)
    return user


@pytest.fixture
def linnich(network: Network, coordinator: User) -> Membership:
    """Linnich left the network once and rejoined: two memberships."""
    authority = AuthorityFactory(ars="053580036036", name="Linnich, Stadt", population=12_700)
    first = services.membership_add(
        actor=None,
        network=network,
        authority=authority,
        role="member",
        joined_on=dt.date(2020, 1, 1),
    )
    services.membership_end(actor=None, membership=first, left_on=dt.date(2021, 12, 31))
    return services.membership_add(
        actor=coordinator,
        network=network,
        authority=authority,
        role="lead",
        joined_on=dt.date(2024, 1, 1),
    )


def _url(membership: Membership) -> str:
    return reverse(
        "staff:membership", kwargs={"pk": membership.network_id, "membership_pk": membership.pk}
    )


def test_the_overview_links_each_member_and_ends_none(
    network: Network, coordinator: User, linnich: Membership
) -> None:
    body = logged_in(coordinator).get(reverse("staff:network", kwargs={"pk": network.pk}))
    html = body.content.decode()
    assert f'<a class="kern-link" href="{_url(linnich)}">Linnich, Stadt</a>' in html
    assert "Mitgliedschaft beenden" not in html
    assert "/beenden/" not in html
    assert reverse("staff:membership", kwargs={"pk": 4, "membership_pk": 7}) == (
        "/verwaltung/verbuende/4/mitglieder/7/"
    )


def test_the_membership_page_shows_member_role_since_and_history(
    coordinator: User, linnich: Membership
) -> None:
    response = logged_in(coordinator).get(_url(linnich))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-large">Mitgliedschaft: Stadt Linnich</h1>' in html
    for label, value in [
        ("Rolle", "Federführung"),
        ("Mitglied seit", "01.01.2024"),
        ("Austritt", "keiner vorgesehen"),
        ("Stand", "aktiv"),
        ("Regionalschlüssel", "053580036036"),
    ]:
        assert (
            f'<dt class="kern-description-list-item__key">{label}</dt>'
            f'<dd class="kern-description-list-item__value">{value}</dd>'
        ) in html
    periods = [(p.joined_on, p.left_on, p.role) for p in response.context["periods"]]
    assert periods == [
        (dt.date(2020, 1, 1), dt.date(2021, 12, 31), "member"),
        (dt.date(2024, 1, 1), None, "lead"),
    ]
    first = response.context["periods"][0]
    assert f'href="{_url(first)}">01.01.2020</a>' in html
    # The log of both memberships, in words.
    assert [(row.action, row.actor) for row in response.context["log"]] == [
        ("Mitglied aufgenommen", "System (automatisch)"),
        ("Mitgliedschaft beendet", "System (automatisch)"),
        ("Mitglied aufgenommen", "DLZ-Büro (koordination.dlz)"),
    ]
    assert "Austritt: 31.12.2021" in html
    assert response.context["end_form"] is not None


def test_the_coordinator_ends_the_membership_on_its_page(
    coordinator: User, linnich: Membership
) -> None:
    client = logged_in(coordinator)
    end = reverse(
        "staff:membership_end", kwargs={"pk": linnich.network_id, "membership_pk": linnich.pk}
    )
    response = client.post(end, {"left_on": "30.06.2026"}, follow=True)
    assert response.redirect_chain == [(_url(linnich), 302)]
    linnich.refresh_from_db()
    assert linnich.left_on == dt.date(2026, 6, 30)
    html = response.content.decode()
    assert "Die Mitgliedschaft von Stadt Linnich endet zum 30. Juni 2026." in html
    assert response.context["end_form"] is None
    assert "Mitgliedschaft beenden" not in html
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.actor_id, entry.changes) == (
        "networks.membership_ended",
        coordinator.pk,
        {"left_on": [None, "2026-06-30"]},
    )


@pytest.mark.parametrize(
    ("left_on", "message"),
    [
        ("31.02.2026", "Bitte geben Sie ein gültiges Austrittsdatum an."),
        ("31.12.2023", "Das Austrittsdatum liegt vor dem Beitritt."),
    ],
)
def test_a_bad_end_date_is_explained_and_nothing_changes(
    coordinator: User, linnich: Membership, left_on: str, message: str
) -> None:
    before = AuditEntry.objects.count()
    end = reverse(
        "staff:membership_end", kwargs={"pk": linnich.network_id, "membership_pk": linnich.pk}
    )
    response = logged_in(coordinator).post(end, {"left_on": left_on}, follow=True)
    assert message in response.content.decode()
    linnich.refresh_from_db()
    assert linnich.left_on is None
    assert AuditEntry.objects.count() == before


def test_member_staff_see_the_page_but_cannot_end_it(network: Network, linnich: Membership) -> None:
    clerk = AuthorityRoleFactory(authority=linnich.authority, user=UserFactory(demo=True)).user
    client = logged_in(clerk)
    response = client.get(_url(linnich))
    assert response.status_code == 200
    assert response.context["end_form"] is None
    assert "Mitgliedschaft beenden" not in response.content.decode()
    before = AuditEntry.objects.count()
    end = reverse("staff:membership_end", kwargs={"pk": network.pk, "membership_pk": linnich.pk})
    assert client.post(end, {"left_on": "30.06.2026"}).status_code == 403
    linnich.refresh_from_db()
    assert linnich.left_on is None
    assert AuditEntry.objects.count() == before
    # POST to the page itself is not a way in either.
    assert client.post(_url(linnich)).status_code == 405


def test_a_membership_of_another_network_is_not_found(
    coordinator: User, linnich: Membership
) -> None:
    other = NetworkFactory(name="Anderer Verbund")
    url = reverse("staff:membership", kwargs={"pk": other.pk, "membership_pk": linnich.pk})
    assert logged_in(coordinator).get(url).status_code == 404
