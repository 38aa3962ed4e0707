"""METS/MODS, EAD(DDB) and IIIF of the archive: validated against the official schemas,
exact elements, and the access rule on every address."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from lxml import etree
from PIL import Image

from tests.archive.conftest import World, ingest, jpeg, tiff
from tests.clients import logged_in
from verbund.archive.exports import iiif
from verbund.archive.exports.ead import EAD_NS
from verbund.archive.exports.mets import METS_NS, MODS_NS
from verbund.archive.models import Page

pytestmark = pytest.mark.django_db
M = {
    "mets": METS_NS,
    "mods": MODS_NS,
    "xlink": "http://www.w3.org/1999/xlink",
    "dv": "http://dfg-viewer.de/",
}
E = {"e": EAD_NS, "xlink": "http://www.w3.org/1999/xlink"}
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def scanned(world: World, handed: list[int]) -> World:
    """The public unit with three pages (one JPEG, a two-page TIFF), the first with ALTO;
    the members and own units with one page each."""
    ingest(
        world.public_unit,
        ("s1.jpg", jpeg((1300, 1700))),
        ("s2.tif", tiff([(900, 1200), (900, 1200)])),
    )
    first = Page.objects.get(unit=world.public_unit, position=1)
    first.alto = '<?xml version="1.0"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"/>'
    first.label = "1r"
    first.save()
    ingest(world.members_unit, ("m.jpg", jpeg((800, 1000))))
    ingest(world.own_unit, ("o.jpg", jpeg((800, 1000))))
    return world


def _page(world: World, unit: str, position: int = 1) -> Page:
    return Page.objects.get(unit=world.units()[unit], position=position)


# --- METS/MODS -------------------------------------------------------------------------


def test_mets_of_a_public_unit_is_valid_and_follows_the_dfg_profile(
    scanned: World, mets_schema: etree.XMLSchema, mods_schema: etree.XMLSchema
) -> None:
    unit = scanned.public_unit
    response = Client().get(f"/archiv/mets/{unit.pk}.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    doc = etree.fromstring(response.content)
    mets_schema.assertValid(doc)
    mods = doc.find(".//mods:mods", M)
    mods_schema.assertValid(etree.fromstring(etree.tostring(mods)))
    assert mods.findtext("mods:titleInfo/mods:title", namespaces=M) == "Kreisblatt 1848"
    assert mods.findtext("mods:identifier[@type='local']", namespaces=M) == "A 1/1"
    assert mods.findtext("mods:location/mods:physicalLocation", namespaces=M) == "Kreisarchiv Soest"
    assert mods.findtext("mods:location/mods:shelfLocator", namespaces=M) == "A 1/1"
    assert (
        mods.findtext("mods:recordInfo/mods:recordIdentifier", namespaces=M) == "DE-2410_A_1_A_1/1"
    )
    assert mods.findtext("mods:physicalDescription/mods:extent", namespaces=M) == "3 Seiten"
    assert mods.findtext("mods:accessCondition", namespaces=M) == "Öffentlich zugänglich."
    assert doc.findtext(".//dv:rights/dv:owner", namespaces=M) == "Kreisarchiv Soest"
    assert (
        doc.findtext(".//dv:rights/dv:ownerContact", namespaces=M)
        == "mailto:kreisarchiv@kreis-soest.example"
    )
    assert (
        doc.findtext(".//dv:links/dv:presentation", namespaces=M)
        == f"{BASE}/archiv/iiif/{unit.pk}/manifest.json"
    )
    assert (
        doc.findtext(".//dv:links/dv:reference", namespaces=M)
        == f"{BASE}/archiv/ead/{scanned.fonds.pk}.xml"
    )
    groups = {g.get("USE"): g for g in doc.iterfind(".//mets:fileGrp", M)}
    assert sorted(groups) == ["DEFAULT", "FULLTEXT", "THUMBS"]
    assert [len(groups[u]) for u in ("DEFAULT", "THUMBS", "FULLTEXT")] == [3, 3, 1]
    pages = Page.objects.filter(unit=unit).order_by("position")
    assert [f.find("mets:FLocat", M).get(f"{{{M['xlink']}}}href") for f in groups["DEFAULT"]] == [
        f"{BASE}/archiv/iiif/seiten/{p.pk}/full/max/0/default.jpg" for p in pages
    ]
    assert groups["FULLTEXT"][0].find("mets:FLocat", M).get(f"{{{M['xlink']}}}href") == (
        f"{BASE}/archiv/seiten/{pages[0].pk}/alto.xml"
    )
    physical = doc.findall(".//mets:structMap[@TYPE='PHYSICAL']/mets:div/mets:div", M)
    assert [(d.get("ORDER"), d.get("ORDERLABEL"), d.get("TYPE")) for d in physical] == [
        ("1", "1r", "page"),
        ("2", "2", "page"),
        ("3", "3", "page"),
    ]
    assert [len(d) for d in physical] == [3, 2, 2]
    logical = doc.find(".//mets:structMap[@TYPE='LOGICAL']/mets:div", M)
    assert (logical.get("TYPE"), logical.get("DMDID"), logical.get("ADMID")) == (
        "file",
        "DMDLOG_0000",
        "AMD",
    )
    links = doc.findall(".//mets:structLink/mets:smLink", M)
    assert [
        (link.get(f"{{{M['xlink']}}}from"), link.get(f"{{{M['xlink']}}}to")) for link in links
    ] == [
        ("LOG_0000", "PHYS_0001"),
        ("LOG_0000", "PHYS_0002"),
        ("LOG_0000", "PHYS_0003"),
    ]


def test_mets_of_a_unit_without_pages_is_valid(world: World, mets_schema: etree.XMLSchema) -> None:
    doc = etree.fromstring(Client().get(f"/archiv/mets/{world.public_unit.pk}.xml").content)
    mets_schema.assertValid(doc)
    assert doc.find("mets:fileSec", M) is None
    assert doc.find("mets:structLink", M) is None


def test_mets_of_a_members_unit_points_to_staff_addresses(
    scanned: World, mets_schema: etree.XMLSchema
) -> None:
    unit = scanned.members_unit
    response = logged_in(scanned.fellow_clerk).get(
        f"/verwaltung/archiv/austausch/mets/{unit.pk}.xml"
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    doc = etree.fromstring(response.content)
    mets_schema.assertValid(doc)
    page = _page(scanned, "members")
    href = doc.find(".//mets:fileGrp[@USE='DEFAULT']/mets:file/mets:FLocat", M).get(
        f"{{{M['xlink']}}}href"
    )
    assert (
        href == f"{BASE}/verwaltung/archiv/austausch/iiif/seiten/{page.pk}/full/max/0/default.jpg"
    )


# --- access ---------------------------------------------------------------------------


def _addresses(world: World, unit: str) -> list[str]:
    u = world.units()[unit]
    p = _page(world, unit)
    return [
        f"mets/{u.pk}.xml",
        f"iiif/{u.pk}/manifest.json",
        f"iiif/seiten/{p.pk}/info.json",
        f"iiif/seiten/{p.pk}/full/max/0/default.jpg",
        f"iiif/seiten/{p.pk}/0,0,512,512/512,512/0/default.jpg",
        f"seiten/{p.pk}/vorschau.jpg",
    ]


@pytest.mark.parametrize("unit", ["members", "own"])
def test_non_public_units_are_404_on_public_addresses_and_for_outsiders(
    scanned: World, unit: str
) -> None:
    outsider = logged_in(scanned.outsider_clerk)
    insider = logged_in(scanned.pilot_clerk)
    for address in _addresses(scanned, unit):
        assert Client().get(f"/archiv/{address}").status_code == 404, address
        assert insider.get(f"/archiv/{address}").status_code == 404, address
        assert outsider.get(f"/verwaltung/archiv/austausch/{address}").status_code == 404, address
        assert insider.get(f"/verwaltung/archiv/austausch/{address}").status_code == 200, address
    fellow = logged_in(scanned.fellow_clerk)
    expected = 200 if unit == "members" else 404
    assert (
        fellow.get(f"/verwaltung/archiv/austausch/{_addresses(scanned, unit)[1]}").status_code
        == expected
    )


def test_public_units_are_reachable_anonymously(scanned: World) -> None:
    anonymous = Client()
    for address in _addresses(scanned, "public"):
        response = anonymous.get(f"/archiv/{address}")
        assert response.status_code == 200, address
        assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        anonymous.get(
            f"/verwaltung/archiv/austausch/{_addresses(scanned, 'public')[0]}"
        ).status_code
        == 302
    )


# --- IIIF -------------------------------------------------------------------------------


def _iiif_schema() -> Path | None:
    for candidate in (
        os.environ.get("VERBUND_IIIF_SCHEMA", ""),
        str(
            Path(__file__).resolve().parents[3].parent
            / "shared"
            / "data"
            / "iiif"
            / "iiif_3_0.json"
        ),
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def test_manifest_of_a_public_unit(scanned: World) -> None:
    unit = scanned.public_unit
    response = Client().get(f"/archiv/iiif/{unit.pk}/manifest.json")
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    )
    manifest = json.loads(response.content)
    base = f"{BASE}/archiv/iiif/{unit.pk}"
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert (manifest["id"], manifest["type"]) == (f"{base}/manifest.json", "Manifest")
    assert manifest["label"] == {"de": ["A 1/1 Kreisblatt 1848"]}
    assert {m["label"]["de"][0]: m["value"]["de"][0] for m in manifest["metadata"]} == {
        "Signatur": "A 1/1",
        "Titel": "Kreisblatt 1848",
        "Bestand": "A 1 Landratsamt Soest",
        "Archiv": "Kreisarchiv Soest",
        "Verzeichnungsstufe": "Akte",
        "Zugang": "öffentlich",
    }
    assert manifest["rendering"][0]["id"] == f"{BASE}/archiv/mets/{unit.pk}.xml"
    pages = list(Page.objects.filter(unit=unit).order_by("position"))
    assert [c["id"] for c in manifest["items"]] == [f"{base}/canvas/{n}" for n in (1, 2, 3)]
    assert [(c["width"], c["height"]) for c in manifest["items"]] == [
        (p.width, p.height) for p in pages
    ]
    first = manifest["items"][0]
    annotation = first["items"][0]["items"][0]
    assert (annotation["motivation"], annotation["target"]) == ("painting", first["id"])
    service = f"{BASE}/archiv/iiif/seiten/{pages[0].pk}"
    assert annotation["body"]["id"] == f"{service}/full/max/0/default.jpg"
    assert annotation["body"]["service"] == [
        {"id": service, "type": "ImageService3", "profile": "level0"}
    ]
    assert first["seeAlso"][0]["id"] == f"{BASE}/archiv/seiten/{pages[0].pk}/alto.xml"
    assert "seeAlso" not in manifest["items"][1]
    assert manifest["thumbnail"][0]["id"] == f"{BASE}/archiv/seiten/{pages[0].pk}/vorschau.jpg"
    schema = _iiif_schema()
    if schema is None:
        pytest.skip("IIIF Presentation 3 JSON schema not available offline (see schemas/README.md)")
    import jsonschema

    jsonschema.validate(manifest, json.loads(schema.read_text()))


def test_image_service_level0_info_and_tiles(scanned: World) -> None:
    page = _page(scanned, "public")
    derivative = iiif.derivative_of(page)
    client = Client()
    info = json.loads(client.get(f"/archiv/iiif/seiten/{page.pk}/info.json").content)
    assert info["profile"] == "level0"
    assert info["type"] == "ImageService3"
    assert (info["width"], info["height"]) == (derivative.width, derivative.height)
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4, 8]}]
    base = f"/archiv/iiif/seiten/{page.pk}"
    assert client.get(base).status_code == 303
    tile = client.get(f"{base}/512,512,512,512/512,512/0/default.jpg")
    assert tile.status_code == 200
    assert tile["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(tile.content)).size == (512, 512)
    w, _h = derivative.width, derivative.height
    edge = client.get(f"{base}/1024,0,{w - 1024},512/{w - 1024},512/0/default.jpg")
    assert Image.open(io.BytesIO(edge.content)).size == (w - 1024, 512)
    scaled = client.get(f"{base}/0,0,1024,1024/512,512/0/default.jpg")
    assert Image.open(io.BytesIO(scaled.content)).size == (512, 512)
    size = info["sizes"][0]
    small = client.get(f"{base}/full/{size['width']},{size['height']}/0/default.jpg")
    assert Image.open(io.BytesIO(small.content)).size == (size["width"], size["height"])
    # Cut once, then read from storage: the same bytes.
    assert client.get(f"{base}/512,512,512,512/512,512/0/default.jpg").content == tile.content
    assert client.get(f"{base}/10,10,100,100/100,100/0/default.jpg").status_code == 400
    assert client.get(f"{base}/full/77,/0/default.jpg").status_code == 400


# --- EAD(DDB) -----------------------------------------------------------------------------


def test_public_ead_holds_public_units_only(scanned: World, ead_schema: etree.XMLSchema) -> None:
    fonds = scanned.fonds
    response = Client().get(f"/archiv/ead/{fonds.pk}.xml")
    assert response.status_code == 200
    doc = etree.fromstring(response.content)
    ead_schema.assertValid(doc)
    assert doc.get("audience") == "external"
    header = doc.find("e:eadheader", E)
    assert header.get("repositoryencoding") == "iso15511"
    assert header.get("langencoding") == "iso639-2b"
    assert header.find("e:eadid", E).get("mainagencycode") == "DE-2410"
    archdesc = doc.find("e:archdesc", E)
    assert (archdesc.get("level"), archdesc.get("type")) == ("collection", "Findbuch")
    assert archdesc.findtext("e:did/e:repository/e:corpname", namespaces=E) == "Kreisarchiv Soest"
    collection = archdesc.find("e:dsc/e:c", E)
    assert collection.get("level") == "collection"
    assert collection.findtext("e:did/e:unitid", namespaces=E) == "A 1"
    units = collection.findall("e:c", E)
    assert [(c.get("level"), c.findtext("e:did/e:unitid", namespaces=E)) for c in units] == [
        ("file", "A 1/1")
    ]
    unit = scanned.public_unit
    page = _page(scanned, "public")
    roles = {
        d.get(f"{{{E['xlink']}}}role"): d.get(f"{{{E['xlink']}}}href")
        for d in units[0].iterfind("e:daogrp/e:daoloc", E)
    }
    assert roles == {
        "METS": f"{BASE}/archiv/mets/{unit.pk}.xml",
        "image_full": f"{BASE}/archiv/iiif/seiten/{page.pk}/full/max/0/default.jpg",
        "externer_viewer": "https://dfg-viewer.de/show?tx_dlf%5Bid%5D="
        + f"http%3A%2F%2F127.0.0.1%3A8000%2Farchiv%2Fmets%2F{unit.pk}.xml",
    }


def test_staff_ead_holds_what_the_user_sees(scanned: World, ead_schema: etree.XMLSchema) -> None:
    address = f"/verwaltung/archiv/austausch/ead/{scanned.fonds.pk}.xml"

    def codes(user: Any) -> list[str]:
        response = logged_in(user).get(address)
        assert response.status_code == 200
        doc = etree.fromstring(response.content)
        ead_schema.assertValid(doc)
        return [
            c.findtext("e:did/e:unitid", namespaces=E)
            for c in doc.iterfind("e:archdesc/e:dsc/e:c/e:c", E)
        ]

    assert codes(scanned.pilot_clerk) == ["A 1/1", "A 1/2", "A 1/3"]
    assert codes(scanned.fellow_clerk) == ["A 1/1", "A 1/2"]
    assert logged_in(scanned.outsider_clerk).get(address).status_code == 404


def test_a_fonds_without_public_units_has_no_public_ead(world: World) -> None:
    world.public_unit.access = "own"
    world.public_unit.save()
    assert Client().get(f"/archiv/ead/{world.fonds.pk}.xml").status_code == 404
