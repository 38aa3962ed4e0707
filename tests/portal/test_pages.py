"""The public portal, the legal pages and their staff editor."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.clients import logged_in
from tests.factories import AuthorityFactory, LegalPageFactory, make_user
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.core.models import AuditEntry
from verbund.portal.models import ConformityStatus, LegalPage, LegalPageKind
from verbund.portal.services import legal_page_save

pytestmark = pytest.mark.django_db


def _html(response: Any) -> str:
    return str(response.content.decode())


# --- Start page, language, search -------------------------------------------------


def test_start_page_in_german(client: Client) -> None:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = _html(response)
    assert '<html lang="de">' in html
    assert "Verwaltungsleistungen Ihrer Kommune online" in html
    assert "Ort oder Postleitzahl" in html
    assert 'href="/konto/anmelden/"' in html
    assert "Für Mitarbeitende: Anmelden" in html
    # Shell: skip link first, landmarks, Kopfzeile, footer links, no JavaScript.
    assert re.search(r"<body>\s*<a class=\"verbund-skip-link\" href=\"#main\">", html)
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in html
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert f'href="{path}"' in html
    assert "<script" not in html


def test_the_header_claims_nothing_official_without_an_operator(
    client: Client, settings: Any
) -> None:
    # A municipal platform is no website of the Bundesrepublik Deutschland; with no
    # operator configured the header says nothing about who runs it.
    settings.VERBUND_OPERATOR_NAME = ""
    html = _html(client.get(reverse("portal:home")))
    assert "Offizielle Website" not in html
    assert "Bundesrepublik" not in html
    assert "kern-kopfzeile" not in html


def test_the_header_names_the_operator(client: Client, settings: Any) -> None:
    settings.VERBUND_OPERATOR_NAME = "Kommunales Rechenzentrum Niederrhein"
    for path in (reverse("portal:home"), "/leistungen/", "/gibt-es-nicht/"):
        html = _html(client.get(path))
        labels = re.findall(r'<span class="kern-kopfzeile__label">([^<]*)</span>', html)
        assert labels == ["Offizielle Website – Kommunales Rechenzentrum Niederrhein"], path
        assert "Bundesrepublik" not in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = _html(client.get(reverse("portal:home")))
    assert (
        '<span class="kern-kopfzeile__label">Official website – Kommunales Rechenzentrum '
        "Niederrhein</span>"
    ) in html


def test_language_switch_to_english_and_back(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = _html(client.get(reverse("portal:home")))
    assert '<html lang="en">' in html
    assert "Administrative services of your municipality online" in html
    assert "Place or postcode" in html
    assert "Skip to content" in html
    assert "Verwaltungsleistungen Ihrer Kommune online" not in html

    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert "Ort oder Postleitzahl" in _html(client.get(reverse("portal:home")))


def test_search_lists_places_with_their_kreis(client: Client, authority: Authority) -> None:
    response = client.get(reverse("portal:home"), {"q": "Merzenich"})
    assert response.status_code == 200
    html = _html(response)
    assert "Suchergebnisse" in html
    place_url = reverse("catalogue:place", kwargs={"ars": authority.ars})
    # Official names: the place and its Kreis say what they are.
    assert f'<a class="kern-link" href="{place_url}">Gemeinde Merzenich</a>' in html
    assert "Kreisangehörige Gemeinde" in html
    assert '<td class="kern-table__cell">Landkreis Düren</td>' in html
    assert "Kein Ort gefunden" not in html
    # The typed query stays in the field.
    assert 'value="Merzenich"' in html


def test_search_without_match_says_so(client: Client, authority: Authority) -> None:
    html = _html(client.get(reverse("portal:home"), {"q": "Xyzzyhausen"}))
    assert "Kein Ort gefunden" in html
    assert "Xyzzyhausen" in html
    assert "<table" not in html


def test_search_shows_at_most_ten_places(client: Client, kreis: Authority) -> None:
    for number in range(12):
        AuthorityFactory(ars=f"05358{number:07d}", name=f"Musterdorf {number}", parent=kreis)
    html = _html(client.get(reverse("portal:home"), {"q": "Musterdorf"}))
    assert html.count('<th scope="row"') == 10


def test_empty_search_asks_for_input(client: Client, db: None) -> None:
    html = _html(client.get(reverse("portal:home"), {"q": "  "}))
    assert 'role="alert"' in html
    assert "Bitte geben Sie einen Ort oder eine Postleitzahl ein." in html
    assert 'href="#id_q"' in html
    assert "Kein Ort gefunden" not in html


# --- Public legal pages -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["impressum", "datenschutz", "barrierefreiheit"])
def test_platform_legal_pages_name_the_operator(client: Client, settings: Any, kind: str) -> None:
    settings.VERBUND_OPERATOR_NAME = "Zweckverband Kommunale IT"
    settings.VERBUND_OPERATOR_ADDRESS = "Rathausplatz 1\n52399 Merzenich"
    settings.VERBUND_OPERATOR_EMAIL = "portal@example.org"
    response = client.get(reverse("portal:platform_legal", kwargs={"kind": kind}))
    assert response.status_code == 200
    html = _html(response)
    assert "Zweckverband Kommunale IT" in html
    assert "mailto:portal@example.org" in html
    if kind != "barrierefreiheit":
        assert "Rathausplatz 1<br>52399 Merzenich" in html


def test_platform_legal_pages_work_without_operator_settings(client: Client) -> None:
    for kind in LegalPageKind.values:
        assert (
            client.get(reverse("portal:platform_legal", kwargs={"kind": kind})).status_code == 200
        )


def test_platform_accessibility_statement_names_the_schlichtungsstelle(
    client: Client, settings: Any
) -> None:
    settings.VERBUND_ACCESSIBILITY_STATEMENT_DATE = "2026-12-01"
    html = _html(client.get(reverse("portal:platform_legal", kwargs={"kind": "barrierefreiheit"})))
    assert "<strong>teilweise vereinbar</strong>" in html
    assert "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)" in html
    assert "am 1. Dezember 2026 erstellt" in html


def test_member_home_lists_published_pages(client: Client, authority: Authority) -> None:
    LegalPageFactory(authority=authority, kind=LegalPageKind.PRIVACY)
    LegalPageFactory(authority=authority, kind=LegalPageKind.IMPRINT)
    response = client.get(reverse("portal:member_home", kwargs={"ars": authority.ars}))
    assert response.status_code == 200
    html = _html(response)
    imprint = reverse("portal:member_legal", kwargs={"ars": authority.ars, "kind": "impressum"})
    privacy = reverse("portal:member_legal", kwargs={"ars": authority.ars, "kind": "datenschutz"})
    assert html.index(imprint) < html.index(privacy)
    assert "barrierefreiheit/" not in html.split("<main", 1)[1].split("</main>")[0]


def test_member_home_without_pages_and_unknown_place(client: Client, authority: Authority) -> None:
    html = _html(client.get(reverse("portal:member_home", kwargs={"ars": authority.ars})))
    assert "noch keine rechtlichen Angaben" in html
    assert client.get("/orte/099999999999/").status_code == 404


def test_member_imprint_page(client: Client, authority: Authority) -> None:
    LegalPageFactory(authority=authority, body="Herausgeber: Gemeinde Merzenich\nValdersweg 1")
    response = client.get(
        reverse("portal:member_legal", kwargs={"ars": authority.ars, "kind": "impressum"})
    )
    assert response.status_code == 200
    html = _html(response)
    assert "<p>Herausgeber: Gemeinde Merzenich<br>Valdersweg 1</p>" in html
    assert "Stand: 15. Januar 2026" in html


def test_member_legal_page_escapes_the_body(client: Client, authority: Authority) -> None:
    LegalPageFactory(authority=authority, body="<script>alert(1)</script>")
    html = _html(client.get(f"/orte/{authority.ars}/impressum/"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_member_accessibility_statement_has_the_bitv_structure(
    client: Client, authority: Authority
) -> None:
    LegalPageFactory(
        authority=authority,
        kind=LegalPageKind.ACCESSIBILITY,
        body="Einige PDF-Dokumente sind nicht barrierefrei.",
        contact_email="barrierefrei@merzenich.de",
        conformity=ConformityStatus.PARTIAL,
        reviewed_on=dt.date(2026, 3, 1),
    )
    html = _html(client.get(f"/orte/{authority.ars}/barrierefreiheit/"))
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings == [
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren",
    ]
    assert "Die Seiten von Gemeinde Merzenich auf Verbund sind" in html
    assert "<strong>teilweise vereinbar</strong>" in html
    assert "Einige PDF-Dokumente sind nicht barrierefrei." in html
    assert 'href="mailto:barrierefrei@merzenich.de"' in html
    assert "am 1. März 2026 erstellt" in html
    assert "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)" in html


def test_member_legal_page_not_found(client: Client, authority: Authority) -> None:
    LegalPageFactory(authority=authority)
    assert client.get(f"/orte/{authority.ars}/datenschutz/").status_code == 404
    assert client.get("/orte/099999999999/impressum/").status_code == 404
    assert client.get(f"/orte/{authority.ars}/agb/").status_code == 404


# --- Staff: editing legal pages ----------------------------------------------------


def _edit_url(authority: Authority, kind: str = "barrierefreiheit") -> str:
    return reverse("staff:legal_page_edit", kwargs={"authority_pk": authority.pk, "kind": kind})


VALID_STATEMENT = {
    "body": "Videos haben noch keine Untertitel.",
    "contact_email": "barrierefrei@merzenich.de",
    "conformity": "partial",
    "reviewed_on": "01.03.2026",
}


def _pages() -> list[dict[str, Any]]:
    return list(LegalPage.objects.order_by("pk").values())


def test_admin_sees_the_staff_header_and_an_empty_form(
    demo_on: None, admin: User, authority: Authority
) -> None:
    response = logged_in(admin).get(_edit_url(authority))
    assert response.status_code == 200
    html = _html(response)
    assert "Angemeldet: Anna Admin" in html
    assert f'href="{reverse("staff:home")}"' in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert "noch nicht veröffentlicht" in html
    assert 'name="conformity"' in html
    assert 'role="alert"' not in html


def test_imprint_form_has_no_conformity(demo_on: None, admin: User, authority: Authority) -> None:
    html = _html(logged_in(admin).get(_edit_url(authority, "impressum")))
    assert 'name="body"' in html
    assert 'name="conformity"' not in html


def test_admin_saves_the_statement(demo_on: None, admin: User, authority: Authority) -> None:
    client = logged_in(admin)
    before = AuditEntry.objects.count()
    response = client.post(_edit_url(authority), VALID_STATEMENT)
    assert response.status_code == 302
    assert response["Location"] == _edit_url(authority)

    page = LegalPage.objects.get()
    assert (
        page.authority_id,
        page.kind,
        page.body,
        page.contact_email,
        page.conformity,
        page.reviewed_on,
    ) == (
        authority.pk,
        "barrierefreiheit",
        "Videos haben noch keine Untertitel.",
        "barrierefrei@merzenich.de",
        "partial",
        dt.date(2026, 3, 1),
    )
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.authority_id, entry.actor_id, entry.object_id) == (
        "portal.legal_page_saved",
        authority.pk,
        admin.pk,
        str(page.pk),
    )
    assert entry.changes["conformity"] == [None, "partial"]

    html = _html(client.get(response["Location"]))
    assert "Erklärung zur Barrierefreiheit von Merzenich wurde gespeichert." in html
    assert 'value="barrierefrei@merzenich.de"' in html


def test_saving_unchanged_values_records_nothing(
    demo_on: None, admin: User, authority: Authority
) -> None:
    client = logged_in(admin)
    client.post(_edit_url(authority), VALID_STATEMENT)
    count = AuditEntry.objects.count()
    assert client.post(_edit_url(authority), VALID_STATEMENT).status_code == 302
    assert AuditEntry.objects.count() == count


def test_an_update_records_only_the_changes(
    demo_on: None, admin: User, authority: Authority
) -> None:
    page = LegalPageFactory(authority=authority, body="Alt", reviewed_on=dt.date(2026, 1, 15))
    response = logged_in(admin).post(
        _edit_url(authority, "impressum"),
        {"body": "Neu", "contact_email": "", "reviewed_on": "15.01.2026"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Neu"
    entry = AuditEntry.objects.get()
    assert entry.changes == {"body": ["Alt", "Neu"]}


def test_clerk_is_forbidden_and_nothing_changes(
    demo_on: None, clerk: User, authority: Authority
) -> None:
    LegalPageFactory(authority=authority, kind=LegalPageKind.ACCESSIBILITY, conformity="full")
    pages, entries = _pages(), AuditEntry.objects.count()
    client = logged_in(clerk)
    assert client.get(_edit_url(authority)).status_code == 403
    assert client.post(_edit_url(authority), VALID_STATEMENT).status_code == 403
    assert _pages() == pages
    assert AuditEntry.objects.count() == entries


def test_admin_of_another_authority_gets_not_found(
    demo_on: None, other_admin: User, authority: Authority
) -> None:
    LegalPageFactory(authority=authority, kind=LegalPageKind.ACCESSIBILITY, conformity="full")
    pages, entries = _pages(), AuditEntry.objects.count()
    client = logged_in(other_admin)
    assert client.get(_edit_url(authority)).status_code == 404
    assert client.post(_edit_url(authority), VALID_STATEMENT).status_code == 404
    assert _pages() == pages
    assert AuditEntry.objects.count() == entries


def test_invalid_form_shows_the_error_summary_and_keeps_the_input(
    demo_on: None, admin: User, authority: Authority
) -> None:
    entries = AuditEntry.objects.count()
    response = logged_in(admin).post(
        _edit_url(authority),
        {**VALID_STATEMENT, "body": "", "contact_email": "keine-adresse"},
    )
    assert response.status_code == 200
    html = _html(response)
    summary = html.split('role="alert"', 1)[1].split("</div>\n</div>", 1)[0]
    assert '<a class="kern-link" href="#id_body">Bitte geben Sie den Text der Seite ein.</a>' in (
        summary
    )
    assert 'href="#id_contact_email">Bitte geben Sie eine E-Mail-Adresse im Format' in summary
    assert 'tabindex="-1"' in html.split('role="alert"', 1)[1][:200]
    # At the fields: the message, referenced by the input.
    assert 'id="id_contact_email_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_contact_email_error"', html)
    assert re.search(r'<textarea[^>]*aria-invalid="true"', html)
    # What was typed stays.
    assert 'value="keine-adresse"' in html
    assert 'value="01.03.2026"' in html
    assert re.search(r'value="partial"[^>]*checked', html)
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Fehler:" in html
    assert not LegalPage.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_anonymous_is_sent_to_login(authority: Authority) -> None:
    response = Client().get(_edit_url(authority))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_second_factor_is_required(authority: Authority) -> None:
    # Demo mode is off: the exempt flag does not help.
    user = make_user(demo=True)
    response = logged_in(user).get(_edit_url(authority))
    assert response.status_code == 302
    assert "zweiter-faktor" in response["Location"]


def test_unknown_kind_is_not_found(demo_on: None, admin: User, authority: Authority) -> None:
    assert (
        logged_in(admin).get(f"/verwaltung/behoerden/{authority.pk}/seiten/agb/").status_code == 404
    )


# --- Service --------------------------------------------------------------------------


def test_service_drops_conformity_outside_the_statement(authority: Authority) -> None:
    page = legal_page_save(
        actor=None,
        authority=authority,
        kind=LegalPageKind.PRIVACY,
        body="Datenschutz",
        contact_email="",
        conformity="full",
        reviewed_on=dt.date(2026, 1, 1),
    )
    assert page.conformity == ""
    assert AuditEntry.objects.get().changes["kind"] == [None, "datenschutz"]


def test_service_requires_status_and_contact_for_the_statement(authority: Authority) -> None:
    with pytest.raises(ValidationError):
        legal_page_save(
            actor=None,
            authority=authority,
            kind=LegalPageKind.ACCESSIBILITY,
            body="Alles barrierefrei.",
            contact_email="",
            conformity="full",
            reviewed_on=dt.date(2026, 1, 1),
        )
    assert not LegalPage.objects.exists()
    assert not AuditEntry.objects.exists()
