"""The search pages: public and staff, the hit on its page image, bad input, images."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from tests.archive.search.conftest import World, make_page
from tests.clients import logged_in
from verbund.archive.models import Page
from verbund.archive.search.highlight import Box, boxes
from verbund.core.models import AuditEntry

ALTO = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
  <Layout><Page WIDTH="1000" HEIGHT="1400" PHYSICAL_IMG_NR="0" ID="page_0">
    <PrintSpace HPOS="0" VPOS="0" WIDTH="1000" HEIGHT="1400">
      <TextBlock ID="block_0"><TextLine ID="line_0" HPOS="100" VPOS="200" WIDTH="800" HEIGHT="40">
        <String ID="s1" HPOS="100" VPOS="200" WIDTH="220" HEIGHT="40"
          CONTENT="Protokolle" WC="0.91"/>
        <SP/><String ID="s2" HPOS="330" VPOS="200" WIDTH="60" HEIGHT="40"
          CONTENT="der" WC="0.95"/>
        <SP/><String ID="s3" HPOS="400" VPOS="202" WIDTH="180" HEIGHT="38"
          CONTENT="Sitzung," WC="0.88"/>
        <SP/><String ID="s4" HPOS="590" VPOS="200" WIDTH="200" HEIGHT="40"
          CONTENT="Gemeinde-" SUBS_CONTENT="Gemeinderath" SUBS_TYPE="HypPart1"/>
      </TextLine><TextLine ID="line_1" HPOS="100" VPOS="260" WIDTH="800" HEIGHT="40">
        <String ID="s5" HPOS="100" VPOS="260" WIDTH="120" HEIGHT="40"
          CONTENT="rath" SUBS_CONTENT="Gemeinderath" SUBS_TYPE="HypPart2"/>
        <SP/><String ID="s6" HPOS="230" VPOS="261" WIDTH="210" HEIGHT="39"
          CONTENT="Protokoll" WC="0.7"/>
      </TextLine></TextBlock>
    </PrintSpace></Page></Layout>
</alto>"""
TEXT = "Protokolle der Sitzung, Gemeinde-\nrath Protokoll"


def test_boxes_of_a_known_alto_are_exact() -> None:
    found = boxes(ALTO, ["protokoll"])
    assert found is not None
    assert (found.width, found.height) == (1000, 1400)
    assert found.boxes == [
        Box(100, 200, 220, 40, "Protokolle"),
        Box(230, 261, 210, 39, "Protokoll"),
    ]
    both = boxes(ALTO, ["sitzung", "gemeinderath"])
    assert both is not None
    assert [(b.x, b.y, b.word) for b in both.boxes] == [
        (400, 202, "Sitzung,"),
        (590, 200, "Gemeinde-"),
        (100, 260, "rath"),
    ]
    assert boxes("", ["protokoll"]) is None
    assert boxes("<alto><broken", ["protokoll"]) is None


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (100, 140), "white").save(out, "JPEG")
    return out.getvalue()


def _with_image(page: Page) -> Page:
    page.image.save(f"seite-{page.pk}.jpg", ContentFile(_jpeg()), save=True)
    return page


@pytest.fixture
def pages(world: World) -> dict[str, Page]:
    return {
        "public": _with_image(make_page(world.public, 1, TEXT, alto=ALTO)),
        "members": _with_image(
            make_page(world.members, 1, "Protokoll Kanalisation Bauausschuss", alto=ALTO)
        ),
        "own": _with_image(make_page(world.own, 1, "Protokoll Geheimrat", alto=ALTO)),
    }


def test_public_search_page(world: World, pages: dict[str, Page]) -> None:
    response = Client().get("/archiv/suche/", {"q": "Protokoll"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="kern-body" role="status">1 Seite gefunden.</p>' in html
    assert f'href="/archiv/suche/seiten/{pages["public"].pk}/?q=Protokoll"' in html
    assert "<mark>Protokolle</mark> der Sitzung" in html
    assert "Kanalisation" not in html
    assert "Geheimrat" not in html
    empty = Client().get("/archiv/suche/", {"q": "Kanalisation"})
    assert empty.status_code == 200
    assert "0 Seiten gefunden." in empty.content.decode()
    assert "Kanalisation</mark>" not in empty.content.decode()


def test_public_search_without_a_query_shows_the_form() -> None:
    response = Client().get("/archiv/suche/")
    assert response.status_code == 200
    assert 'id="id_q"' in response.content.decode()
    assert "Suchergebnisse" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"q": "der und die"}, "nicht nur Wörter wie „der“ oder „und“"),
        ({"q": "x" * 201}, "höchstens 200 Zeichen"),
        ({"q": "Protokoll", "page": "abc"}, "Die Seite der Trefferliste muss eine Zahl"),
        ({"q": "Protokoll", "page": "0"}, "Die Seite der Trefferliste muss eine Zahl"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    world: World, params: dict[str, str], message: str
) -> None:
    before = AuditEntry.objects.count()
    response = Client().get("/archiv/suche/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert message in html
    assert AuditEntry.objects.count() == before


def test_a_page_of_hits_past_the_last_is_a_404(world: World, pages: dict[str, Page]) -> None:
    assert Client().get("/archiv/suche/", {"q": "Protokoll", "page": "2"}).status_code == 404


def test_public_hit_page_marks_the_words_on_the_image(pages: dict[str, Page]) -> None:
    page = pages["public"]
    response = Client().get(f"/archiv/suche/seiten/{page.pk}/", {"q": "Protokoll"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'viewBox="0 0 1000 1400"' in html
    assert f'<image href="/archiv/seiten/{page.pk}/bild.jpg"' in html
    assert re.findall(r'<rect class="archive-search-box" x="(\d+)" y="(\d+)"', html) == [
        ("100", "200"),
        ("230", "261"),
    ]
    assert "2 Fundstellen sind markiert." in html
    assert "style=" not in html


def test_public_pages_and_images_of_other_units_are_404(pages: dict[str, Page]) -> None:
    client = Client()
    image = client.get(f"/archiv/seiten/{pages['public'].pk}/bild.jpg")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content)[:2] == b"\xff\xd8"
    for key in ("members", "own"):
        assert client.get(f"/archiv/seiten/{pages[key].pk}/bild.jpg").status_code == 404
        assert client.get(f"/archiv/suche/seiten/{pages[key].pk}/").status_code == 404
    assert client.get("/archiv/seiten/999999/bild.jpg").status_code == 404


def test_staff_search_covers_what_the_user_may_see(
    world: World, pages: dict[str, Page], demo_on: None
) -> None:
    def count(user: object) -> str:
        response = logged_in(user).get("/verwaltung/archiv/suche/", {"q": "Protokoll"})
        assert response.status_code == 200
        return re.findall(r'role="status">(\d+) Seiten? gefunden', response.content.decode())[0]

    for user in (world.own_staff, world.fellow_staff, world.outsider_staff):
        user.two_factor_exempt = True
        user.save(update_fields=["two_factor_exempt"])
    assert count(world.own_staff) == "3"
    assert count(world.fellow_staff) == "2"
    assert count(world.outsider_staff) == "1"
    fellow = logged_in(world.fellow_staff)
    assert fellow.get(f"/verwaltung/archiv/suche/seiten/{pages['members'].pk}/").status_code == 200
    assert fellow.get(f"/verwaltung/archiv/suche/seiten/{pages['own'].pk}/").status_code == 404
    image = f"/verwaltung/archiv/suche/seiten/{pages['own'].pk}/bild.jpg"
    assert fellow.get(image).status_code == 404
    assert logged_in(world.own_staff).get(image).status_code == 200


def test_staff_search_needs_a_login() -> None:
    response = Client().get("/verwaltung/archiv/suche/", {"q": "Protokoll"})
    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


def test_the_page_says_when_there_are_more_hits_than_the_cap(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.archive.search.conftest import make_page

    monkeypatch.setattr("verbund.archive.search.index.CAP", 3)
    for n in range(1, 6):
        make_page(world.public, n, "Haushaltsplan der Gemeinde")
    page = Client().get("/archiv/suche/", {"q": "Haushaltsplan"}).content.decode()
    assert (
        "Mehr als 3 Seiten gefunden. Die ersten 3 sind nach der Reihenfolge der Seiten "
        "aufgeführt, nicht nach Relevanz; ein weiteres Wort grenzt die Suche ein."
    ) in page
    monkeypatch.setattr("verbund.archive.search.index.CAP", 1000)
    page = Client().get("/archiv/suche/", {"q": "Haushaltsplan"}).content.decode()
    assert "5 Seiten gefunden." in page
    assert "Mehr als" not in page
