"""A small world for the search: Kreis A's archive with a public, a members and an own
unit; Gemeinde B, A's fellow in a network; Gemeinde C outside it; a staff user of each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import AuthorityFactory, AuthorityRoleFactory, MembershipFactory, make_user
from verbund.accounts.models import User
from verbund.archive.models import AccessLevel, Archive, Fonds, OcrStatus, Page, Unit
from verbund.archive.search.services import page_index
from verbund.authorities.models import Authority


@dataclass
class World:
    kreis: Authority
    fellow: Authority
    outsider: Authority
    own_staff: User
    fellow_staff: User
    outsider_staff: User
    archive: Archive
    fonds: Fonds
    public: Unit
    members: Unit
    own: Unit


def make_page(unit: Unit, position: int, text: str, *, alto: str = "", **extra: Any) -> Page:
    page = Page.objects.create(
        unit=unit,
        authority_id=unit.authority_id,
        position=position,
        master=f"archive/masters/p{unit.pk}-{position}.png",
        master_name=f"seite-{position}.png",
        master_type="image/png",
        master_size=1000,
        master_sha512="0" * 128,
        width=extra.pop("width", 1000),
        height=extra.pop("height", 1400),
        image=f"archive/images/p{unit.pk}-{position}.jpg",
        thumbnail=f"archive/thumbnails/p{unit.pk}-{position}.jpg",
        ocr_status=extra.pop("ocr_status", OcrStatus.DONE),
        text=text,
        alto=alto,
        **extra,
    )
    page_index(page)
    return page


def make_unit(fonds: Fonds, code: str, access: str, title: str = "") -> Unit:
    return Unit.objects.create(
        fonds=fonds,
        authority_id=fonds.authority_id,
        reference_code=code,
        title=title or f"Akte {code}",
        access=access,
    )


@pytest.fixture
def world(db: None) -> World:
    kreis = AuthorityFactory(kreis=True, name="Testkreis")
    fellow = AuthorityFactory(name="Nachbargemeinde")
    outsider = AuthorityFactory(name="Fremdgemeinde")
    network = MembershipFactory(authority=kreis).network
    MembershipFactory(network=network, authority=fellow)
    MembershipFactory(authority=outsider)  # another network
    users = {}
    for name, authority in (("own", kreis), ("fellow", fellow), ("outsider", outsider)):
        users[name] = make_user(username=f"{name}-staff")
        AuthorityRoleFactory(user=users[name], authority=authority)
    archive = Archive.objects.create(authority=kreis, name="Kreisarchiv Testkreis")
    fonds = Fonds.objects.create(
        archive=archive, authority=kreis, reference_code="B 1", title="Gemeinderatsprotokolle"
    )
    return World(
        kreis,
        fellow,
        outsider,
        users["own"],
        users["fellow"],
        users["outsider"],
        archive,
        fonds,
        make_unit(fonds, "1", AccessLevel.PUBLIC, "Protokolle 1887"),
        make_unit(fonds, "2", AccessLevel.MEMBERS, "Protokolle 1950"),
        make_unit(fonds, "3", AccessLevel.OWN, "Personalakten"),
    )
