"""Who sees and changes what in the archive, as a table: each access level of a unit
against the archive's own staff, a network fellow's staff, an outsider's staff and an
anonymous visitor; the same rule through the selectors the other parts use."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.archive.conftest import World, ingest, png
from verbund.archive.models import Archive, Fonds, OcrProfile, Page, Unit
from verbund.archive.selectors import visible_pages, visible_units
from verbund.core.access import Action, scoped

pytestmark = pytest.mark.django_db

# who → the units (by access level) they may see
SEES = {
    "pilot_clerk": {"public", "members", "own"},
    "pilot_admin": {"public", "members", "own"},
    "fellow_clerk": {"public", "members"},
    "outsider_clerk": {"public"},
    "anonymous": {"public"},
}


def _user(world: World, who: str) -> object:
    return AnonymousUser() if who == "anonymous" else getattr(world, who)


@pytest.mark.parametrize("who", sorted(SEES))
def test_units_and_pages_follow_the_access_flag(world: World, handed: list[int], who: str) -> None:
    pages = {
        level: ingest(unit, (f"{level}.png", png((300, 400)))).pages[0]
        for level, unit in world.units().items()
    }
    user = _user(world, who)
    expected_units = {world.units()[level].pk for level in SEES[who]}
    expected_pages = {pages[level].pk for level in SEES[who]}

    assert set(visible_units(user).values_list("pk", flat=True)) == expected_units
    assert set(visible_pages(user).values_list("pk", flat=True)) == expected_pages
    staff_view = set() if who == "anonymous" else expected_units
    assert set(scoped(user, Unit).values_list("pk", flat=True)) == staff_view
    page_view = set() if who == "anonymous" else expected_pages
    assert set(scoped(user, Page).values_list("pk", flat=True)) == page_view


# who → (archives seen, may change the pilot's units, may manage the pilot's archive)
RIGHTS = {
    "pilot_clerk": ({"Kreisarchiv Soest", "Kreisarchiv Olpe"}, True, False),
    "pilot_admin": ({"Kreisarchiv Soest", "Kreisarchiv Olpe"}, True, True),
    "fellow_clerk": ({"Kreisarchiv Soest", "Kreisarchiv Olpe"}, False, False),
    "fellow_admin": ({"Kreisarchiv Soest", "Kreisarchiv Olpe"}, False, False),
    "outsider_clerk": (set(), False, False),
}


@pytest.mark.parametrize("who", sorted(RIGHTS))
def test_archives_holdings_and_changes(world: World, who: str) -> None:
    user = getattr(world, who)
    archives, may_change, may_manage = RIGHTS[who]
    assert set(scoped(user, Archive).values_list("name", flat=True)) == archives
    assert (world.fonds in scoped(user, Fonds)) == bool(archives)
    changeable = set(scoped(user, Unit, Action.CHANGE).values_list("pk", flat=True))
    assert changeable == ({u.pk for u in world.units().values()} if may_change else set())
    assert (world.archive in scoped(user, Archive, Action.CHANGE)) == may_change
    assert (world.archive in scoped(user, Archive, Action.MANAGE)) == may_manage


def test_a_membership_that_ended_ends_the_members_access(world: World) -> None:
    world.network.memberships.filter(authority=world.fellow).update(left_on="2024-12-31")
    assert set(visible_units(world.fellow_clerk)) == {world.public_unit}
    assert list(scoped(world.fellow_clerk, Archive)) == [world.fellow_archive]


def test_profiles_own_shared_and_in_use(world: World) -> None:
    fellow_profile = world.fellow_archive.profile
    assert set(scoped(world.fellow_clerk, OcrProfile)) == {fellow_profile}
    OcrProfile.objects.filter(pk=world.profile.pk).update(shared=True)
    assert set(scoped(world.fellow_clerk, OcrProfile)) == {fellow_profile, world.profile}
    assert set(scoped(world.outsider_clerk, OcrProfile)) == {world.profile}
    assert list(scoped(world.fellow_clerk, OcrProfile, Action.CHANGE)) == [fellow_profile]
    assert list(scoped(world.fellow_clerk, OcrProfile, Action.MANAGE)) == []
    assert list(scoped(world.fellow_admin, OcrProfile, Action.MANAGE)) == [fellow_profile]
